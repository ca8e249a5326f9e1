"""Stores that are hard to open: in a directory the reader cannot write, or from another onrecord.

The unwritable directory is real even when the tests run as root (as CI does). Root writes through
file permissions, so a chmod alone proves nothing there: as root, the check runs in a forked child
that has given up every capability. It is still user 0, the owner of the copy and of its 0o555
directory, so the permission bits hold for it as for anyone, while it can still read the
interpreter's library wherever that sits (a checkout in a 0o700 temporary directory, root's home).
"""

from __future__ import annotations

import ctypes
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

from onrecord.link import linker
from onrecord.model import Article
from onrecord.store import Store, latest_version, schema

STORIES_VERSION = 11
"""The schema version from which this onrecord's story placement can run (stories came with 8, their word
index with 10, its dates with 11): a store built here for an older version gets no stories, as a store
relinked after migrating would not have either until `link --rebuild`."""

T = TypeVar("T")
CAPABILITY_VERSION_3 = 0x20080522
"""_LINUX_CAPABILITY_VERSION_3: two 32-bit words per set."""


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_capabilities() -> None:
    """Give up every capability of this process (root then obeys file permissions); raise OSError if it cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "capset"):
        raise OSError("this C library has no capset()")
    header = _CapHeader(CAPABILITY_VERSION_3, 0)
    no_capabilities = (_CapData * 2)()
    if libc.capset(ctypes.byref(header), no_capabilities) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"capset: {os.strerror(errno)}")


@contextmanager
def unwritable_copy(store: Path) -> Iterator[Path]:
    """A copy of `store` (its main file alone, as a writer leaves it) in a 0o555 directory, itself 0o444."""
    folder = Path(tempfile.mkdtemp(prefix="onrecord-ro-"))
    try:
        copy = folder / store.name
        shutil.copyfile(store, copy)
        copy.chmod(0o444)
        folder.chmod(0o555)
        yield copy
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def as_reader(check: Callable[[], T]) -> T:
    """`check()` run by a user who cannot write the copy's directory: this one, or root without its capabilities."""
    if os.geteuid() != 0:
        return check()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe and never returns
        os.close(read_end)
        outcome: tuple[str, object]
        try:
            drop_capabilities()
            if _can_write_a_closed_folder():
                raise OSError("file permissions still do not bind this process")
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
        pytest.fail(f"as root without capabilities: {value}")
    return value


def _can_write_a_closed_folder() -> bool:
    """Whether this process can create a file in a 0o555 folder of its own (it cannot once it obeys permissions)."""
    folder = Path(tempfile.mkdtemp(prefix="onrecord-closed-"))
    try:
        folder.chmod(0o555)
        try:
            (folder / "probe").touch()
        except PermissionError:
            return False
        return True
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def store_at_version(path: Path, version: int, articles: Iterable[Article] = (), recorded: bool = False) -> Path:
    """A store as the onrecord whose latest schema was `version` left it.

    Above the latest, the marker is raised; `recorded` also adds the row a newer onrecord's
    migration would leave in the history table.
    """
    with pytest.MonkeyPatch.context() as patch:
        if version < latest_version():
            patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        if version < STORIES_VERSION:
            patch.setattr(linker, "place_in_story", lambda conn, article_id, body: 0)  # that onrecord grouped no stories
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
