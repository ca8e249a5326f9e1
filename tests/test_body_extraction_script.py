"""The body benchmark's metric (the public article-extraction benchmark's, written here) on texts written here."""

from __future__ import annotations


import pytest

from tests.scripts import load_benchmark

be = load_benchmark("body_extraction")
TRUE = "The harbour reopened on Thursday after three days. Nobody was hurt, the harbour master said."


def test_shingles_are_counted_word_four_grams() -> None:
    found = be.shingles("a b c d a b c d")
    assert found[("a", "b", "c", "d")] == 2 and sum(found.values()) == 5
    assert be.shingles("two words") == {("two", "words"): 1}


def test_an_exact_body_scores_one_and_extra_text_costs_precision_only() -> None:
    assert be.page_counts(TRUE, TRUE) == (1.0, 0.0, 0.0)
    tp, fp, fn = be.page_counts(TRUE, TRUE + " Share this article on every network you use today.")
    assert fp > 0 and fn == 0 and tp + fp + fn == pytest.approx(1.0)


def test_a_missing_half_costs_recall_only() -> None:
    tp, fp, fn = be.page_counts(TRUE, TRUE.split(". ")[0])
    assert fn > 0 and fp == 0


def test_figures_average_precision_and_recall_over_pages_then_take_f1() -> None:
    result = be.figures([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert result["precision"] == pytest.approx(0.75) and result["recall"] == pytest.approx(1.0)
    assert result["f1"] == pytest.approx(2 * 0.75 / 1.75)
