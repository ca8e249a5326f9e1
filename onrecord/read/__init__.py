"""Files -> Documents: plain-text scrapes, HTML pages and JSON Lines, decoded robustly.

    read_paths   files, directories and `-` (stdin) -> Document | ReadError, never raising
    read_file    one file (or directory) -> [Document], raising the first ReadError
    read_bytes   an upload's bytes and file name -> [Document], raising the first ReadError
    iter_bytes   the same, yielding a bad JSONL line's ReadError and going on

Modules: `decode` (bytes -> text), `html` (trafilatura), `jsonl`, `formats` (routing by
extension or by sniffing), `files` (paths, directories, stdin), `constants` (data only).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath
from typing import BinaryIO

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read.constants import DEFAULT_MAX_BYTES, MAX_BYTES_CEILING
from onrecord.read.files import guarded, iter_path
from onrecord.read.formats import format_of, iter_documents, too_big

__all__ = ["DEFAULT_MAX_BYTES", "MAX_BYTES_CEILING", "iter_bytes", "read_bytes", "read_file", "read_paths"]


def read_paths(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Document | ReadError]:
    """A Document per article under `paths`, or a ReadError per input that cannot be read.

    `-` reads `stdin` (default `sys.stdin.buffer`), sniffing whether it is HTML, JSONL or text.
    """
    for arg in paths:
        yield from iter_path(arg, max_bytes, stdin)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The Documents of one file (or directory); raise ReadError if any input or line cannot be read."""
    return _strict(iter_path(str(path), max_bytes))


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The Documents of an upload, its type from the extension of `name`; raise ReadError on any failure."""
    return _strict(iter_bytes(data, name, max_bytes))


def iter_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """The Documents of an upload, yielding ReadError for the whole upload or for each bad JSONL line."""
    if len(data) > max_bytes:
        yield ReadError(name, too_big(len(data), max_bytes))
        return
    try:
        fmt = format_of(name)
    except ReadError as exc:
        yield exc
        return
    yield from guarded(iter_documents(data, name, fmt, PurePath(name).stem), name)


def _strict(items: Iterator[Document | ReadError]) -> list[Document]:
    """All Documents, or the first ReadError raised."""
    docs: list[Document] = []
    for item in items:
        if isinstance(item, ReadError):
            raise item
        docs.append(item)
    return docs
