"""What routes depend on: the app's settings and this thread's read connection to the store."""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from onrecord.read import DEFAULT_MAX_BYTES
from onrecord.store import connect_reader


@dataclass(frozen=True)
class Settings:
    """What one running app serves: its database, whether it may write, and the upload caps."""

    db: Path
    read_only: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_files: int = 50
    learned: bool = True

    @property
    def max_upload_bytes(self) -> int:
        """The largest request body an upload may have: every file at the cap, plus form overhead."""
        return self.max_files * self.max_bytes + 64 * 1024


class Readers:
    """A pool of read-only SQLite connections: a request borrows one, so no two requests share one at once."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()

    def take(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return connect_reader(self.db)

    def give_back(self, conn: sqlite3.Connection) -> None:
        self._idle.put(conn)


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def reader(request: Request) -> AsyncIterator[sqlite3.Connection]:
    """A read-only connection for this request alone (a route's `Depends(reader)`), returned to the pool after."""
    readers: Readers = request.app.state.readers
    conn = readers.take()
    try:
        yield conn
    finally:
        readers.give_back(conn)
