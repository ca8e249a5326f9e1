"""Opening the database and writing articles to it: one transaction per article, idempotent by hash."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from onrecord.errors import StoreError
from onrecord.link.speakers import Override
from onrecord.model import QUOTE_KINDS, SPEAKER_TYPES, Article, Mention, Quote, SpanError, Speaker
from onrecord.names import organization_surfaces, person_surface
from onrecord.store import linking
from onrecord.store.keys import name_key
from onrecord.store.schema import check_version, current_version, migrate, now_iso

if TYPE_CHECKING:
    from onrecord.link.linker import Linker

DEFAULT_DB = "onrecord.db"
BUSY_TIMEOUT_S = 10.0
"""How long a writer waits for another process's transaction (a second `ingest`) before failing."""
MAX_TEXT_CHARS = 20_000_000
"""Four times the reader's default 5 MB cap: room for `--max-bytes` raised, short of memory trouble."""
MAX_FIELD_CHARS = 2_000
"""Titles, outlets, bylines, roles, aliases: longer is scraping debris, clipped rather than refused."""
READER_MMAP_BYTES = 1 << 30
"""Readers map the file (up to 1 GiB): pages are shared through the OS cache instead of copied into
each connection's own cache; measured on a 185 MB store of 200,000 quotes (benchmarks/api_load.py)."""
READER_CACHE_KIB = 32_768
NAME_MENTION_KINDS = ("name", "organization", "group")
"""Mention kinds whose text is another surface form of the speaker's name (a pronoun is not)."""

AddStatus = Literal["new", "unchanged"]


@dataclass(frozen=True)
class AddResult:
    """What `Store.add_article` did: stored a new article, or found the same content already there."""

    status: AddStatus
    article_id: int
    doc_id: str
    source_path: str
    quotes: int
    """The quotes stored for the article (for "unchanged", those stored the first time)."""


def connect(path: str | Path = DEFAULT_DB, create: bool = True) -> sqlite3.Connection:
    """Open an onrecord database to write it: created and migrated as needed; StoreError if it cannot be one.

    The schema marker is read before anything is written, so a file that is not an onrecord store,
    or a store from a newer onrecord, is refused unchanged. An empty file is made a store.
    The connection is in autocommit mode: writes manage their own transactions.
    """
    target = str(path)
    if target != ":memory:":
        _check_path(target, create)
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"{target}: cannot open the database: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        check_version(current_version(conn), reading=False)
        _configure(conn)
        migrate(conn)
    except (sqlite3.DatabaseError, StoreError) as exc:
        conn.close()
        raise _open_error(target, exc, writing=True) from exc
    return conn


