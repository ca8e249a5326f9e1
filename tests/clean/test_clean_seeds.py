"""clean() on the reference seeds: every line is body or not as a careful reader would decide, metadata as listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.clean.lines import split_lines
from tests.clean.articles import body_texts, clean_seed, heading_texts

# Each seed's lines that are not story paragraphs, by their opening words: everything else is body.
NOT_BODY: dict[str, list[str]] = {
    "000": ["By Anadolu Agency", "May 31, 2023 1:18 pm", "Situation in Kosovo", "We use cookies", "Read More"],
    "001": ["Join our brand new", "Putin orders tighter", "A roof of a residential", "May 31, 2023",
            "© 2023 Bloomberg", "Distributed by"],
    "002": ["Connect with us", "World", "Russia not interested", "Published", "on", "Continue Reading",
            "Click to comment", "Leave a Reply", "Your email address"],
    "003": ["Russia Decries Aleppo", "11:22 GMT", "On Retaliatory Strikes", "On Japan's Unfriendly",
            "On Western Peacekeepers", "On Putin's Visit", "On Elections in Romania"],
    "004": ["Moscow’s military does not", "© Natalya Seliverstova", "Read more"],
}
HEADINGS: dict[str, list[str]] = {
    "000": ["Situation in Kosovo, Türkiye-Russia meeting"],
    "001": [],
    "002": [],
    "003": ["On Retaliatory Strikes on Ukraine's Military Facilities", "On Japan's Unfriendly Actions",
            "On Western Peacekeepers in Ukraine", "On Putin's Visit to Kazakhstan", "On Elections in Romania"],
    "004": [],
}
METADATA: dict[str, dict[str, str | None]] = {
    "000": {"title": None, "published": "2023-05-31T13:18:00", "byline": "Anadolu Agency",
            "dateline": "ISTANBUL", "outlet": "Anadolu Agency", "wire": "Anadolu Agency"},
    "001": {"title": "Putin orders tighter defenses after drone strikes on Moscow", "published": "2023-05-31",
            "byline": None, "dateline": None, "outlet": "Bloomberg", "wire": "Tribune Content Agency"},
    "002": {"title": "Russia not interested in halting Ukraine war – Kremlin spokesman", "published": None,
            "byline": None, "dateline": None, "outlet": None, "wire": None},
    "003": {"title": "Russia Decries Aleppo Situation as Violation of Syria’s Sovereignty",
            "published": "2024-11-29T11:22:00+00:00", "byline": None, "dateline": None, "outlet": None,
            "wire": None},
    "004": {"title": None, "published": None, "byline": None, "dateline": None, "outlet": None, "wire": None},
}
TITLE_STARTS = {"004": "Moscow’s military does not target civilian infrastructure"}


def _is_listed(line: str, openings: list[str]) -> bool:
    return any(line == o or (len(o) > 3 and line.startswith(o)) for o in openings)


@pytest.mark.parametrize("seed", sorted(NOT_BODY))
def test_clean_seeds_body_is_exactly_the_story_lines(seed_paths: dict[str, Path], seed: str) -> None:
    article = clean_seed(seed_paths[seed])
    lines = [article.text[line.start : line.end] for line in split_lines(article.analysis_text)]
    story = [line for line in lines if not _is_listed(line, NOT_BODY[seed])]
    assert body_texts(article) == story
    assert len(story) == len(lines) - len(NOT_BODY[seed])


@pytest.mark.parametrize("seed", sorted(NOT_BODY))
def test_clean_seeds_boilerplate_outside_every_body_span(seed_paths: dict[str, Path], seed: str) -> None:
    article = clean_seed(seed_paths[seed])
    for opening in NOT_BODY[seed]:
        if len(opening) > 3:
            assert not any(opening in text for text in body_texts(article)), opening


@pytest.mark.parametrize("seed", sorted(HEADINGS))
def test_clean_seeds_headings_recorded(seed_paths: dict[str, Path], seed: str) -> None:
    assert heading_texts(clean_seed(seed_paths[seed])) == HEADINGS[seed]


@pytest.mark.parametrize("seed", sorted(METADATA))
def test_clean_seeds_metadata(seed_paths: dict[str, Path], seed: str) -> None:
    article = clean_seed(seed_paths[seed])
    found = {key: getattr(article, key) for key in METADATA[seed]}
    expected = dict(METADATA[seed])
    if seed in TITLE_STARTS:
        assert (found.pop("title") or "").startswith(TITLE_STARTS[seed])
        expected.pop("title")
    assert found == expected
    if article.title is not None:
        assert article.title_span is not None and article.title_span.of(article.text) == article.title


@pytest.mark.parametrize("seed", sorted(NOT_BODY))
def test_clean_seeds_analysis_text_keeps_offsets(seed_paths: dict[str, Path], seed: str) -> None:
    article = clean_seed(seed_paths[seed])
    assert len(article.analysis_text) == len(article.text)
    for span in article.body_spans:
        assert span.of(article.text) == span.of(article.text).strip() != ""
