"""Command-line arguments -> inputs: files, directories (recursive) and `-` for stdin.

Nothing a file system does to one path ends the walk: a missing file, a name too long, a folder
that cannot be listed or a file that cannot be opened is that path's ReadError. Names are shown as
text that can be printed and stored (`shown_path`); a document's `source_path` is its path relative
to what was ingested (`stored_path`), so no absolute path of this machine is stored or served.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import BinaryIO

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read.constants import (
    REASON_EMPTY_DIR,
    REASON_MISSING,
    REASON_NOT_REGULAR,
    STDIN_ARG,
    STDIN_ID,
    STDIN_NAME,
    SUPPORTED_SUFFIXES,
)
from onrecord.read.formats import format_of, iter_documents, sniff_format, too_big

Item = Document | ReadError


def iter_path(arg: str, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Everything one argument names, each input that cannot be read yielded as its ReadError.

    `-` reads `stdin`, by default `sys.stdin.buffer` (looked up only then: it may be absent).
    """
    if arg == STDIN_ARG:
        yield from guarded(iter_stream(stdin or sys.stdin.buffer, max_bytes), STDIN_NAME)
        return
    path = Path(arg)
    try:
        is_dir = path.is_dir()
    except (OSError, ValueError) as exc:
        yield ReadError(shown_path(arg), os_reason(exc))
        return
    if not is_dir:
        yield from guarded(iter_file(path, max_bytes, stored_path(path, path)), shown_path(path))
        return
    files, failures = walk_directory(path)
    yield from failures
    if not files and not failures:
        yield ReadError(shown_path(arg), REASON_EMPTY_DIR)
    for file in files:
        yield from guarded(iter_file(file, max_bytes, stored_path(path, file)), shown_path(file))


def guarded(items: Iterator[Item], name: str) -> Iterator[Item]:
    """Pass items on; whatever ends them early (a ReadError, or any error at all) becomes `name`'s ReadError.

    Every input is hostile: a parser's RecursionError or a codec's LookupError on one file must be
    that file's one-line error, never the end of a batch of thousands.
    """
    try:
        yield from items
    except ReadError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - any failure of one input is that input's error
        yield ReadError(name, f"cannot read ({type(exc).__name__}: {exc})")


def shown_path(path: str | PurePath) -> str:
    """A path as text that prints and stores: bytes of the name that are not UTF-8 written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def stored_path(arg: Path, file: Path) -> str:
    """The `source_path` of a file found under argument `arg`: relative to `arg`'s folder when `arg` is absolute.

    `/home/ana/scrapes` stores `scrapes/2023/a.html`; a relative argument is kept as given.
    """
    if not arg.is_absolute():
        return shown_path(file)
    return shown_path(file.relative_to(arg.parent)) if arg.parent != arg else shown_path(file.relative_to(arg))


def os_reason(exc: BaseException) -> str:
    """A file system error as a reason: "permission denied", "file name too long"."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).lower() or type(exc).__name__


def walk_directory(root: Path) -> tuple[list[Path], list[ReadError]]:
    """The readable files under a directory, recursively, sorted, hidden files and folders skipped,
    and a ReadError for each folder that cannot be listed."""
    found: list[Path] = []
    failures: list[ReadError] = []

    def unlistable(exc: OSError) -> None:
        failures.append(ReadError(shown_path(exc.filename or root), f"cannot list folder: {os_reason(exc)}"))

    for folder, dirs, names in os.walk(root, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(folder) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        ]
    return sorted(found, key=lambda p: p.relative_to(root).parts), failures


def iter_file(path: Path, max_bytes: int, source: str | None = None) -> Iterator[Item]:
    """Documents of one file (`source`: their source_path, if not the path as given); ReadError if it
    is missing, of another type, too big or unreadable. Errors name the path as given."""
    name = shown_path(path)
    if _missing(path):
        raise ReadError(name, REASON_MISSING)
    fmt = format_of(name)
    for item in iter_documents(load_file(path, max_bytes), name, fmt, shown_path(path.stem)):
        if isinstance(item, Document) and source is not None:
            item.source_path = source
        yield item


def _missing(path: Path) -> bool:
    """Whether nothing is at `path` (other file system errors are load_file's to report)."""
    try:
        path.stat()
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False
    return False


def iter_stream(stream: BinaryIO, max_bytes: int) -> Iterator[Item]:
    """Documents of a byte stream (stdin), its format sniffed, at most `max_bytes` read."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(STDIN_NAME, too_big(None, max_bytes))
    yield from iter_documents(data, STDIN_NAME, sniff_format(data, STDIN_NAME), STDIN_ID)


def load_file(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, its size checked before reading."""
    name = shown_path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Opening a FIFO waits for a writer forever; a device may never end.
            raise ReadError(name, REASON_NOT_REGULAR)
        size = info.st_size
        if size > max_bytes:
            raise ReadError(name, too_big(size, max_bytes))
        with path.open("rb") as handle:
            # One byte over the cap tells a file that grew since stat() from one that fits.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(name, REASON_MISSING) from None
    except (OSError, ValueError) as exc:
        raise ReadError(name, os_reason(exc)) from None
    if len(data) > max_bytes:
        raise ReadError(name, too_big(len(data), max_bytes))
    return data
