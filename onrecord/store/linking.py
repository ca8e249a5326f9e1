"""The linker's reads and writes (the SQL of `onrecord.link`): speaker blocks, families, statements, stories,
overrides.

Every function runs inside the caller's transaction and commits nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from onrecord.link.families import BANDS, FAMILY_JACCARD, band_hashes, from_blob, similarity, to_blob
from onrecord.link.speakers import Grouping, Override, SpeakerRecord, is_acronym, org_key
from onrecord.link.statements import QuoteRecord, day_of
from onrecord.link.stories import (
    INDEX_TERMS,
    MAX_CANDIDATES,
    POSTINGS_PER_WORD,
    QUERY_TERMS,
    Candidate,
    Terms,
    added,
    parse_date,
    story_title,
    top,
)
from onrecord.model import STATEMENT_ACTS
from onrecord.store.schema import now_iso

Ref = tuple[str, str]


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: list[int], size: int = 500) -> Iterable[list[int]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def article_speaker_ids(conn: sqlite3.Connection, article_id: int) -> list[int]:
    rows = conn.execute("SELECT DISTINCT speaker_id FROM quotes WHERE article_id = ? AND speaker_id IS NOT NULL", (article_id,))
    return sorted(int(r[0]) for r in rows)


def all_speaker_ids(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM speakers ORDER BY id")]


def speaker_records(conn: sqlite3.Connection, ids: list[int]) -> list[SpeakerRecord]:
    """The records of these speakers, with the roles articles gave them and their quote counts."""
    records = []
    for chunk in _chunks(sorted(ids)):
        rows = conn.execute(
            f"""SELECT s.id, s.name, s.type,
                (SELECT json_group_array(role) FROM (SELECT DISTINCT role FROM speaker_roles WHERE speaker_id = s.id)),
                (SELECT count(*) FROM quotes WHERE speaker_id = s.id),
                (SELECT min(published) FROM quotes WHERE speaker_id = s.id AND published IS NOT NULL),
                (SELECT max(published) FROM quotes WHERE speaker_id = s.id AND published IS NOT NULL)
            FROM speakers s WHERE s.id IN ({_marks(chunk)})""",
            chunk,
        )
        records += [
            SpeakerRecord(int(i), n, t, frozenset(json.loads(r)), int(c), day_of(first), day_of(last))
            for i, n, t, r, c, first, last in rows
        ]
    return sorted(records, key=lambda r: r.id)


def speaker_refs(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Ref]:
    """Each speaker's (type, name key): how overrides name it."""
    refs: dict[int, Ref] = {}
    for chunk in _chunks(sorted(ids)):
        for i, t, key in conn.execute(f"SELECT id, type, key FROM speakers WHERE id IN ({_marks(chunk)})", chunk):
            refs[int(i)] = (str(t), str(key))
    return refs


def acronym_expansions(conn: sqlite3.Connection, acronym_keys: list[str]) -> dict[str, str]:
    """For each folded acronym that the stored articles define for exactly one organisation, that one's org key."""
    found: dict[str, set[str]] = {}
    for key in acronym_keys:
        rows = conn.execute(
            """SELECT a.alias, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
            WHERE a.key = ? AND s.type = 'organization'""",
            (key,),
        )
        for alias, name in rows:
            if is_acronym(alias) and not is_acronym(name) and org_key(name):
                found.setdefault(key, set()).add(org_key(name))
    return {key: next(iter(keys)) for key, keys in found.items() if len(keys) == 1}


def acronym_speakers(conn: sqlite3.Connection, speaker_ids: list[int]) -> list[int]:
    """Organisations named by an acronym that these speakers' aliases define (they may change block)."""
    keys = set()
    for chunk in _chunks(speaker_ids):
        rows = conn.execute(
            f"""SELECT a.alias, a.key FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
            WHERE s.type = 'organization' AND a.speaker_id IN ({_marks(chunk)})""",
            chunk,
        )
        keys |= {key for alias, key in rows if is_acronym(alias)}
    found = []
    for key in sorted(keys):
        found += [int(r[0]) for r in conn.execute("SELECT id FROM speakers WHERE key = ? AND type = 'organization'", (key,))]
    return found


