"""Schema creation, migrations recorded, reopening, and refusing databases that are not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.store import MIGRATIONS, Store, connect, latest_version
from onrecord.store.schema import APPLICATION_ID, applied_migrations, migrate

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
