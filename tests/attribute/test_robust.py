"""Attribution never crashes on real news text, and what it returns always points into the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.attribute import paragraphs
from onrecord.errors import ReadError
from onrecord.model import Span
from onrecord.pipeline import process_paths
from tests.attribute.helpers import article_of, quotes_of

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


@pytest.mark.parametrize("sentences", [700])
def test_a_wall_of_text_is_read_in_pieces_not_dropped(sentences: int) -> None:
    """A page scraped into one line of over 20,000 characters was skipped whole: every statement in it lost."""
    speakers = ["Mayor Ana Berg", "Governor Peter Novak", "Minister Laura Keller", "Judge David Costa"]
    line = " ".join(f"{speakers[i % 4]} said the bridge number {i} would reopen in June." for i in range(sentences))
    assert len(line) > 2 * paragraphs.MAX_PARAGRAPH_CHARS
    quotes = quotes_of(line, learned=False)
    found = {int(q.text.split("number ")[1].split()[0]) for q in quotes if "number " in q.text}
    assert found == set(range(sentences))


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("One. Two! Three? Four.", 11, ["One. Two! ", "Three? ", "Four."]),
        ("He said “no.” Then he left for good.", 20, ["He said “no.” ", "Then he left for ", "good."]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("short", 20, ["short"]),
    ],
    ids=["sentence-ends", "space", "hard-cut", "short"],
)
def test_long_paragraph_pieces_cover_it_at_sentence_ends(
    monkeypatch: pytest.MonkeyPatch, text: str, limit: int, pieces: list[str]
) -> None:
    monkeypatch.setattr(paragraphs, "MAX_PARAGRAPH_CHARS", limit)
    found = [span.of(text) for span in paragraphs._pieces(Span(0, len(text)), text)]
    assert found == pieces and "".join(found) == text


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("aaa bbb ccc ddd eee", ["aaa bbb ", "ccc ddd ", "eee"]),
        ("One. aaa bbb ccc ddd. Two.", ["One. aaa bbb ", "ccc ddd. Two."]),
        ("abcdefghijkl", ["abcdefghij", "kl"]),
    ],
    ids=["spaces", "after-a-sentence-end", "hard-cut"],
)
def test_a_stretch_without_a_sentence_end_is_cut_into_pieces(
    monkeypatch: pytest.MonkeyPatch, text: str, pieces: list[str]
) -> None:
    monkeypatch.setattr(paragraphs, "MAX_SENTENCE_CHARS", 10)
    found = [span.of(text) for span in paragraphs._pieces(Span(0, len(text)), text)]
    assert found == pieces and "".join(found) == text


@pytest.mark.parametrize("repeats", [1500])
def test_no_piece_holds_a_stretch_without_a_sentence_end_longer_than_the_bound(repeats: int) -> None:
    """Issue 13, a hostile input: '“He said ' 10,000 times (90 KB, no sentence end) took 310 s."""
    line = "“He said " * repeats + "the talks were useful. " * 50
    spans = paragraphs.paragraph_spans(article_of(line))
    assert "".join(s.of(line) for s in spans) == line
    for span in spans:
        ends = [0, *(m.end() for m in paragraphs.SENTENCE_BREAK.finditer(span.of(line))), span.end - span.start]
        assert max(b - a for a, b in zip(ends, ends[1:])) <= paragraphs.MAX_SENTENCE_CHARS
