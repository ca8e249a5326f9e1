"""Every read of the store: plain functions over a connection, returning JSON-ready dicts.

The CLI and the web app / JSON API call these same functions, so a filter means the same
everywhere. Bad parameters raise QueryError; nothing here writes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from onrecord.errors import QueryError
from onrecord.model import ACTS, QUOTE_KINDS
from onrecord.store.fts import fts_query
from onrecord.store.keys import like_pattern, name_key
from onrecord.store.schema import current_version

Row = dict[str, Any]

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_HEX = re.compile(r"[0-9a-fA-F]{6,64}")

_QUOTE_COLUMNS = """
    q.id, q.article_id, q.seq, q.text, q.kind, q.act, q.cue, q.cue_start, q.cue_end, q.confidence, q.statement_id,
    s.id AS speaker_id, s.shown_name AS speaker_name, COALESCE(s.shown_type, m.speaker_type, 'unknown') AS speaker_type,
    m.role AS speaker_role, m.start AS m_start, m."end" AS m_end, m.text AS m_text, m.kind AS m_kind,
    a.doc_id, a.title, a.outlet, a.published, a.source_path, a.story_id"""
_QUOTE_FROM = """
    FROM quotes q
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.canonical_speaker_id
    LEFT JOIN mentions m ON m.id = q.mention_id"""
_SPEAKER_MATCH = """(
    SELECT canonical_id FROM speakers WHERE id IN (
        SELECT id FROM speakers WHERE key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR shown_name LIKE ? ESCAPE '\\'
        UNION SELECT speaker_id FROM speaker_aliases WHERE key LIKE ? ESCAPE '\\' OR alias LIKE ? ESCAPE '\\'))"""
"""The canonical speakers one of whose names or surface names matches."""


def _fetch(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params).fetchall()


def _check_date(value: str, name: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; these compare correctly with stored ISO dates as strings."""
    if not _DATE.fullmatch(value):
        raise QueryError(f"bad {name} date {value!r}: use YYYY-MM-DD (or YYYY-MM, or YYYY)", name)
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise QueryError(f"bad {name} date {value!r}: {exc}", name) from exc
    return value


def _date_range(
    clauses: list[str], params: list[Any], since: str | None, until: str | None, last: str, first: str
) -> None:
    """Add the clauses of a --since/--until period: `last` (a fixed column name) on or after since, `first` on or
    before until, compared on only as many characters as given, so --until 2023-05 takes in all of May."""
    if since is not None:
        clauses.append(f"{last} >= ?")
        params.append(_check_date(since, "since"))
    if until is not None:
        clauses.append(f"substr({first}, 1, ?) <= ?")
        params += [len(_check_date(until, "until")), until]


def _check_text(value: str, name: str) -> str:
    """Refuse a NUL: SQLite's LIKE stops reading a pattern there, so "%\x00x%" would match everything."""
    if "\x00" in value:
        raise QueryError(f"bad {name}: it contains a NUL character", name)
    return value


def _speaker_params(speaker: str) -> list[str]:
    # The key pattern makes "peskov", "PESKOV" and "Pěskov" meet; the raw pattern still finds names
    # whose key is empty or a query made only of punctuation.
    key = name_key(speaker)
    key_pattern = like_pattern(key) if key else like_pattern(speaker.strip())
    raw_pattern = like_pattern(speaker.strip())
    return [key_pattern, raw_pattern, raw_pattern, key_pattern, raw_pattern]


@dataclass(frozen=True)
class QuoteFilter:
    """What `find_quotes` and `count_quotes` select: every field given must hold.

    speaker: part of a speaker's name or alias, any case, accents ignored ("peskov").
    search: words, "a phrase" or a prefix* in the quote text (full-text; never a syntax error).
    outlet: part of the outlet name, any case. since/until: ISO dates, inclusive, compared with the
    article's publication date (articles without one are left out when either is given).
    story_id: the quotes of one story's articles. topic: part of one of the quote's topics (its section
    heading or an entity it names), any case. kind: direct, indirect or mixed. act: speech, writing, thought, intention or perception (a store ingested
    without --all-attributions holds speech and writing only). speaker_id: one speaker, by id.
    """

    speaker: str | None = None
    search: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    speaker_id: int | None = None
    act: str | None = None
    story_id: int | None = None
    topic: str | None = None


