"""Line classification: boilerplate of each kind is left out, story lines stay, headings and the title are found."""

from __future__ import annotations

import pytest

from tests.clean.articles import STORY, TITLE, body_texts, clean_text, heading_texts, with_story

TOP_BOILERPLATE = [
    "Join our new verified Telegram channel and get the news first!",
    "Subscribe to our daily newsletter",
    "Follow us on X and Facebook",
    "Connect with us",
    "Sign up for free alerts",
    "Home › World › Europe",
    "World",
    "Politics",
    "Published",
    "on",
    "Last updated",
]
INSIDE_BOILERPLATE = [
    "Read more",
    "Read more: Storm warning issued for the coast",
    "Continue Reading",
    "Click to comment",
    "Share",
    "Share this article",
    "Advertisement",
    "Photo: Jana Novak",
    "Image: harbour authority",
    "Credit: Jana Novak",
    "© Jana Novak; Baltic Photo Agency",
    "AP Photo/Jana Novak",
    "Cranes stand idle at the harbour on Tuesday. (Jana Novak/Baltic Photo/Distributor)",
    "Related stories",
    "Tags: storm, harbour",
]
BOTTOM_BOILERPLATE = [
    "© 2024 Meridian Media L.P",
    "Copyright 2024 The Meridian Post. All rights reserved.",
    "Distributed by Northern Content Agency, LLC.",
    "Reporting by Jana Novak; Editing by Ian Low",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "We use cookies on our website to give you a better experience. "
    "By clicking “Accept” you agree to our use of cookies.",
    "Accept all cookies",
    "Read More",
]


@pytest.mark.parametrize("line", TOP_BOILERPLATE)
def test_boilerplate_top_lines_left_out(line: str) -> None:
    article = clean_text(with_story(line, TITLE))
    assert body_texts(article) == STORY
    assert article.title == TITLE


@pytest.mark.parametrize("line", INSIDE_BOILERPLATE)
def test_boilerplate_lines_inside_story_left_out(line: str) -> None:
    article = clean_text(with_story(TITLE, between=line))
    assert body_texts(article) == STORY
    assert heading_texts(article) == []


@pytest.mark.parametrize("line", BOTTOM_BOILERPLATE)
def test_boilerplate_bottom_lines_left_out(line: str) -> None:
    article = clean_text(with_story(TITLE, after=(line,)))
    assert body_texts(article) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday, traders said.",
        "Follow-up talks are planned for June, the ministry said.",
        "Subscribers to the service were told on Monday that prices would rise.",
        "Photo evidence was presented to the court on Tuesday, the prosecutor said.",
        "Join us in rebuilding the harbour, the mayor told residents on Friday.",
        "By accusing the city of delays, the union is following a familiar script.",
        "Published reports said the talks had stalled over the cost of the repairs.",
        "The ministry said it would publish all rights reserved for the state in the new law.",
        "Reporters asked why the port had stayed shut for so long but got no answer from the city",
    ],
)
def test_boilerplate_story_lines_with_boilerplate_words_stay(line: str) -> None:
    article = clean_text(with_story(TITLE, between=line))
    assert line in body_texts(article)


@pytest.mark.parametrize(
    "heading",
    ["Repairs to continue", "On the Cost of the Storm", "Situation in the port, talks with the city"],
)
def test_boilerplate_heading_between_paragraphs_recorded(heading: str) -> None:
    article = clean_text(with_story(TITLE, between=heading))
    assert heading_texts(article) == [heading]
    assert body_texts(article) == STORY


@pytest.mark.parametrize("line", ["Repairs to continue", "Harbour Storm Closure Cost"])
def test_boilerplate_short_line_after_story_is_not_heading(line: str) -> None:
    article = clean_text(with_story(TITLE, after=(line,)))
    assert heading_texts(article) == [] and body_texts(article) == STORY


@pytest.mark.parametrize(
    ("top", "title"),
    [
        ((TITLE,), TITLE),
        (("Europe", TITLE), TITLE),
        (("Middle East", TITLE), TITLE),
        (("The harbour will not reopen before the storm ends, the port authority has said",),
         "The harbour will not reopen before the storm ends, the port authority has said"),
        (("By Jana Novak", "May 31, 2023"), None),
        ((), None),
    ],
)
def test_boilerplate_title_is_first_headline_line(top: tuple[str, ...], title: str | None) -> None:
    article = clean_text(with_story(*top))
    assert article.title == title
    assert body_texts(article) == STORY
    if title is not None:
        assert article.title_span is not None and article.title_span.of(article.text) == title


@pytest.mark.parametrize(
    "caption",
    ["Cranes stand idle at the closed harbour of Port Ilse. Storm damage is estimated at four million."],
)
def test_boilerplate_caption_before_date_left_out(caption: str) -> None:
    article = clean_text(with_story(TITLE, caption, "May 31, 2023"))
    assert caption not in body_texts(article) and body_texts(article) == STORY


@pytest.mark.parametrize("given", [TITLE])
def test_boilerplate_title_from_meta_located_in_text(given: str) -> None:
    article = clean_text(with_story("Europe", given), title=given)
    assert article.title == given and article.title_span is not None
    assert article.title_span.of(article.text) == given and body_texts(article) == STORY


@pytest.mark.parametrize("given", ["A headline the text does not carry"])
def test_boilerplate_title_from_meta_absent_from_text(given: str) -> None:
    article = clean_text(with_story(TITLE), title=given)
    assert article.title == given and article.title_span is None
    assert body_texts(article) == STORY


@pytest.mark.parametrize("date_line", ["May 31, 2023"])
def test_boilerplate_date_line_after_story_start_makes_no_captions(date_line: str) -> None:
    article = clean_text(with_story(TITLE, between=date_line))
    assert body_texts(article) == STORY and article.published == "2023-05-31"
