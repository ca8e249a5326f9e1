"""Quotes with no cue of their own (`attribute/orphans.py`): continuations, not crossheads or pull quotes."""

from __future__ import annotations

import pytest

from tests.attribute.helpers import find, quotes_of

BODY = (
    "The new battery software cut peak charges by a fifth, chief executive Sofia Marchetti said on Tuesday.",
    "\u201cIt is boring on purpose. Nobody should notice it at all,\u201d Marchetti said.",
)


def test_a_quoted_paragraph_after_a_quote_continues_its_speaker() -> None:
    quotes = quotes_of(*BODY, "\u201cThe building manager gets a text message and the battery falls back to the old timer.\u201d")
    assert find(quotes, "building manager").speaker.name == "Sofia Marchetti"


def test_a_short_quoted_crosshead_is_no_statement() -> None:
    quotes = quotes_of(*BODY, "\u2018Not rumours on the quay\u2019", "The pilots ran in four buildings last winter.")
    assert not [q for q in quotes if "rumours" in q.text]


def test_a_pull_quote_repeating_the_body_is_no_second_statement() -> None:
    quotes = quotes_of(*BODY, "\u201cNobody should notice it at all.\u201d", "The pilots ran in four buildings last winter.")
    assert len([q for q in quotes if "Nobody should notice" in q.text]) == 1


def test_repeats_are_checked_for_a_bounded_number_of_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of thousands of quoted paragraphs must not scan the article once for each of them."""
    from onrecord.attribute import orphans

    monkeypatch.setattr(orphans, "MAX_REPEAT_CHECKS", 2)
    repeats = orphans.Repeats("we will hold. we will hold. we will hold.")
    assert [repeats.elsewhere("we will hold") for _ in range(3)] == [True, True, False]
