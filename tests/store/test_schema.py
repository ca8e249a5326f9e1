"""Schema creation, migrations recorded, reopening, and refusing databases that are not ours."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.store import MIGRATIONS, Store, connect, latest_version
from onrecord.store.db import rebuild_links
from onrecord.store.schema import APPLICATION_ID, applied_migrations, migrate
from tests.store.builders import article, quote
from tests.store.odd_stores import store_at_version

EXPECTED_TABLES = {
    "articles", "speakers", "speaker_aliases", "speaker_roles", "mentions", "quotes", "quote_spans",
    "quotes_fts", "migrations",
}


@pytest.mark.parametrize("table", sorted(EXPECTED_TABLES))
def test_schema_creates_table(store: Store, table: str) -> None:
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert table in names


@pytest.mark.parametrize("versions", [list(range(1, len(MIGRATIONS) + 1))])
def test_schema_records_every_migration(store: Store, versions: list[int]) -> None:
    recorded = applied_migrations(store.conn)
    assert [m["version"] for m in recorded] == versions
    assert all(m["name"] and m["applied_at"] for m in recorded)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()


@pytest.mark.parametrize(("pragma", "expected"), [("journal_mode", "wal"), ("foreign_keys", 1)])
def test_schema_connection_settings(store: Store, pragma: str, expected: object) -> None:
    assert store.conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


@pytest.mark.parametrize("times", [2])
def test_schema_reopening_is_a_noop(db_path: Path, times: int) -> None:
    connect(db_path).close()
    for _ in range(times):
        conn = connect(db_path)
        before = applied_migrations(conn)
        assert migrate(conn) == 0
        assert applied_migrations(conn) == before
        conn.close()


@pytest.mark.parametrize("future", [latest_version() + 1, 999])
def test_schema_refuses_newer_version(db_path: Path, future: int) -> None:
    conn = connect(db_path)
    conn.execute(f"PRAGMA user_version = {future}")
    conn.close()
    with pytest.raises(StoreError, match=rf"newer onrecord \(schema {future}, .*\): upgrade onrecord"):
        connect(db_path)


@pytest.mark.parametrize(("pragma", "expected"), [("user_version", latest_version()), ("application_id", APPLICATION_ID)])
def test_schema_marks_the_file_as_an_onrecord_store(store: Store, pragma: str, expected: int) -> None:
    assert store.conn.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


@pytest.mark.parametrize("content", [b"hello, I am a text file\n", bytes(range(256)) * 64, b"SQLite format 3\x00junk"])
def test_schema_refuses_a_file_that_is_not_sqlite(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match="not an onrecord database"):
        connect(db_path)
    assert db_path.read_bytes() == content


@pytest.mark.parametrize("table_sql", ["CREATE TABLE contacts (name TEXT)"])
def test_schema_refuses_another_applications_sqlite_db(db_path: Path, table_sql: str) -> None:
    other = sqlite3.connect(db_path)
    other.execute(table_sql)
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not an onrecord database"):
        connect(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("create", [False])
def test_schema_read_open_does_not_create_a_missing_db(db_path: Path, create: bool) -> None:
    with pytest.raises(StoreError, match="no database here"):
        connect(db_path, create=create)
    assert not db_path.exists()


@pytest.mark.parametrize("kind", ["directory"])
def test_schema_refuses_a_directory(tmp_path: Path, kind: str) -> None:
    with pytest.raises(StoreError, match=f"is a {kind}"):
        connect(tmp_path)


@pytest.mark.parametrize("field", ["version"])
def test_schema_migrations_are_numbered_in_order(field: str) -> None:
    assert [getattr(m, field) for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_schema_migration_6_takes_descriptions_out_of_the_speakers(db_path: Path) -> None:
    """A store written before migration 6 keyed "officials" as one speaker across unrelated articles."""
    texts = ("The road stays shut, officials said.", "The budget adds teachers, officials said.")
    items = [
        article(t, [quote(t, t.split(",")[0], kind="indirect", mention="officials", name="officials", speaker_type="group", mention_kind="group")], doc_id=f"d{n}")
        for n, t in enumerate(texts)
    ]
    named = "Dmitry Peskov said the talks would go on."
    items.append(article(named, [quote(named, "the talks would go on", kind="indirect", mention="Dmitry Peskov", name="Dmitry Peskov")], doc_id="p"))
    store_at_version(db_path, 5, items)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        conn.execute("INSERT INTO speakers (id, name, key, type, created_at, canonical_id, shown_name, shown_type) VALUES (99, 'officials', 'officials', 'group', 'now', 99, 'officials', 'group')")
        conn.execute("INSERT INTO speaker_aliases VALUES (99, 'officials', 'officials')")
        conn.execute("UPDATE mentions SET speaker_id = 99 WHERE text = 'officials'")
        conn.execute("INSERT INTO statements (id, speaker_id, text, reports, outlets, independent_reports) VALUES (7, 99, 'x', 2, 1, 1)")
        conn.execute("UPDATE quotes SET speaker_id = 99, canonical_speaker_id = 99, statement_id = 7 WHERE article_id IN (1, 2)")
    with Store.open(db_path) as store:
        assert [r[0] for r in store.conn.execute("SELECT name FROM speakers")] == ["Dmitry Peskov"]
        rows = store.conn.execute("SELECT speaker_id, canonical_speaker_id, statement_id FROM quotes WHERE article_id IN (1, 2)").fetchall()
        assert rows == [(None, None, None)] * 2
        assert store.conn.execute("SELECT count(*) FROM statements WHERE id = 7").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM speaker_aliases WHERE speaker_id = 99").fetchone()[0] == 0
        assert store.conn.execute("SELECT value FROM link_state WHERE key = 'stale'").fetchone()[0] == "1"


def test_schema_migration_7_adds_an_empty_claims_table_and_keeps_the_quotes(db_path: Path) -> None:
    text = "Dmitry Peskov said the talks would go on."
    store_at_version(db_path, 6, [article(text, [quote(text, "the talks would go on", kind="indirect", mention="Dmitry Peskov", name="Dmitry Peskov")])])
    with Store.open(db_path) as store:
        assert store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
        assert store.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
        assert 7 in [m["version"] for m in applied_migrations(store.conn)]


def test_schema_migration_8_marks_an_older_store_for_relinking_into_stories(db_path: Path) -> None:
    text = "Dmitry Peskov said the talks would go on."
    store_at_version(db_path, 7, [article(text, [quote(text, "the talks would go on", kind="indirect", mention="Dmitry Peskov", name="Dmitry Peskov")])])
    with Store.open(db_path) as store:
        assert store.conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
        assert store.conn.execute("SELECT story_id FROM articles").fetchone()[0] is None
        assert store.conn.execute("SELECT value FROM link_state WHERE key = 'stale'").fetchone()[0] == "1"
        rebuild_links(store)
        assert store.conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
        assert store.conn.execute("SELECT story_id FROM articles").fetchone()[0] is not None


def test_schema_migration_10_indexes_the_stories_words_after_a_rebuild(db_path: Path) -> None:
    text = "Dmitry Peskov said the talks on the Selmouth harbour would go on."
    store_at_version(db_path, 9, [article(text, [quote(text, "the talks on the Selmouth harbour would go on", kind="indirect", mention="Dmitry Peskov", name="Dmitry Peskov")])])
    with Store.open(db_path) as store:
        assert store.conn.execute("SELECT count(*) FROM story_terms").fetchone()[0] == 0
        rebuild_links(store)
        words = {r[0] for r in store.conn.execute("SELECT term FROM story_terms")}
        assert "selmouth" in words and "the" not in words
