"""Writing articles: new/unchanged by hash, one transaction each, speakers matched, nothing half-written."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

import onrecord.store.db as db_module
from onrecord.errors import StoreError
from onrecord.model import Span
from onrecord.store import Store
from tests.store.builders import PESKOV_TEXT, article, quote, sample_articles

ARTICLE_TABLES = ("articles", "quotes", "quote_spans", "mentions", "speakers", "speaker_aliases", "speaker_roles")


def _count(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _fts_ok(store: Store) -> None:
    store.conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("item", sample_articles())
def test_db_add_article_new_then_unchanged(store: Store, item: Any) -> None:
    first = store.add_article(item)
    second = store.add_article(item)
    assert (first.status, second.status) == ("new", "unchanged")
    assert first.article_id == second.article_id
    assert _count(store, "articles") == 1
    assert _count(store, "quotes") == len(item.quotes)


@pytest.mark.parametrize("index", [0, 1])
def test_db_stores_spans_as_given(filled: Store, index: int) -> None:
    source = sample_articles()[0].quotes[index]
    row = filled.conn.execute(
        'SELECT q.text, q.cue_start, q.cue_end, s.start, s."end" FROM quotes q '
        "JOIN quote_spans s ON s.quote_id = q.id WHERE q.article_id = 1 AND q.seq = ?",
        (index,),
    ).fetchone()
    assert row == (source.text, source.cue_span.start, source.cue_span.end, *source.content_spans[0].to_list())
    assert PESKOV_TEXT[row[3] : row[4]] == source.text


def _fail_on_second_quote(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    original = db_module._write_quote

    def failing(conn: sqlite3.Connection, article_id: int, seq: int, *args: Any) -> None:
        if seq == 1:
            raise error
        original(conn, article_id, seq, *args)

    monkeypatch.setattr(db_module, "_write_quote", failing)


@pytest.mark.parametrize(
    ("error", "raised"),
    [(sqlite3.IntegrityError("forced"), StoreError), (RuntimeError("forced"), RuntimeError), (KeyboardInterrupt(), KeyboardInterrupt)],
)
def test_db_failure_mid_article_leaves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch, error: BaseException, raised: type[BaseException]
) -> None:
    _fail_on_second_quote(monkeypatch, error)
    with pytest.raises(raised):
        store.add_article(sample_articles()[0])
    assert {table: _count(store, table) for table in ARTICLE_TABLES} == dict.fromkeys(ARTICLE_TABLES, 0)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    _fts_ok(store)
    monkeypatch.undo()
    assert store.add_article(sample_articles()[0]).status == "new"


@pytest.mark.parametrize("bad_span", [Span(5, len(PESKOV_TEXT) + 10), Span(len(PESKOV_TEXT), len(PESKOV_TEXT) + 1)])
def test_db_span_past_the_text_is_refused_and_nothing_written(store: Store, bad_span: Span) -> None:
    item = sample_articles()[0]
    item.quotes[1].content_spans.append(bad_span)
    with pytest.raises(StoreError, match="runs past the text"):
        store.add_article(item)
    assert {table: _count(store, table) for table in ARTICLE_TABLES} == dict.fromkeys(ARTICLE_TABLES, 0)
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(("text", "reason"), [("", "no text"), ("  \n\t ", "no text")])
def test_db_refuses_empty_articles(store: Store, text: str, reason: str) -> None:
    with pytest.raises(StoreError, match=reason):
        store.add_article(article(text))
    assert _count(store, "articles") == 0


@pytest.mark.parametrize("cap", [100])
def test_db_refuses_text_over_the_cap(store: Store, monkeypatch: pytest.MonkeyPatch, cap: int) -> None:
    monkeypatch.setattr(db_module, "MAX_TEXT_CHARS", cap)
    with pytest.raises(StoreError, match="too large"):
        store.add_article(article("x" * (cap + 1)))


@pytest.mark.parametrize("field", ["title", "outlet"])
def test_db_clips_overlong_metadata(store: Store, field: str) -> None:
    item = article("Some text.", **{field: "y" * 10_000})
    store.add_article(item)
    stored = store.conn.execute(f"SELECT {field} FROM articles").fetchone()[0]
    assert stored == "y" * db_module.MAX_FIELD_CHARS


@pytest.mark.parametrize(
    ("surface", "new_alias"),
    [("DMITRY PESKOV", "DMITRY PESKOV"), ("Dmitry  Peskov", None), ("Dmitrý Peskov", "Dmitrý Peskov")],
)
def test_db_matches_speakers_across_articles_by_key(store: Store, surface: str, new_alias: str | None) -> None:
    store.add_article(sample_articles()[0])
    text = f"{surface} said nothing new today."
    store.add_article(article(text, [quote(text, "nothing new today", mention=surface, name=surface)], doc_id="b"))
    speakers = store.conn.execute("SELECT id, name FROM speakers WHERE type = 'person'").fetchall()
    assert [name for _, name in speakers] == ["Dmitry Peskov"]
    quote_speakers = {row[0] for row in store.conn.execute("SELECT speaker_id FROM quotes")}
    assert quote_speakers == {speakers[0][0]}
    aliases = {row[0] for row in store.conn.execute("SELECT alias FROM speaker_aliases")}
    assert aliases == {"Peskov", *([new_alias] if new_alias else [])}


@pytest.mark.parametrize("mention_kind", ["pronoun", "role"])
def test_db_pronouns_and_roles_are_not_aliases(store: Store, mention_kind: str) -> None:
    text = "Dmitry Peskov spoke. He said it was fine."
    item = article(text, [quote(text, "it was fine", mention="He", name="Dmitry Peskov", mention_kind=mention_kind)])
    store.add_article(item)
    assert _count(store, "speakers") == 1
    assert _count(store, "speaker_aliases") == 0


@pytest.mark.parametrize("doc_index", [2])
def test_db_unresolved_speaker_is_stored_as_null(filled: Store, doc_index: int) -> None:
    row = filled.conn.execute(
        "SELECT q.speaker_id, m.text, m.speaker_id FROM quotes q JOIN mentions m ON m.id = q.mention_id "
        "WHERE q.article_id = ?",
        (doc_index + 1,),
    ).fetchone()
    assert row == (None, "An official", None)
    names = {r[0] for r in filled.conn.execute("SELECT name FROM speakers")}
    assert "An official" not in names


@pytest.mark.parametrize(
    ("words", "speaker_type", "mention_kind"),
    [("officials", "group", "group"), ("the company", "organization", "description"), ("Police", "group", "group")],
)
def test_db_a_description_is_nobodys_identity(store: Store, words: str, speaker_type: str, mention_kind: str) -> None:
    """Two unrelated articles' "officials" must not become one speaker with statements across both."""
    for n, text in enumerate((f"The road stays shut until Friday, {words} said.", f"The budget adds twelve teachers, {words} said.")):
        content = text.split(",")[0]
        item = quote(text, content, kind="indirect", mention=words, name=words, speaker_type=speaker_type, mention_kind=mention_kind)
        store.add_article(article(text, [item], doc_id=f"d{n}"))
    assert _count(store, "speakers") == 0
    rows = store.conn.execute(
        "SELECT q.speaker_id, q.canonical_speaker_id, q.statement_id, m.text, m.speaker_type FROM quotes q "
        "JOIN mentions m ON m.id = q.mention_id"
    ).fetchall()
    assert rows == [(None, None, None, words, speaker_type)] * 2


