"""Opening a store to read it: read-only, never migrated, nothing written; the schema marker checked (issue 13, item 6)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import onrecord.store.db as db_module
from onrecord.errors import StoreError
from onrecord.store import Store, connect, connect_reader, latest_version, queries, schema
from tests.store.builders import sample_articles
from tests.store.odd_stores import as_reader, neighbours, snapshot, store_at_version, unwritable_copy
from tests.stores import stored


def _stats(path: Path) -> dict[str, Any]:
    with closing(connect_reader(path)) as conn:
        return queries.stats(conn)


def _refusal(open_it: Callable[[], Any]) -> str:
    """The StoreError message opening gives ('' when it opens)."""
    try:
        opened = open_it()
    except StoreError as exc:
        return str(exc)
    opened.close()
    return ""


def _pragma(path: Path, name: str) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


@pytest.mark.parametrize("reader", [_stats])
def test_readonly_store_in_an_unwritable_directory_is_read(db_path: Path, reader: Callable[[Path], Any]) -> None:
    """Issue 13: a store in a read-only directory could not be read (WAL needs its -shm file)."""
    stored(db_path, sample_articles())
    expected = reader(db_path)
    with unwritable_copy(db_path) as copy:
        before = snapshot(copy)
        assert as_reader(lambda: reader(copy)) == expected
        assert snapshot(copy) == before
        assert neighbours(copy) == []


@pytest.mark.parametrize("code", [sqlite3.SQLITE_READONLY_DIRECTORY])
def test_readonly_falls_back_to_immutable_when_the_directory_cannot_hold_wal_files(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    stored(db_path, sample_articles())
    original = db_module._read_only
    tries: list[bool] = []

    def refuse_first(target: str, immutable: bool) -> sqlite3.Connection:
        tries.append(immutable)
        if not immutable:
            error = sqlite3.OperationalError("attempt to write a readonly database")
            error.sqlite_errorcode = code
            raise error
        return original(target, immutable)

    monkeypatch.setattr(db_module, "_read_only", refuse_first)
    assert _stats(db_path)["quotes"] == 5
    assert tries == [False, True]


@pytest.mark.parametrize(
    ("code", "wal_file"), [(sqlite3.SQLITE_READONLY_DIRECTORY, True), (sqlite3.SQLITE_CANTOPEN, False)]
)
def test_readonly_no_immutable_fallback_while_a_writer_may_be_at_work_or_for_other_errors(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, wal_file: bool
) -> None:
    """A -wal file beside the store holds commits an immutable reader would not see: say so instead."""
    stored(db_path, sample_articles())
    if wal_file:
        Path(f"{db_path}-wal").write_bytes(b"")

    def refuse(target: str, immutable: bool) -> sqlite3.Connection:
        error = sqlite3.OperationalError("refused")
        error.sqlite_errorcode = code
        raise error

    monkeypatch.setattr(db_module, "_read_only", refuse)
    with pytest.raises(StoreError, match=f"^{db_path}: cannot read"):
        connect_reader(db_path)


NOT_STORES = {
    "empty": b"",
    "text": b"hello, I am a text file\n",
    "binary": bytes(range(256)) * 64,
    "sqlite-junk": b"SQLite format 3\x00junk",
    "foreign-sqlite": "CREATE TABLE contacts (name TEXT)",
    "foreign-application-id": "PRAGMA application_id = 1234",
    "foreign-user-version": "PRAGMA user_version = 5",
}
"""Files that are not onrecord stores; a str makes another application's SQLite database."""


@pytest.mark.parametrize(
    ("opener", "kind"),
    [(connect_reader, kind) for kind in NOT_STORES] + [(connect, kind) for kind in NOT_STORES if kind != "empty"],
)
def test_readonly_refuses_what_is_not_a_store_and_changes_nothing(
    db_path: Path, opener: Callable[[Path], sqlite3.Connection], kind: str
) -> None:
    """Issue 13: `stats` on a 0-byte file turned it into a store; a writer turned another app's db to WAL.

    A writer makes an empty file a store: test_readonly_writer_initialises_an_empty_file.
    """
    content = NOT_STORES[kind]
    if isinstance(content, str):
        with closing(sqlite3.connect(db_path)) as other:
            other.execute(content)
            other.commit()
    else:
        db_path.write_bytes(content)
    before = snapshot(db_path)
    message = _refusal(lambda: opener(db_path))
    assert snapshot(db_path) == before
    assert neighbours(db_path) == []
    assert message.startswith(f"{db_path}: not an onrecord database")
    assert "\n" not in message


