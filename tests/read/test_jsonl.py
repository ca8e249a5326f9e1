"""JSON Lines: one article per line, metadata from fields, bad lines reported and skipped."""

from __future__ import annotations

import json

import pytest

from onrecord.errors import ReadError
from onrecord.model import Document, content_sha256
from onrecord.read.jsonl import iter_jsonl

TEXT_RECORD = {
    "id": "herald-17",
    "text": "“The border stays open,” the minister said.\nTalks resume on Monday.",
    "url": "https://herald.example/17",
    "title": "Border stays open",
    "published": "2024-02-03",
    "outlet": "The Herald",
    "byline": "Ana Reis",
}


@pytest.mark.parametrize("record", [TEXT_RECORD])
def test_jsonl_reads_text_and_fields(record: dict[str, str]) -> None:
    line = json.dumps(record, ensure_ascii=False)
    [doc] = list(iter_jsonl(f"\n{line}\n", "feed.jsonl", "feed"))
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.format, doc.line, doc.source_path) == (
        "herald-17", record["text"], "jsonl", 2, "feed.jsonl")
    assert doc.sha256 == content_sha256(line.encode("utf-8"))
    assert doc.meta == {"title": "Border stays open", "published": "2024-02-03", "outlet": "The Herald",
                        "byline": "Ana Reis", "url": "https://herald.example/17"}


@pytest.mark.parametrize("record", [{"text": "The mayor said the bridge would reopen."}])
def test_jsonl_ids_a_line_without_id_by_stem_and_line(record: dict[str, str]) -> None:
    [doc] = list(iter_jsonl(json.dumps(record) + "\r\n", "feed.jsonl", "feed"))
    assert isinstance(doc, Document)
    assert doc.id == "feed:1" and doc.meta["title"] is None and doc.raw is None


@pytest.mark.parametrize("outlet", ["The Herald", None])
def test_jsonl_reads_html_through_the_page_path(news_page: str, outlet: str | None) -> None:
    line = json.dumps({"html": news_page, "outlet": outlet})
    [doc] = list(iter_jsonl(line, "feed.jsonl", "feed"))
    assert isinstance(doc, Document)
    assert doc.text.startswith("Harbour reopens after storm\n") and doc.raw == news_page
    assert doc.meta["outlet"] == (outlet or "The Meridian Post")
    assert doc.meta["byline"] == "Lena Oskarsdottir"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "unterminated', "invalid JSON"),
        ('["a", "list"]', "not a JSON object"),
        ('{"title": "no body"}', "no 'text' or 'html' field"),
        ('{"text": "   "}', "empty text"),
        ('{"text": 42}', "'text' is not a string"),
        ('{"html": ""}', "empty html"),
        ('{"html": "<html><head><title>x</title></head></html>"}', "no article text found in HTML page"),
    ],
    ids=["json", "list", "no-body", "empty", "number", "empty-html", "head-only"],
)
def test_jsonl_reports_a_bad_line_and_reads_the_rest(line: str, reason: str) -> None:
    good = json.dumps({"text": "The governor said four people were hurt."})
    items = list(iter_jsonl(f"{good}\n{line}\n\n{good}\n", "feed.jsonl", "feed"))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    error = items[1]
    assert isinstance(error, ReadError)
    assert error.path == "feed.jsonl:2" and error.reason.startswith(reason)
    assert [d.line for d in items if isinstance(d, Document)] == [1, 4]


@pytest.mark.parametrize("text", ["First line\u2028still the same record"])
def test_jsonl_splits_only_on_newlines(text: str) -> None:
    [doc] = list(iter_jsonl(json.dumps({"text": text}, ensure_ascii=False), "feed.jsonl", "feed"))
    assert isinstance(doc, Document) and doc.text == text
