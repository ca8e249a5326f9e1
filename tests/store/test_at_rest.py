"""A store at rest is one file: its last writer turns WAL off, so reading it creates nothing (issue 13, item 6)."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

import onrecord.store.db as db_module
from onrecord.cli import cli
from onrecord.store import Store, connect_reader, queries
from tests.store.builders import sample_articles
from tests.store.odd_stores import neighbours
from tests.stores import stored

WAL_HEADER = b"\x02\x02"
"""Bytes 18-19 of a SQLite file: 2, 2 in WAL mode, 1, 1 in rollback (DELETE) mode."""


def _journal_on_disk(path: Path) -> str:
    return "wal" if path.read_bytes()[18:20] == WAL_HEADER else "rollback"


def _mode(store: Store) -> str:
    return str(store.conn.execute("PRAGMA journal_mode").fetchone()[0])


@pytest.mark.parametrize(
    "args", [["stats"], ["quotes", "--limit", "3"], ["speakers", "--json"], ["show", "1"]], ids=lambda a: a[0]
)
def test_at_rest_a_read_command_leaves_no_file_beside_the_store(db_path: Path, args: list[str]) -> None:
    """Issue 13: reading a store made -wal and -shm files beside it."""
    stored(db_path, sample_articles())
    assert neighbours(db_path) == [] and _journal_on_disk(db_path) == "rollback"
    result = CliRunner().invoke(cli, [*args, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert neighbours(db_path) == []


def test_at_rest_a_writer_turns_wal_on_while_it_writes(db_path: Path) -> None:
    stored(db_path, sample_articles()[:1])
    with Store.open(db_path) as store:
        assert _mode(store) == "wal"
        store.add_article(sample_articles()[1])
        assert (db_path.parent / f"{db_path.name}-wal").exists()
    assert neighbours(db_path) == [] and _journal_on_disk(db_path) == "rollback"


def test_at_rest_a_writer_closing_beside_an_open_reader_leaves_wal_and_the_reader_reads_on(db_path: Path) -> None:
    articles = sample_articles()
    stored(db_path, articles[:1])
    with closing(connect_reader(db_path)) as reader:
        with Store.open(db_path) as store:
            assert queries.stats(reader)["articles"] == 1  # the reader now shares the WAL
            store.add_article(articles[1])
        assert _journal_on_disk(db_path) == "wal"  # it could not be turned off with the reader there
        assert queries.stats(reader)["articles"] == 2
    with Store.open(db_path):
        pass
    assert neighbours(db_path) == [] and _journal_on_disk(db_path) == "rollback"


def test_at_rest_a_writer_waits_for_a_readers_transaction_to_turn_wal_on(db_path: Path) -> None:
    stored(db_path, sample_articles()[:1])
    with closing(connect_reader(db_path)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM articles").fetchone()
        ending = threading.Timer(0.3, lambda: reader.execute("COMMIT"))
        ending.start()
        try:
            with Store.open(db_path) as store:
                assert _mode(store) == "wal"
                assert store.add_article(sample_articles()[1]).status == "new"
        finally:
            ending.join()


def test_at_rest_a_reader_that_outlasts_the_wait_leaves_the_writer_in_rollback_mode_not_failing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored(db_path, sample_articles()[:1])
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    reader = sqlite3.connect(db_path.as_uri() + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM articles").fetchone()
        store = Store.open(db_path)
        assert _mode(store) == "delete"
        reader.execute("COMMIT")
        assert store.add_article(sample_articles()[1]).status == "new"
        store.close()
    finally:
        reader.close()
    assert neighbours(db_path) == []
    with closing(connect_reader(db_path)) as again:
        assert queries.stats(again)["articles"] == 2
