"""Routing an input by extension or by sniffing, size reasons, plain-text Documents."""

from __future__ import annotations

import codecs

import pytest

from onrecord.errors import ReadError
from onrecord.model import content_sha256
from onrecord.read.formats import format_of, sniff_format, too_big, txt_document


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("A.TXT", "txt"), ("page.html", "html"), ("page.HTM", "html"), ("feed.jsonl", "jsonl")],
)
def test_formats_route_by_extension(name: str, fmt: str) -> None:
    assert format_of(name) == fmt


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("report.pdf", "unsupported file type '.pdf' (expected .txt, .html, .htm or .jsonl)"),
        ("README", "unsupported file type (no extension) (expected .txt, .html, .htm or .jsonl)"),
    ],
)
def test_formats_refuse_other_extensions(name: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        format_of(name)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    ("size", "limit", "reason"),
    [
        (6_300_000, 5_000_000, "file is 6.3 MB, over the 5.0 MB limit (--max-bytes)"),
        (2_048, 1_000, "file is 2.0 kB, over the 1.0 kB limit (--max-bytes)"),
        (120, 100, "file is 120 bytes, over the 100 bytes limit (--max-bytes)"),
        (None, 5_000_000, "input is over the 5.0 MB limit (--max-bytes)"),
    ],
)
def test_formats_describe_sizes_over_the_limit(size: int | None, limit: int, reason: str) -> None:
    assert too_big(size, limit) == reason


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>Hi</p></body></html>", "html"),
        (b"\n  <!-- saved page -->\n<html lang='en'><body>text</body></html>", "html"),
        (b"Saved from the web\n<html><body>text</body></html>", "html"),
        (b'{"text": "one"}\n\n{"text": "two"}\n', "jsonl"),
        (b'{"text": "one"}\nnot json\n', "txt"),
        (b"[1, 2]\n", "txt"),
        ("“Plain” text, said the mayor.\n".encode(), "txt"),
        (codecs.BOM_UTF16_LE + "<html><body>x</body></html>".encode("utf-16-le"), "html"),
    ],
    ids=["doctype", "comment-first", "html-tag", "jsonl", "jsonl-bad-line", "json-array", "text", "utf16-html"],
)
def test_formats_sniff_stdin_content(data: bytes, fmt: str) -> None:
    assert sniff_format(data, "<stdin>") == fmt


@pytest.mark.parametrize("text", ["By Herald Staff\r\nMay 31, 2023 1:18 pmKESTRAVA\r\n“We are ready,” he said.\r\n"])
def test_formats_txt_document_keeps_the_text_as_decoded(text: str) -> None:
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    doc = txt_document(data, "dir/story.txt", "story")
    assert (doc.id, doc.text, doc.format, doc.source_path) == ("story", text, "txt", "dir/story.txt")
    assert doc.sha256 == content_sha256(data) and doc.meta == {} and doc.raw is None
