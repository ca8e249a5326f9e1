"""Confidence as a probability: the shipped calibration, what it reads, and the threshold the default output keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.attribute.calibrate import facts, get_calibration
from onrecord.model import Article
from onrecord.pipeline import process_paths
from tests.attribute.helpers import quotes_of

pytestmark = pytest.mark.slow


def test_the_shipped_calibration_reads_every_fact_and_was_better_calibrated_held_out() -> None:
    model = get_calibration()
    assert model is not None
    quote = quotes_of("Harbour master Ilse Varga said the quay would reopen in May.")[0]
    assert set(model.names) == set(facts(quote))
    assert model.meta["ece"] < model.meta["ece_before"]
    assert 0.0 < model.threshold < 1.0
    assert all(0.0 <= row["share_right"] <= 1.0 for row in model.meta["reliability"])


def test_confidences_are_probabilities_and_a_named_direct_quote_is_likelier_than_an_unnamed_one() -> None:
    quotes = quotes_of(
        "“We will reopen the quay in May,” harbour master Ilse Varga told reporters on Monday.",
        "Some residents said the works had taken far too long.",
    )
    named = next(q for q in quotes if "reopen the quay" in q.text)
    unnamed = next(q for q in quotes if "taken far too long" in q.text)
    assert all(0.0 <= q.confidence <= 1.0 for q in quotes)
    assert named.confidence > unnamed.confidence


def test_the_default_output_keeps_what_clears_the_threshold(corpus_dir: Path) -> None:
    model = get_calibration()
    assert model is not None
    everything = [a for a in process_paths([str(corpus_dir)], min_confidence=0.0) if isinstance(a, Article)]
    default = [a for a in process_paths([str(corpus_dir)]) if isinstance(a, Article)]
    kept = [(q.text, q.confidence) for a in default for q in a.quotes]
    assert kept and all(c >= model.threshold for _, c in kept)
    below = [q for a in everything for q in a.quotes if q.confidence < model.threshold]
    assert len(kept) + len(below) == sum(len(a.quotes) for a in everything)


def test_the_calibration_file_says_how_it_was_made() -> None:
    model = get_calibration()
    assert model is not None
    assert model.meta["command"].startswith("python scripts/train_calibration.py")
    assert json.dumps(model.to_json())