def _quote_where(where: QuoteFilter, speaker_ids: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause (fixed SQL fragments) and its parameters for the quote filters.

    speaker_ids: the speakers `where.speaker` matches, already looked up (a JSON array), if they were.
    """
    clauses: list[str] = []
    params: list[Any] = []
    if where.kind is not None:
        if where.kind not in QUOTE_KINDS:
            raise QueryError(f"bad kind {where.kind!r}: use one of {', '.join(QUOTE_KINDS)}", "kind")
        clauses.append("q.kind = ?")
        params.append(where.kind)
    if where.act is not None:
        if where.act not in ACTS:
            raise QueryError(f"bad act {where.act!r}: use one of {', '.join(ACTS)}", "act")
        clauses.append("q.act = ?")
        params.append(where.act)
    if where.speaker_id is not None:
        clauses.append("q.canonical_speaker_id = (SELECT canonical_id FROM speakers WHERE id = ?)")
        params.append(where.speaker_id)
    if where.story_id is not None:
        clauses.append("q.article_id IN (SELECT id FROM articles WHERE story_id = ?)")
        params.append(where.story_id)
    if where.topic is not None and where.topic.strip():
        clauses.append(f"q.id IN {_TOPIC_MATCH}")
        params.append(_topic_pattern(where.topic))
    if speaker_ids is not None:
        clauses.append("q.canonical_speaker_id IN (SELECT value FROM json_each(?))")
        params.append(speaker_ids)
    elif where.speaker is not None and where.speaker.strip():
        clauses.append(f"q.canonical_speaker_id IN {_SPEAKER_MATCH}")
        params += _speaker_params(_check_text(where.speaker, "speaker"))
    if where.outlet is not None and where.outlet.strip():
        clauses.append("a.outlet LIKE ? ESCAPE '\\'")
        params.append(like_pattern(_check_text(where.outlet, "outlet").strip()))
    _date_range(clauses, params, where.since, where.until, "q.published", "q.published")
    if where.search is not None:
        match = fts_query(where.search)
        # A search with no searchable word finds nothing rather than everything.
        clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)" if match else "0")
        params += [match] if match else []
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_TOPIC_MATCH = "(SELECT quote_id FROM quote_topics WHERE key LIKE ? ESCAPE '\\')"
"""The quotes one of whose topics holds the words (case, accents and punctuation levelled)."""


def _topic_pattern(topic: str) -> str:
    key = name_key(_check_text(topic, "topic"))
    return like_pattern(key) if key else like_pattern(topic.strip())


def _check_page(limit: int | None, offset: int) -> tuple[int, int]:
    if limit is not None and limit < 0:
        raise QueryError(f"bad limit {limit}: must be 0 or more", "limit")
    if offset < 0:
        raise QueryError(f"bad offset {offset}: must be 0 or more", "offset")
    return (-1 if limit is None else limit), offset


def _spans_by_quote(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, list[list[int]]]:
    spans: dict[int, list[list[int]]] = {qid: [] for qid in quote_ids}
    # Chunked: SQLite caps the number of parameters in one statement.
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = f'SELECT quote_id, start, "end" FROM quote_spans WHERE quote_id IN ({marks}) ORDER BY quote_id, seq'
        for quote_id, start, end in conn.execute(sql, chunk):
            spans[quote_id].append([start, end])
    return spans


def _quote_dict(row: sqlite3.Row, spans: list[list[int]]) -> Row:
    cue_span = [row["cue_start"], row["cue_end"]] if row["cue_start"] is not None else None
    mention = None
    if row["m_start"] is not None:
        mention = {"start": row["m_start"], "end": row["m_end"], "text": row["m_text"], "kind": row["m_kind"]}
    return {
        "id": row["id"],
        "text": row["text"],
        "kind": row["kind"],
        "act": row["act"],
        "cue": row["cue"],
        "cue_span": cue_span,
        "content_spans": spans,
        "confidence": row["confidence"],
        "statement_id": row["statement_id"],
        "speaker": {
            "id": row["speaker_id"],
            "name": row["speaker_name"],
            "type": row["speaker_type"],
            "role": row["speaker_role"],
        },
        "mention": mention,
        "article": {
            "id": row["article_id"],
            "doc_id": row["doc_id"],
            "title": row["title"],
            "outlet": row["outlet"],
            "published": row["published"],
            "source_path": shown_source(row["source_path"]),
            "story_id": row["story_id"],
        },
    }


def shown_source(path: str) -> str:
    """A stored source path as shown: an absolute path (as earlier versions of onrecord stored it) loses all but its
    last folder, so a served store never tells where its files lie on the machine that ingested them."""
    for flavour in (PurePosixPath, PureWindowsPath):
        pure = flavour(path)
        if pure.is_absolute():
            return str(PurePosixPath(*pure.parts[-2:])) if len(pure.parts) > 2 else pure.name or path
    return path


def _quotes(conn: sqlite3.Connection, where: str, params: list[Any], tail: str = "") -> list[Row]:
    rows = _fetch(conn, f"SELECT {_QUOTE_COLUMNS} {_QUOTE_FROM} {where} {tail}", params)
    ids = [row["id"] for row in rows]
    spans, topics = _spans_by_quote(conn, ids), _topics_by_quote(conn, ids)
    return [{**_quote_dict(row, spans[row["id"]]), "topics": topics[row["id"]]} for row in rows]


def _topics_by_quote(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, list[str]]:
    topics: dict[int, list[str]] = {qid: [] for qid in quote_ids}
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT quote_id, topic FROM quote_topics WHERE quote_id IN ({marks}) ORDER BY quote_id, seq"
        for quote_id, topic in conn.execute(sql, chunk):
            topics[quote_id].append(topic)
    return topics


def _quotes_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[Row]:
    """The quotes with these ids, in the order given."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    found = {row["id"]: row for row in _quotes(conn, f"WHERE q.id IN ({marks})", list(ids))}
    return [found[i] for i in ids if i in found]


def _article_join(where: QuoteFilter) -> str:
    """The join to articles, for the one filter that needs it (outlet); quotes carry their own date."""
    return "JOIN articles a ON a.id = q.article_id" if where.outlet is not None and where.outlet.strip() else ""


SCAN_MIN_MATCHES = 1_000
"""A search matching at least this many quotes walks the newest-first index and stops at the page's
end, instead of sorting every match: 6,000 matches in 200,000 quotes, 1.2 ms instead of 8.5 ms
(benchmarks/api_load.py store). Below it, sorting the few matches is cheaper than the walk."""


def _fts_count(conn: sqlite3.Connection, match: str) -> int:
    return int(conn.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (match,)).fetchone()[0])


