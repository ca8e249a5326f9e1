"""Statement grouping with a stand-in judge: the window, undated quotes, chains, and the same result
whether quotes arrive one article at a time or all at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from onrecord.link.families import shingles, signature, similarity
from onrecord.link.statements import QuoteRecord, cluster


def _judge_by_key(pairs: Sequence[tuple[str, str]]) -> list[bool]:
    """Two wordings are one statement when they share their first word (the test's statement key)."""
    return [a.split()[0] == b.split()[0] for a, b in pairs]


def _q(i: int, article: int, text: str, day: date | None) -> QuoteRecord:
    return QuoteRecord(i, article, 0, text, day)


def test_reports_within_the_window_group_and_a_later_repeat_does_not() -> None:
    quotes = [
        _q(1, 1, "arson ruled out by the minister", date(2026, 3, 4)),
        _q(2, 2, "arson was not the cause", date(2026, 3, 9)),
        _q(3, 3, "arson is ruled out again", date(2026, 3, 30)),
    ]
    groups = cluster(quotes, _judge_by_key)
    assert groups[1] == groups[2] == 1
    assert groups[3] == 3, "three weeks later is another statement, even in the same words"


def test_an_undated_quote_matches_only_near_verbatim_wordings() -> None:
    quotes = [
        _q(1, 1, "arson ruled out by the minister today", date(2026, 3, 4)),
        _q(2, 2, "arson ruled out by the minister today", None),
        _q(3, 3, "arson theories were dismissed", None),
    ]
    groups = cluster(quotes, _judge_by_key)
    assert groups[2] == 1 and groups[3] == 3


def test_a_quote_joins_the_statement_most_of_whose_reports_match_it() -> None:
    day = date(2026, 3, 4)
    start = [(_q(1, 1, "cable fault caused the fire", day), 10), (_q(2, 1, "cable fault confirmed", day), 10),
             (_q(3, 2, "buses will be replaced", day), 20)]

    def judge(pairs: Sequence[tuple[str, str]]) -> list[bool]:
        return [b.startswith("buses") or b == "cable fault confirmed" for _, b in pairs]

    assert cluster([_q(4, 3, "cable and buses", day)], judge, start=start)[4] == 20


def test_a_quote_joins_the_statement_of_a_report_holding_its_words_verbatim() -> None:
    """A wire's lede, republished word for word, joins the statement of its earlier copy even where the
    statement's other reports (the direct wording, another outlet's paraphrase) do not match it and a
    statement of one report does."""
    day = date(2026, 3, 4)
    lede = "Dravnia has no intention of sending troops across the disputed river line"
    start = [
        (_q(1, 1, "Our troops will not cross the line. We have no such intention", day), 10),
        (_q(2, 2, "Our soldiers will not go over the line", day), 10),
        (_q(3, 3, lede, day), 10),
        (_q(4, 4, "troops would not cross the river line", day), 20),
    ]

    def judge(pairs: Sequence[tuple[str, str]]) -> list[bool]:
        return [b == lede or b.startswith("troops") for _, b in pairs]

    assert cluster([_q(5, 5, lede, day)], judge, start=start)[5] == 10


def test_one_article_at_a_time_gives_what_all_at_once_gives() -> None:
    day = date(2026, 3, 4)
    texts = ["arson no", "cable yes", "arson never", "buses soon", "cable fault", "arson denied", "buses ordered"]
    quotes = [_q(i, i, t, day) for i, t in enumerate(texts, 1)]
    at_once = cluster(quotes, _judge_by_key)
    grouped: list[tuple[QuoteRecord, int]] = []
    for quote in quotes:
        grouped.append((quote, cluster([quote], _judge_by_key, start=grouped)[quote.id]))
    assert {q.id: g for q, g in grouped} == at_once


def test_a_republished_body_is_near_identical_and_another_report_is_not() -> None:
    body = ("Transport Minister Petra Brandt said on Wednesday that the fire which destroyed the Lakeside bus depot "
            "had a technical cause. The fire was caused by a faulty cable, it was not arson, she told reporters. ") * 2
    copy = body + "Distributed by Harbour Press Agency."
    other = ("The minister ruled out arson on Wednesday, saying a faulty cable had caused the depot fire, and "
             "promised that 41 new buses would be ordered before the summer for the city's routes. ") * 2
    a, b, c = (signature(shingles(t)) for t in (body, copy, other))
    assert a is not None and b is not None and c is not None
    assert similarity(a, b) >= 0.7 > similarity(a, c)
    assert signature(shingles("Too short to compare.")) is None
