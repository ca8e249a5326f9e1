"""The database schema, as migrations: registered functions applied in order and recorded in the db.

A migration is never edited once released; a change to the schema is a new migration appended to
`MIGRATIONS`. Each one runs in its own transaction together with the row that records it, so a
crash leaves the database at one version or the next, never between.

The schema version is read from one marker, `PRAGMA user_version` (the `migrations` table is the
history); `PRAGMA application_id` says the file is an onrecord store. Both sit in the file header,
so they are checked on every open before anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from onrecord.errors import StoreError
from onrecord.model import shown_name

MigrationFn = Callable[[sqlite3.Connection], None]

APPLICATION_ID = 0x6F6E7263
"""`PRAGMA application_id` of an onrecord store: "onrc" in ASCII. Set by migration 3; older stores lack it."""
OLDEST_READABLE = 5
"""The oldest schema the queries read as it is (schema 4 gave the record across articles: canonical
speakers, statements, families). A read never migrates:
an older store is refused with advice to open it once for writing. Raise this with a migration that
changes what the queries read."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[MigrationFn], MigrationFn]:
    """Register `fn` as the migration to schema `version`; versions must be registered 1, 2, 3..."""

    def register(fn: MigrationFn) -> MigrationFn:
        if version != len(MIGRATIONS) + 1:
            raise RuntimeError(f"migration {version} registered out of order")
        MIGRATIONS.append(Migration(version, name, fn))
        return fn

    return register


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@migration(1, "articles, speakers, mentions, quotes, quote spans, full-text index")
def _initial(conn: sqlite3.Connection) -> None:
    # Offsets are Python string indices into articles.text, the only copy of the text they refer to.
    conn.execute(
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            source_path TEXT NOT NULL,
            line INTEGER,
            format TEXT NOT NULL,
            title TEXT,
            title_span TEXT,
            published TEXT,
            outlet TEXT,
            byline TEXT,
            dateline TEXT,
            text TEXT NOT NULL,
            raw TEXT,
            body_spans TEXT NOT NULL DEFAULT '[]',
            headings TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL
        )"""
    )
    _create_speaker_tables(conn)
    _create_quote_tables(conn)
    _create_indexes(conn)
    _create_fts(conn)


def _create_speaker_tables(conn: sqlite3.Connection) -> None:
    # speakers.key is the matching key (casefolded, accents stripped); (key, type) is one speaker
    # until the cross-article linker merges more cleverly.
    conn.execute(
        """CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'group', 'unknown')),
            created_at TEXT NOT NULL,
            UNIQUE (key, type)
        )"""
    )
    conn.execute(
        """CREATE TABLE speaker_aliases (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (speaker_id, alias)
        )"""
    )
    conn.execute(
        """CREATE TABLE speaker_roles (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (speaker_id, role, article_id)
        )"""
    )
    # role and speaker_type keep what the article said about a source even when it names nobody
    # (an unresolved "he" has speaker_id NULL but may still be a person).
    conn.execute(
        """CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            speaker_id INTEGER REFERENCES speakers(id),
            speaker_type TEXT NOT NULL DEFAULT 'unknown',
            role TEXT,
            CHECK (0 <= start AND start < "end")
        )"""
    )


def _create_quote_tables(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
            text TEXT NOT NULL,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            mention_id INTEGER REFERENCES mentions(id),
            speaker_id INTEGER REFERENCES speakers(id),
            confidence REAL NOT NULL DEFAULT 1.0,
            UNIQUE (article_id, seq),
            CHECK ((cue_start IS NULL) = (cue_end IS NULL)),
            CHECK (cue_start IS NULL OR (0 <= cue_start AND cue_start < cue_end))
        )"""
    )
    conn.execute(
        """CREATE TABLE quote_spans (
            quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (quote_id, seq),
            CHECK (0 <= start AND start < "end")
        )"""
    )


def _create_indexes(conn: sqlite3.Connection) -> None:
    for statement in (
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_doc_id ON articles(doc_id)",
        "CREATE INDEX speaker_aliases_key ON speaker_aliases(key)",
        "CREATE INDEX speaker_roles_article ON speaker_roles(article_id)",
        "CREATE INDEX mentions_article ON mentions(article_id)",
        "CREATE INDEX mentions_speaker ON mentions(speaker_id)",
        "CREATE INDEX quotes_article ON quotes(article_id)",
        "CREATE INDEX quotes_speaker ON quotes(speaker_id)",
        "CREATE INDEX quotes_mention ON quotes(mention_id)",
    ):
        conn.execute(statement)


def _create_fts(conn: sqlite3.Connection) -> None:
    # External content: the text lives once, in quotes; the triggers keep the index in step with it.
    conn.execute(
        """CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )"""
    )
    conn.execute(
        """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END"""
    )
    conn.execute(
        """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END"""
    )
    conn.execute(
        """CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END"""
    )