@dataclass(frozen=True)
class _Plan:
    """A quote filter made ready to run more than once: speakers looked up once, clause built once."""

    where: QuoteFilter
    clause: str
    params: list[Any]
    join: str


def _plan(conn: sqlite3.Connection, where: QuoteFilter) -> _Plan:
    speaker_ids = None
    if where.speaker is not None and where.speaker.strip():
        params = _speaker_params(_check_text(where.speaker, "speaker"))
        speaker_ids = json.dumps([row[0] for row in conn.execute(f"SELECT DISTINCT canonical_id FROM {_SPEAKER_MATCH}", params)])
    clause, params = _quote_where(where, speaker_ids)
    return _Plan(where, clause, params, _article_join(where))


def _search_matches(conn: sqlite3.Connection, where: QuoteFilter) -> int | None:
    """How many quotes the search alone matches (the full-text index knows), where that can be used.

    None without a search, and with a speaker filter: the speaker index then chooses the page and
    the count visits the speaker's rows, so the full-text count would be work for nothing.
    """
    if where.search is None or where.speaker is not None or where.speaker_id is not None:
        return None
    match = fts_query(where.search)
    return _fts_count(conn, match) if match is not None else 0


def _count(conn: sqlite3.Connection, plan: _Plan, search_matches: int | None) -> int:
    if search_matches is not None and plan.where == QuoteFilter(search=plan.where.search):
        return search_matches  # a search alone: no need to visit the rows it matches
    return int(conn.execute(f"SELECT count(*) FROM quotes q {plan.join} {plan.clause}", plan.params).fetchone()[0])


def _page_ids(conn: sqlite3.Connection, plan: _Plan, page: tuple[int, int], search_matches: int | None) -> list[int]:
    """The ids of one page, newest article first: sorted on the quotes' own columns, no row fetched."""
    # A search with many matches (and no speaker index to use) reads its page off the newest-first index.
    walks = search_matches is not None and search_matches >= SCAN_MIN_MATCHES
    index = "INDEXED BY quotes_newest" if walks else ""
    sql = f"""SELECT q.id FROM quotes q {index} {plan.join} {plan.clause}
        ORDER BY q.published IS NULL, q.published DESC, q.article_id DESC, q.seq LIMIT ? OFFSET ?"""
    return [row[0] for row in conn.execute(sql, [*plan.params, *page])]


