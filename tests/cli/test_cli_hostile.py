"""Hostile inputs through the whole command line (issue 13): one `error:` line each, the batch goes on."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from tests.cli.conftest import Invoke, integrity

GOOD = "The mayor said the road was closed because of flooding on Monday.\n"
PARAGRAPH = "<p>The minister said on Tuesday that the fire had been put out by crews from three districts.</p>"
HOSTILE: dict[bytes, bytes] = {
    b"nested.jsonl": b'{"text": ' + b"[" * 2000 + b"]" * 2000 + b"}\n",
    b"rot13.html": f'<html><head><meta charset="rot13"></head><body><article>{PARAGRAPH}<p>Caf\xe9.</p></article></body></html>'.encode("latin-1"),
    b"name-\xff-not-utf8.txt": b"The governor said four people were hurt in the blast.\n",
    b"line\nerror: forged.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    b"nul.txt": b"The spokesman said the\x00 talks would resume in June.\n",
    b"mixed.txt": "“The bridge will open,” the mayor said.\n".encode() + "Le maire a dit que c'était prêt.\n".encode("latin-1"),
    b"deep.html": b"<html><body>" + b"<div>" * 100_000 + PARAGRAPH.encode() + b"</div>" * 100_000 + b"</body></html>",
    b"id.jsonl": json.dumps({"id": "i" * 100_000, "text": GOOD}).encode() + b"\n",
    b"good.txt": GOOD.encode(),
}


def _write_hostile(folder: Path) -> None:
    folder.mkdir()
    for name, data in HOSTILE.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(data)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile batch ingested twice into one store, and extracted once."""
    root = tmp_path_factory.mktemp("hostile")
    _write_hostile(root / "batch")
    db = root / "store.db"
    runner = CliRunner(env={"COLUMNS": "200", "ONRECORD_DB": None})
    args = ["--rules-only", str(root / "batch")]
    return {
        "db": db,
        "folder": root / "batch",
        "ingest": runner.invoke(cli, ["ingest", "--db", str(db), *args]),
        "again": runner.invoke(cli, ["ingest", "--db", str(db), *args]),
        "extract": runner.invoke(cli, ["extract", "--jsonl", *args]),
    }


@pytest.mark.parametrize("run", ["ingest", "again", "extract"])
def test_cli_hostile_batch_goes_on_without_a_traceback(hostile: dict[str, Any], run: str) -> None:
    result = hostile[run]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("nested.jsonl:1", "invalid JSON (nested too deeply)"),
        ("line␊error: forged.txt", "binary file (not text)"),
        ("deep.html", "HTML nested too deeply to parse (more than 256 levels of elements)"),
    ],
)
def test_cli_hostile_each_failure_is_one_error_line(hostile: dict[str, Any], name: str, reason: str) -> None:
    errors = [line for line in hostile["extract"].stderr.splitlines() if line.startswith("error:")]
    assert f"error: {hostile['folder']}/{name}: {reason}" in errors
    assert len(errors) == 3


@pytest.mark.parametrize("run", ["ingest", "extract"])
def test_cli_hostile_newline_in_a_name_forges_no_line(hostile: dict[str, Any], run: str) -> None:
    """Issue 13: a newline in a file name forged extra `error:` lines."""
    assert not any(line.startswith("error: forged") for line in hostile[run].stderr.splitlines())


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("nul.txt", "1 NUL byte removed"),
        ("mixed.txt", "mixed encodings: 1 line not in UTF-8 read as cp1252"),
        ("id.jsonl:1", "'id' of 100,000 characters cut to 200"),
    ],
)
@pytest.mark.parametrize("run", ["ingest", "extract"])
def test_cli_hostile_repairs_are_warned_with_the_file(hostile: dict[str, Any], run: str, name: str, warning: str) -> None:
    assert f"warning: batch/{name}: {warning}" in hostile[run].stderr.splitlines()


def test_cli_hostile_good_and_repaired_files_are_stored_once(hostile: dict[str, Any]) -> None:
    conn = sqlite3.connect(hostile["db"])
    try:
        rows = dict(conn.execute("SELECT source_path, text FROM articles").fetchall())
        ids = [row[0] for row in conn.execute("SELECT doc_id FROM articles")]
    finally:
        conn.close()
    assert set(rows) == {
        "batch/rot13.html", "batch/name-\\xff-not-utf8.txt", "batch/nul.txt", "batch/mixed.txt", "batch/id.jsonl",
        "batch/good.txt",
    }
    assert "\x00" not in rows["batch/nul.txt"]
    assert "c'était" in rows["batch/mixed.txt"] and "“The bridge" in rows["batch/mixed.txt"]
    assert "Café" in rows["batch/rot13.html"]
    assert max(len(doc_id) for doc_id in ids) == 200
    assert " 0 new (0 quotes), 6 unchanged, 3 failed" in hostile["again"].stdout
    assert integrity(hostile["db"]) == "ok"


@pytest.mark.parametrize("value", [str(2**63), str(2**64 + 1), "1000000001"])
@pytest.mark.parametrize("command", ["extract", "ingest", "serve"])
def test_cli_hostile_max_bytes_out_of_range_is_a_usage_error(invoke: Invoke, tmp_path: Path, command: str, value: str) -> None:
    """Issue 13: `--max-bytes` above 2^63 gave an OverflowError traceback."""
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    result = invoke(command, "--max-bytes", value, *([] if command == "serve" else [article]))
    assert result.exit_code == 2
    assert "--max-bytes" in result.stderr and "Traceback" not in result.output
