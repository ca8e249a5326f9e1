"""Where a quote's content ends (`attribute/content.py`)."""

from __future__ import annotations

from tests.attribute.helpers import find, quotes_of


def test_the_writer_s_clause_after_a_closing_quotation_mark_is_no_content() -> None:
    quotes = quotes_of(
        "Dravnia's foreign minister Dmitri Savelyev says his country's troops \u201cwill not cross the line\u201d, "
        "as tension over the Vel river border continues."
    )
    quote = find(quotes, "cross the line")
    assert quote.text.endswith("line\u201d") and "tension" not in quote.text


def test_a_clause_inside_the_quotation_stays_content() -> None:
    quotes = quotes_of("\u201cWe will not cross the line, as we promised in March,\u201d Savelyev said on Friday.")
    assert "as we promised in March" in find(quotes, "cross the line").text


def test_two_single_marks_make_a_quote_the_attribution_reads() -> None:
    quotes = quotes_of(
        "Fact-checking groups cried foul.",
        "\u201cIt was an attempt to mislead voters,\u2019\u2019 Will Moy, chief executive of the fact-checking website "
        "Full Fact, told the BBC.",
    )
    quote = find(quotes, "mislead voters")
    assert quote.speaker is not None and quote.speaker.name == "Will Moy"
