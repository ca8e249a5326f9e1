"""Ingesting a stream of pipeline results into the store: one article at a time, bad ones noted, never fatal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from onrecord.errors import ReadError, StoreError
from onrecord.model import Article
from onrecord.store.db import Store

EventStatus = Literal["new", "unchanged", "failed"]


@dataclass(frozen=True)
class IngestEvent:
    """What happened to one document: stored, already there, or failed (with the reason)."""

    path: str
    status: EventStatus
    detail: str
    article_id: int | None = None
    warnings: tuple[str, ...] = ()
    """What the reader repaired to read the document (stored anyway)."""


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    quotes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) for every document that was not stored."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_dict(self) -> dict[str, object]:
        failures = [{"path": path, "reason": reason} for path, reason in self.failures]
        return {"read": self.read, "new": self.new, "unchanged": self.unchanged, "failed": failures}


def _store_one(store: Store, item: Article | ReadError) -> IngestEvent:
    if isinstance(item, ReadError):
        return IngestEvent(item.path, "failed", item.reason)
    path = item.document.where
    try:
        result = store.add_article(item)
    except StoreError as exc:
        return IngestEvent(path, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - one article the store cannot take must not end the batch
        return IngestEvent(path, "failed", f"could not store the article ({type(exc).__name__}: {exc})")
    quotes = f"{result.quotes} quote{'s' * (result.quotes != 1)}"
    warnings = tuple(item.document.warnings)
    return IngestEvent(path, result.status, f"article {result.article_id}, {quotes}", result.article_id, warnings)


def ingest(
    store: Store,
    items: Iterable[Article | ReadError],
    on_event: Callable[[IngestEvent, IngestSummary], None] | None = None,
) -> IngestSummary:
    """Store every Article of `items` (each in its own transaction) and tally what happened.

    A ReadError or an article the store refuses is recorded and the batch goes on. `on_event` is
    called after each document, for progress display.
    """
    summary = IngestSummary()
    for item in items:
        event = _store_one(store, item)
        summary.read += 1
        if event.status == "failed":
            summary.failures.append((event.path, event.detail))
        elif event.status == "new":
            summary.new += 1
            summary.quotes += len(item.quotes) if isinstance(item, Article) else 0
        else:
            summary.unchanged += 1
        if on_event is not None:
            on_event(event, summary)
    return summary
