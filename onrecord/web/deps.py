"""What routes depend on: the app's settings, a read connection from the pool, the cross-site check."""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from fastapi import Request

from onrecord.read import DEFAULT_MAX_BYTES
from onrecord.store import connect_reader


DEFAULT_HOSTS = frozenset({"localhost"})
"""Host names every server answers to; any IP literal passes too (see `onrecord.web.app.host_allowed`)."""
DEFAULT_MAX_QUEUE = 8
"""Uploads received, queued or running at once: with 50 files of 5 MB each, about 2 GB on disk at most."""
DEFAULT_UPLOAD_WAIT_S = 5.0
"""How long an upload's request waits for its job before answering 202. With the models loaded, a short
article took about 0.2 s here (151 in 30 s, learned, two busy cores), so an upload of a few articles
from the page is answered with its results; the first upload after a start (models loading) too."""


@dataclass(frozen=True)
class Settings:
    """What one running app serves: its database, whether it may write, the upload caps and queue, its host names.

    `upload_worker` is where the pipeline runs: "process" (a child process, the default: the server's
    own threads and heap never hold it) or "thread" (a thread of the server process, for tests that
    patch the pipeline).
    """

    db: Path
    read_only: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_files: int = 50
    learned: bool = True
    allow_hosts: frozenset[str] = DEFAULT_HOSTS
    max_queue: int = DEFAULT_MAX_QUEUE
    upload_wait: float = DEFAULT_UPLOAD_WAIT_S
    upload_worker: Literal["process", "thread"] = "process"

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


def _host_port(hostname: str | None, port: int | None, scheme: str) -> tuple[str, int | None]:
    default = {"http": 80, "https": 443}.get(scheme)
    return (hostname or "").lower(), port if port is not None else default


def is_cross_site(request: Request) -> bool:
    """Whether a write comes from another site: its Origin's host:port is not the Host it was sent to.

    A form post from another site is a "simple" request that browsers send without asking, so this
    is the guard against other sites filling a local store. Under a no-referrer policy (a proxy may
    set one) Chromium sends `Origin: null` even from the app's own pages, so a null Origin is trusted
    only when Sec-Fetch-Site says the request is same-origin. Clients that send neither header
    (curl, scripts) are not browsers on another site's behalf, and pass.
    """
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return fetch_site != "same-origin"
    try:
        source = urlsplit(origin)
        target = urlsplit("//" + request.headers.get("host", ""))
        if not source.hostname:
            return True
        # A Host without a port means the default one of the scheme the browser used: the Origin's.
        return _host_port(source.hostname, source.port, source.scheme) != _host_port(
            target.hostname, target.port, source.scheme
        )
    except ValueError:
        return True