def connect_reader(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing onrecord store: nothing is created, migrated or written.

    SQLite opens it with mode=ro, so it refuses writes itself; a store at rest (see `leave_at_rest`)
    needs no file beside it. A store left in WAL mode in a directory this user cannot write, with no
    -wal file beside it, cannot be opened so (readers share a -shm file that SQLite cannot create
    there); it is opened immutable instead. That is safe while no one writes it, and a writer would
    have made a -wal file beside it. Usable from any thread, one at a time.
    """
    target = str(path)
    _check_path(target, create=False)
    try:
        try:
            conn = _read_only(target, immutable=False)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_READONLY_DIRECTORY or Path(f"{target}-wal").exists():
                raise
            conn = _read_only(target, immutable=True)
    except sqlite3.DatabaseError as exc:
        raise _open_error(target, exc, writing=False) from exc
    try:
        check_version(current_version(conn), reading=True)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute(f"PRAGMA mmap_size = {READER_MMAP_BYTES}")
        conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
    except (sqlite3.DatabaseError, StoreError) as exc:
        conn.close()
        raise _open_error(target, exc, writing=False) from exc
    return conn


def _read_only(target: str, immutable: bool) -> sqlite3.Connection:
    """A mode=ro connection that has made its first read, where SQLite says whether it can read at all."""
    # as_uri percent-encodes the path: a "?" or "#" in a file name stays part of the name.
    uri = Path(target).absolute().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _check_path(target: str, create: bool) -> None:
    if Path(target).is_dir():
        raise StoreError(f"{target}: is a directory, not a database file")
    if not create and not Path(target).exists():
        raise StoreError(f"{target}: no database here (create one with `onrecord ingest --db {target} ...`)")


def _open_error(target: str, exc: Exception, writing: bool) -> StoreError:
    """One line that names the file and says what to do."""
    if isinstance(exc, StoreError):
        return StoreError(f"{target}: {exc}")
    code = getattr(exc, "sqlite_errorcode", 0)
    if code & 0xFF in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return StoreError(f"{target}: not an onrecord database (not a SQLite file, or a damaged one)")
    if writing and code & 0xFF == sqlite3.SQLITE_READONLY:
        return StoreError(
            f"{target}: cannot write to it ({exc}): writing needs write access to the file and its directory "
            "(the read commands and `serve --read-only` do not)"
        )
    if code == sqlite3.SQLITE_READONLY_DIRECTORY:
        return StoreError(
            f"{target}: cannot read it here: its directory cannot be written and a -wal file beside it holds "
            "changes not yet in the store; open it once with a writing command as a user who can write there"
        )
    return StoreError(f"{target}: cannot {'open' if writing else 'read'} the database: {exc}")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    # WAL while writing: readers (the CLI, the web app) never block the ingest writer, and a killed
    # writer leaves the last committed article intact. NORMAL sync is safe against process crashes.
    # Turning WAL on waits (busy_timeout) for a reader's transaction on a store at rest; if one
    # outlasts it, this writer goes on in rollback mode, where its commits wait on readers instead.
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
            raise
    conn.execute("PRAGMA synchronous = NORMAL")


def leave_at_rest(conn: sqlite3.Connection) -> None:
    """Make the store one file again as its last writer closes it, so that reading it creates no file.

    Turning WAL off checkpoints the -wal file into the store and removes it with the -shm file. While
    another connection has the store open it cannot be done (SQLite says busy at once): the store
    stays in WAL, and the last writer to close it does this.
    """
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise StoreError(f"cannot close the database: {exc}") from exc


class Store:
    """An open onrecord database. Reads are the functions in `onrecord.store.queries` over `.conn`."""

    def __init__(self, conn: sqlite3.Connection, writer: bool = False, linker: Linker | None = None) -> None:
        self.conn = conn
        self.writer = writer
        if linker is None:
            from onrecord.link.linker import Linker  # link.linker imports this package: import on first use

            linker = Linker()
        self.linker = linker

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, create: bool = True, read_only: bool = False) -> Store:
        """Open to write (created if `create`, migrated), or with `read_only` to read it as it is."""
        if read_only:
            return cls(connect_reader(path))
        return cls(connect(path, create=create), writer=True)

    def close(self) -> None:
        """Close the connection; a writer that was the store's last connection leaves it one file."""
        try:
            if self.writer and not self.conn.in_transaction:
                leave_at_rest(self.conn)
        finally:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def add_article(self, article: Article) -> AddResult:
        """Store an article with its quotes in one transaction; "unchanged" if its hash is known.

        Raises StoreError (and writes nothing) for an article whose spans do not fit its text,
        whose text is empty or too large, or which the database refuses. The message does not
        name the article: the caller knows which one it passed.
        """
        check_article(article)
        doc = article.document
        try:
            with write_transaction(self.conn):
                row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", (doc.sha256,)).fetchone()
                if row is not None:
                    stored = self.conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (row[0],)).fetchone()
                    return AddResult("unchanged", int(row[0]), doc.id, doc.source_path, int(stored[0]))
                article_id = _write_article(self.conn, article)
                self.linker.link_article(self.conn, article_id)
        except sqlite3.Error as exc:
            raise StoreError(f"the database refused the article: {exc}") from exc
        return AddResult("new", article_id, doc.id, doc.source_path, len(article.quotes))


def check_article(article: Article) -> None:
    """Raise StoreError unless the article can be stored as it is: spans fit, sizes within caps."""
    doc = article.document
    try:
        article.validate()
    except SpanError as exc:
        raise StoreError(str(exc)) from exc
    if not doc.text.strip():
        raise StoreError("no text to store")
    if len(doc.text) > MAX_TEXT_CHARS or len(doc.raw or "") > MAX_TEXT_CHARS:
        raise StoreError(f"too large to store (over {MAX_TEXT_CHARS:,} characters)")
    for quote in article.quotes:
        if quote.kind not in QUOTE_KINDS:
            raise StoreError(f"unknown quote kind {quote.kind!r}")
        if not quote.content_spans:
            raise StoreError("a quote without content spans")
        speaker = quote.speaker
        if speaker is not None and speaker.type not in SPEAKER_TYPES:
            raise StoreError(f"unknown speaker type {speaker.type!r}")


def _clip(value: str | None) -> str | None:
    return value[:MAX_FIELD_CHARS] if value is not None else None


