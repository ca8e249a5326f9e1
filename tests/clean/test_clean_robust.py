"""clean() never raises: empty, huge, junk or all-boilerplate texts give valid, possibly empty, articles."""

from __future__ import annotations

import time

import pytest

from tests.clean.articles import STORY, TITLE, body_texts, clean_text

HUGE_BYTES = 5_000_000
HUGE_SECONDS = 5.0
"""A 5 MB line cleans in well under a second on the 2-core dev machine; 5 s leaves room for a busy one."""


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n\t\r\n ",
        "\x00\x01\x02\xff\ufffd" * 500,
        "\ud800\udfff junk \x1b[31m",
        "Subscribe\n\nShare\n\n© 2023 X\n\nRead more\n",
        "By\n\nMay 31,\n\n2023\n\n(c)\n\n|||\n",
        "“" * 1000 + "\n" + "(" * 1000 + "/" * 1000,
        "a\n" * 50_000,
        "a / " * 250,
        "(" + "Ab/" * 300,
        "MOSCOW " * 60 + "- end",
    ],
)
def test_clean_robust_odd_texts_give_valid_articles(text: str) -> None:
    article = clean_text(text)
    assert len(article.analysis_text) == len(text)
    assert all(0 <= s.start < s.end <= len(text) for s in article.body_spans + article.headings)


@pytest.mark.parametrize(
    "text", ["", " \n\n ", "Subscribe\n\nShare\n\nRead more\n\nWe use cookies on our site. Accept"]
)
def test_clean_robust_no_story_gives_empty_body(text: str) -> None:
    assert clean_text(text).body_spans == []


@pytest.mark.parametrize(
    "text",
    [
        "word " * (HUGE_BYTES // 5),
        " " * HUGE_BYTES,
        "x" * HUGE_BYTES,
        ("Same sentence, he said. " * 40 + "\n") * 5200,
    ],
)
def test_clean_robust_five_megabytes_is_fast(text: str) -> None:
    started = time.perf_counter()
    article = clean_text(text)
    assert time.perf_counter() - started < HUGE_SECONDS
    assert len(article.analysis_text) == len(text)


@pytest.mark.parametrize("newline", ["\r\n", "\r\n\r\n", "\n \n"])
def test_clean_robust_windows_newlines_trimmed(newline: str) -> None:
    article = clean_text(newline.join([TITLE, *STORY]))
    assert body_texts(article) == STORY and article.title == TITLE


@pytest.mark.parametrize("line", ["a / " * 250, "a › " * 250, "Ab; " * 250, "(" + "Ab/" * 300])
def test_clean_robust_pathological_short_lines_are_fast(line: str) -> None:
    started = time.perf_counter()
    clean_text((line + "\n") * 50)
    assert time.perf_counter() - started < HUGE_SECONDS / 5
