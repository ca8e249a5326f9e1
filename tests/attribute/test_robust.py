"""Attribution never crashes on real news text, and what it returns always points into the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ReadError
from onrecord.pipeline import process_paths
from tests.attribute.helpers import quotes_of

pytestmark = pytest.mark.slow


def test_polnear_dev_articles_all_attribute_cleanly(polnear_dir: Path) -> None:
    results = list(process_paths([str(polnear_dir / "dev" / "text")]))
    failures = [str(r) for r in results if isinstance(r, ReadError)]
    assert not failures, "\n".join(failures)
    assert len(results) == len(list((polnear_dir / "dev" / "text").glob("*.txt")))
    articles = [r for r in results if not isinstance(r, ReadError)]
    assert sum(len(a.quotes) for a in articles) > 300, "real news articles are full of attributions"
    for article in articles:
        for quote in article.quotes:
            assert quote.text == " ".join(s.of(article.text) for s in quote.content_spans)


@pytest.mark.parametrize(
    "paragraph",
    [
        "“",
        "” ” ” said said said",
        "He said.",
        "according to",
        "'" * 50,
        "Said, he said, that she said: “" + "word " * 2000,
        "\u00a0\u200b said \u2028 “quoted”",
    ],
)
def test_degenerate_paragraphs_do_not_crash(paragraph: str) -> None:
    for quote in quotes_of(paragraph):
        assert quote.content_spans
