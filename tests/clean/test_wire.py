"""`Article.wire`: the agency a credit line names, under its usual name; None without a credit."""

from __future__ import annotations

import json

import pytest

from onrecord.export import article_to_dict
from tests.clean.articles import STORY, TITLE, body_texts, clean_text, with_story


@pytest.mark.parametrize(
    ("first", "wire", "dateline"),
    [
        ("(Reuters) - The Kremlin said on Monday it saw no reason to talk to the mayor.", "Reuters", None),
        ("WASHINGTON (AP) — The White House said on Monday it saw no reason to talk.", "AP", "WASHINGTON"),
        ("MOSCOW, May 3 (Reuters) - The Kremlin said on Monday it saw no reason to talk.", "Reuters", "MOSCOW"),
        ("PARIS (Agence France-Presse) - The ministry said on Monday it saw no reason.", "AFP", "PARIS"),
        ("ANKARA (Sabah Haber) - The ministry said on Monday it saw no reason to talk.", "Sabah Haber", "ANKARA"),
    ],
)
def test_wire_from_opening_dateline(first: str, wire: str, dateline: str | None) -> None:
    article = clean_text(f"{TITLE}\n{first}\n{STORY[1]}\n")
    assert (article.wire, article.dateline) == (wire, dateline)
    assert body_texts(article) == [first, STORY[1]]


@pytest.mark.parametrize(
    ("footer", "wire"),
    [
        ("Distributed by Tribune Content Agency, LLC.", "Tribune Content Agency"),
        ("Distributed by Northern Content Services", "Northern Content Services"),
        ("Distributed by Associated Press", "AP"),
        ("This story was provided by Agence France-Presse.", "AFP"),
        ("This article was syndicated by Harbour Wire Services Ltd.", "Harbour Wire Services"),
        ("Source: TASS", "TASS"),
        ("Source: RIA Novosti", "RIA Novosti"),
        ("©AFP", "AFP"),
        ("© 2023 Reuters", "Reuters"),
        ("— Reuters", "Reuters"),
        ("(AFP)", "AFP"),
        ("(dpa)", "dpa"),
        ("- Xinhua", "Xinhua"),
    ],
)
def test_wire_from_credit_line(footer: str, wire: str) -> None:
    article = clean_text(with_story(TITLE, after=(footer,)))
    assert article.wire == wire
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    ("closing", "wire"),
    [
        ("Talks are to resume next week, the ministry said. (AFP)", "AFP"),
        ("Talks are to resume next week, the ministry said. — Reuters", "Reuters"),
        ("Talks are to resume next week, the ministry said. - UPI", "UPI"),
    ],
)
def test_wire_from_paragraph_closing_credit(closing: str, wire: str) -> None:
    assert clean_text(with_story(TITLE, after=(closing,))).wire == wire


@pytest.mark.parametrize(
    ("byline", "wire"), [("By Anadolu Agency", "Anadolu Agency"), ("By Jane Doe, Reuters", "Reuters")]
)
def test_wire_from_agency_byline(byline: str, wire: str) -> None:
    article = clean_text(with_story(TITLE, byline))
    assert article.wire == wire
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    ("masthead", "opening", "outlet"),
    [
        ("RIVERSIDE DAILY", "(Reuters) - The Kremlin said on Monday it saw no reason to talk.", "RIVERSIDE DAILY"),
        ("The Lakeside Times", "MOSCOW (AP) — The Kremlin said on Monday it saw no reason.", "The Lakeside Times"),
    ],
)
def test_wire_recorded_when_the_outlet_differs(masthead: str, opening: str, outlet: str) -> None:
    article = clean_text(with_story(masthead, TITLE, opening))
    assert article.outlet == outlet
    assert article.wire == ("Reuters" if "Reuters" in opening else "AP")
    assert article.title == TITLE


@pytest.mark.parametrize("outlet", ["Riverside Daily"])
def test_wire_kept_beside_the_input_outlet(outlet: str) -> None:
    article = clean_text(with_story(TITLE, after=("Source: Interfax",)), outlet=outlet)
    assert (article.outlet, article.wire) == (outlet, "Interfax")


@pytest.mark.parametrize(
    "footer",
    [
        "© 2023 Bloomberg L.P",
        "© Natalya Ivanova; RIA Novosti",
        "Source: Ministry of Defence",
        "(Lena Brandt/Courier Photo/Northline Wire)",
        "Reuters contributed reporting from Moscow to this story, officials said.",
        "The ministry told Reuters on Monday that talks would resume.",
        "Talks are to resume next week, said a spokesman for the Palestinian Authority (PA).",
    ],
)
def test_wire_none_without_a_credit(footer: str) -> None:
    article = clean_text(with_story(TITLE, "By Jane Doe", after=(footer,)))
    assert article.wire is None
    assert article_to_dict(article)["wire"] is None


def test_wire_none_for_a_plain_article() -> None:
    article = clean_text(with_story(TITLE))
    assert article.wire is None and "wire" in json.dumps(article_to_dict(article))


def test_wire_in_extract_json_after_dateline() -> None:
    article = clean_text(f"{TITLE}\nMOSCOW (Reuters) - The Kremlin said on Monday it saw no reason to talk.\n")
    keys = list(article_to_dict(article))
    assert keys[keys.index("dateline") + 1] == "wire"
    assert article_to_dict(article)["wire"] == "Reuters"


@pytest.mark.parametrize(
    ("headline", "opening", "wire", "dateline"),
    [
        ("Senator removed from debate site.", "HEMPSTEAD, N.Y., Sept. 26 (UPI) — He left.", "UPI", "HEMPSTEAD, N.Y."),
        ("The Latest: Senate votes on the budget.", "WASHINGTON (AP) — The Latest on the vote:", "AP", "WASHINGTON"),
    ],
)
def test_wire_from_dateline_after_a_headline_read_as_a_paragraph(
    headline: str, opening: str, wire: str, dateline: str
) -> None:
    article = clean_text(f"{headline}\n\n{opening}\n\n{STORY[1]}\n")
    assert (article.wire, article.dateline) == (wire, dateline)