def quote_page(
    conn: sqlite3.Connection, where: QuoteFilter = QuoteFilter(), limit: int | None = 50, offset: int = 0
) -> tuple[list[Row], int]:
    """`find_quotes` and `count_quotes` together, sharing the speaker lookup and the full-text count."""
    page = _check_page(limit, offset)
    plan = _plan(conn, where)
    matches = _search_matches(conn, where)
    return _quotes_by_id(conn, _page_ids(conn, plan, page, matches)), _count(conn, plan, matches)


def find_quotes(
    conn: sqlite3.Connection, where: QuoteFilter = QuoteFilter(), limit: int | None = 50, offset: int = 0
) -> list[Row]:
    """Quotes matching every filter in `where`, newest article first, in text order within an article.

    limit None: no limit. Articles without a date come last. Two steps: the page's ids are sorted on
    the quotes' own columns, then only those rows are fetched with their articles and speakers.
    """
    page = _check_page(limit, offset)
    plan = _plan(conn, where)
    return _quotes_by_id(conn, _page_ids(conn, plan, page, _search_matches(conn, where)))


def count_quotes(conn: sqlite3.Connection, where: QuoteFilter = QuoteFilter()) -> int:
    """How many quotes `find_quotes` would return with the same filters and no limit."""
    return _count(conn, _plan(conn, where), _search_matches(conn, where))


_CLAIM_SQL = """
    SELECT c.id, c.value, c.unit, c.counts, c.total, c.text, c.start, c."end", c.quote_id, q.statement_id,
        s.id AS speaker_id, s.shown_name AS speaker_name, m.text AS m_text, a.id AS article_id, a.outlet, a.published,
        a.source_path, a.story_id
    FROM claims c
    JOIN quotes q ON q.id = c.quote_id
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN speakers s ON s.id = q.canonical_speaker_id
    LEFT JOIN mentions m ON m.id = q.mention_id"""


def _claim_dict(row: sqlite3.Row) -> Row:
    return {
        "id": row["id"],
        "value": row["value"],
        "unit": row["unit"],
        "counts": row["counts"],
        "total": row["total"],
        "text": row["text"],
        "span": [row["start"], row["end"]],
        "quote_id": row["quote_id"],
        "statement_id": row["statement_id"],
        "speaker": {"id": row["speaker_id"], "name": row["speaker_name"]},
        "speaker_mention": row["m_text"],
        "article": {
            "id": row["article_id"],
            "outlet": row["outlet"],
            "published": row["published"],
            "source_path": shown_source(row["source_path"]),
            "story_id": row["story_id"],
        },
    }


def find_claims(
    conn: sqlite3.Connection, where: QuoteFilter = QuoteFilter(), limit: int | None = 50, offset: int = 0
) -> list[Row]:
    """The figures of the quotes `where` selects (the quote filters mean what they mean for `find_quotes`),
    newest article first, in text order within an article."""
    page = _check_page(limit, offset)
    clause, params = _quote_where(where)
    order = " ORDER BY a.published IS NULL, a.published DESC, q.article_id DESC, c.start LIMIT ? OFFSET ?"
    return [_claim_dict(row) for row in _fetch(conn, _CLAIM_SQL + clause + order, [*params, *page])]


def count_claims(conn: sqlite3.Connection, where: QuoteFilter = QuoteFilter()) -> int:
    """How many claims `find_claims` would return with the same filters and no limit."""
    clause, params = _quote_where(where)
    return int(conn.execute(f"SELECT count(*) FROM ({_CLAIM_SQL}{clause})", params).fetchone()[0])


def quote_claims(conn: sqlite3.Connection, quote_ids: list[int]) -> dict[int, list[Row]]:
    """Each quote's claims, in text order."""
    found: dict[int, list[Row]] = {qid: [] for qid in quote_ids}
    for i in range(0, len(quote_ids), 500):
        chunk = quote_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in _fetch(conn, f"{_CLAIM_SQL} WHERE c.quote_id IN ({marks}) ORDER BY c.quote_id, c.start", chunk):
            found[row["quote_id"]].append(_claim_dict(row))
    return found