def test_db_a_described_speaker_reached_by_a_pronoun_is_nobodys_identity(store: Store) -> None:
    for n, text in enumerate(("Officials met. They said the road stays shut.", "Officials met. They said the budget grows.")):
        said = text.split("They said ")[1].rstrip(".")
        item = quote(text, said, kind="indirect", mention="They", name="Officials", speaker_type="group", mention_kind="pronoun")
        assert item.source is not None and item.source.speaker is not None
        item.source.speaker.described = True
        store.add_article(article(text, [item], doc_id=f"p{n}"))
    assert _count(store, "speakers") == 0


@pytest.mark.parametrize(("words", "name"), [("a spokesperson for Acme Foods", "Acme Foods"), ("Acme Foods", "Acme Foods")])
def test_db_an_organisation_a_spokesperson_speaks_for_is_a_speaker(store: Store, words: str, name: str) -> None:
    text = f"The plant is closed, {words} said."
    kind = "role" if words != name else "organization"
    store.add_article(article(text, [quote(text, "The plant is closed", mention=words, name=name, speaker_type="organization", mention_kind=kind)]))
    assert [r[0] for r in store.conn.execute("SELECT name FROM speakers")] == [name]


@pytest.mark.parametrize("expected_roles", [{("Dmitry Peskov", "Kremlin spokesman")}])
def test_db_records_roles_per_article(filled: Store, expected_roles: set[tuple[str, str]]) -> None:
    rows = filled.conn.execute(
        "SELECT s.name, r.role FROM speaker_roles r JOIN speakers s ON s.id = r.speaker_id WHERE r.article_id = 1"
    ).fetchall()
    assert set(rows) == expected_roles


@pytest.mark.parametrize("word", ["reaction"])
def test_db_full_text_index_follows_quotes(filled: Store, word: str) -> None:
    _fts_ok(filled)
    hits = filled.conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (word,)).fetchall()
    assert len(hits) == 1
    filled.conn.execute("DELETE FROM articles WHERE id = 1")
    assert filled.conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (word,)).fetchall() == []
    _fts_ok(filled)
