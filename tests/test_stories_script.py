"""The story scorer's pure parts (pairwise and BCubed), and the labelled set's own consistency."""

from __future__ import annotations

import pytest

from tests.scripts import load_benchmark

sb = load_benchmark("stories")


def test_every_article_is_labelled_once() -> None:
    gold = sb.read_gold([sb.LABELS])
    files = sorted(p.name for folder in sb.FOLDERS for p in folder.glob("*.txt"))
    assert sorted(gold) == files and len(files) >= 40 and len(set(gold.values())) >= 10


def test_pairwise_and_bcubed_on_a_small_case() -> None:
    gold = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    predicted = {"a": 1, "b": 1, "c": 1, "d": 2}
    pairs = sb.pairwise(gold, predicted)
    assert pairs["precision"] == pytest.approx(1 / 3) and pairs["recall"] == 0.5
    cubed = sb.bcubed(gold, predicted)
    # precision: a, b: 2/3 each; c: 1/3; d: 1 -> 2.667/4; recall: a, b: 1; c, d: 1/2 -> 3/4
    assert cubed["precision"] == pytest.approx(8 / 12) and cubed["recall"] == pytest.approx(0.75)


def test_a_perfect_grouping_scores_one() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    assert sb.bcubed(gold, {"a": 5, "b": 5, "c": 7})["f1"] == 1.0
    assert sb.mixed_and_split(gold, {"a": 5, "b": 5, "c": 7}) == []
    assert sb.mixed_and_split(gold, {"a": 5, "b": 6, "c": 6}) == ["  story 6 mixes ['b', 'c']", "  X split over stories [5, 6]"]
