"""The reader's public API: read_paths, read_file, read_bytes, iter_bytes; the seeds and the corpus."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from onrecord.errors import ReadError
from onrecord.model import Document, content_sha256
from onrecord.read import DEFAULT_MAX_BYTES, iter_bytes, read_bytes, read_file, read_paths

STORY = "“We will not close the border,” the spokeswoman said.\nShe added that talks would go on – café owners agreed.\n"


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-be", codecs.BOM_UTF16_BE), ("cp1252", b"")],
)
def test_read_paths_decodes_every_encoding(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(bom + codecs.encode(STORY, codec))
    [doc] = list(read_paths([str(path)]))
    assert isinstance(doc, Document)
    assert doc.text == STORY and doc.sha256 == content_sha256(path.read_bytes())


@pytest.mark.parametrize("text", ["Le maire a dit que le café rouvrira lundi.\n"])
def test_read_paths_decodes_latin1(tmp_path: Path, text: str) -> None:
    (tmp_path / "cafe.txt").write_bytes(text.encode("latin-1"))
    [doc] = list(read_paths([str(tmp_path / "cafe.txt")]))
    assert isinstance(doc, Document) and doc.text == text


@pytest.mark.parametrize("bad", ["missing.txt", "notes.pdf"])
def test_read_paths_goes_on_after_a_bad_input(tmp_path: Path, bad: str) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "a.txt").write_text("The mayor said yes.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "one"}\nnope\n{"text": "two"}\n', encoding="utf-8")
    items = list(read_paths([str(tmp_path / bad), str(tmp_path / "a.txt"), str(tmp_path / "feed.jsonl")]))
    kinds = [(type(i).__name__, i.path if isinstance(i, ReadError) else i.id) for i in items]
    assert kinds == [("ReadError", str(tmp_path / bad)), ("Document", "a"), ("Document", "feed:1"),
                     ("ReadError", f"{tmp_path / 'feed.jsonl'}:2"), ("Document", "feed:3")]


@pytest.mark.parametrize("limit", [DEFAULT_MAX_BYTES])
def test_read_paths_reads_html_from_stdin(news_page: str, limit: int) -> None:
    [doc] = list(read_paths(["-"], max_bytes=limit, stdin=io.BytesIO(news_page.encode("utf-8"))))
    assert isinstance(doc, Document)
    assert (doc.id, doc.format, doc.meta["outlet"]) == ("stdin", "html", "The Meridian Post")


@pytest.mark.parametrize("name", ["feed.jsonl"])
def test_read_file_raises_the_first_bad_line(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text('{"text": "one"}\n{"text": ""}\n', encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read_file(tmp_path / name)
    assert caught.value.path == f"{tmp_path / name}:2" and caught.value.reason == "empty text"


@pytest.mark.parametrize("name", ["story.txt"])
def test_read_file_returns_documents(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(STORY, encoding="utf-8")
    assert [d.text for d in read_file(tmp_path / name)] == [STORY]


@pytest.mark.parametrize(
    ("name", "fmt", "doc_id"), [("upload.txt", "txt", "upload"), ("Page.HTML", "html", "Page")]
)
def test_read_bytes_routes_by_extension(news_page: str, name: str, fmt: str, doc_id: str) -> None:
    data = (news_page if fmt == "html" else STORY).encode("utf-8")
    [doc] = read_bytes(data, name)
    assert (doc.format, doc.id, doc.source_path) == (fmt, doc_id, name)


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"%PDF-1.4", "scan.pdf", "unsupported file type '.pdf'"),
        (b"x" * 200, "big.txt", "file is 200 bytes, over the 100 bytes limit"),
        (b"   ", "blank.txt", "empty file"),
        (b"<html><head><title>cut", "cut.html", "no article text found in HTML page"),
    ],
)
def test_read_bytes_raises_with_a_reason(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name, max_bytes=100)
    assert caught.value.path == name and caught.value.reason.startswith(reason)


@pytest.mark.parametrize("lines", [[{"text": "one"}, {"html": ""}, {"text": "three", "id": "t"}]])
def test_read_iter_bytes_yields_bad_lines_and_goes_on(lines: list[dict[str, str]]) -> None:
    data = "\n".join(json.dumps(line) for line in lines).encode("utf-8")
    items = list(iter_bytes(data, "up.jsonl"))
    assert [i.id if isinstance(i, Document) else i.path for i in items] == ["up:1", "up.jsonl:2", "t"]


@pytest.mark.parametrize("count", [5])
def test_read_paths_reads_the_seeds_as_utf8(seed_paths: dict[str, Path], count: int) -> None:
    docs = list(read_paths([str(p) for p in seed_paths.values()]))
    assert len(docs) == count and all(isinstance(d, Document) for d in docs)
    for doc, path in zip(docs, seed_paths.values()):
        assert isinstance(doc, Document)
        assert doc.text == path.read_bytes().decode("utf-8") and doc.id == path.stem and doc.format == "txt"
