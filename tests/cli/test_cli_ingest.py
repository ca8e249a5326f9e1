"""`onrecord ingest`: summary, idempotency, a batch with bad files, and surviving a kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from tests.cli.conftest import GOOD_TEXTS, Invoke, integrity, source_counts

@pytest.mark.parametrize("count", [len(GOOD_TEXTS)])
def test_cli_ingest_summary_then_unchanged(invoke: Invoke, good_dir: Path, tmp_path: Path, count: int) -> None:
    db = tmp_path / "news.db"
    first = invoke("ingest", "--db", db, good_dir)
    assert first.exit_code == 0, first.output
    assert f"read {count} documents: {count} new" in first.stdout
    second = invoke("ingest", "--db", db, good_dir)
    assert second.exit_code == 0
    assert f"read {count} documents: 0 new (0 quotes), {count} unchanged, 0 failed" in second.stdout
    assert source_counts(db) == dict.fromkeys(GOOD_TEXTS, 1)


@pytest.mark.parametrize("env_name", ["ONRECORD_DB"])
def test_cli_ingest_db_from_environment(good_dir: Path, tmp_path: Path, env_name: str) -> None:
    db = tmp_path / "from-env.db"
    result = CliRunner(env={env_name: str(db)}).invoke(cli, ["ingest", str(good_dir)])
    assert result.exit_code == 0
    assert source_counts(db) == dict.fromkeys(GOOD_TEXTS, 1)


@pytest.mark.parametrize("seed_count", [5])
def test_cli_ingest_seeds_idempotent(invoke: Invoke, seeds_dir: Path, tmp_path: Path, seed_count: int) -> None:
    db = tmp_path / "seeds.db"
    assert f"{seed_count} new" in invoke("ingest", "--db", db, seeds_dir).stdout
    again = invoke("ingest", "--db", db, seeds_dir)
    assert f"0 new (0 quotes), {seed_count} unchanged" in again.stdout
    assert integrity(db) == "ok"


BAD_FILES: dict[str, bytes] = {
    "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64,  # a directory walk skips *.bin: binary named .txt
    "empty.txt": b"",
    "huge.txt": b"All work and no play makes a long article. " * 140_000,  # about 6 MB, over the 5 MB cap
    "truncated.html": b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Drone strike</title><meta name=",
}
LATIN1_TEXT = "Le ministre a déclaré : « Nous sommes prêts », selon le café du coin.\n"
GOOD_PAGE = (
    "<html><head><title>Mayor speaks</title></head><body><article><h1>Mayor speaks</h1>"
    "<p>Moscow Mayor Sergei Sobyanin said several residential buildings were damaged in the attack.</p>"
    "<p>\"No one was seriously injured,\" he said on Tuesday morning in a statement.</p></article></body></html>"
)


def _write_bad_batch(folder: Path) -> None:
    folder.mkdir()
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (folder / "page.html").write_text(GOOD_PAGE, encoding="utf-8")
    for name, text in GOOD_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The acceptance batch ingested twice into one database."""
    root = tmp_path_factory.mktemp("bad-batch")
    _write_bad_batch(root / "in")
    db = root / "batch.db"
    runner = CliRunner(env={"COLUMNS": "200"})
    first = runner.invoke(cli, ["ingest", "--db", str(db), str(root / "in")])
    second = runner.invoke(cli, ["ingest", "--db", str(db), str(root / "in")])
    return {"db": db, "first": first, "second": second, "folder": root / "in"}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_cli_ingest_bad_batch_reports_each_bad_file(bad_batch: dict[str, Any], name: str) -> None:
    path = bad_batch["folder"] / name
    lines = [line for line in bad_batch["first"].stderr.splitlines() if line.startswith(f"error: {path}: ")]
    assert len(lines) == 1 and len(lines[0]) > len(f"error: {path}: ")
    assert f"  {path}: " in bad_batch["first"].stdout
    assert name not in source_counts(bad_batch["db"])


@pytest.mark.parametrize("name", [*GOOD_TEXTS, "page.html", "latin1.txt"])
def test_cli_ingest_bad_batch_stores_good_files_once(bad_batch: dict[str, Any], name: str) -> None:
    assert source_counts(bad_batch["db"]).get(name) == 1


