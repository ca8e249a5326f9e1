"""One input's bytes -> Documents, by file type: named by extension, or sniffed (stdin)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath

from onrecord.errors import ReadError
from onrecord.model import Document, DocumentFormat, content_sha256
from onrecord.read.constants import (
    EXPECTED_SUFFIXES,
    HTML_SNIFF_CHARS,
    HTML_START,
    HTML_SUFFIXES,
    HTML_TAG,
    JSONL_SUFFIXES,
    TXT_SUFFIXES,
)
from onrecord.read.decode import decode_bytes, decode_text
from onrecord.read.html import html_document
from onrecord.read.jsonl import iter_jsonl, load_json


def format_of(name: str) -> DocumentFormat:
    """The input format a file name's extension says; ReadError for any other extension."""
    suffix = PurePath(name).suffix.lower()
    if suffix in TXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    found = f"'{suffix}'" if suffix else "(no extension)"
    raise ReadError(name, f"unsupported file type {found} (expected {EXPECTED_SUFFIXES})")


def too_big(size: int | None, max_bytes: int) -> str:
    """The reason for refusing an input of `size` bytes (None: a stream, its size unknown)."""
    shown, limit = (_size(size), _size(max_bytes)) if size is not None else ("", _size(max_bytes))
    if shown == limit:
        shown, limit = f"{size:,} bytes", f"{max_bytes:,}-byte"  # "5.0 MB, over the 5.0 MB limit" says nothing
    what = f"file is {shown}," if size is not None else "input is"
    return f"{what} over the {limit} limit (--max-bytes)"


def iter_documents(data: bytes, name: str, fmt: DocumentFormat, stem: str) -> Iterator[Document | ReadError]:
    """Documents of one input: `stem` is the id of a page or text, the id prefix of JSONL lines.

    A whole-input failure raises ReadError; a bad JSONL line is yielded as one.
    """
    if fmt == "html":
        yield html_document(data, name, stem)
    elif fmt == "jsonl":
        decoded = decode_text(data, name)
        yield from iter_jsonl(decoded.text, name, stem, decoded.repairs)
    else:
        yield txt_document(data, name, stem)


def txt_document(data: bytes, name: str, doc_id: str) -> Document:
    """A Document for one plain-text file's bytes: the text exactly as decoded."""
    decoded = decode_text(data, name)
    return Document(
        id=doc_id,
        text=decoded.text,
        source_path=name,
        sha256=content_sha256(data),
        format="txt",
        warnings=list(decoded.repairs),
    )


def sniff_format(data: bytes, name: str) -> DocumentFormat:
    """HTML if it looks like a page, JSONL if every non-blank line is a JSON object, else text."""
    text = decode_bytes(data, name)
    head = text[:HTML_SNIFF_CHARS]
    if HTML_START.match(head) or HTML_TAG.search(head):
        return "html"
    lines = [line for line in text.split("\n") if line.strip()]
    return "jsonl" if all(_is_json_object(line) for line in lines) else "txt"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(load_json(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _size(n: int) -> str:
    """A byte count for people: "812 bytes", "48.2 kB", "6.3 MB"."""
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"
