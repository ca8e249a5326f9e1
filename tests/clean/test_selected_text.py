"""Text an extractor already chose as the article (trafilatura's text of an HTML page): its list items,
table rows and long opening lines are kept, its furniture still left out, and its body never left empty."""

from __future__ import annotations

from dataclasses import replace

import pytest

from onrecord.clean import clean
from onrecord.model import Article
from tests.clean.articles import STORY, body_texts, make_doc

TOUR = [
    "June 26 – Allentown, PA @ PPL Center",
    "July 22 – Cuyahoga Falls, OH @ Blossom Music Center",
    "September 2 – Salt Lake City, UT @ USANA Amphitheatre",
]
OPENING = (
    "Chelsea have this morning paid the £71.6million fee to the Spanish league to secure the record signing of "
    "the Athletic Bilbao keeper"
)


def cleaned(text: str, fmt: str) -> Article:
    article = clean(replace(make_doc(text, title="Harbour reopens"), format=fmt))
    article.validate()
    return article


def test_list_items_of_an_html_page_are_body_and_of_a_plain_scrape_are_not() -> None:
    text = "\n".join([STORY[0], "The band's dates:", *TOUR, STORY[1], "Share this article", STORY[2]]) + "\n"
    html = body_texts(cleaned(text, "html"))
    assert all(line in html for line in TOUR)
    assert "Share this article" not in html
    plain = body_texts(cleaned(text, "txt"))
    assert not any(line in plain for line in TOUR)


def test_a_long_opening_line_without_a_full_stop_is_body_of_an_html_page() -> None:
    text = "\n".join([OPENING, STORY[0], STORY[1]]) + "\n"
    assert OPENING in body_texts(cleaned(text, "html"))


@pytest.mark.parametrize(
    "lines",
    [
        ["これが非常に困ったもの。", "Windows10での操作方法です。", "これでようやく元の操作性を取り戻せました。"],
        ["Step one open the box", "Step two plug it in", "Step three switch it on"],
    ],
    ids=["unspaced-script", "short-lines-only"],
)
def test_an_html_page_with_text_never_has_an_empty_body(lines: list[str]) -> None:
    body = body_texts(cleaned("\n".join(lines) + "\n", "html"))
    assert body and all(line in body for line in lines)