@pytest.mark.parametrize("word", ["déclaré"])
def test_cli_ingest_bad_batch_decodes_latin1(bad_batch: dict[str, Any], word: str) -> None:
    conn = sqlite3.connect(bad_batch["db"])
    texts = [row[0] for row in conn.execute("SELECT text FROM articles WHERE source_path LIKE '%latin1.txt'")]
    conn.close()
    assert len(texts) == 1 and word in texts[0]


@pytest.mark.parametrize("run", ["first", "second"])
def test_cli_ingest_bad_batch_exits_1_and_db_is_sound(bad_batch: dict[str, Any], run: str) -> None:
    result = bad_batch[run]
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert integrity(bad_batch["db"]) == "ok"


@pytest.mark.parametrize("expected", [" 0 new (0 quotes), "])
def test_cli_ingest_bad_batch_rerun_adds_nothing(bad_batch: dict[str, Any], expected: str) -> None:
    assert expected in bad_batch["second"].stdout
    assert all(count == 1 for count in source_counts(bad_batch["db"]).values())


# Runs the real CLI in a child process, with each article's write slowed *inside* its transaction,
# so that a SIGKILL lands while an article is half-written.
SLOW_INGEST = """
import sys, time
import onrecord.store.db as db
original = db._write_article
def slow(conn, article):
    article_id = original(conn, article)
    time.sleep(0.05)
    return article_id
db._write_article = slow
from onrecord.cli import cli
cli(sys.argv[1:], prog_name="onrecord")
"""


def _stored_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _kill_after(proc: subprocess.Popen[bytes], db: Path, committed: int, deadline_s: float = 120) -> None:
    deadline = time.monotonic() + deadline_s
    while proc.poll() is None and time.monotonic() < deadline:
        if _stored_count(db) >= committed:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=30)


@pytest.mark.parametrize(("files", "committed"), [(30, 3)])
def test_cli_ingest_survives_kill(tmp_path: Path, files: int, committed: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(files):
        (folder / f"story{i:02d}.txt").write_text(f"Story {i}: the minister said {i} drones were shot down.\n")
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, "ingest", "--db", str(db), str(folder)])
    _kill_after(proc, db, committed)
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    before = _stored_count(db)
    assert committed <= before < files
    rerun = subprocess.run(
        [sys.executable, "-m", "onrecord", "ingest", "--db", str(db), str(folder)], capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    new = files - before
    assert f"{new} new ({new} quotes), {before} unchanged, 0 failed" in rerun.stdout, "one statement per story"
    assert source_counts(db) == {f"story{i:02d}.txt": 1 for i in range(files)}
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_cli_ingest_with_two_workers_stores_the_same(invoke: Invoke, corpus_dir: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db, workers in ((one, "1"), (two, "2")):
        result = invoke("ingest", "--db", db, "--workers", workers, corpus_dir)
        assert result.exit_code == 0, result.output
    quotes = "SELECT q.text FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.source_path, q.id"
    stored = sqlite3.connect(one).execute(quotes).fetchall()
    assert len(stored) > 100 and stored == sqlite3.connect(two).execute(quotes).fetchall()


def test_cli_ingest_all_attributions_stores_every_act_and_links_only_statements(invoke: Invoke, tmp_path: Path) -> None:
    from tests.cli.test_cli_extract import ACTS_STORY

    path = tmp_path / "harbour.txt"
    path.write_text(ACTS_STORY, encoding="utf-8")
    default, every = tmp_path / "default.db", tmp_path / "every.db"
    assert invoke("ingest", "--db", default, path).exit_code == 0
    assert invoke("ingest", "--db", every, path, "--all-attributions").exit_code == 0
    with sqlite3.connect(default) as conn:
        assert {row[0] for row in conn.execute("SELECT act FROM quotes")} == {"speech"}
    with sqlite3.connect(every) as conn:
        rows = dict(conn.execute("SELECT act, statement_id FROM quotes").fetchall())
    assert set(rows) == {"speech", "thought", "intention"}
    assert rows["speech"] is not None, "a named speaker's statement joins a statement"
    assert rows["thought"] is None and rows["intention"] is None, "beliefs and wishes are not statements"
    thought = invoke("quotes", "--db", every, "--act", "thought", "--json")
    assert [q["act"] for q in json.loads(thought.stdout)] == ["thought"]
