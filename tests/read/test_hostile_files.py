"""Hostile inputs at the reader (issue 13): each is that input's one ReadError, and the walk goes on."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read import read_paths
from onrecord.read.files import shown_path, stored_path

GOOD = b"The mayor said the road was closed because of flooding.\n"
PARAGRAPH = "<p>The minister said on Tuesday that the fire had been put out by crews from three districts.</p>"


def _read(*paths: Path | str) -> list[Document | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def _ids(items: list[Document | ReadError]) -> list[str]:
    return [item.id for item in items if isinstance(item, Document)]


def _errors(items: list[Document | ReadError]) -> list[tuple[str, str]]:
    return [(item.path, item.reason) for item in items if isinstance(item, ReadError)]


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_hostile_deeply_nested_jsonl_line_is_that_lines_error(tmp_path: Path, depth: int) -> None:
    """Issue 13: a JSONL line nested 2,000 deep ended the batch with RecursionError."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": ' + "[" * depth + "]" * depth + "}\n" + json.dumps({"id": "ok", "text": GOOD.decode()}) + "\n")
    items = _read(feed, _good(tmp_path))
    assert _errors(items) == [(f"{feed}:1", "invalid JSON (nested too deeply)")]
    assert _ids(items) == ["ok", "good"]


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "undefined", "no-such-name", "utf-7"])
def test_hostile_meta_charset_that_is_no_charset_is_ignored(tmp_path: Path, charset: str) -> None:
    """Issue 13: <meta charset="rot13"> (base64, hex, an undefined name) ended the batch with LookupError."""
    page = tmp_path / "page.html"
    html = f'<html><head><meta charset="{charset}"><title>Fire</title></head><body><article>{PARAGRAPH}'
    page.write_bytes((html + "<p>Le café était fermé.</p></article></body></html>").encode("cp1252"))
    [doc] = _read(page)
    assert isinstance(doc, Document) and "café" in doc.text


@pytest.mark.parametrize("raw_name", [b"bad\xffname.txt", b"caf\xe9.txt"])
def test_hostile_file_name_not_utf8_is_read_and_shown_escaped(tmp_path: Path, raw_name: bytes) -> None:
    """Issue 13: a file whose name is not valid UTF-8 ended the batch with UnicodeEncodeError."""
    folder = tmp_path / "batch"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), raw_name), "wb") as handle:
        handle.write(GOOD)
    [doc] = _read(folder)
    assert isinstance(doc, Document)
    doc.source_path.encode("utf-8")  # printable and storable: no lone surrogates left
    doc.id.encode("utf-8")
    assert "\\x" in doc.source_path


def test_hostile_path_too_long_is_its_own_error(tmp_path: Path) -> None:
    """Issue 13: a path too long for the file system ended the batch with OSError."""
    long_name = tmp_path / ("x" * 5_000 + ".txt")
    items = _read(long_name, _good(tmp_path))
    assert _errors(items) == [(str(long_name), os.strerror(errno.ENAMETOOLONG).lower())]
    assert _ids(items) == ["good"]


def test_hostile_file_in_a_folder_without_search_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: a file inside a directory without +x ended the batch with PermissionError.

    Simulated (tests run as root, which may enter any folder): every stat of the file is refused.
    """
    locked = tmp_path / "locked" / "a.txt"
    locked.parent.mkdir()
    locked.write_bytes(GOOD)
    _refuse(monkeypatch, locked)
    items = _read(locked, _good(tmp_path))
    assert _errors(items) == [(str(locked), "permission denied")]
    assert _ids(items) == ["good"]


def test_hostile_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: an unreadable subdirectory was skipped silently (exit 0)."""
    root = tmp_path / "scrape"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_bytes(GOOD)
    (root / "open.txt").write_bytes(GOOD)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _read(root)
    assert _errors(items) == [(str(root / "locked"), "cannot list folder: permission denied")]
    assert _ids(items) == ["open"]


@pytest.mark.parametrize("levels", [100_000])
def test_hostile_deeply_nested_html_names_the_real_cause(tmp_path: Path, levels: int) -> None:
    """Issue 13: 100k nested <div> failed as "no article text found", hiding the cause."""
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * levels + PARAGRAPH + "</div>" * levels + "</body></html>")
    [error] = _read(page)
    assert isinstance(error, ReadError) and error.reason.startswith("HTML nested too deeply to parse")


