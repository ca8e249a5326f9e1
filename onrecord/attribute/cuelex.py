"""A cue lexicon learned from annotated attributions: which lemmas are cues, how often, and where their content sits.

Built by `scripts/train_cue_lexicon.py` (counting in onrecord/training/cue_lexicon.py) from PolNeAR
train and shipped as `data/cue_lexicon.json`.
For each lemma the lexicon keeps how often a token with that lemma heads an annotated cue (`n`) out
of how often it occurs (`total`), and, over those cues, the share of contents that are the
cue's clausal complement (`ccomp`), direct object (`dobj`) or open complement (`xcomp`).
It also lists the lemmas, of any part of speech, that almost never head a cue ("of", "would",
"out"): a cue the learned tagger finds with one of those as its head is a tagging slip.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

LEXICON_FILE = "cue_lexicon.json"
MIN_DEP_SHARE = 0.15
"""A complement type counts as content for a lemma when at least this share of its contents are of that type."""


@functools.cache
def _lexicon() -> dict[str, object]:
    text = resources.files("onrecord.attribute").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    lexicon: dict[str, object] = json.loads(text)
    return lexicon


def load() -> dict[str, dict[str, object]]:
    """The shipped lexicon's cues: {lemma: {"n", "total", "share", "content": {dep: share}}}."""
    cues: dict[str, dict[str, object]] = _lexicon()["cues"]  # type: ignore[assignment]
    return cues


@functools.cache
def _rare() -> frozenset[str]:
    return frozenset(_lexicon().get("rare_heads", ()))  # type: ignore[arg-type]


def rarely_a_cue(lemma: str) -> bool:
    """True for a lemma that almost never heads an annotated cue in PolNeAR train ("of", "would", "out")."""
    return lemma in _rare()


def learned_cues() -> frozenset[str]:
    return frozenset(load())


def takes_content(lemma: str, dep: str) -> bool:
    """True when the learned lexicon says `dep` complements of `lemma` are often its content."""
    entry = load().get(lemma)
    shares = entry["content"] if entry else {}
    return isinstance(shares, dict) and shares.get(dep, 0.0) >= MIN_DEP_SHARE
