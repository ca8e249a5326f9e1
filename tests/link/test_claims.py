"""Conflicting figures within a story: the same thing counted, different values, from different quotes."""

from __future__ import annotations

from typing import Any

from onrecord.link.claims import conflicts, subject_key


def _claim(cid: int, quote: int, value: float, counts: str | None, story: int | None = 1, unit: str | None = None,
           published: str = "2026-10-14") -> dict[str, Any]:
    return {"id": cid, "quote_id": quote, "value": value, "unit": unit, "counts": counts, "total": None,
            "article": {"story_id": story, "published": published}}


def test_casualty_words_count_the_same_thing() -> None:
    assert subject_key(_claim(1, 1, 9, "dead")) == subject_key(_claim(2, 2, 11, "people killed"))
    assert subject_key(_claim(1, 1, 31, "injured")) == subject_key(_claim(2, 2, 27, "people taken to hospital"))
    assert subject_key(_claim(1, 1, 9, "dead")) != subject_key(_claim(2, 2, 31, "injured"))
    assert subject_key(_claim(1, 1, 3, "deficit", unit="percent")) != subject_key(_claim(2, 2, 3, "deficit"))
    assert subject_key(_claim(1, 1, 5, None)) is None


def test_disagreeing_figures_of_one_story_are_grouped_by_date() -> None:
    claims = [
        _claim(1, 10, 11, "people killed", published="2026-10-15"),
        _claim(2, 11, 9, "dead", published="2026-10-14"),
        _claim(3, 12, 9, "dead", story=2),  # another story: not compared
        _claim(4, 13, 31, "injured"),
    ]
    (group,) = conflicts(claims)
    assert group["story_id"] == 1 and group["counts"] == "deaths"
    assert [c["id"] for c in group["claims"]] == [2, 1]


def test_agreeing_rounded_or_repeated_figures_are_no_conflict() -> None:
    assert conflicts([_claim(1, 1, 1.23, "growth", unit="percent"), _claim(2, 2, 1.2, "growth", unit="percent")]) == []
    same_pair = [_claim(1, 1, 78, "votes"), _claim(2, 1, 72, "votes"), _claim(3, 2, 78, "votes"), _claim(4, 2, 72, "votes")]
    assert conflicts(same_pair) == []
    assert conflicts([_claim(1, 1, 9, "dead", story=None), _claim(2, 2, 11, "dead", story=None)]) == []