@migration(2, "each quote carries its article's date, indexed for newest-first pages")
def _quote_dates(conn: sqlite3.Connection) -> None:
    # Articles are never updated once stored, so the copy cannot drift. With it, a page of a speaker's
    # quotes is read off an index, and sorting thousands of search hits visits no article row.
    conn.execute("ALTER TABLE quotes ADD COLUMN published TEXT")
    conn.execute("UPDATE quotes SET published = (SELECT published FROM articles WHERE articles.id = quotes.article_id)")
    conn.execute("DROP INDEX quotes_speaker")
    conn.execute("CREATE INDEX quotes_newest ON quotes(published IS NULL, published DESC, article_id DESC, seq)")
    conn.execute(
        "CREATE INDEX quotes_speaker_newest ON quotes(speaker_id, published IS NULL, published DESC, article_id DESC, seq)"
    )


@migration(3, "the file says it is an onrecord store (application_id)")
def _application_id(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migration(4, "the record across articles: canonical speakers, statements, article families, wire, overrides")
def _record(conn: sqlite3.Connection) -> None:
    # speakers rows stay the names articles give; canonical_id groups them into one speaker (the group's
    # smallest id, whose shown_name is the group's name). quotes.canonical_speaker_id copies it so pages of
    # a speaker's quotes are read off an index. `onrecord link --rebuild` recomputes every grouping.
    conn.execute("ALTER TABLE speakers ADD COLUMN canonical_id INTEGER")
    conn.execute("ALTER TABLE speakers ADD COLUMN shown_name TEXT")
    conn.execute("ALTER TABLE speakers ADD COLUMN shown_type TEXT")
    conn.execute("ALTER TABLE speakers ADD COLUMN block TEXT")
    conn.execute("UPDATE speakers SET canonical_id = id, shown_name = name, shown_type = type")
    conn.execute("CREATE INDEX speakers_canonical ON speakers(canonical_id)")
    conn.execute("CREATE INDEX speakers_block ON speakers(block)")
    conn.execute("ALTER TABLE articles ADD COLUMN wire TEXT")
    conn.execute("ALTER TABLE articles ADD COLUMN family_id INTEGER")
    conn.execute("ALTER TABLE articles ADD COLUMN minhash BLOB")
    conn.execute("UPDATE articles SET family_id = id")
    conn.execute("CREATE INDEX articles_family ON articles(family_id)")
    conn.execute(
        """CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, hash, article_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            speaker_id INTEGER NOT NULL,
            text TEXT NOT NULL,
            first_published TEXT,
            last_published TEXT,
            reports INTEGER NOT NULL,
            outlets INTEGER NOT NULL,
            independent_reports INTEGER NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX statements_speaker ON statements(speaker_id)")
    conn.execute("CREATE INDEX statements_widest ON statements(independent_reports DESC, reports DESC, id)")
    conn.execute("ALTER TABLE quotes ADD COLUMN canonical_speaker_id INTEGER")
    conn.execute("ALTER TABLE quotes ADD COLUMN statement_id INTEGER")
    conn.execute("UPDATE quotes SET canonical_speaker_id = speaker_id")
    conn.execute(
        "CREATE INDEX quotes_canonical_newest ON quotes(canonical_speaker_id, published IS NULL, published DESC, article_id DESC, seq)"
    )
    conn.execute("CREATE INDEX quotes_statement ON quotes(statement_id)")
    conn.execute(
        """CREATE TABLE speaker_overrides (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
            refs TEXT NOT NULL,
            value TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE link_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    stale = conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
    conn.execute("INSERT INTO link_state (key, value) VALUES ('stale', ?)", ("1" if stale else "0",))


@migration(5, "what kind of act each quote reports: speech, writing, thought, intention, perception")
def _acts(conn: sqlite3.Connection) -> None:
    # NULL: stored before onrecord read acts (such a store kept every attribution, as --all-attributions does).
    conn.execute(
        "ALTER TABLE quotes ADD COLUMN act TEXT "
        "CHECK (act IS NULL OR act IN ('speech', 'writing', 'thought', 'intention', 'perception'))"
    )


def _mark_stale(conn: sqlite3.Connection) -> None:
    """Say that the links need `onrecord link` (which recomputes them from the stored articles)."""
    conn.execute("INSERT OR REPLACE INTO link_state (key, value) VALUES ('stale', '1')")


@migration(6, "a description (\"officials\", \"the company\") is nobody's identity: its quotes leave the speakers table")
def _descriptions(conn: sqlite3.Connection) -> None:
    # Earlier stores keyed such sources by their words, so two unrelated articles' "officials" were one
    # speaker, with statements across both. Their quotes now show "unknown" with the words the text used.
    rows = conn.execute("SELECT m.id, m.kind, m.text, s.name, s.type FROM mentions m JOIN speakers s ON s.id = m.speaker_id")
    cleared = [(int(i),) for i, kind, text, name, type_ in rows if shown_name(name, type_, kind, text) is None]
    if not cleared:
        return
    conn.executemany("UPDATE mentions SET speaker_id = NULL WHERE id = ?", cleared)
    conn.executemany(
        "UPDATE quotes SET speaker_id = NULL, canonical_speaker_id = NULL, statement_id = NULL WHERE mention_id = ?", cleared
    )
    unused = "SELECT id FROM speakers s WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE speaker_id = s.id)"
    for table in ("speaker_aliases", "speaker_roles"):
        conn.execute(f"DELETE FROM {table} WHERE speaker_id IN ({unused})")
    conn.execute(f"DELETE FROM speakers WHERE id IN ({unused})")
    conn.execute("DELETE FROM statements WHERE NOT EXISTS (SELECT 1 FROM quotes WHERE statement_id = statements.id)")
    _mark_stale(conn)


@migration(7, "numeric claims: each figure a quote gives, with its value, unit, what it counts and its total")
def _claims(conn: sqlite3.Connection) -> None:
    # Quotes stored before this have no claims: ingesting their files again into a new store finds them.
    conn.execute(
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT,
            counts TEXT,
            total REAL,
            UNIQUE (quote_id, seq),
            CHECK (0 <= start AND start < "end")
        )"""
    )
    conn.execute("CREATE INDEX claims_quote ON claims(quote_id)")


@migration(8, "stories: articles about one event, grouped as they arrive; each article's words kept for it")
def _stories(conn: sqlite3.Connection) -> None:
    # Stores written before this have no stories until `onrecord link --rebuild` (marked stale here).
    conn.execute(
        """CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            first_published TEXT,
            last_published TEXT,
            terms TEXT NOT NULL
        )"""
    )
    conn.execute("ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id)")
    conn.execute("ALTER TABLE articles ADD COLUMN terms TEXT")
    conn.execute("CREATE INDEX articles_story ON articles(story_id)")
    conn.execute("CREATE INDEX stories_last ON stories(last_published)")
    if conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
        _mark_stale(conn)


@migration(9, "topics: each quote's section heading and the entities it names, as labels to filter by")
def _topics(conn: sqlite3.Connection) -> None:
    # Quotes stored before this have no topics: ingesting their files into a new store finds them.
    conn.execute(
        """CREATE TABLE quote_topics (
            quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            topic TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (quote_id, seq)
        )"""
    )
    conn.execute("CREATE INDEX quote_topics_key ON quote_topics(key)")


@migration(10, "an index of each story's heaviest words, so an article is compared only with stories sharing one")
def _story_terms(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE story_terms (
            term TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            PRIMARY KEY (term, story_id)
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX story_terms_story ON story_terms(story_id)")
    if conn.execute("SELECT count(*) FROM stories").fetchone()[0]:
        _mark_stale(conn)


@migration(11, "the story word index keeps each story's last date, so a look-up reads the latest stories first")
def _story_terms_dated(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE story_terms")
    conn.execute(
        """CREATE TABLE story_terms (
            term TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            last_published TEXT,
            PRIMARY KEY (term, story_id)
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX story_terms_latest ON story_terms(term, last_published)")
    conn.execute("CREATE INDEX story_terms_story ON story_terms(story_id)")
    if conn.execute("SELECT count(*) FROM stories").fetchone()[0]:
        _mark_stale(conn)


def latest_version() -> int:
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def current_version(conn: sqlite3.Connection) -> int:
    """The store's schema version, its `user_version`; 0 for an empty database. Reads, never writes.

    StoreError for a SQLite database that is not an onrecord store. Stores made before schema 3 have
    no application_id: a `migrations` table and a version of at least 1 say they are onrecord's.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if application == APPLICATION_ID:
        return version
    if application == 0:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if (version == 0 and not tables) or (version > 0 and "migrations" in tables):
            return version
    raise StoreError("not an onrecord database (a SQLite database of another application)")


def check_version(version: int, reading: bool) -> None:
    """StoreError unless a store at `version` can be opened: to read it as it is, or to migrate and write it."""
    latest = latest_version()
    if version > latest:
        raise StoreError(
            f"written by a newer onrecord (schema {version}, this one knows up to {latest}): "
            "upgrade onrecord to open it"
        )
    if reading and version == 0:
        raise StoreError("not an onrecord database (it is empty; `onrecord ingest --db PATH FILE...` makes it one)")
    if reading and version < OLDEST_READABLE:
        raise StoreError(
            f"written by an older onrecord (schema {version}, this one reads {OLDEST_READABLE} to {latest}): "
            "open it once with a writing command (`onrecord ingest`, or `onrecord serve` without --read-only) "
            "to upgrade it"
        )


def applied_migrations(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute("SELECT version, name, applied_at FROM migrations ORDER BY version")
    return [{"version": v, "name": n, "applied_at": at} for v, n, at in rows]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the db up to the latest schema; return the number of migrations applied.

    Expects a connection in autocommit mode (isolation_level=None). BEGIN IMMEDIATE takes the write
    lock before the version is read, so two processes opening a new db cannot both migrate it.
    """
    applied = 0
    for step in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _checked_version(conn)
            if version >= step.version:
                conn.execute("ROLLBACK")
                continue
            step.apply(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, now_iso()),
            )
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
            applied += 1
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return applied


def _checked_version(conn: sqlite3.Connection) -> int:
    version = current_version(conn)
    check_version(version, reading=False)
    if version == 0:
        conn.execute(
            """CREATE TABLE IF NOT EXISTS migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )"""
        )
    return version
