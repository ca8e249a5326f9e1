"""Reads: quote filters, full-text search (safe against any input), speakers, articles, stats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.errors import QueryError
from onrecord.store import Store, queries
from onrecord.store.queries import QuoteFilter
from onrecord.store.fts import fts_query
from tests.store.builders import article, quote

HOSTILE = ['"', "*", "AND OR NOT", "NEAR(", "'; DROP TABLE quotes;--", '"unclosed phrase', "a:b", "^x", "(", ")",
           "-", "NOT", "\x00", "😀", "col:*", 'NEAR("a" "b", 2)', "OR", "'", "%_\\", " "]


SAFE_FTS = re.compile(r'"[^\W_]+( [^\W_]+)*"\*?( "[^\W_]+( [^\W_]+)*"\*?)*')
"""Only double-quoted strings of word characters, each maybe a prefix: nothing FTS5 reads as syntax."""


def _texts(rows: list[dict]) -> list[str]:
    return [row["text"] for row in rows]


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("peskov", 2),
        ("PESKOV", 2),
        ("dmitry pes", 2),
        ("Pěskov", 2),
        ("mod", 1),  # only an alias ("MoD") of the Ministry of Defence
        ("ministry", 1),
        ("cleverly", 1),
        ("official", 0),  # an unresolved source is not a speaker
        ("nobody", 0),
        ("%", 0),
    ],
)
def test_queries_find_quotes_by_speaker_name_or_alias(filled: Store, speaker: str, expected: int) -> None:
    rows = queries.find_quotes(filled.conn, QuoteFilter(speaker=speaker))
    assert len(rows) == expected
    assert queries.count_quotes(filled.conn, QuoteFilter(speaker=speaker)) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("reaction", ["We saw the reaction from both London and Washington."]),
        ("REACTION washington", ["We saw the reaction from both London and Washington."]),
        ('"both London"', ["We saw the reaction from both London and Washington."]),
        ('"London both"', []),
        ("reac*", ["We saw the reaction from both London and Washington."]),
        ('"air def"*', ["Russia's air defense system will continue to improve"]),
        ("cafe", ["the café was destroyed"]),
        ("legitimate-right", ["Ukraine does have the legitimate right to project force beyond its borders"]),
        ("near", ["the situation is under control near the border"]),
        ("reaction improve", []),
    ],
)
def test_queries_full_text_search(filled: Store, search: str, expected: list[str]) -> None:
    assert _texts(queries.find_quotes(filled.conn, QuoteFilter(search=search))) == expected


@pytest.mark.parametrize("search", HOSTILE)
def test_queries_hostile_search_never_raises(filled: Store, search: str) -> None:
    rows = queries.find_quotes(filled.conn, QuoteFilter(search=search))
    assert len(rows) == queries.count_quotes(filled.conn, QuoteFilter(search=search))
    assert queries.count_quotes(filled.conn) == 5


@pytest.mark.parametrize("text", HOSTILE)
def test_queries_fts_query_is_only_quoted_strings(text: str) -> None:
    query = fts_query(text)
    assert query is None or SAFE_FTS.fullmatch(query)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"outlet": "anadolu"}, 2),
        ({"outlet": "BLOOM"}, 2),
        ({"kind": "direct"}, 2),
        ({"kind": "indirect"}, 3),
        ({"kind": "mixed"}, 0),
        ({"since": "2023-05-31"}, 2),
        ({"since": "2023-05-30"}, 4),
        ({"until": "2023-05-30"}, 2),
        ({"until": "2023-05"}, 4),
        ({"since": "2023", "until": "2023"}, 4),
        ({"since": "2024-01-01"}, 0),
        ({"speaker": "peskov", "kind": "indirect"}, 1),
        ({"outlet": "bloomberg", "search": "cafe", "until": "2023-05-31"}, 1),
        ({}, 5),
    ],
)
def test_queries_filters_combine(filled: Store, filters: dict, expected: int) -> None:
    assert len(queries.find_quotes(filled.conn, QuoteFilter(**filters))) == expected
    assert queries.count_quotes(filled.conn, QuoteFilter(**filters)) == expected


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"kind": "quoted"}, "bad kind"),
        ({"since": "yesterday"}, "bad since date"),
        ({"until": "2023-02-30"}, "bad until date"),
        ({"since": "2023-5-1"}, "bad since date"),
        ({"limit": -1}, "bad limit"),
        ({"offset": -5}, "bad offset"),
    ],
)
def test_queries_bad_parameters_raise_query_error(filled: Store, filters: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        page = {key: filters.pop(key) for key in ("limit", "offset") if key in filters}
        queries.find_quotes(filled.conn, QuoteFilter(**filters), **page)


@pytest.mark.parametrize(("limit", "offset", "expected"), [(2, 0, 2), (2, 4, 1), (10, 5, 0), (None, 0, 5)])
def test_queries_limit_and_offset_page_through(filled: Store, limit: int | None, offset: int, expected: int) -> None:
    page = queries.find_quotes(filled.conn, limit=limit, offset=offset)
    everything = queries.find_quotes(filled.conn, limit=None)
    assert len(page) == expected
    assert [r["id"] for r in page] == [r["id"] for r in everything][offset : offset + expected]


@pytest.mark.parametrize("order", [["2023-05-31", "2023-05-31", "2023-05-30T18:00:00+00:00", "2023-05-30T18:00:00+00:00", None]])
def test_queries_newest_first_undated_last(filled: Store, order: list[str | None]) -> None:
    assert [r["article"]["published"] for r in queries.find_quotes(filled.conn)] == order


@pytest.mark.parametrize("search", ["situation"])
def test_queries_unresolved_speaker_has_no_name(filled: Store, search: str) -> None:
    (row,) = queries.find_quotes(filled.conn, QuoteFilter(search=search))
    assert row["speaker"] == {"id": None, "name": None, "type": "person", "role": None}
    assert row["mention"]["text"] == "An official"
    assert row["article"]["published"] is None


@pytest.mark.parametrize("search", ["reaction"])
def test_queries_quote_row_shape(filled: Store, search: str) -> None:
    (row,) = queries.find_quotes(filled.conn, QuoteFilter(search=search))
    assert set(row) == {"id", "text", "kind", "act", "cue", "cue_span", "content_spans", "confidence", "statement_id", "speaker", "mention", "article", "topics"}
    assert row["speaker"]["name"] == "Dmitry Peskov" and row["speaker"]["role"] == "Kremlin spokesman"
    assert set(row["article"]) == {"id", "doc_id", "title", "outlet", "published", "source_path", "story_id"}
    article = queries.get_article(filled.conn, row["article"]["id"])
    (start, end), = row["content_spans"]
    assert article["text"][start:end] == row["text"]
    assert article["text"][slice(*row["cue_span"])] == row["cue"]


@pytest.mark.parametrize(
    ("q", "names"),
    [
        (None, ["Dmitry Peskov", "James Cleverly", "Ministry of Defence"]),
        ("MOD", ["Ministry of Defence"]),
        ("peskov", ["Dmitry Peskov"]),
        ("zzz", []),
    ],
)
def test_queries_list_speakers(filled: Store, q: str | None, names: list[str]) -> None:
    assert [s["name"] for s in queries.list_speakers(filled.conn, q=q)] == names


@pytest.mark.parametrize("name", ["Dmitry Peskov"])
def test_queries_speaker_summary(filled: Store, name: str) -> None:
    (speaker,) = queries.list_speakers(filled.conn, q=name)
    assert speaker["roles"] == ["Kremlin spokesman"]
    assert speaker["aliases"] == ["Peskov"]
    assert (speaker["quotes"], speaker["articles"]) == (2, 1)
    assert speaker["first_published"] == speaker["last_published"] == "2023-05-31"


@pytest.mark.parametrize("ref", ["1", 1, "anadolu-1", " anadolu-1 "])
def test_queries_get_article_by_id_or_doc_id(filled: Store, ref: str | int) -> None:
    article = queries.get_article(filled.conn, ref)
    assert article is not None and article["doc_id"] == "anadolu-1"
    assert [len(q["content_spans"]) for q in article["quotes"]] == [1, 1]
    assert article["body_spans"] == [[0, len(article["text"])]]


@pytest.mark.parametrize("prefix_length", [6, 12, 64])
def test_queries_get_article_by_sha256_prefix(filled: Store, prefix_length: int) -> None:
    sha = filled.conn.execute("SELECT sha256 FROM articles WHERE id = 2").fetchone()[0]
    assert queries.get_article(filled.conn, sha[:prefix_length])["id"] == 2


@pytest.mark.parametrize("ref", ["999", "no-such-doc", "abc", "0"])
def test_queries_get_article_unknown_is_none(filled: Store, ref: str) -> None:
    assert queries.get_article(filled.conn, ref) is None


@pytest.mark.parametrize("doc_id", ["same"])
def test_queries_get_article_ambiguous_doc_id(store: Store, doc_id: str) -> None:
    store.add_article(article("First text.", doc_id=doc_id))
    store.add_article(article("Second text.", doc_id=doc_id))
    with pytest.raises(QueryError, match="matches 2 articles"):
        queries.get_article(store.conn, doc_id)


@pytest.mark.parametrize(("key", "value"), [("articles", 3), ("quotes", 5), ("speakers", 3), ("unattributed_quotes", 1),
                                            ("outlets", 2), ("quotes_by_kind", {"direct": 2, "indirect": 3, "mixed": 0})])
def test_queries_stats(filled: Store, key: str, value: object) -> None:
    assert queries.stats(filled.conn)[key] == value


@pytest.mark.parametrize(
    ("stored_path", "shown"),
    [("/home/ana/scrapes/2023/a.txt", "2023/a.txt"), ("C:\\Users\\ana\\news\\b.txt", "news/b.txt"),
     ("/c.txt", "c.txt"), ("corpus/d.txt", "corpus/d.txt"), ("<stdin>", "<stdin>")],
)
def test_queries_never_show_an_absolute_source_path(tmp_path: Path, stored_path: str, shown: str) -> None:
    """Issue 13: the API and CSV showed the absolute local paths of ingested files (stores from earlier versions)."""
    text = "The mayor said the road was closed."
    said = quote(text, "the road was closed", "indirect", mention="The mayor", name="Mayor")
    with Store.open(tmp_path / "s.db") as store:
        stored_id = store.add_article(article(text, [said], source_path=stored_path)).article_id
        [row] = queries.find_quotes(store.conn, QuoteFilter())
        found = queries.get_article(store.conn, stored_id)
    assert row["article"]["source_path"] == shown
    assert found is not None and found["source_path"] == shown
