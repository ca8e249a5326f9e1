"""The outlet from a masthead first line; headlines of every shape stay titles; the input's own outlet wins."""

from __future__ import annotations

import json

import pytest

from onrecord.clean import clean
from onrecord.clean.masthead import masthead_name
from onrecord.read import read_bytes
from tests.clean.articles import STORY, TITLE, body_texts, clean_text, with_story


@pytest.mark.parametrize(
    ("first", "outlet"),
    [
        ("NORTH STAR GAZETTE - International edition", "NORTH STAR GAZETTE"),
        ("RIVERSIDE DAILY", "RIVERSIDE DAILY"),
        ("The Lakeside Times", "The Lakeside Times"),
        ("Harbourtown Evening Herald | Opinion", "Harbourtown Evening Herald"),
        ("The Times of Westmark", "The Times of Westmark"),
        ("Daily Kestrel — Weekend edition", "Daily Kestrel"),
        ("THE LAKESIDE LEDGER", "THE LAKESIDE LEDGER"),
        ("The Harbour Advocate", "The Harbour Advocate"),
        ("Fenwick Post-Dispatch", "Fenwick Post-Dispatch"),
        ("The Daily Telegraph", "The Daily Telegraph"),
        ("The Valley News", "The Valley News"),
        ("VALLEY NEWS", "VALLEY NEWS"),
        ("Northgate Radio", "Northgate Radio"),
    ],
)
def test_masthead_first_line_is_the_outlet_and_the_next_headline_the_title(first: str, outlet: str) -> None:
    article = clean_text(with_story(first, TITLE))
    assert (article.outlet, article.title) == (outlet, TITLE)
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    "headline",
    [
        "PUTIN SAYS TALKS ARE OVER",
        "Minister Denies Arson Claim",
        "Musk Buys Washington Post",
        "Freedom of the Press",
        "Voters Head to Polls in Record Numbers",
        "Record Heat Grips the Capital",
        "Kremlin Hits Back at Daily Mail",
        "Harbour reopens after storm – port authority",
        "Port Ilse Harbour Reopens - Mayor Says Nobody Hurt",
    ],
)
def test_masthead_headline_first_line_stays_the_title(headline: str) -> None:
    assert masthead_name(headline) is None
    article = clean_text(with_story(headline, "Workers Return to the Eastern Breakwater"))
    assert (article.title, article.outlet) == (headline, None)
    under_masthead = clean_text(with_story("The Lakeside Times", headline))
    assert (under_masthead.title, under_masthead.outlet) == (headline, "The Lakeside Times")


@pytest.mark.parametrize(
    "label",
    ["Breaking News", "World News", "Book Review", "Daily Mail", "Business Today", "Election News", "Ukraine Today"],
)
def test_masthead_section_label_names_no_outlet(label: str) -> None:
    assert masthead_name(label) is None
    article = clean_text(with_story(label, TITLE))
    assert (article.title, article.outlet) == (TITLE, None)
    under_masthead = clean_text(with_story("RIVERSIDE DAILY", label, TITLE))
    assert (under_masthead.title, under_masthead.outlet) == (TITLE, "RIVERSIDE DAILY")


@pytest.mark.parametrize("first", ["The Lakeside Times", "NORTH STAR GAZETTE - International edition"])
def test_masthead_needs_a_headline_after_it(first: str) -> None:
    assert clean_text(with_story(first, TITLE)).title == TITLE
    article = clean_text(with_story(first))
    assert (article.title, article.outlet) == (first, None)


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("Source: Daily Mail", "Daily Mail Online"),
        ("AP Photo/Lakeside Times", "Lakeside Times"),
        ("(Riverside Daily)", "Riverside Daily"),
        ("Read: Daily Star", "Daily Star Online"),
    ],
)
def test_masthead_line_with_other_marks_is_no_masthead(line: str, bare: str) -> None:
    assert (masthead_name(line), masthead_name(bare)) == (None, (0, len(bare)))
    assert clean_text(with_story(line, TITLE)).outlet is None


@pytest.mark.parametrize("line", ["Riverside Daily:", "The Lakeside Times."])
def test_masthead_line_ending_a_sentence_is_no_masthead(line: str) -> None:
    assert clean_text(with_story(line[:-1], TITLE)).outlet == line[:-1]
    assert clean_text(with_story(line, TITLE)).outlet is None


@pytest.mark.parametrize("first", ["The Lakeside Times", "NORTH STAR GAZETTE - International edition"])
def test_masthead_only_on_the_first_line(first: str) -> None:
    assert clean_text(with_story(first, TITLE)).outlet is not None
    assert clean_text(with_story("Local", TITLE, first)).outlet is None


@pytest.mark.parametrize("title", [None, TITLE, "A title the page gives"])
def test_masthead_input_outlet_takes_precedence(title: str | None) -> None:
    text = with_story("The Lakeside Times", TITLE)
    assert clean_text(text, title=title).outlet == "The Lakeside Times"
    article = clean_text(text, title=title, outlet="Riverside Daily Online")
    assert (article.outlet, article.title) == ("Riverside Daily Online", title or TITLE)
    assert body_texts(article) == STORY


@pytest.mark.parametrize("given", [None, "riverside.example"])
def test_masthead_in_jsonl_text_outlet_field_first(given: str | None) -> None:
    text = with_story("The Lakeside Times - Weekend edition", TITLE)
    line = json.dumps({"id": "a", "text": text, "outlet": given})
    (doc,) = read_bytes(line.encode("utf-8") + b"\n", "feed.jsonl")
    article = clean(doc)
    assert article.outlet == (given or "The Lakeside Times")
    assert article.title == TITLE and body_texts(article) == STORY


def test_masthead_outlet_wins_over_copyright_owner() -> None:
    article = clean_text(with_story("The Lakeside Times", TITLE, after=("© 2023 Lakeside Media Group",)))
    assert article.outlet == "The Lakeside Times"