@pytest.mark.parametrize("size", [0])
def test_readonly_writer_initialises_an_empty_file(db_path: Path, size: int) -> None:
    db_path.write_bytes(b"\0" * size)
    connect(db_path).close()
    assert _pragma(db_path, "user_version") == latest_version()
    assert _pragma(db_path, "application_id") == schema.APPLICATION_ID


@pytest.mark.parametrize("opener", [connect_reader, connect], ids=["reader", "writer"])
def test_readonly_newer_store_is_refused_unchanged(db_path: Path, opener: Callable[[Path], sqlite3.Connection]) -> None:
    """Issue 13: a store whose user_version says it is newer was opened and written to."""
    newer = latest_version() + 1
    store_at_version(db_path, newer, sample_articles())
    before = snapshot(db_path)
    message = _refusal(lambda: opener(db_path))
    assert message == (
        f"{db_path}: written by a newer onrecord (schema {newer}, this one knows up to {latest_version()}): "
        "upgrade onrecord to open it"
    )
    assert snapshot(db_path) == before
    assert _pragma(db_path, "user_version") == newer


@pytest.mark.parametrize("version", [2, 3])
def test_readonly_reader_does_not_migrate_an_older_store(db_path: Path, version: int) -> None:
    """Schema 4 (the record across articles) changed what queries read: older stores are upgraded by a writer."""
    store_at_version(db_path, version)
    before = snapshot(db_path)
    assert "writing command" in _refusal(lambda: connect_reader(db_path))
    assert snapshot(db_path) == before
    assert _pragma(db_path, "user_version") == version
    connect(db_path).close()
    assert (_pragma(db_path, "user_version"), _pragma(db_path, "application_id")) == (
        latest_version(),
        schema.APPLICATION_ID,
    )


@pytest.mark.parametrize("version", [1])
def test_readonly_store_too_old_to_read_says_how_to_upgrade(db_path: Path, version: int) -> None:
    store_at_version(db_path, version)
    before = snapshot(db_path)
    message = _refusal(lambda: connect_reader(db_path))
    assert message.startswith(f"{db_path}: written by an older onrecord (schema {version}")
    assert "writing command" in message and "upgrade onrecord" not in message
    assert snapshot(db_path) == before


@pytest.mark.parametrize("items", [sample_articles()[:1]])
def test_readonly_reader_sees_what_a_writer_commits_after_it_opened(db_path: Path, items: list[Any]) -> None:
    """Where WAL files can be made, readers are not immutable: a served store shows new uploads."""
    with Store.open(db_path) as writer, closing(connect_reader(db_path)) as reader:
        assert queries.stats(reader)["articles"] == 0
        for item in items:
            writer.add_article(item)
        assert queries.stats(reader)["articles"] == len(items)


@pytest.mark.parametrize("name", ["with space.db", "what?mode=rwc#x%20.db", "ünïcode.db"])
def test_readonly_odd_file_names(tmp_path: Path, name: str) -> None:
    path = stored(tmp_path / name, sample_articles())
    assert _stats(path)["quotes"] == 5
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [name]


@pytest.mark.parametrize("statement", ["INSERT INTO speakers (name, key, type, created_at) VALUES ('x', 'x', 'person', 'now')"])
def test_readonly_reader_cannot_write(db_path: Path, statement: str) -> None:
    stored(db_path, sample_articles())
    with closing(connect_reader(db_path)) as conn, pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute(statement)


@pytest.mark.parametrize("opener", [Store.open])
def test_readonly_writer_in_an_unwritable_directory_says_what_it_needs(
    db_path: Path, opener: Callable[[Path], Store]
) -> None:
    stored(db_path, sample_articles())
    with unwritable_copy(db_path) as copy:
        before = snapshot(copy)
        message = as_reader(lambda: _refusal(lambda: opener(copy)))
        assert message.startswith(f"{copy}: cannot write") and "--read-only" in message
        assert snapshot(copy) == before
        assert neighbours(copy) == []