def _write_article(conn: sqlite3.Connection, article: Article) -> int:
    doc = article.document
    cursor = conn.execute(
        """INSERT INTO articles (doc_id, sha256, source_path, line, format, title, title_span,
            published, outlet, byline, dateline, text, raw, body_spans, headings, ingested_at, wire)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            doc.id,
            doc.sha256,
            doc.source_path,
            doc.line,
            doc.format,
            _clip(article.title),
            json.dumps(article.title_span.to_list()) if article.title_span else None,
            _clip(article.published),
            _clip(article.outlet),
            _clip(article.byline),
            _clip(article.dateline),
            doc.text,
            doc.raw,
            json.dumps([s.to_list() for s in article.body_spans]),
            json.dumps([s.to_list() for s in article.headings]),
            now_iso(),
            _clip(article.wire),
        ),
    )
    article_id = int(cursor.lastrowid or 0)
    mentions: dict[tuple[int, int, str], int] = {}
    for seq, quote in enumerate(article.quotes):
        _write_quote(conn, article_id, seq, quote, mentions, _clip(article.published), doc.text)
    return article_id


def _write_quote(
    conn: sqlite3.Connection,
    article_id: int,
    seq: int,
    quote: Quote,
    mentions: dict[tuple[int, int, str], int],
    published: str | None,
    text: str,
) -> None:
    mention_id, speaker_id = _write_mention(conn, article_id, quote.source, mentions)
    cue = quote.cue_span
    cursor = conn.execute(
        """INSERT INTO quotes (article_id, seq, kind, text, cue, cue_start, cue_end, mention_id,
            speaker_id, confidence, published, act, canonical_speaker_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT canonical_id FROM speakers WHERE id = ?))""",
        (
            article_id,
            seq,
            quote.kind,
            quote.text,
            quote.cue,
            cue.start if cue else None,
            cue.end if cue else None,
            mention_id,
            speaker_id,
            float(quote.confidence),
            published,
            quote.act,
            speaker_id,
        ),
    )
    quote_id = int(cursor.lastrowid or 0)
    conn.executemany(
        'INSERT INTO quote_spans (quote_id, seq, start, "end") VALUES (?, ?, ?, ?)',
        [(quote_id, i, span.start, span.end) for i, span in enumerate(quote.content_spans)],
    )
    if quote.topics:
        conn.executemany(
            "INSERT INTO quote_topics (quote_id, seq, topic, key) VALUES (?, ?, ?, ?)",
            [(quote_id, i, _clip(topic), name_key(topic)) for i, topic in enumerate(quote.topics)],
        )
    if not quote.claims:
        return
    conn.executemany(
        'INSERT INTO claims (quote_id, seq, start, "end", text, value, unit, counts, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (quote_id, i, c.span.start, c.span.end, c.span.of(text), c.value, c.unit, _clip(c.counts), c.total)
            for i, c in enumerate(quote.claims)
        ],
    )


def _write_mention(
    conn: sqlite3.Connection, article_id: int, mention: Mention | None, seen: dict[tuple[int, int, str], int]
) -> tuple[int | None, int | None]:
    """Store a quote's source mention once per article; return (mention id, speaker id or None)."""
    if mention is None:
        return None, None
    speaker_id = _write_speaker(conn, article_id, mention)
    key = (mention.span.start, mention.span.end, mention.kind)
    if key not in seen:
        speaker = mention.speaker
        cursor = conn.execute(
            """INSERT INTO mentions (article_id, start, "end", text, kind, speaker_id, speaker_type, role)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article_id,
                mention.span.start,
                mention.span.end,
                _clip(mention.text),
                mention.kind,
                speaker_id,
                speaker.type if speaker else "unknown",
                _clip(speaker.role) if speaker else None,
            ),
        )
        seen[key] = int(cursor.lastrowid or 0)
    return seen[key], speaker_id


def _write_speaker(conn: sqlite3.Connection, article_id: int, mention: Mention) -> int | None:
    """The id of the speaker the mention names, created on first sight; None when it names nobody (an
    unresolved source stays unresolved, and a description such as "officials" is nobody's identity)."""
    speaker, shown = mention.speaker, mention.named_speaker
    name = _clip(shown.strip()) if shown else None
    if speaker is None or not name or not name_key(name):
        return None
    key = name_key(name)
    conn.execute(
        "INSERT INTO speakers (name, key, type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (key, type) DO NOTHING",
        (name, key, speaker.type, now_iso()),
    )
    row = conn.execute("SELECT id, name FROM speakers WHERE key = ? AND type = ?", (key, speaker.type)).fetchone()
    speaker_id, stored_name = int(row[0]), str(row[1])
    conn.execute(
        "UPDATE speakers SET canonical_id = id, shown_name = name, shown_type = type WHERE id = ? AND canonical_id IS NULL",
        (speaker_id,),
    )
    _write_aliases(conn, speaker_id, stored_name, surface_names(speaker, name, mention))
    if speaker.role and speaker.role.strip():
        conn.execute(
            "INSERT OR IGNORE INTO speaker_roles (speaker_id, role, article_id) VALUES (?, ?, ?)",
            (speaker_id, _clip(speaker.role.strip()), article_id),
        )
    return speaker_id


def surface_names(speaker: Speaker, name: str, mention: Mention) -> list[str]:
    """The forms of the speaker's name the article used ("Peskov", "the MoD"), not its descriptions
    ("the Kremlin spokesman", "a taxi driver who lives nearby")."""
    forms = [name, *speaker.aliases]
    if mention.kind in NAME_MENTION_KINDS:
        forms.append(mention.text)
    if speaker.type == "person":
        return [s for s in (person_surface(form, name) for form in forms) if s]
    if speaker.type == "organization":
        return [s for form in forms for s in organization_surfaces(form)]
    return [form for form in forms if name_key(form) == name_key(name)]


def _write_aliases(conn: sqlite3.Connection, speaker_id: int, stored_name: str, forms: list[str]) -> None:
    for form in forms:
        alias = _clip(" ".join(form.split()))
        if alias and alias != stored_name and name_key(alias):
            conn.execute(
                "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key) VALUES (?, ?, ?)",
                (speaker_id, alias, name_key(alias)),
            )


class SpeakerCorrectionError(StoreError):
    """A correction that names no speaker, or a name the speaker does not have."""


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: all of it or none of it."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot write to the database: {exc}") from exc
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _member_rows(store: Store, speaker_id: int) -> list[tuple[int, str, str, str]]:
    rows = linking.members(store.conn, speaker_id)
    if not rows:
        raise SpeakerCorrectionError(f"no speaker {speaker_id} (ids are in `onrecord speakers`)")
    return rows


def _apply(store: Store, override: Override) -> int:
    """Store a correction and regroup what it touches, in one transaction; return its id."""
    from onrecord.link.linker import apply_override  # link.linker imports this package: import on first use

    with write_transaction(store.conn):
        return apply_override(store.conn, override, store.linker.judge)


def merge_speakers(store: Store, speaker_ids: list[int]) -> int:
    """Record that these speakers are one; return the override's id."""
    if len(set(speaker_ids)) < 2:
        raise SpeakerCorrectionError("give two or more speaker ids to merge")
    refs = []
    for speaker_id in speaker_ids:
        rows = _member_rows(store, speaker_id)
        head = next((r for r in rows if r[0] == speaker_id), rows[0])
        refs.append((head[2], head[3]))
    if len({r[0] for r in refs}) > 1:
        raise SpeakerCorrectionError("a person and an organisation (or a group) cannot be one speaker")
    return _apply(store, Override("merge", tuple(refs)))


def split_speaker(store: Store, speaker_id: int, alias: str) -> int:
    """Record that the stored name `alias` of this speaker is someone else; return the override's id."""
    rows = _member_rows(store, speaker_id)
    wanted = name_key(alias)
    found = [r for r in rows if r[3] == wanted]
    if not found:
        names = ", ".join(repr(r[1]) for r in rows)
        raise SpeakerCorrectionError(f"speaker {speaker_id} has no name {alias!r} to split off (its names: {names})")
    if len(rows) == 1:
        raise SpeakerCorrectionError(f"speaker {speaker_id} has only the name {found[0][1]!r}: nothing to split")
    return _apply(store, Override("split", ((found[0][2], found[0][3]),)))


def rename_speaker(store: Store, speaker_id: int, name: str) -> int:
    """Record the name a speaker is shown by; return the override's id."""
    shown = " ".join(name.split())[:MAX_FIELD_CHARS]
    if not shown:
        raise SpeakerCorrectionError("give a non-empty name")
    rows = _member_rows(store, speaker_id)
    head = next((r for r in rows if r[0] == speaker_id), rows[0])
    return _apply(store, Override("rename", ((head[2], head[3]),), shown))


def rebuild_links(store: Store, progress: Callable[[int, int], None] | None = None) -> None:
    """Recompute every canonical speaker, family and statement in one transaction."""
    with write_transaction(store.conn):
        store.linker.rebuild(store.conn, progress)
