"""Paths -> inputs: files, recursive directories, stdin, and the reasons an input is refused."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read.files import iter_path, load_file, walk_directory


def _write(root: Path, rel: str, data: bytes = b"The mayor said the bridge is open.\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "names",
    [["b.txt", "a/z.HTML", "a/y.jsonl", "a/b/x.htm", "c.txt", "notes.md", "x.pdf", ".hidden.txt",
      ".git/config.txt", "a/.cache/old.txt"]],
)
def test_files_list_directory_recursive_sorted_skipping_hidden_and_others(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        _write(tmp_path, name)
    found = [p.relative_to(tmp_path).as_posix() for p in walk_directory(tmp_path)[0]]
    assert found == ["a/b/x.htm", "a/y.jsonl", "a/z.HTML", "b.txt", "c.txt"]


@pytest.mark.parametrize("names", [["one.txt", "sub/two.txt", "sub/skip.docx"]])
def test_files_iter_path_reads_a_directory(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        _write(tmp_path, name)
    docs = list(iter_path(str(tmp_path), 1000))
    assert [d.id for d in docs if isinstance(d, Document)] == ["one", "two"]
    assert len(docs) == 2


@pytest.mark.parametrize("names", [[], ["readme.md"]])
def test_files_iter_path_reports_a_directory_with_nothing_to_read(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        _write(tmp_path, name)
    [error] = list(iter_path(str(tmp_path), 1000))
    assert isinstance(error, ReadError) and error.reason == "no .txt, .html, .htm or .jsonl files in directory"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.txt", None, "no such file or directory"),
        ("missing.pdf", None, "no such file or directory"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf' (expected .txt, .html, .htm or .jsonl)"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n   \n", "empty file"),
        ("big.txt", b"x" * 1001, "file is 1,001 bytes, over the 1,000-byte limit (--max-bytes)"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (not text)"),
        ("head.html", b"<html><head><title>Cut", "no article text found in HTML page"),
    ],
)
def test_files_iter_path_yields_the_reason_a_file_is_refused(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    path = tmp_path / name if data is None else _write(tmp_path, name, data)
    [error] = list(iter_path(str(path), 1000))
    assert isinstance(error, ReadError)
    assert (error.path, error.reason) == (str(path), reason)


@pytest.mark.parametrize("limit", [10])
def test_files_load_file_checks_the_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    path = _write(tmp_path, "big.txt", b"y" * (limit + 5))
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a file over the limit"))
    with pytest.raises(ReadError, match="over the 10 bytes limit"):
        load_file(path, limit)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("mode", [0o000])
def test_files_load_file_reports_unreadable_files(tmp_path: Path, mode: int) -> None:
    path = _write(tmp_path, "locked.txt")
    path.chmod(mode)
    try:
        with pytest.raises(ReadError, match="permission denied"):
            load_file(path, 1000)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("data", "ids", "fmt"),
    [
        (b"The governor said four people were hurt.\n", ["stdin"], "txt"),
        (b'{"text": "one"}\n{"id": "x", "text": "two"}\n', ["stdin:1", "x"], "jsonl"),
    ],
)
def test_files_iter_path_reads_stdin(data: bytes, ids: list[str], fmt: str) -> None:
    docs = list(iter_path("-", 1000, io.BytesIO(data)))
    assert [d.id for d in docs if isinstance(d, Document)] == ids
    assert {d.format for d in docs if isinstance(d, Document)} == {fmt}
    assert {d.source_path for d in docs if isinstance(d, Document)} == {"<stdin>"}


@pytest.mark.parametrize(("data", "reason"), [(b"z" * 50, "input is over the 20 bytes limit"), (b"", "empty file")])
def test_files_iter_path_refuses_bad_stdin(data: bytes, reason: str) -> None:
    [error] = list(iter_path("-", 20, io.BytesIO(data)))
    assert isinstance(error, ReadError) and error.path == "<stdin>" and error.reason.startswith(reason)