_SPEAKER_COLUMNS = """s.id, s.shown_name AS name, s.shown_type AS type,
    (SELECT count(*) FROM quotes WHERE canonical_speaker_id = s.id) AS quotes,
    (SELECT count(DISTINCT article_id) FROM quotes WHERE canonical_speaker_id = s.id) AS articles,
    (SELECT min(published) FROM quotes WHERE canonical_speaker_id = s.id) AS first_published,
    (SELECT max(published) FROM quotes WHERE canonical_speaker_id = s.id) AS last_published,
    (SELECT count(*) FROM statements WHERE speaker_id = s.id) AS statements,
    (SELECT json_group_array(json_object('role', role, 'first_seen', first, 'last_seen', last, 'articles', n)) FROM (
        SELECT r.role, min(a.published) AS first, max(a.published) AS last, count(*) AS n
        FROM speaker_roles r JOIN speakers m ON m.id = r.speaker_id JOIN articles a ON a.id = r.article_id
        WHERE m.canonical_id = s.id GROUP BY r.role ORDER BY n DESC, r.role)) AS roles,
    (SELECT json_group_array(alias) FROM (
        SELECT name AS alias FROM speakers WHERE canonical_id = s.id AND name != s.shown_name
        UNION SELECT alias FROM speaker_aliases WHERE speaker_id IN (SELECT id FROM speakers WHERE canonical_id = s.id)
            AND alias != s.shown_name ORDER BY 1)) AS aliases"""
_SPEAKER_HEADS = "s.id = s.canonical_id"


def _speaker_dict(row: sqlite3.Row) -> Row:
    roles = json.loads(row["roles"])
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "roles": [r["role"] for r in roles],
        "role_history": roles,
        "aliases": json.loads(row["aliases"]),
        "quotes": row["quotes"],
        "articles": row["articles"],
        "statements": row["statements"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
    }


def list_speakers(conn: sqlite3.Connection, q: str | None = None, limit: int | None = 50, offset: int = 0) -> list[Row]:
    """Speakers (optionally those whose name or alias contains `q`), most quoted first.

    roles: the roles the articles gave them, most frequent first.
    """
    where, params = f"WHERE {_SPEAKER_HEADS}", []
    if q is not None and q.strip():
        where, params = f"WHERE {_SPEAKER_HEADS} AND s.id IN {_SPEAKER_MATCH}", _speaker_params(_check_text(q, "q"))
    sql = f"""SELECT {_SPEAKER_COLUMNS} FROM speakers s {where}
        ORDER BY quotes DESC, s.shown_name COLLATE NOCASE, s.id LIMIT ? OFFSET ?"""
    return [_speaker_dict(r) for r in _fetch(conn, sql, [*params, *_check_page(limit, offset)])]