def set_blocks(conn: sqlite3.Connection, blocks: dict[int, str]) -> None:
    conn.executemany("UPDATE speakers SET block = ? WHERE id = ?", [(b, i) for i, b in blocks.items()])


def block_members(conn: sqlite3.Connection, blocks: Iterable[str]) -> list[int]:
    ids: set[int] = set()
    for block in sorted(set(blocks)):
        ids |= {int(r[0]) for r in conn.execute("SELECT id FROM speakers WHERE block = ?", (block,))}
    return sorted(ids)


def blocks_of(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(sorted(ids)):
        for i, block in conn.execute(f"SELECT id, block FROM speakers WHERE id IN ({_marks(chunk)})", chunk):
            if block is not None:
                found[int(i)] = str(block)
    return found


def ids_by_refs(conn: sqlite3.Connection, refs: Iterable[Ref]) -> list[int]:
    ids = []
    for kind, key in refs:
        row = conn.execute("SELECT id FROM speakers WHERE type = ? AND key = ?", (kind, key)).fetchone()
        if row is not None:
            ids.append(int(row[0]))
    return ids


def overrides(conn: sqlite3.Connection) -> list[Override]:
    rows = conn.execute("SELECT kind, refs, value FROM speaker_overrides ORDER BY id")
    return [Override(kind, tuple((str(t), str(k)) for t, k in json.loads(refs)), value) for kind, refs, value in rows]


def add_override(conn: sqlite3.Connection, override: Override) -> int:
    cursor = conn.execute(
        "INSERT INTO speaker_overrides (kind, refs, value, created_at) VALUES (?, ?, ?, ?)",
        (override.kind, json.dumps([list(r) for r in override.refs]), override.value, now_iso()),
    )
    return int(cursor.lastrowid or 0)


def list_overrides(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute("SELECT id, kind, refs, value, created_at FROM speaker_overrides ORDER BY id")
    return [
        {"id": i, "kind": kind, "refs": [{"type": t, "key": k} for t, k in json.loads(refs)], "value": value, "created_at": at}
        for i, kind, refs, value, at in rows
    ]


def delete_override(conn: sqlite3.Connection, override_id: int) -> bool:
    return conn.execute("DELETE FROM speaker_overrides WHERE id = ?", (override_id,)).rowcount > 0


def save_grouping(conn: sqlite3.Connection, grouping: Grouping) -> set[int]:
    """Write canonical ids and shown names; return the canonical ids whose members changed (old and new)."""
    changed: set[int] = set()
    ids = sorted(grouping.canonical)
    old: dict[int, int | None] = {}
    for chunk in _chunks(ids):
        for i, canonical in conn.execute(f"SELECT id, canonical_id FROM speakers WHERE id IN ({_marks(chunk)})", chunk):
            old[int(i)] = canonical
    for i in ids:
        new = grouping.canonical[i]
        if old.get(i) != new:
            changed |= {new} | ({old[i]} if old.get(i) is not None else set())  # type: ignore[arg-type]
            conn.execute("UPDATE speakers SET canonical_id = ? WHERE id = ?", (new, i))
            conn.execute("UPDATE quotes SET canonical_speaker_id = ? WHERE speaker_id = ?", (new, i))
    conn.executemany(
        "UPDATE speakers SET shown_name = ?, shown_type = ? WHERE id = ? AND (shown_name IS NOT ? OR shown_type IS NOT ?)",
        [(name, grouping.types[root], root, name, grouping.types[root]) for root, name in grouping.names.items()],
    )
    return changed


def article_canonical_speakers(conn: sqlite3.Connection, article_id: int) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT canonical_speaker_id FROM quotes WHERE article_id = ? AND canonical_speaker_id IS NOT NULL",
        (article_id,),
    )
    return sorted(int(r[0]) for r in rows)


A_STATEMENT = "(act IS NULL OR act IN (" + ", ".join(f"'{act}'" for act in sorted(STATEMENT_ACTS)) + "))"
"""Quotes that can be reports of a statement: speech and writing (and those stored before acts were read),
not beliefs, intentions or perceptions kept with --all-attributions."""


def _records(rows: Iterable[tuple[int, int, int, str, str | None, str]]) -> list[QuoteRecord]:
    return [QuoteRecord(int(i), int(a), int(s), t, day_of(p), k) for i, a, s, t, p, k in rows]


def speaker_quotes(conn: sqlite3.Connection, canonical_id: int) -> list[QuoteRecord]:
    rows = conn.execute(
        f"""SELECT id, article_id, seq, text, published, kind FROM quotes WHERE canonical_speaker_id = ? AND {A_STATEMENT}
        ORDER BY article_id, seq""",
        (canonical_id,),
    )
    return _records(rows)


def article_quotes(conn: sqlite3.Connection, article_id: int, canonical_id: int) -> list[QuoteRecord]:
    rows = conn.execute(
        f"""SELECT id, article_id, seq, text, published, kind FROM quotes
        WHERE article_id = ? AND canonical_speaker_id = ? AND {A_STATEMENT} ORDER BY seq""",
        (article_id, canonical_id),
    )
    return _records(rows)


def earlier_grouped(conn: sqlite3.Connection, canonical_id: int, article_id: int) -> list[tuple[QuoteRecord, int]]:
    """The speaker's quotes in earlier articles, with their statements (all of them: the window is applied later)."""
    rows = conn.execute(
        """SELECT id, article_id, seq, text, published, kind, statement_id FROM quotes
        WHERE canonical_speaker_id = ? AND article_id < ? AND statement_id IS NOT NULL ORDER BY article_id, seq""",
        (canonical_id, article_id),
    ).fetchall()
    return [(record, int(row[6])) for record, row in zip(_records(r[:6] for r in rows), rows)]


def statement_of_quotes(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, int | None]:
    found: dict[int, int | None] = {}
    for chunk in _chunks(sorted(quote_ids)):
        for i, statement in conn.execute(f"SELECT id, statement_id FROM quotes WHERE id IN ({_marks(chunk)})", chunk):
            found[int(i)] = statement
    return found


def new_statement(conn: sqlite3.Connection, speaker_id: int) -> int:
    cursor = conn.execute(
        "INSERT INTO statements (speaker_id, text, reports, outlets, independent_reports) VALUES (?, '', 0, 0, 0)",
        (speaker_id,),
    )
    return int(cursor.lastrowid or 0)


def set_statements(conn: sqlite3.Connection, assignment: dict[int, int]) -> None:
    conn.executemany("UPDATE quotes SET statement_id = ? WHERE id = ?", [(s, q) for q, s in assignment.items()])


def speaker_statement_ids(conn: sqlite3.Connection, canonical_id: int) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM statements WHERE speaker_id = ? ORDER BY id", (canonical_id,))]


def clear_speaker_statements(conn: sqlite3.Connection, canonical_id: int) -> None:
    conn.execute("UPDATE quotes SET statement_id = NULL WHERE canonical_speaker_id = ?", (canonical_id,))


def drop_empty_statements(conn: sqlite3.Connection, statement_ids: Iterable[int]) -> None:
    conn.executemany(
        "DELETE FROM statements WHERE id = ? AND NOT EXISTS (SELECT 1 FROM quotes WHERE statement_id = statements.id)",
        [(i,) for i in statement_ids],
    )


def refresh_statements(conn: sqlite3.Connection, statement_ids: Iterable[int]) -> None:
    """Recount each statement's reports, outlets and families, its dates and its shown wording."""
    for statement_id in sorted(set(statement_ids)):
        row = conn.execute(
            """SELECT count(*), count(DISTINCT a.outlet), count(DISTINCT COALESCE(a.family_id, a.id)),
                min(q.published), max(q.published), max(q.canonical_speaker_id)
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.statement_id = ?""",
            (statement_id,),
        ).fetchone()
        if not row[0]:
            conn.execute("DELETE FROM statements WHERE id = ?", (statement_id,))
            continue
        text = conn.execute(
            """SELECT text FROM quotes WHERE statement_id = ?
            ORDER BY kind = 'direct' DESC, length(text) DESC, id LIMIT 1""",
            (statement_id,),
        ).fetchone()[0]
        conn.execute(
            """UPDATE statements SET speaker_id = ?, text = ?, first_published = ?, last_published = ?,
                reports = ?, outlets = ?, independent_reports = ? WHERE id = ?""",
            (row[5], text, row[3], row[4], row[0], row[1], row[2], statement_id),
        )


def body_text(conn: sqlite3.Connection, article_id: int) -> str:
    text, spans = conn.execute("SELECT text, body_spans FROM articles WHERE id = ?", (article_id,)).fetchone()
    return "\n".join(text[s:e] for s, e in json.loads(spans)) or text


def family_for(conn: sqlite3.Connection, article_id: int, sig: object) -> int:
    """The family of the most similar earlier article sharing a band with this one (at FAMILY_JACCARD or
    more), else the article's own id; the signature and bands are stored for later articles."""
    best, family = FAMILY_JACCARD, article_id
    if sig is not None:
        bands = band_hashes(sig)  # type: ignore[arg-type]
        candidates: set[int] = set()
        for band, value in enumerate(bands):
            candidates |= {
                int(r[0])
                for r in conn.execute(
                    "SELECT article_id FROM article_bands WHERE band = ? AND hash = ? AND article_id < ?",
                    (band, value, article_id),
                )
            }
        for other in sorted(candidates):
            blob, other_family = conn.execute("SELECT minhash, family_id FROM articles WHERE id = ?", (other,)).fetchone()
            score = similarity(sig, from_blob(blob)) if blob is not None else 0.0  # type: ignore[arg-type]
            if score >= best:
                best, family = score, int(other_family if other_family is not None else other)
        conn.executemany(
            "INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)",
            [(band, value, article_id) for band, value in enumerate(bands[:BANDS])],
        )
        conn.execute("UPDATE articles SET minhash = ? WHERE id = ?", (to_blob(sig), article_id))  # type: ignore[arg-type]
    conn.execute("UPDATE articles SET family_id = ? WHERE id = ?", (family, article_id))
    return family


def title_and_date(conn: sqlite3.Connection, article_id: int) -> tuple[str | None, str | None]:
    """An article's title and publication date."""
    title, published = conn.execute("SELECT title, published FROM articles WHERE id = ?", (article_id,)).fetchone()
    return title, published


_LATEST_WITH_WORD = """SELECT story_id FROM story_terms WHERE term = ?
    AND (? IS NULL OR last_published IS NULL OR last_published >= ?) ORDER BY last_published DESC LIMIT ?"""
"""The latest open stories that have this word among their heaviest (at most POSTINGS_PER_WORD of them)."""


def story_candidates(conn: sqlite3.Connection, article_id: int, since: str | None, terms: Terms) -> list[Candidate]:
    """The stories an article may join: those with an article on or after `since` (every story when None, or
    whose dates are unknown) among the MAX_CANDIDATES sharing most of the article's heaviest words (QUERY_TERMS)
    among their own heaviest (INDEX_TERMS; for each word the latest POSTINGS_PER_WORD stories only), and those
    sharing a statement the article reports (so marked). Bounded work per article, whatever the store's size."""
    sharing = {
        int(r[0])
        for r in conn.execute(
            """SELECT DISTINCT a.story_id FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE a.story_id IS NOT NULL AND q.article_id != ? AND q.statement_id IN (
                SELECT statement_id FROM quotes WHERE article_id = ? AND statement_id IS NOT NULL)""",
            (article_id, article_id),
        )
    }
    shared: Counter[int] = Counter()
    for word in top(terms, QUERY_TERMS):
        shared.update(int(r[0]) for r in conn.execute(_LATEST_WITH_WORD, (word, since, since, POSTINGS_PER_WORD)))
    by_words = {story for story, _ in sorted(shared.items(), key=lambda kv: (-kv[1], -kv[0]))[:MAX_CANDIDATES]}
    ids = sorted(by_words | sharing)
    if not ids:
        return []
    rows = conn.execute(
        f"""SELECT id, terms, last_published FROM stories WHERE id IN ({_marks(ids)})
        AND (? IS NULL OR last_published IS NULL OR last_published >= ?)""",
        (*ids, since, since),
    )
    return [Candidate(int(i), json.loads(t), parse_date(last), int(i) in sharing) for i, t, last in rows]


def join_story(conn: sqlite3.Connection, article_id: int, story_id: int | None, terms: Terms, published: str | None) -> int:
    """Put the article in the story (a new one when None), keeping its words and the story's sum and dates."""
    if story_id is None:
        story_id = int(conn.execute("INSERT INTO stories (terms) VALUES ('{}')").lastrowid or 0)
    (summed,) = conn.execute("SELECT terms FROM stories WHERE id = ?", (story_id,)).fetchone()
    conn.execute("UPDATE articles SET story_id = ?, terms = ? WHERE id = ?", (story_id, json.dumps(terms), article_id))
    titles = conn.execute("SELECT published, title FROM articles WHERE story_id = ?", (story_id,)).fetchall()
    total = added(json.loads(summed), terms)
    conn.execute(
        """UPDATE stories SET terms = ?, title = ?,
            first_published = (SELECT min(published) FROM articles WHERE story_id = ?),
            last_published = (SELECT max(published) FROM articles WHERE story_id = ?) WHERE id = ?""",
        (json.dumps(total), story_title(titles), story_id, story_id, story_id),
    )
    (last,) = conn.execute("SELECT last_published FROM stories WHERE id = ?", (story_id,)).fetchone()
    conn.execute("DELETE FROM story_terms WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO story_terms (term, story_id, last_published) VALUES (?, ?, ?)",
        [(w, story_id, last) for w in top(total, INDEX_TERMS)],
    )
    return story_id


def reset_stories(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE articles SET story_id = NULL")
    conn.execute("DELETE FROM story_terms")
    conn.execute("DELETE FROM stories")


def article_ids(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM articles ORDER BY id")]


def canonical_ids(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT DISTINCT canonical_speaker_id FROM quotes WHERE canonical_speaker_id IS NOT NULL ORDER BY 1")]


def reset_links(conn: sqlite3.Connection) -> None:
    """Forget every family and statement (a rebuild recomputes them)."""
    conn.execute("DELETE FROM article_bands")
    conn.execute("UPDATE articles SET family_id = id, minhash = NULL")
    conn.execute("UPDATE quotes SET statement_id = NULL")


def set_link_state(conn: sqlite3.Connection, stale: bool) -> None:
    conn.execute("INSERT OR REPLACE INTO link_state (key, value) VALUES ('stale', ?)", ("1" if stale else "0",))


def is_stale(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM link_state WHERE key = 'stale'").fetchone()
    return row is not None and row[0] == "1"


def members(conn: sqlite3.Connection, speaker_id: int) -> list[tuple[int, str, str, str]]:
    """(id, name, type, key) of every stored name grouped with this speaker's."""
    rows = conn.execute(
        """SELECT id, name, type, key FROM speakers
        WHERE canonical_id = (SELECT canonical_id FROM speakers WHERE id = ?) ORDER BY id""",
        (speaker_id,),
    )
    return [(int(i), str(n), str(t), str(k)) for i, n, t, k in rows]
