"""HTML pages: article text and metadata through trafilatura, charsets, truncated pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import ReadError
from onrecord.model import content_sha256
from onrecord.read.html import declared_charset, extract_article, html_document
from tests.read.pages import build_page


@pytest.mark.parametrize("name", ["page.html"])
def test_html_document_reads_text_and_metadata(tmp_path: Path, news_page: str, name: str) -> None:
    data = news_page.encode("utf-8")
    (tmp_path / name).write_bytes(data)
    doc = html_document(data, str(tmp_path / name), "page")
    assert doc.format == "html" and doc.id == "page" and doc.raw == news_page
    assert doc.sha256 == content_sha256(data)
    assert "“We lost two days of trade, but nobody was hurt,” harbour master Ilse Varga" in doc.text
    assert "\nRepairs to continue\n" in doc.text
    assert "cookies" not in doc.text and "All rights reserved" not in doc.text
    assert doc.meta == {
        "title": "Harbour reopens after storm",
        "published": "2024-03-14",
        "outlet": "The Meridian Post",
        "byline": "Lena Oskarsdottir",
        "url": "https://meridian.example/news/harbour-reopens",
    }


@pytest.mark.parametrize(
    ("charset", "codec", "place"),
    [("windows-1252", "cp1252", "Élsin"), ("iso-8859-1", "cp1252", "Sèvre"), ("windows-1251", "cp1251", "Мирный")],
)
def test_html_document_honours_meta_charset(charset: str, codec: str, place: str) -> None:
    data = build_page(charset, place).encode(codec)
    doc = html_document(data, "page.html", "page")
    assert f"harbour of Port {place} reopened" in doc.text
    assert "“We lost two days" in doc.text


@pytest.mark.parametrize(
    ("head", "charset"),
    [(b'<meta charset="windows-1251">', "windows-1251"),
     (b'<META http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
     (b"<title>none declared</title>", None)],
)
def test_html_declared_charset_finds_meta_tags(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == charset


@pytest.mark.parametrize("cut_before", ["<h2>"])
def test_html_page_cut_mid_body_keeps_its_text(news_page: str, cut_before: str) -> None:
    text, meta = extract_article(news_page[: news_page.index(cut_before) + 2], "cut.html")
    assert "“The ships are moving again.”" in text
    assert meta["title"] == "Harbour reopens after storm"


@pytest.mark.parametrize("cut_before", ["<script>", "</head>"])
def test_html_page_cut_mid_head_is_refused(news_page: str, cut_before: str) -> None:
    with pytest.raises(ReadError) as caught:
        extract_article(news_page[: news_page.index(cut_before)], "cut.html")
    assert caught.value.reason == "no article text found in HTML page"


@pytest.mark.parametrize("html", ["<html><head><title>Gone</title></head><body></body></html>", "   "])
def test_html_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(ReadError, match="no article text found in HTML page"):
        extract_article(html, "empty.html")


@pytest.mark.parametrize("paragraph", ["<p>The council met on Monday and agreed the budget for the new school year.</p>"])
def test_html_meta_is_none_where_the_page_gives_none(paragraph: str) -> None:
    text, meta = extract_article(f"<html><body><article>{paragraph * 4}</article></body></html>", "bare.html")
    assert text.startswith("The council met on Monday")
    assert meta["byline"] is None and meta["published"] is None and meta["url"] is None
