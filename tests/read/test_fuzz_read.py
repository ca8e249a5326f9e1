"""Property-based fuzzing of the readers (issue 13): any bytes, name, encoding or structure gives
Documents or ReadErrors, never an exception, and every string they carry can be printed and stored.

Derandomized and bounded (well under a minute on two cores) so a CI failure reproduces.
"""

from __future__ import annotations

import os
import tempfile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read import iter_bytes, read_paths
from onrecord.read.decode import decode_text, normalise_charset
from tests.strategies import CHARSET_LABELS, CONTENTS, FILE_NAMES, reproducible

READ_FUZZ = reproducible(150)
UPLOAD_NAMES = st.sampled_from(["a.txt", "b.html", "c.htm", "d.jsonl", "E.TXT", "../up.txt", "line\nbreak.txt"])


def _storable(*texts: str | None) -> None:
    """Every string can be written as UTF-8 (to a terminal, a JSON line, SQLite)."""
    for text in texts:
        if text is not None:
            text.encode("utf-8")


def _check(item: Document | ReadError) -> None:
    if isinstance(item, ReadError):
        _storable(item.path, item.reason)
        assert item.reason
        return
    assert isinstance(item, Document), type(item)
    assert item.text.strip() and "\x00" not in item.text
    _storable(item.id, item.text, item.source_path, item.raw, *item.meta.values(), *item.warnings)
    assert len(item.id) <= 400


@READ_FUZZ
@given(data=CONTENTS | st.binary(max_size=2_000), declared=st.none() | CHARSET_LABELS)
def test_fuzz_read_decode_returns_text_or_read_error(data: bytes, declared: str | None) -> None:
    try:
        decoded = decode_text(data, "in.txt", declared)
    except ReadError:
        return
    assert "\x00" not in decoded.text
    _storable(decoded.text, *decoded.repairs)


@READ_FUZZ
@given(label=CHARSET_LABELS)
def test_fuzz_read_charset_labels_never_raise(label: str) -> None:
    codec = normalise_charset(label)
    if codec is not None:
        "text".encode(codec)


@READ_FUZZ
@given(data=CONTENTS, name=UPLOAD_NAMES)
def test_fuzz_read_any_upload_bytes(data: bytes, name: str) -> None:
    for item in iter_bytes(data, name, max_bytes=1_000_000):
        _check(item)


@pytest.mark.slow
@settings(READ_FUZZ, max_examples=60)
@given(files=st.dictionaries(FILE_NAMES, CONTENTS, min_size=1, max_size=5), nested=st.booleans())
def test_fuzz_read_any_folder_of_files(files: dict[bytes, bytes], nested: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(os.fsencode(tmp), b"batch")
        folder = os.path.join(root, b"sub") if nested else root
        os.makedirs(folder)
        paths = [_write(os.path.join(folder, name), data) for name, data in files.items()]
        walked = list(read_paths([os.fsdecode(root)]))
        direct = [list(read_paths([os.fsdecode(path)])) for path, _ in paths]
    for item in [*walked, *(item for items in direct for item in items)]:
        _check(item)
    assert all(items for items in direct), "a path given is always answered: documents or its error"
    listed = [path for path, written in paths if written and _listed(path)]
    assert len(walked) >= len(listed)


def _write(path: bytes, data: bytes) -> tuple[bytes, bool]:
    """Write a file; (path, False) when the file system refuses the name (too long): the reader must cope."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError:
        return path, False
    return path, True


def _listed(path: bytes) -> bool:
    """Whether a directory walk reads this file: not hidden, a suffix onrecord reads."""
    name = os.path.basename(path)
    return not name.startswith(b".") and os.path.splitext(name)[1].lower() in (b".txt", b".html", b".htm", b".jsonl")
