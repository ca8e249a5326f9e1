"""Metadata: publication date, byline, dateline and outlet from the text; the input's own metadata first."""

from __future__ import annotations

import pytest

from tests.clean.articles import STORY, TITLE, body_texts, clean_text, with_story


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("May 31, 2023", "2023-05-31"),
        ("May 31, 2023 1:18 pm", "2023-05-31T13:18:00"),
        ("Published on May 31, 2023", "2023-05-31"),
        ("Published: 31 May 2023", "2023-05-31"),
        ("Published: Wednesday, 31 May 2023, 10:00 GMT", "2023-05-31T10:00:00+00:00"),
        ("31 May 2023", "2023-05-31"),
        ("2023-05-31", "2023-05-31"),
        ("2023-05-31T10:00:00Z", "2023-05-31T10:00:00+00:00"),
        ("11:22 GMT 29.11.2024 (Updated: 13:03 GMT 29.11.2024)", "2024-11-29T11:22:00+00:00"),
        ("Updated: 13:03 GMT 29.11.2024 | Published: 11:22 GMT 29.11.2024", "2024-11-29T11:22:00+00:00"),
        ("Updated May 31, 2023", "2023-05-31"),
        ("By Jana Novak | May 31, 2023", "2023-05-31"),
    ],
)
def test_metadata_published_from_date_line(header: str, published: str) -> None:
    article = clean_text(with_story(TITLE, header))
    assert article.published == published
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    "header",
    ["on Wednesday", "Tuesday", "Published\n\non", "last week", "Posted 3 hours ago"],
)
def test_metadata_relative_day_is_no_date(header: str) -> None:
    article = clean_text(with_story(TITLE, header))
    assert article.published is None


@pytest.mark.parametrize(
    "line",
    [
        "The port was last closed on May 3, 2021, after a fire, the authority said.",
        "The harbour has been rebuilt twice since the February 2022 storm, officials said.",
        "Talks are planned for 12 June 2024 in Riga, the ministry said.",
    ],
)
def test_metadata_body_date_is_not_publication_date(line: str) -> None:
    article = clean_text(with_story(TITLE, between=line))
    assert article.published is None and line in body_texts(article)


@pytest.mark.parametrize(
    ("header", "byline"),
    [
        ("By Anadolu Agency", "Anadolu Agency"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("BY Jane Doe", "Jane Doe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("By Jane Doe | May 31, 2023", "Jane Doe"),
        ("Published on May 31, 2023 by Jane Doe", "Jane Doe"),
    ],
)
def test_metadata_byline(header: str, byline: str) -> None:
    article = clean_text(with_story(TITLE, header))
    assert article.byline == byline
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    ("first", "dateline", "outlet"),
    [
        ("MOSCOW (Reuters) - The Kremlin said on Monday it saw no reason to talk.", "MOSCOW", "Reuters"),
        ("MOSCOW, May 31 (Reuters) - The Kremlin said on Monday it saw no reason.", "MOSCOW", "Reuters"),
        ("WASHINGTON — The White House said on Monday it saw no reason to talk.", "WASHINGTON", None),
        ("KYIV, Ukraine — Officials said on Monday they saw no reason to talk.", "KYIV, Ukraine", None),
        ("NATO allies said on Monday they saw no reason to talk.", None, None),
    ],
)
def test_metadata_dateline_opening_first_paragraph(first: str, dateline: str | None, outlet: str | None) -> None:
    article = clean_text(f"{TITLE}\n{first}\n{STORY[1]}\n")
    assert (article.dateline, article.outlet) == (dateline, outlet)
    assert body_texts(article) == [first, STORY[1]]


@pytest.mark.parametrize(("header", "dateline"), [("May 31, 2023 1:18 pmISTANBUL", "ISTANBUL")])
def test_metadata_dateline_glued_to_time(header: str, dateline: str) -> None:
    article = clean_text(with_story("By Anadolu Agency", header))
    assert article.dateline == dateline and article.published == "2023-05-31T13:18:00"
    assert body_texts(article) == STORY and article.title is None


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2023 Bloomberg L.P", "Bloomberg"),
        ("Copyright 2024 The Meridian Post. All rights reserved.", "The Meridian Post"),
        ("(c) 2019-2024 Harbour News Ltd.", "Harbour News"),
        ("© Jana Novak; Baltic Photo Agency", None),
        ("Distributed by Northern Content Agency, LLC.", None),
    ],
)
def test_metadata_outlet_from_copyright_line(footer: str, outlet: str | None) -> None:
    article = clean_text(with_story(TITLE, after=(footer,)))
    assert article.outlet == outlet


@pytest.mark.parametrize(("header", "outlet"), [("By Anadolu Agency", "Anadolu Agency"), ("By Jane Doe", None)])
def test_metadata_outlet_from_organisation_byline(header: str, outlet: str | None) -> None:
    assert clean_text(with_story(TITLE, header)).outlet == outlet


@pytest.mark.parametrize(
    "meta",
    [{"title": "Given title", "published": "2024-02-03", "outlet": "The Herald", "byline": "Ana Reis"}],
)
def test_metadata_input_values_take_precedence(meta: dict[str, str]) -> None:
    text = with_story(TITLE, "By Jana Novak", "May 31, 2023", after=("© 2023 Bloomberg L.P",))
    article = clean_text(text, **meta)
    assert (article.title, article.published, article.outlet, article.byline) == (
        "Given title", "2024-02-03", "The Herald", "Ana Reis")
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    ("given", "expected"),
    [("2023-05-31T10:00:00Z", "2023-05-31T10:00:00+00:00"), ("sometime", "2023-05-31"), ("  ", "2023-05-31")],
)
def test_metadata_input_date_read_as_iso(given: str, expected: str) -> None:
    assert clean_text(with_story(TITLE, "May 31, 2023"), published=given).published == expected


def test_a_headline_longer_than_the_given_title_is_the_title_line_not_body() -> None:
    headline = "Portside reject second Hallam bid for striker as his father turns up the heat"
    article = clean_text(with_story(headline), title="Portside reject second Hallam bid for striker")
    assert article.title_span is not None and article.title_span.of(article.text) == headline
    assert headline not in body_texts(article)
    assert body_texts(article) == STORY


def test_a_sentence_starting_with_a_short_given_title_stays_body() -> None:
    first = "Portside reject second bid, the club said on Monday, and will not sell before the summer."
    article = clean_text(with_story(first), title="Portside reject second bid")
    assert first in body_texts(article)
