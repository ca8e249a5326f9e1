"""`serve --read-only` over stores it cannot or must not write: unwritable directories, newer and older stores (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.errors import StoreError
from onrecord.store import latest_version
from onrecord.web.app import create_app
from tests.store.odd_stores import as_reader, neighbours, snapshot, store_at_version, unwritable_copy


def _get(db: Path, route: str) -> tuple[int, Any]:
    with TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1") as client:
        response = client.get(route)
        return response.status_code, response.json()


@pytest.mark.parametrize("route", ["/api/speakers", "/api/quotes?speaker=peskov"])
def test_readonly_store_served_from_an_unwritable_directory(web_db: Path, route: str) -> None:
    """Issue 13: `serve --read-only` called a store in a read-only directory "not an onrecord database"."""
    expected = _get(web_db, route)
    assert expected[0] == 200
    with unwritable_copy(web_db) as copy:
        before = snapshot(copy)
        assert as_reader(lambda: _get(copy, route)) == expected
        assert snapshot(copy) == before
        assert neighbours(copy) == []


@pytest.mark.parametrize("read_only", [True, False])
def test_readonly_store_newer_store_says_upgrade_onrecord(tmp_path: Path, read_only: bool) -> None:
    """Issue 13: for a store from a newer onrecord, `serve --read-only` advised "open it once with a writing command"."""
    newer = store_at_version(tmp_path / "newer.db", latest_version() + 1, recorded=True)
    before = snapshot(newer)
    with pytest.raises(StoreError, match=r"written by a newer onrecord .*: upgrade onrecord") as caught:
        create_app(newer, read_only=read_only)
    assert "writing command" not in str(caught.value)
    assert snapshot(newer) == before


@pytest.mark.parametrize("version", [1])
def test_readonly_store_too_old_to_serve_read_only_says_open_it_once_to_write(tmp_path: Path, version: int) -> None:
    older = store_at_version(tmp_path / "older.db", version)
    with pytest.raises(StoreError, match=r"written by an older onrecord .*writing command"):
        create_app(older, read_only=True)
    assert create_app(older).state.settings.db == older  # a writing server upgrades it


@pytest.mark.parametrize("content", [b"", b"notes\n"], ids=["empty", "text"])
def test_readonly_store_refuses_a_file_that_is_not_a_store_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    before = snapshot(path)
    with pytest.raises(StoreError, match="not an onrecord database"):
        create_app(path, read_only=True)
    assert snapshot(path) == before
    assert neighbours(path) == []