def count_speakers(conn: sqlite3.Connection, q: str | None = None) -> int:
    """How many speakers `list_speakers` would return for `q` with no limit."""
    if q is not None and q.strip():
        sql = f"SELECT count(DISTINCT canonical_id) FROM {_SPEAKER_MATCH}"
        return int(conn.execute(sql, _speaker_params(_check_text(q, "q"))).fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM speakers s WHERE s.id = s.canonical_id").fetchone()[0])


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> Row | None:
    """One speaker as `list_speakers` gives it, plus quotes per week and the outlets that reported them.

    per_week: [{"week": Monday as YYYY-MM-DD, "quotes": n}] for the weeks with any quote, oldest
    first; per_month the same by calendar month ({"month": YYYY-MM}); undated_quotes counts the quotes whose article has no date. outlets: [{"outlet": name or
    None, "quotes": n}], most quotes first.
    """
    sql = f"SELECT {_SPEAKER_COLUMNS} FROM speakers s WHERE s.id = (SELECT canonical_id FROM speakers WHERE id = ?)"
    rows = _fetch(conn, sql, (speaker_id,))
    if not rows:
        return None
    speaker = _speaker_dict(rows[0])
    speaker_id = speaker["id"]
    weeks = conn.execute(
        """SELECT date(substr(q.published, 1, 10), '-6 days', 'weekday 1') AS week, count(*)
        FROM quotes q WHERE q.canonical_speaker_id = ?
        GROUP BY week ORDER BY week IS NULL, week""",
        (speaker_id,),
    ).fetchall()
    speaker["per_week"] = [{"week": week, "quotes": n} for week, n in weeks if week is not None]
    months = conn.execute(
        """SELECT strftime('%Y-%m', substr(q.published, 1, 10)) AS month, count(*) FROM quotes q
        WHERE q.canonical_speaker_id = ? AND month IS NOT NULL GROUP BY month ORDER BY month""",
        (speaker_id,),
    ).fetchall()
    speaker["per_month"] = [{"month": month, "quotes": n} for month, n in months]
    speaker["undated_quotes"] = sum(n for week, n in weeks if week is None)
    outlets = conn.execute(
        """SELECT a.outlet, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.canonical_speaker_id = ? GROUP BY a.outlet ORDER BY n DESC, a.outlet IS NULL, a.outlet""",
        (speaker_id,),
    ).fetchall()
    speaker["outlets"] = [{"outlet": outlet, "quotes": n} for outlet, n in outlets]
    return speaker


def list_outlets(conn: sqlite3.Connection, limit: int = 500) -> list[Row]:
    """The outlets named by stored articles, with their article counts, most articles first."""
    rows = conn.execute(
        """SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL
        GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?""",
        (limit,),
    ).fetchall()
    return [{"outlet": outlet, "articles": n} for outlet, n in rows]


def _resolve_article(conn: sqlite3.Connection, ref: str) -> int | None:
    """An article id from a numeric id, a doc_id or a sha256 prefix (6+ hex digits)."""
    ref = ref.strip()
    if ref.isdigit():
        row = conn.execute("SELECT id FROM articles WHERE id = ?", (int(ref),)).fetchone()
        if row:
            return int(row[0])
    candidates = [int(r[0]) for r in conn.execute("SELECT id FROM articles WHERE doc_id = ? ORDER BY id", (ref,))]
    if not candidates and _HEX.fullmatch(ref):
        prefix = ref.lower() + "%"
        candidates = [int(r[0]) for r in conn.execute("SELECT id FROM articles WHERE sha256 LIKE ? ORDER BY id", (prefix,))]
    if len(candidates) > 1:
        ids = ", ".join(str(i) for i in candidates[:10])
        raise QueryError(f"{ref!r} matches {len(candidates)} articles (ids {ids}): give the numeric id")
    return candidates[0] if candidates else None


def get_article(conn: sqlite3.Connection, ref: str | int) -> Row | None:
    """One article with its text, body spans, headings and quotes; None if nothing matches `ref`.

    An int is a numeric id only; a string may also be a doc id or a sha256 prefix (6+ hex digits).
    """
    if isinstance(ref, int):
        found = conn.execute("SELECT id FROM articles WHERE id = ?", (ref,)).fetchone()
        article_id = int(found[0]) if found else None
    else:
        article_id = _resolve_article(conn, ref)
    if article_id is None:
        return None
    rows = _fetch(
        conn,
        """SELECT id, doc_id, sha256, source_path, line, format, title, title_span, published, outlet,
            byline, dateline, text, raw IS NOT NULL AS has_raw, body_spans, headings, ingested_at
        FROM articles WHERE id = ?""",
        (article_id,),
    )
    article = dict(rows[0])
    article["has_raw"] = bool(article["has_raw"])
    article["source_path"] = shown_source(article["source_path"])
    for field in ("title_span", "body_spans", "headings"):
        article[field] = json.loads(article[field]) if article[field] is not None else None
    article["quotes"] = _quotes(conn, "WHERE q.article_id = ?", [article_id], "ORDER BY q.seq")
    return article


def stats(conn: sqlite3.Connection) -> Row:
    """Counts over the whole store: articles, quotes by kind, speakers, outlets, date range."""
    counts = conn.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes),
            (SELECT count(*) FROM quotes WHERE speaker_id IS NULL), (SELECT count(*) FROM speakers WHERE id = canonical_id),
            (SELECT count(DISTINCT outlet) FROM articles), (SELECT min(published) FROM articles),
            (SELECT max(published) FROM articles)"""
    ).fetchone()
    by_kind = dict(conn.execute("SELECT kind, count(*) FROM quotes GROUP BY kind").fetchall())
    return {
        "articles": counts[0],
        "quotes": counts[1],
        "quotes_by_kind": {kind: by_kind.get(kind, 0) for kind in QUOTE_KINDS},
        "unattributed_quotes": counts[2],
        "speakers": counts[3],
        "outlets": counts[4],
        "first_published": counts[5],
        "last_published": counts[6],
        "statements": int(conn.execute("SELECT count(*) FROM statements").fetchone()[0]),
        "article_families": int(conn.execute("SELECT count(DISTINCT family_id) FROM articles").fetchone()[0]),
        "stories": int(conn.execute("SELECT count(*) FROM stories").fetchone()[0]),
        "claims": int(conn.execute("SELECT count(*) FROM claims").fetchone()[0]),
        "schema_version": current_version(conn),
    }


@dataclass(frozen=True)
class StatementFilter:
    """What `statement_page` selects: every field given must hold.

    speaker: part of a speaker's name or alias; search: words in any report's wording (full-text);
    outlet: part of the name of an outlet that reported it; since/until: some report dated in the range;
    min_reports: at least this many reports; speaker_id: one (canonical) speaker; topic: part of a topic of one
    of its reports; story_id: a report in one story.
    """

    speaker: str | None = None
    search: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    min_reports: int | None = None
    speaker_id: int | None = None
    topic: str | None = None
    story_id: int | None = None


def _statement_where(conn: sqlite3.Connection, where: StatementFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.speaker_id is not None:
        clauses.append("st.speaker_id = (SELECT canonical_id FROM speakers WHERE id = ?)")
        params.append(where.speaker_id)
    if where.speaker is not None and where.speaker.strip():
        clauses.append(f"st.speaker_id IN {_SPEAKER_MATCH}")
        params += _speaker_params(_check_text(where.speaker, "speaker"))
    if where.min_reports is not None:
        if where.min_reports < 1:
            raise QueryError(f"bad min_reports {where.min_reports}: must be 1 or more", "min_reports")
        clauses.append("st.reports >= ?")
        params.append(where.min_reports)
    quote_where, quote_params = _quote_where(
        QuoteFilter(
            search=where.search, outlet=where.outlet, since=where.since, until=where.until, topic=where.topic,
            story_id=where.story_id,
        )
    )
    if quote_where:
        clauses.append(
            f"""st.id IN (SELECT q.statement_id FROM quotes q {_article_join(QuoteFilter(outlet=where.outlet))}
            {quote_where} AND q.statement_id IS NOT NULL)"""
        )
        params += quote_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _reports(conn: sqlite3.Connection, statement_ids: list[int]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {i: [] for i in statement_ids}
    for i in range(0, len(statement_ids), 500):
        chunk = statement_ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = _fetch(
            conn,
            f"""SELECT q.id, q.statement_id, q.kind, q.text, q.published, a.id AS article_id, a.title, a.outlet,
                a.published AS article_published, a.source_path, a.wire, a.family_id
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.statement_id IN ({marks})
            ORDER BY q.published IS NULL, q.published, q.article_id, q.seq""",
            chunk,
        )
        ids = [row["id"] for row in rows]
        spans, topics = _spans_by_quote(conn, ids), _topics_by_quote(conn, ids)
        for row in rows:
            found[row["statement_id"]].append(
                {
                    "quote_id": row["id"],
                    "kind": row["kind"],
                    "text": row["text"],
                    "content_spans": spans[row["id"]],
                    "topics": topics[row["id"]],
                    "article": {
                        "id": row["article_id"],
                        "title": row["title"],
                        "outlet": row["outlet"],
                        "published": row["article_published"],
                        "source_path": shown_source(row["source_path"]),
                        "wire": row["wire"],
                        "family": row["family_id"],
                    },
                }
            )
    return found


def _common_topics(reports: list[Row], most: int = 8) -> list[str]:
    """A statement's topics: its reports' topics, the most often given first (one spelling per topic)."""
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for report in reports:
        for topic in report["topics"]:
            key = name_key(topic)
            counts[key] = counts.get(key, 0) + 1
            shown.setdefault(key, topic)
    return [shown[k] for k in sorted(counts, key=lambda k: (-counts[k], k))[:most]]


def _statements_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[Row]:
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = _fetch(
        conn,
        f"""SELECT st.id, st.text, st.first_published, st.last_published, st.independent_reports,
            s.id AS speaker_id, s.shown_name, s.shown_type AS type,
            (SELECT r.role FROM speaker_roles r JOIN speakers m ON m.id = r.speaker_id WHERE m.canonical_id = s.id
                GROUP BY r.role ORDER BY count(*) DESC, r.role LIMIT 1) AS role
        FROM statements st JOIN speakers s ON s.id = st.speaker_id WHERE st.id IN ({marks})""",
        ids,
    )
    reports = _reports(conn, ids)
    by_id = {}
    for row in rows:
        items = reports[row["id"]]
        by_id[row["id"]] = {
            "id": row["id"],
            "speaker": {"id": row["speaker_id"], "name": row["shown_name"], "type": row["type"], "role": row["role"]},
            "text": row["text"],
            "first_published": row["first_published"],
            "last_published": row["last_published"],
            "reports": items,
            "outlets": sorted({r["article"]["outlet"] for r in items if r["article"]["outlet"]}, key=str.casefold),
            "independent_reports": row["independent_reports"],
            "topics": _common_topics(items),
        }
    return [by_id[i] for i in ids if i in by_id]


def statement_page(
    conn: sqlite3.Connection, where: StatementFilter = StatementFilter(), limit: int | None = 50, offset: int = 0
) -> tuple[list[Row], int]:
    """Statements matching every filter, most widely reported first (independent reports, then reports,
    then outlets, then the newest), with the total count."""
    page = _check_page(limit, offset)
    clause, params = _statement_where(conn, where)
    ids = [
        row[0]
        for row in conn.execute(
            f"""SELECT st.id FROM statements st {clause}
            ORDER BY st.independent_reports DESC, st.reports DESC, st.outlets DESC,
                st.last_published IS NULL, st.last_published DESC, st.id LIMIT ? OFFSET ?""",
            [*params, *page],
        )
    ]
    total = int(conn.execute(f"SELECT count(*) FROM statements st {clause}", params).fetchone()[0])
    return _statements_by_id(conn, ids), total


def get_statement(conn: sqlite3.Connection, statement_id: int) -> Row | None:
    """One statement with all its reports; None if there is none with this id."""
    found = _statements_by_id(conn, [statement_id])
    return found[0] if found else None


@dataclass(frozen=True)
class StoryFilter:
    """What `find_stories` selects: `search` is part of a headline of one of its articles (any case); `since` and
    `until` compare with its last and first articles' dates (a story that overlaps the period); `topic` is part
    of a topic of one of its quotes."""

    search: str | None = None
    since: str | None = None
    until: str | None = None
    topic: str | None = None


def _story_where(where: StoryFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.search is not None and where.search.strip():
        clauses.append("st.id IN (SELECT story_id FROM articles WHERE title LIKE ? ESCAPE '\\')")
        params.append(like_pattern(_check_text(where.search, "search").strip()))
    if where.topic is not None and where.topic.strip():
        clauses.append(f"st.id IN (SELECT a.story_id FROM articles a JOIN quotes q ON q.article_id = a.id WHERE q.id IN {_TOPIC_MATCH})")
        params.append(_topic_pattern(where.topic))
    _date_range(clauses, params, where.since, where.until, "st.last_published", "st.first_published")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def find_stories(conn: sqlite3.Connection, where: StoryFilter = StoryFilter(), limit: int | None = 50, offset: int = 0) -> list[Row]:
    """Stories, latest first (by their last article's date; undated last): title, dates, outlets, articles,
    speakers (the named speakers of their quotes, most quoted first) and how many statements they hold."""
    clause, params = _story_where(where)
    sql = f"""SELECT st.id, st.title, st.first_published, st.last_published FROM stories st {clause}
        ORDER BY st.last_published IS NULL, st.last_published DESC, st.id DESC LIMIT ? OFFSET ?"""
    return [_story_dict(conn, row) for row in _fetch(conn, sql, [*params, *_check_page(limit, offset)])]


def count_stories(conn: sqlite3.Connection, where: StoryFilter = StoryFilter()) -> int:
    clause, params = _story_where(where)
    return int(conn.execute(f"SELECT count(*) FROM stories st {clause}", params).fetchone()[0])


def get_story(conn: sqlite3.Connection, story_id: int) -> Row | None:
    """One story as `find_stories` gives it; None if there is none with this id."""
    rows = _fetch(conn, "SELECT st.id, st.title, st.first_published, st.last_published FROM stories st WHERE st.id = ?", (story_id,))
    return _story_dict(conn, rows[0]) if rows else None


def _story_dict(conn: sqlite3.Connection, row: sqlite3.Row) -> Row:
    articles = [
        {"id": a["id"], "title": a["title"], "outlet": a["outlet"], "published": a["published"], "source_path": shown_source(a["source_path"])}
        for a in _fetch(
            conn,
            "SELECT id, title, outlet, published, source_path FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, id",
            (row["id"],),
        )
    ]
    speakers = [
        {"id": r["id"], "name": r["name"]}
        for r in _fetch(
            conn,
            """SELECT s.id, s.shown_name AS name, count(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id
            JOIN speakers s ON s.id = q.canonical_speaker_id WHERE a.story_id = ? GROUP BY s.id ORDER BY n DESC, s.shown_name""",
            (row["id"],),
        )
    ]
    (statements,) = conn.execute(
        "SELECT count(DISTINCT q.statement_id) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.story_id = ?",
        (row["id"],),
    ).fetchone()
    return {
        "id": row["id"],
        "title": row["title"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
        "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
        "articles": articles,
        "speakers": speakers,
        "statements": int(statements),
    }
