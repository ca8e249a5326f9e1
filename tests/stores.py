"""Build SQLite stores for tests from prepared articles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from onrecord.model import Article
from onrecord.store import Store


def stored(path: Path, articles: Iterable[Article]) -> Path:
    """A fresh store at `path` holding `articles`; returns the path."""
    with Store.open(path) as store:
        for item in articles:
            store.add_article(item)
    return path
