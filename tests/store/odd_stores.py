"""Stores that are hard to open: in a directory the reader cannot write, or from another onrecord.

The unwritable directory is real even when the tests run as root (as CI does). Root writes through
file permissions, so a chmod alone proves nothing there: as root, the check runs in a forked child
that has dropped to the `nobody` user. The child can import nothing new (the interpreter's library
may sit in root's home), so callers run the check once as themselves first, on a writable copy, to
load every module it needs.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from onrecord.model import Article
from onrecord.store import Store, latest_version, schema

T = TypeVar("T")
NOBODY = 65534


@contextmanager
def unwritable_copy(store: Path) -> Iterator[Path]:
    """A copy of `store` (its main file alone, as a writer leaves it) in a 0o555 directory, itself 0o444."""
    folder = Path(tempfile.mkdtemp(prefix="onrecord-ro-"))
    try:
        if os.geteuid() == 0 and not all(parent.stat().st_mode & 0o001 for parent in folder.parents):
            pytest.skip(f"{folder.parent} is closed to other users: `nobody` could not reach a store there")
        folder.chmod(0o755)  # mkdtemp makes it 0o700: `nobody` could not even enter it
        copy = folder / store.name
        shutil.copyfile(store, copy)
        copy.chmod(0o444)
        folder.chmod(0o555)
        yield copy
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def as_reader(check: Callable[[], T]) -> T:
    """`check()` run by a user who cannot write the copy's directory: this one, or `nobody` when root."""
    if os.geteuid() != 0:
        return check()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe and never returns
        os.close(read_end)
        outcome: tuple[str, object]
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        except OSError as exc:
            outcome = ("cannot", str(exc))
        else:
            try:
                outcome = ("ok", check())
            except BaseException as exc:
                outcome = ("raised", f"{type(exc).__name__}: {exc}")
        try:
            data = pickle.dumps(outcome)
        except Exception as exc:
            data = pickle.dumps(("raised", f"unpicklable result: {exc}"))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)  # written by the child above, from this test run
    if status == "cannot":
        pytest.skip(f"cannot run as an unprivileged user here: {value}")
    if status == "raised":
        pytest.fail(f"as user {NOBODY}: {value}")
    return value


def store_at_version(path: Path, version: int, articles: Iterable[Article] = (), recorded: bool = False) -> Path:
    """A store as the onrecord whose latest schema was `version` left it.

    Above the latest, the marker is raised; `recorded` also adds the row a newer onrecord's
    migration would leave in the history table.
    """
    with pytest.MonkeyPatch.context() as patch:
        if version < latest_version():
            patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        with Store.open(path) as store:
            for item in articles:
                store.add_article(item)
    if version > latest_version():
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            conn.execute(f"PRAGMA user_version = {int(version)}")
            if recorded:
                conn.execute("INSERT INTO migrations VALUES (?, 'from a newer onrecord', 'now')", (version,))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to show that opening it changed nothing."""
    return path.read_bytes(), path.stat().st_mtime_ns


def neighbours(path: Path) -> list[str]:
    """The other files in the file's directory (a read must not leave any there)."""
    return sorted(p.name for p in path.parent.iterdir() if p != path)