@pytest.mark.parametrize("length", [100_000])
def test_hostile_jsonl_id_is_capped_with_a_warning(tmp_path: Path, length: int) -> None:
    """Issue 13: a 100,000-character `id` was stored as it was."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "i" * length, "text": GOOD.decode()}) + "\n")
    [doc] = _read(feed)
    assert isinstance(doc, Document) and len(doc.id) == 200
    assert doc.warnings == [f"'id' of {length:,} characters cut to 200"]


def test_hostile_repairs_travel_with_the_document(tmp_path: Path) -> None:
    text = tmp_path / "nul.txt"
    text.write_bytes(b"The mayor said the\x00 road was closed for repairs on Monday.\n")
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "One."}\x00\n{"text": "Two."}\n')
    items = _read(text, feed)
    assert [(item.id, item.warnings) for item in items if isinstance(item, Document)] == [
        ("nul", ["1 NUL byte removed"]), ("feed:1", ["1 NUL byte removed"]), ("feed:2", []),
    ]


def test_hostile_absolute_argument_is_stored_relative_to_its_folder(tmp_path: Path) -> None:
    """Issue 13: the API and CSV showed the absolute local paths of ingested files."""
    root = tmp_path / "scrapes"
    (root / "2023").mkdir(parents=True)
    (root / "2023" / "a.txt").write_bytes(GOOD)
    [doc] = _read(root)
    assert isinstance(doc, Document) and doc.source_path == "scrapes/2023/a.txt"
    [single] = _read(root / "2023" / "a.txt")
    assert isinstance(single, Document) and single.source_path == "a.txt"


@pytest.mark.parametrize(
    ("arg", "file", "stored"),
    [("corpus", "corpus/a/b.txt", "corpus/a/b.txt"), ("/srv/news", "/srv/news/a/b.txt", "news/a/b.txt"),
     ("/srv/news/b.txt", "/srv/news/b.txt", "b.txt"), ("/", "/b.txt", "b.txt")],
)
def test_hostile_stored_path_never_absolute(arg: str, file: str, stored: str) -> None:
    assert stored_path(Path(arg), Path(file)) == stored


@pytest.mark.parametrize(("name", "shown"), [("plain.txt", "plain.txt"), (os.fsdecode(b"a\xffb.txt"), "a\\xffb.txt")])
def test_hostile_shown_path_is_valid_text(name: str, shown: str) -> None:
    assert shown_path(name) == shown


def _good(folder: Path) -> Path:
    path = folder / "good.txt"
    path.write_bytes(GOOD)
    return path


def _refuse(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Every stat() of `target` fails as it does for a file in a folder without search permission."""
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)


def test_hostile_pipes_devices_and_link_loops_are_refused_not_waited_on(tmp_path: Path) -> None:
    """Opening a FIFO named .txt would wait for a writer forever; /dev/zero would never end."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "ok.txt").write_bytes(GOOD)
    items = _read(tmp_path)
    assert _errors(items) == [
        (str(tmp_path / "loop.txt"), os.strerror(errno.ELOOP).lower()),
        (str(tmp_path / "pipe.txt"), "not a regular file (a pipe, a device or a socket)"),
        (str(tmp_path / "zero.txt"), "not a regular file (a pipe, a device or a socket)"),
    ]
    assert _ids(items) == ["ok"]


@pytest.mark.parametrize(
    ("line", "text", "title", "warnings"),
    [
        (r'{"text": "The mayor said \ud800 it.", "title": "\udfff x"}', "The mayor said \ufffd it.", "\ufffd x",
         ["2 lone surrogate escapes replaced by U+FFFD"]),
        (r'{"text": "A pair \ud83d\ude00 is one character."}', "A pair \U0001f600 is one character.", None, []),
        ('{"text": "The mayor said it.", "n": ' + "1" * 5_000 + "}", "The mayor said it.", None, []),
    ],
    ids=["lone", "pair", "long-integer"],
)
def test_hostile_jsonl_valid_json_that_is_not_text_is_repaired(
    tmp_path: Path, line: str, text: str, title: str | None, warnings: list[str]
) -> None:
    """Lone surrogate escapes cannot be printed or stored; Python refuses integers of 4,300+ digits."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(line + "\n")
    [doc] = _read(feed)
    assert isinstance(doc, Document)
    assert (doc.text, doc.meta["title"], doc.warnings) == (text, title, warnings)
