"""Fixtures for the store tests: a fresh database, and one holding the sample articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.store import Store
from tests.store.builders import sample_articles


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    for item in sample_articles():
        store.add_article(item)
    return store
