"""Figures inside quotes as claims: value, unit, what is counted, total; dates, ages, ordinals and names are none."""

from __future__ import annotations

import pytest

from onrecord.model import Claim
from onrecord.attribute import attribute
from tests.attribute.helpers import article_of, quotes_of

Expected = tuple[str, float, str | None, str | None, float | None]
"""(figure as written, value, unit, a word the counted thing must hold or None, total)."""


def claims_of(*paragraphs: str) -> list[tuple[str, Claim]]:
    article = article_of(*paragraphs)
    article.quotes = attribute(article)
    article.validate()
    return [(claim.span.of(article.text), claim) for quote in article.quotes for claim in quote.claims]


def check(found: list[tuple[str, Claim]], expected: list[Expected]) -> None:
    assert [text for text, _ in found] == [e[0] for e in expected]
    for (_, claim), (_, value, unit, counted, total) in zip(found, expected, strict=True):
        assert claim.value == pytest.approx(value) and claim.unit == unit and claim.total == total
        if counted is None:
            assert claim.counts is None
        else:
            assert claim.counts is not None and counted in claim.counts.lower()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            '"Nine people were killed and 31 injured," the governor said.',
            [("Nine", 9, None, "people", None), ("31", 31, None, "injured", None)],
        ),
        (
            "The fire service said 27 people were taken to hospital.",
            [("27", 27, None, "people", None)],
        ),
        (
            "The minister said inflation would fall below three percent next year.",
            [("three percent", 3, "percent", "inflation", None)],
        ),
        (
            "The club said it had made a pre-tax loss of €18.6m in the year.",
            [("€18.6m", 18_600_000, "euro", "loss", None)],
        ),
        (
            '"Twenty-eight drones were shot down overnight," the ministry said.',
            [("Twenty-eight", 28, None, "drones", None)],
        ),
        (
            "The commission said 52 out of 54 districts had reported their results.",
            [("52", 52, None, "districts", 54)],
        ),
        (
            "The operator said the line would cost 1.5 million crowns to repair.",
            [("1.5 million", 1_500_000, "crown", "cost", None)],
        ),
        (
            "The governor said two dozen civilians had been evacuated and a dozen houses burned.",
            [("two dozen", 24, None, "civilians", None), ("a dozen", 12, None, "houses", None)],
        ),
        (
            '"Fourteen of the bridge\'s 32 cables had rusted, and we will spend 45m crowns," the minister said.',
            [("Fourteen", 14, None, "cables", 32), ("45m", 45_000_000, "crown", "spend", None)],
        ),
        (
            "The minister said nine of our 14 regions had recorded a rise.",
            [("nine", 9, None, "regions", 14)],
        ),
        (
            "The union said the council had cut the library budget by 15 percent.",
            [("15 percent", 15, "percent", "library budget", None)],
        ),
        (
            '"The region will put 200,000 euros into a relief fund," the governor said.',
            [("200,000", 200_000, "euro", "relief fund", None)],
        ),
        (
            "The doctor said 12 of the injured were in a serious condition.",
            [("12", 12, None, "injured", None)],
        ),
        (
            "The agency said half a million people had lost power.",
            [("half a million", 500_000, None, "people", None)],
        ),
        (
            "The company said the pipeline would run 340 kilometres to the coast.",
            [("340", 340, "kilometre", "pipeline", None)],
        ),
    ],
)
def test_figures_in_statements_are_claims(paragraph: str, expected: list[Expected]) -> None:
    check(claims_of(paragraph), expected)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mick Roper, 54, said the water came in on 5 October 2026 at 4 pm.",
        "The coach said it was the third defeat in a row and that the team would train for three hours.",
        "The spokesman said the train from Platform 4 had left in 2021.",
        '"We only ask that they sit at one table," the minister said.',
        "The driver, a 34-year-old from Selmouth, said he had worked there for two years.",
    ],
)
def test_dates_ages_ordinals_durations_and_names_are_no_claims(paragraph: str) -> None:
    assert claims_of(paragraph) == []


def test_figures_outside_the_quote_are_no_claims() -> None:
    found = claims_of(
        "The warehouse stored about 40,000 tonnes of wheat.",
        '"Twelve people are confirmed dead," Governor Marta Lind said.',
    )
    assert [text for text, _ in found] == ["Twelve"]


def test_claim_spans_lie_inside_their_quote() -> None:
    quotes = quotes_of('"We lost 300 jobs and 12 percent of our orders," the chief executive said.')
    (quote,) = quotes
    assert [c.value for c in quote.claims] == [300, 12]
    assert all(any(s.contains(c.span) for s in quote.content_spans) for c in quote.claims)
