"""The numeric-claims scorer's pure parts, and the labelled set's own consistency (nothing runs the pipeline)."""

from __future__ import annotations

import pytest

from tests.scripts import load_benchmark

cl = load_benchmark("claims")


def _claim(file: str, span: list[int], value: float, counts: str | None, speaker: str | None, total: float | None = None) -> dict:
    return {"file": file, "span": span, "value": value, "unit": None, "counts": counts, "total": total,
            "text": "x", "speaker": {"id": 1, "name": speaker}}


def _gold(file: str, start: int, end: int, value: float, head: str | None, speaker: str | None) -> object:
    label = {"file": file, "figure": "x", "value": value, "unit": None, "counts": head, "head": head, "total": None,
             "speaker": speaker}
    return cl.Gold(label, start, end)


def test_the_labels_all_lie_in_their_articles() -> None:
    articles = {p.name: p.read_text(encoding="utf-8") for folder in cl.FOLDERS for p in sorted(folder.glob("*.txt"))}
    gold = cl.read_labels(cl.LABELS, articles)
    assert len(gold) >= 100
    assert all(articles[g.label["file"]][g.start : g.end] == g.label["figure"] for g in gold)


def test_pairing_is_one_to_one_by_overlap_within_a_file() -> None:
    gold = [_gold("a.txt", 10, 14, 9, "dead", "Marta Lind"), _gold("a.txt", 20, 22, 31, "injured", "Marta Lind")]
    claims = [_claim("b.txt", [10, 14], 9, "dead", "Marta Lind"), _claim("a.txt", [10, 13], 9, "people dead", "Marta Lind"),
              _claim("a.txt", [30, 33], 5, None, None)]
    assert cl.pair(gold, claims) == {0: 1}
    figures = cl.score(gold, claims)
    assert figures["value_precision"] == round(1 / 3, 4) and figures["value_recall"] == 0.5
    assert figures["counts_recall"] == 0.5 and figures["speaker_precision"] == round(1 / 3, 4)


@pytest.mark.parametrize(
    ("gold", "shown", "same"),
    [("Irena Calder", "Irena Kalder", True), ("Konstantin Orlin", "Dravgas Konstantin Orlin", True),
     ("Lukas Ferro", "Lotte Ferro", False), (None, None, True), ("Marta Lind", None, False)],
)
def test_same_speaker_allows_transliterations_not_relatives(gold: str | None, shown: str | None, same: bool) -> None:
    assert cl.same_speaker(gold, shown) is same
