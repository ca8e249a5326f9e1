"""Command-line arguments -> inputs: files, directories (recursive) and `-` for stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read.constants import (
    REASON_EMPTY_DIR,
    REASON_MISSING,
    STDIN_ARG,
    STDIN_ID,
    STDIN_NAME,
    SUPPORTED_SUFFIXES,
)
from onrecord.read.formats import format_of, iter_documents, sniff_format, too_big


def iter_path(arg: str, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Document | ReadError]:
    """Everything one argument names, each input that cannot be read yielded as its ReadError.

    `-` reads `stdin`, by default `sys.stdin.buffer` (looked up only then: it may be absent).
    """
    if arg == STDIN_ARG:
        yield from guarded(iter_stream(stdin or sys.stdin.buffer, max_bytes))
        return
    path = Path(arg)
    if not path.is_dir():
        yield from guarded(iter_file(path, max_bytes))
        return
    files = list_directory(path)
    if not files:
        yield ReadError(arg, REASON_EMPTY_DIR)
    for file in files:
        yield from guarded(iter_file(file, max_bytes))


def guarded(items: Iterator[Document | ReadError]) -> Iterator[Document | ReadError]:
    """Pass items on, yielding a raised ReadError instead of letting it end the batch."""
    try:
        yield from items
    except ReadError as exc:
        yield exc


def list_directory(root: Path) -> list[Path]:
    """The readable files under a directory, recursively, sorted, hidden files and folders skipped."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(folder) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        ]
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def iter_file(path: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    """Documents of one file; ReadError if it is missing, of another type, too big or unreadable."""
    name = str(path)
    if not path.exists():
        raise ReadError(name, REASON_MISSING)
    fmt = format_of(name)
    yield from iter_documents(load_file(path, max_bytes), name, fmt, path.stem)


def iter_stream(stream: BinaryIO, max_bytes: int) -> Iterator[Document | ReadError]:
    """Documents of a byte stream (stdin), its format sniffed, at most `max_bytes` read."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(STDIN_NAME, too_big(None, max_bytes))
    yield from iter_documents(data, STDIN_NAME, sniff_format(data, STDIN_NAME), STDIN_ID)


def load_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, its size checked before reading."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(name, too_big(size, max_bytes))
        with path.open("rb") as handle:
            # One byte over the cap tells a file that grew since stat() from one that fits.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(name, REASON_MISSING) from None
    except OSError as exc:
        raise ReadError(name, (exc.strerror or str(exc)).lower()) from None
    if len(data) > max_bytes:
        raise ReadError(name, too_big(len(data), max_bytes))
    return data
