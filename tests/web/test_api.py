"""The JSON API: filters, paging, shapes, spans into the article text, errors, ingest, headers (issue: web API)."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.store import Store
from onrecord.web import app_from_env
from tests.store.builders import article, quote
from tests.web.conftest import PESKOV_TEXT

Json = dict[str, Any]
ORDER = [
    "nunez-mixed", "nunez-direct", "peskov-peacekeepers",  # 2023-06-12
    "peskov-direct", "peskov-indirect",  # 2023-05-31
    "cleverly-indirect", "mod-indirect",  # 2023-05-30T18:00
    "he-direct", "cleverly-undated",  # no date: last
]
"""Every quote of web_db in the API's order: newest article first, text order within one, undated last."""
ANADOLU = ORDER[:5]
BLOOMBERG = ["cleverly-indirect", "mod-indirect"]
UPLOAD_TEXT = (
    'Kremlin spokesman Dmitry Peskov said on Monday: "The talks in Istanbul were useful for both sides." '
    "He added that a new round was possible.\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE quotes; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "*",
    '"',
    '""',
    "(((",
    "peskov OR cleverly",
    "NEAR(peskov cleverly)",
    "text:cleverly",
    "quotes_fts MATCH 'peskov'",
    "🙂",
]
"""SQL and FTS5 syntax, LIKE wildcards: none appears in web_db, so each must find nothing (and break nothing)."""


def get_json(client: TestClient, url: str, status: int = 200, **params: Any) -> Json:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()  # type: ignore[no-any-return]


def walk(client: TestClient, url: str, **params: Any) -> list[Json]:
    """Every page of a listing, following `next` until it is null; checks each page as it goes."""
    pages = [get_json(client, url, **params)]
    while pages[-1]["next"] is not None:
        assert len(pages) <= 1000, "paging does not end"
        pages.append(get_json(client, url, **params, cursor=pages[-1]["next"]))
    assert {page["total"] for page in pages} == {pages[0]["total"]}
    return pages


def all_items(client: TestClient, url: str, **params: Any) -> list[Json]:
    return [item for page in walk(client, url, limit=100, **params) for item in page["items"]]


def upload(client: TestClient, *files: tuple[str, bytes]) -> Any:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/api/ingest", files=parts)


def assert_error(response: Any, status: int, field: str | None = None) -> Json:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "field", "status"}
    assert isinstance(body["error"], str) and body["error"].strip()
    assert (body["field"], body["status"]) == (field, status)
    return body  # type: ignore[no-any-return]


def check_spans(client: TestClient, article_id: int) -> int:
    """Every span of an article's quotes is inside its text and shows what the quote says it does."""
    article = get_json(client, f"/api/articles/{article_id}")
    text = article["text"]
    for item in article["quotes"]:
        spans = item["content_spans"]
        assert spans and all(0 <= start < end <= len(text) for start, end in spans)
        if len(spans) == 1:
            assert text[spans[0][0] : spans[0][1]] == item["text"]
        if item["cue_span"] is not None:
            assert text[item["cue_span"][0] : item["cue_span"][1]] == item["cue"]
        if item["speaker_mention_span"] is not None:
            start, end = item["speaker_mention_span"]
            assert text[start:end] == item["speaker_mention"]
        assert item["article"]["id"] == article_id
    return len(article["quotes"])


def quote_count(client: TestClient, **params: Any) -> int:
    return int(get_json(client, "/api/quotes", **params)["total"])


# --- the acceptance on the seeds -------------------------------------------------------------------


def seed_paragraphs_with(text: str, *words: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of `text` that hold every word."""
    found, start = [], 0
    for line in text.split("\n"):
        if all(word in line for word in words):
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("speaker", "name", "articles"), [("peskov", "Peskov", 4)])
def test_api_seed_speaker_statements_across_articles(
    seed_client: TestClient, seeds_dir: Path, speaker: str, name: str, articles: int
) -> None:
    items = all_items(seed_client, "/api/quotes", speaker=speaker)
    assert items and all(name in item["speaker"]["name"] for item in items)
    quoting = {p.name for p in seeds_dir.glob("*.txt") if name in p.read_text(encoding="utf-8")}
    assert len(quoting) == articles
    assert {Path(item["article"]["source_path"]).name for item in items} == quoting
    [listed] = get_json(seed_client, "/api/speakers", q=speaker)["items"]
    assert (listed["quotes"], listed["articles"]) == (len(items), articles)


@pytest.mark.slow
@pytest.mark.parametrize(("word", "speaker"), [("peacekeepers", "Peskov")])
def test_api_seed_search_finds_speaker_statements(seed_client: TestClient, word: str, speaker: str) -> None:
    items = all_items(seed_client, "/api/quotes", q=word)
    assert items
    assert all(word in item["text"].casefold() for item in items)
    assert all(speaker in (item["speaker"]["name"] or "") for item in items)
    # Each paragraph where he says the word is found: some returned quote lies inside it.
    for article_id in {item["article"]["id"] for item in items}:
        text = get_json(seed_client, f"/api/articles/{article_id}")["text"]
        spans = [item["content_spans"][0] for item in items if item["article"]["id"] == article_id]
        for start, end in seed_paragraphs_with(text, word, speaker):
            assert any(start <= s and e <= end for s, e in spans), text[start:end]


@pytest.mark.slow
@pytest.mark.parametrize("min_quotes", [50])
def test_api_seed_spans_point_at_article_text(seed_client: TestClient, seed_db: Path, min_quotes: int) -> None:
    with sqlite3.connect(seed_db) as conn:
        article_ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    assert sum(check_spans(seed_client, article_id) for article_id in article_ids) >= min_quotes


@pytest.mark.slow
@pytest.mark.parametrize("url", ["/api/quotes"])
def test_api_seed_unnamed_sources_have_no_speaker(seed_client: TestClient, url: str) -> None:
    items = all_items(seed_client, url)
    unnamed = [item["speaker"] for item in items if item["speaker"]["id"] is None]
    assert all(speaker["name"] is None for speaker in unnamed)
    named = {item["speaker"]["id"] for item in items} - {None}
    assert get_json(seed_client, "/api/speakers")["total"] == len(named)


# --- filters, order, paging on the hand-made store ---------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ORDER),
        ({"speaker": "peskov"}, ["peskov-peacekeepers", "peskov-direct", "peskov-indirect"]),
        ({"speaker": "PESKOV"}, ["peskov-peacekeepers", "peskov-direct", "peskov-indirect"]),
        ({"speaker": "Dmitry Peskov"}, ["peskov-peacekeepers", "peskov-direct", "peskov-indirect"]),
        ({"speaker": "MoD"}, ["mod-indirect"]),
        ({"speaker": "nunez"}, ["nunez-mixed", "nunez-direct"]),
        ({"speaker": "NÚÑEZ"}, ["nunez-mixed", "nunez-direct"]),
        ({"speaker": "cleverly"}, ["cleverly-indirect", "cleverly-undated"]),
        ({"speaker": "nobody at all"}, []),
        ({"speaker": "   "}, ORDER),
        ({"q": "peacekeepers"}, ["nunez-direct", "peskov-peacekeepers"]),
        ({"q": "Peskov"}, ["nunez-direct"]),
        ({"q": '"air defense"'}, ["peskov-indirect"]),
        ({"q": '"defense air"'}, []),
        ({"q": "improv*"}, ["peskov-indirect"]),
        ({"q": "cafe"}, ["mod-indirect"]),
        ({"q": "victory city"}, ["nunez-mixed"]),
        ({"q": "victory london"}, []),
        ({"outlet": "anadolu"}, ANADOLU),
        ({"outlet": "BLOOMBERG"}, BLOOMBERG),
        ({"kind": "direct"}, ["nunez-direct", "peskov-direct", "he-direct"]),
        ({"kind": "indirect"}, ["peskov-peacekeepers", "peskov-indirect", *BLOOMBERG, "cleverly-undated"]),
        ({"kind": "mixed"}, ["nunez-mixed"]),
        ({"since": "2023-06"}, ORDER[:3]),
        ({"since": "2023-05-31"}, ANADOLU),
        ({"since": "2023"}, ORDER[:7]),
        ({"until": "2023-05"}, ORDER[3:7]),
        ({"until": "2023-05-30"}, BLOOMBERG),
        ({"since": "2023-05-30", "until": "2023-05-31"}, ORDER[3:7]),
        ({"since": "2024"}, []),
        ({"speaker": "peskov", "kind": "direct"}, ["peskov-direct"]),
        ({"speaker": "cleverly", "until": "2024"}, ["cleverly-indirect"]),
        ({"outlet": "anadolu", "kind": "mixed"}, ["nunez-mixed"]),
        ({"speaker": "peskov", "q": "peacekeepers"}, ["peskov-peacekeepers"]),
        (
            {"speaker": "peskov", "q": "peacekeepers", "outlet": "anadolu", "kind": "indirect", "since": "2023-06",
             "until": "2023-06-30"},
            ["peskov-peacekeepers"],
        ),
        ({"speaker": "peskov", "outlet": "bloomberg"}, []),
    ],
)
def test_api_quotes_filters(client: TestClient, web_quotes: dict[str, str], params: Json, expected: list[str]) -> None:
    page = get_json(client, "/api/quotes", limit=100, **params)
    assert [item["text"] for item in page["items"]] == [web_quotes[tag] for tag in expected]
    assert (page["total"], page["next"]) == (len(expected), None)


@pytest.mark.parametrize("limit", [1, 2, 4, 8, 9, 100])
@pytest.mark.parametrize("params", [{}, {"speaker": "peskov"}, {"kind": "indirect"}, {"speaker": "nobody"}])
def test_api_quotes_cursor_walks_every_item_once(client: TestClient, limit: int, params: Json) -> None:
    pages = walk(client, "/api/quotes", limit=limit, **params)
    walked = [item["id"] for page in pages for item in page["items"]]
    everything = get_json(client, "/api/quotes", limit=100, **params)
    assert walked == [item["id"] for item in everything["items"]]
    assert len(pages) == max(1, math.ceil(everything["total"] / limit))
    assert all(len(page["items"]) == limit for page in pages[:-1])


@pytest.mark.parametrize("limit", [1, 3])
def test_api_speakers_cursor_walks_every_item_once(client: TestClient, limit: int) -> None:
    walked = [item["id"] for page in walk(client, "/api/speakers", limit=limit) for item in page["items"]]
    assert walked == [item["id"] for item in get_json(client, "/api/speakers", limit=100)["items"]]
    assert len(walked) == len(set(walked)) == 4


@pytest.mark.parametrize("params", [{"limit": 100}, {"limit": 5, "speaker": "peskov"}])
def test_api_quotes_past_the_end_is_an_empty_last_page(client: TestClient, params: Json) -> None:
    # A stale cursor (the store shrank, or a client kept one) gives an empty last page, not an error.
    page = get_json(client, "/api/quotes", cursor=base64.urlsafe_b64encode(b"o500").decode().rstrip("="), **params)
    assert (page["items"], page["next"]) == ([], None)
    assert page["total"] == quote_count(client, **params)


# --- shapes and spans -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "speaker", "article"),
    [
        (
            "peskov-direct",
            {"name": "Dmitry Peskov", "type": "person", "role": "Kremlin spokesman"},
            {"title": "Kremlin wants condemnation", "outlet": "Anadolu Agency", "published": "2023-05-31",
             "source_path": "anadolu-1.txt", "doc_id": "anadolu-1"},
        ),
        (
            "mod-indirect",
            {"name": "Ministry of Defence", "type": "organization", "role": None},
            {"title": "Cleverly on Ukraine", "outlet": "Bloomberg", "published": "2023-05-30T18:00:00+00:00",
             "source_path": "bloomberg-1.txt", "doc_id": "bloomberg-1"},
        ),
    ],
)
def test_api_quote_shape(
    client: TestClient, web_quotes: dict[str, str], tag: str, speaker: Json, article: Json
) -> None:
    [item] = [i for i in get_json(client, "/api/quotes", limit=100)["items"] if i["text"] == web_quotes[tag]]
    assert set(item) == {
        "id", "text", "kind", "act", "speaker", "article", "cue", "cue_span", "content_spans", "speaker_mention_span",
        "speaker_mention", "speaker_mention_kind", "confidence", "statement_id", "topics",
    }
    assert item["act"] == "speech"
    assert set(item["speaker"]) == {"id", "name", "type", "role"} and isinstance(item["speaker"]["id"], int)
    assert {key: item["speaker"][key] for key in speaker} == speaker
    assert set(item["article"]) == {"id", "doc_id", "title", "outlet", "published", "source_path", "story_id"}
    assert {key: item["article"][key] for key in article} == article
    assert isinstance(item["id"], int) and isinstance(item["confidence"], float)


@pytest.mark.parametrize("quotes", [9])
def test_api_spans_point_at_article_text(client: TestClient, quotes: int) -> None:
    article_ids = {item["article"]["id"] for item in get_json(client, "/api/quotes", limit=100)["items"]}
    assert sum(check_spans(client, article_id) for article_id in article_ids) == quotes


@pytest.mark.parametrize(("tag", "mention"), [("he-direct", "he")])
def test_api_unresolved_source_is_null(client: TestClient, web_quotes: dict[str, str], tag: str, mention: str) -> None:
    [item] = [i for i in get_json(client, "/api/quotes", limit=100)["items"] if i["text"] == web_quotes[tag]]
    assert (item["speaker"]["id"], item["speaker"]["name"]) == (None, None)
    assert item["speaker_mention"] == mention and item["speaker_mention_kind"] == "pronoun"
    names = {s["name"] for s in get_json(client, "/api/speakers", limit=100)["items"]}
    assert names == {"Dmitry Peskov", "James Cleverly", "José Núñez", "Ministry of Defence"}


# --- speakers and articles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "names"),
    [
        (None, ["Dmitry Peskov", "James Cleverly", "José Núñez", "Ministry of Defence"]),
        ("mod", ["Ministry of Defence"]),
        ("nunez", ["José Núñez"]),
        ("PESKOV", ["Dmitry Peskov"]),
        ("e", ["Dmitry Peskov", "James Cleverly", "José Núñez", "Ministry of Defence"]),
        ("nobody", []),
    ],
)
def test_api_speakers_search_names_and_aliases(client: TestClient, q: str | None, names: list[str]) -> None:
    page = get_json(client, "/api/speakers", **({"q": q} if q is not None else {}))
    assert [item["name"] for item in page["items"]] == names
    assert page["total"] == len(names)


@pytest.mark.parametrize(
    ("name", "per_week", "undated", "outlets", "aliases"),
    [
        ("Dmitry Peskov", {"2023-05-29": 2, "2023-06-12": 1}, 0, {"Anadolu Agency": 3}, ["Peskov"]),
        ("James Cleverly", {"2023-05-29": 1}, 1, {"Bloomberg": 1, None: 1}, []),
        ("Ministry of Defence", {"2023-05-29": 1}, 0, {"Bloomberg": 1}, ["MoD"]),
    ],
)
def test_api_speaker_detail(
    client: TestClient, name: str, per_week: dict[str, int], undated: int, outlets: dict[str | None, int],
    aliases: list[str],
) -> None:
    [listed] = [s for s in get_json(client, "/api/speakers", limit=100)["items"] if s["name"] == name]
    detail = get_json(client, f"/api/speakers/{listed['id']}")
    assert {key: detail[key] for key in listed} == listed
    assert {week["week"]: week["quotes"] for week in detail["per_week"]} == per_week
    assert all(date.fromisoformat(week["week"]).weekday() == 0 for week in detail["per_week"])
    assert [w["week"] for w in detail["per_week"]] == sorted(w["week"] for w in detail["per_week"])
    assert detail["undated_quotes"] == undated
    assert sum(per_week.values()) + undated == detail["quotes"] == quote_count(client, speaker=name)
    assert sum(m["quotes"] for m in detail["per_month"]) == sum(per_week.values())
    assert {m["month"] for m in detail["per_month"]} == {week[:7] for week in per_week}
    assert {o["outlet"]: o["quotes"] for o in detail["outlets"]} == outlets
    assert sorted(detail["aliases"]) == aliases


@pytest.mark.parametrize(
    ("doc_id", "title", "published", "outlet", "tags"),
    [
        ("anadolu-1", "Kremlin wants condemnation", "2023-05-31", "Anadolu Agency",
         ["peskov-direct", "peskov-indirect"]),
        ("undated-1", None, None, None, ["he-direct", "cleverly-undated"]),
    ],
)
def test_api_article_detail(
    client: TestClient, web_quotes: dict[str, str], doc_id: str, title: str | None, published: str | None,
    outlet: str | None, tags: list[str],
) -> None:
    items = get_json(client, "/api/quotes", limit=100)["items"]
    [article_id] = {i["article"]["id"] for i in items if i["article"]["doc_id"] == doc_id}
    article = get_json(client, f"/api/articles/{article_id}")
    assert (article["doc_id"], article["title"], article["published"], article["outlet"]) == (
        doc_id, title, published, outlet,
    )
    assert [q["text"] for q in article["quotes"]] == [web_quotes[tag] for tag in tags]
    assert article["body_spans"] == [[0, len(article["text"])]]
    if doc_id == "anadolu-1":
        assert article["text"] == PESKOV_TEXT


# --- errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/speakers/999999", "/api/articles/999999", "/api/no-such-thing"])
def test_api_not_found_is_json(client: TestClient, url: str) -> None:
    assert_error(client.get(url), 404)


def cursor_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/quotes", {"limit": 0}, "limit"),
        ("/api/quotes", {"limit": -1}, "limit"),
        ("/api/quotes", {"limit": 101}, "limit"),
        ("/api/quotes", {"limit": "ten"}, "limit"),
        ("/api/quotes", {"kind": "quoted"}, "kind"),
        ("/api/quotes", {"kind": "DIRECT"}, "kind"),
        ("/api/quotes", {"since": "2023-13"}, "since"),
        ("/api/quotes", {"since": "yesterday"}, "since"),
        ("/api/quotes", {"since": "20230101"}, "since"),
        ("/api/quotes", {"until": "2023-02-30"}, "until"),
        ("/api/quotes", {"until": "2023-5"}, "until"),
        ("/api/quotes", {"until": "2023-05-31T10:00"}, "until"),
        ("/api/quotes", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/quotes", {"cursor": cursor_of(b"o-5")}, "cursor"),
        ("/api/quotes", {"cursor": cursor_of(b"o99999999")}, "cursor"),
        ("/api/quotes", {"cursor": "x" * 65}, "cursor"),
        ("/api/quotes", {"q": "x" * 501}, "q"),
        ("/api/quotes", {"speaker": "x" * 201}, "speaker"),
        ("/api/quotes", {"outlet": "x" * 201}, "outlet"),
        ("/api/speakers", {"limit": 0}, "limit"),
        ("/api/speakers", {"cursor": "%%%"}, "cursor"),
        ("/api/speakers", {"q": "x" * 201}, "q"),
        ("/api/speakers/0", {}, "speaker_id"),
        ("/api/speakers/-3", {}, "speaker_id"),
        ("/api/speakers/abc", {}, "speaker_id"),
        (f"/api/speakers/{2**63}", {}, "speaker_id"),
        ("/api/articles/0", {}, "article_id"),
        ("/api/articles/1.5", {}, "article_id"),
        ("/api/articles/anadolu-1", {}, "article_id"),
    ],
)
def test_api_bad_parameter_is_422_naming_it(client: TestClient, url: str, params: Json, field: str) -> None:
    assert_error(client.get(url, params=params), 422, field)


@pytest.mark.parametrize("text", INJECTIONS)
@pytest.mark.parametrize(("url", "param"), [("/api/quotes", "speaker"), ("/api/quotes", "q"),
                                            ("/api/quotes", "outlet"), ("/api/speakers", "q")])
def test_api_injection_strings_are_plain_text(client: TestClient, url: str, param: str, text: str) -> None:
    page = get_json(client, url, **{param: text})
    assert (page["items"], page["total"]) == ([], 0)
    assert quote_count(client) == len(ORDER), "the store is untouched"


@pytest.mark.parametrize("text", ["\x00", "\x00peskov", "peskov\x00nobody"])
@pytest.mark.parametrize(("url", "param"), [("/api/quotes", "speaker"), ("/api/quotes", "outlet"),
                                            ("/api/speakers", "q")])
def test_api_nul_does_not_widen_a_filter(client: TestClient, url: str, param: str, text: str) -> None:
    # SQLite's LIKE stops at a NUL, so "%\x00peskov%" would match everything: refuse it or find nothing.
    response = client.get(url, params={param: text})
    if response.status_code == 422:
        assert_error(response, 422, param)
    else:
        assert (response.status_code, response.json()["total"]) == (200, 0)


# --- ingest -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null", "Sec-Fetch-Site": "cross-site"}],
)
def test_api_ingest_refuses_cross_site_posts(make_client: Callable[..., TestClient], headers: dict[str, str]) -> None:
    # Another site's page can post a multipart form here without asking: the API must refuse it too.
    client = make_client(learned=False)
    response = client.post("/api/ingest", files=[("files", ("x.txt", UPLOAD_TEXT.encode(), "text/plain"))], headers=headers)
    assert_error(response, 403)
    assert quote_count(client) == len(ORDER)


@pytest.mark.parametrize("name", ["note.txt"])
def test_api_ingest_new_then_unchanged(make_client: Callable[..., TestClient], name: str) -> None:
    client = make_client(learned=False)
    before = quote_count(client, speaker="peskov")
    first = upload(client, (name, UPLOAD_TEXT.encode()))
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["new"], body["unchanged"], body["failed"]) == (1, 0, 0)
    [doc] = body["documents"]
    assert (doc["file"], doc["path"], doc["status"]) == (name, name, "new")
    article = get_json(client, f"/api/articles/{doc['article_id']}")
    assert article["text"] == UPLOAD_TEXT and article["quotes"]
    check_spans(client, doc["article_id"])
    assert quote_count(client, q="Istanbul", speaker="peskov") == 1
    stored = quote_count(client)
    # The same bytes under another name: known by content hash, nothing added.
    again = upload(client, ("copy-" + name, UPLOAD_TEXT.encode())).json()
    assert (again["new"], again["unchanged"], again["failed"]) == (0, 1, 0)
    assert again["documents"][0]["article_id"] == doc["article_id"]
    assert quote_count(client) == stored and quote_count(client, speaker="peskov") > before


@pytest.mark.slow
@pytest.mark.parametrize(("name", "speaker"), [("note.txt", "Dmitry Peskov")])
def test_api_ingest_default_pipeline(make_client: Callable[..., TestClient], name: str, speaker: str) -> None:
    client = make_client()  # learned attribution, as `onrecord serve` runs it
    body = upload(client, (name, UPLOAD_TEXT.encode())).json()
    assert body["new"] == 1
    items = all_items(client, "/api/quotes", q="Istanbul")
    assert [item["speaker"]["name"] for item in items] == [speaker]


@pytest.mark.parametrize(
    "files", [[("report.pdf", b"%PDF-1.4")], [("notes", b"text")], [("ok.txt", b"Fine."), ("x.docx", b"PK")]]
)
def test_api_ingest_unsupported_type_is_415(
    make_client: Callable[..., TestClient], files: list[tuple[str, bytes]]
) -> None:
    client = make_client(learned=False)
    body = assert_error(upload(client, *files), 415, "files")
    assert files[-1][0] in body["error"]
    assert quote_count(client) == len(ORDER), "nothing of a refused upload is stored"


@pytest.mark.parametrize("size", [65, 70_000])
def test_api_ingest_over_the_cap_is_413(make_client: Callable[..., TestClient], size: int) -> None:
    # 65 bytes: one file over max_bytes; 70,000: the whole request over the upload cap (50 files' worth).
    client = make_client(learned=False, max_bytes=64)
    assert_error(upload(client, ("big.txt", b"a" * size)), 413, "files")
    assert quote_count(client) == len(ORDER)


@pytest.mark.parametrize(("name", "data", "reason"), [("empty.txt", b"", "empty"), ("image.txt", PNG, "binary")])
def test_api_ingest_unreadable_file_is_a_failed_document(
    make_client: Callable[..., TestClient], name: str, data: bytes, reason: str
) -> None:
    response = upload(make_client(learned=False), (name, data))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["new"], body["unchanged"], body["failed"]) == (0, 0, 1)
    [doc] = body["documents"]
    assert (doc["file"], doc["status"], doc["article_id"]) == (name, "failed", None)
    assert reason in doc["detail"]


@pytest.mark.parametrize(
    ("name", "data", "warning"),
    [("nul.txt", b"The mayor said the\x00 bridge would reopen.", "1 NUL byte removed"),
     ("deep.jsonl", b'{"text": "The mayor said it.", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}\n", None),
     ("rot13.html", b'<html><head><meta charset="rot13"></head><body><article><p>The minister said on Tuesday that the '
      b"caf\xe9 fire had been put out by crews from three districts, and that nobody had been hurt.</p></article>"
      b"</body></html>", None)],
)
def test_api_ingest_hostile_file_is_stored_or_fails_alone_never_500(
    make_client: Callable[..., TestClient], name: str, data: bytes, warning: str | None
) -> None:
    """Issue 13: an upload answered 500 after storing part of its files (RecursionError, LookupError)."""
    client = make_client(learned=False)
    response = upload(client, (name, data), ("good.txt", b"The governor said the road was open."))
    assert response.status_code == 200, response.text
    docs = {doc["file"]: doc for doc in response.json()["documents"]}
    assert docs["good.txt"]["status"] == "new"
    assert docs[name]["warnings"] == ([warning] if warning else [])
    assert docs[name]["status"] == ("failed" if name == "deep.jsonl" else "new")


@pytest.mark.parametrize("outlet", ["Local Paper"])
def test_api_ingest_jsonl_bad_line_fails_alone(make_client: Callable[..., TestClient], outlet: str) -> None:
    good = json.dumps({"id": "bridge", "text": "The mayor said the bridge would reopen in June.", "outlet": outlet})
    client = make_client(learned=False)
    response = upload(client, ("feed.jsonl", f"{good}\n{{not json\n".encode()))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["new"], body["failed"]) == (1, 1)
    docs = {doc["path"]: doc for doc in body["documents"]}
    assert set(docs) == {"feed.jsonl:1", "feed.jsonl:2"}
    assert docs["feed.jsonl:2"]["status"] == "failed" and "JSON" in docs["feed.jsonl:2"]["detail"]
    article = get_json(client, f"/api/articles/{docs['feed.jsonl:1']['article_id']}")
    assert (article["doc_id"], article["outlet"], article["line"]) == ("bridge", outlet, 1)


@pytest.mark.parametrize(
    ("name", "stored"), [("../../etc/secret.txt", "secret.txt"), ("C:\\Users\\me\\n.txt", "n.txt")]
)
def test_api_ingest_keeps_only_the_file_name(make_client: Callable[..., TestClient], name: str, stored: str) -> None:
    client = make_client(learned=False)
    [doc] = upload(client, (name, b"Nothing was said here.")).json()["documents"]
    assert (doc["file"], doc["status"]) == (stored, "new")
    assert get_json(client, f"/api/articles/{doc['article_id']}")["source_path"] == stored


@pytest.mark.parametrize("form", [{"note": "no file here"}])
def test_api_ingest_without_files_is_422_naming_files(make_client: Callable[..., TestClient], form: Json) -> None:
    client = make_client(learned=False)
    assert_error(client.post("/api/ingest", data=form, files=[("other", ("a.txt", b"x", "text/plain"))]), 422, "files")


@pytest.mark.parametrize("chunks", [[b"--b\r\n", b"--b--\r\n"]])
def test_api_ingest_without_content_length_is_411(make_client: Callable[..., TestClient], chunks: list[bytes]) -> None:
    client = make_client(learned=False)
    headers = {"content-type": "multipart/form-data; boundary=b"}
    response = client.post("/api/ingest", content=iter(chunks), headers=headers)
    assert_error(response, 411)


@pytest.mark.parametrize("body", [b"--b\r\n[garbage]--b--\r\n"])
def test_api_ingest_malformed_upload_is_a_documented_error(
    make_client: Callable[..., TestClient], body: bytes
) -> None:
    client = make_client(learned=False)
    response = client.post("/api/ingest", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    documented = get_json(client, "/openapi.json")["paths"]["/api/ingest"]["post"]["responses"]
    assert 400 <= response.status_code < 500 and str(response.status_code) in documented, response.text
    assert_error(response, response.status_code, response.json()["field"])


@pytest.mark.parametrize("name", ["note.txt"])
def test_api_ingest_absent_when_read_only(read_only_client: TestClient, name: str) -> None:
    response = upload(read_only_client, (name, UPLOAD_TEXT.encode()))
    assert response.status_code in (404, 405)
    assert "/api/ingest" not in get_json(read_only_client, "/openapi.json")["paths"]
    assert quote_count(read_only_client) == len(ORDER)


# --- headers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/quotes", "application/json"),
        ("/api/speakers/999999", "application/json"),
        ("/api/quotes?limit=0", "application/json"),
        ("/openapi.json", "application/json"),
        ("/no-such-page", "text/html"),
    ],
)
def test_api_security_headers_on_every_response(client: TestClient, url: str, content_type: str) -> None:
    response = client.get(url)
    assert response.headers["content-type"].startswith(content_type)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


# --- small contracts: HEAD, blank parameters, speaker ids, upload counts, the env factory -------------


@pytest.mark.parametrize("url", ["/", "/api/quotes?limit=1", "/speakers", "/static/app.css"])
def test_api_head_answers_like_get_without_a_body(client: TestClient, url: str) -> None:
    head, get = client.head(url), client.get(url)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == get.headers["content-length"]
    assert "content-security-policy" in head.headers


@pytest.mark.parametrize("blank", ["speaker", "q", "outlet", "since", "until"])
def test_api_blank_parameter_counts_as_not_given(client: TestClient, blank: str) -> None:
    assert quote_count(client, **{blank: " "}) == quote_count(client) == len(ORDER)


@pytest.mark.parametrize("name", ["peskov"])
def test_api_speaker_id_selects_one_speaker(client: TestClient, name: str) -> None:
    (speaker,) = get_json(client, "/api/speakers", q=name)["items"]
    page = get_json(client, "/api/quotes", speaker_id=speaker["id"], limit=100)
    assert page["total"] == speaker["quotes"] == len(page["items"])
    assert {item["speaker"]["id"] for item in page["items"]} == {speaker["id"]}


@pytest.mark.parametrize("extra", [1])
def test_api_ingest_one_file_too_many_is_413_naming_the_cap(make_client: Callable[..., TestClient], extra: int) -> None:
    client = make_client(learned=False)
    files = [("files", (f"n{i}.txt", b"x", "text/plain")) for i in range(50 + extra)]
    body = assert_error(client.post("/api/ingest", files=files), 413, "files")
    assert "at most 50" in body["error"]


@pytest.mark.parametrize(
    ("env", "message"),
    [({"ONRECORD_MAX_BYTES": "lots"}, "ONRECORD_MAX_BYTES"), ({"ONRECORD_MAX_BYTES": str(2**64)}, "ONRECORD_MAX_BYTES"),
     ({"ONRECORD_MAX_BYTES": "\u0663"}, "ONRECORD_MAX_BYTES")],
)
def test_api_env_factory_refuses_a_bad_setting(
    web_db: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str
) -> None:
    monkeypatch.setenv("ONRECORD_DB", str(web_db))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ValueError, match=message):
        app_from_env()


@pytest.mark.parametrize("env", [{"ONRECORD_READ_ONLY": "1", "ONRECORD_MAX_BYTES": "64"}])
def test_api_env_factory_reads_its_settings(web_db: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    monkeypatch.setenv("ONRECORD_DB", str(web_db))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings = app_from_env().state.settings
    assert (settings.db, settings.read_only, settings.max_bytes) == (web_db, True, 64)


# --- CSV export --------------------------------------------------------------------------------------


def csv_rows(client: TestClient, **params: Any) -> list[dict[str, str]]:
    response = client.get("/api/quotes.csv", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("params", [{}, {"speaker": "peskov"}, {"q": "reaction"}, {"kind": "indirect", "until": "2023-05"}])
def test_api_csv_holds_what_the_search_finds_in_the_same_order(client: TestClient, params: dict[str, str]) -> None:
    rows = csv_rows(client, **params)
    page = get_json(client, "/api/quotes", limit=100, **params)
    assert [int(row["quote_id"]) for row in rows] == [item["id"] for item in page["items"]]
    assert [row["text"] for row in rows] == [item["text"] for item in page["items"]]


@pytest.mark.parametrize(("search", "words"), [('"all is calm"', "he")])
def test_api_csv_leaves_unknown_speaker_empty_with_the_words_used(client: TestClient, search: str, words: str) -> None:
    (row,) = csv_rows(client, q=search)
    assert (row["speaker"], row["source_words"], row["published"]) == ("", words, "")


@pytest.mark.parametrize("formula", ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_api_csv_cells_never_start_a_formula(make_client: Callable[..., TestClient], tmp_path: Path, formula: str) -> None:
    text = f"The minister said: \"{formula} is what we want.\""
    db = tmp_path / "formula.db"
    with Store.open(db) as store:
        store.add_article(article(text, [quote(text, f"{formula} is what we want.", mention="The minister", name=formula)],
                                  title=formula, outlet=formula))
    (row,) = csv_rows(make_client(db=db))
    for column in ("text", "speaker", "title", "outlet"):
        assert row[column] == "'" + row[column][1:] and row[column][1:].startswith(formula), column


@pytest.mark.slow
@pytest.mark.parametrize("min_claims", [5])
def test_api_seed_claims_point_into_their_quotes(seed_client: TestClient, min_claims: int) -> None:
    claims = all_items(seed_client, "/api/claims")
    assert len(claims) >= min_claims
    texts: dict[int, str] = {}
    quotes = {q["id"]: q for q in all_items(seed_client, "/api/quotes")}
    for claim in claims:
        article_id = claim["article"]["id"]
        texts.setdefault(article_id, get_json(seed_client, f"/api/articles/{article_id}")["text"])
        start, end = claim["span"]
        assert texts[article_id][start:end] == claim["text"]
        quote = quotes[claim["quote_id"]]
        assert any(s <= start and end <= e for s, e in quote["content_spans"])
        assert claim["speaker"]["id"] == quote["speaker"]["id"] and claim["statement_id"] == quote["statement_id"]
    peskov = all_items(seed_client, "/api/claims", speaker="peskov")
    assert peskov and all(c["speaker"]["name"] == "Dmitry Peskov" for c in peskov)


@pytest.mark.slow
def test_api_seed_stories_hold_every_article_once(seed_client: TestClient, seed_db: Path) -> None:
    stories = all_items(seed_client, "/api/stories")
    with sqlite3.connect(seed_db) as conn:
        article_ids = sorted(row[0] for row in conn.execute("SELECT id FROM articles"))
    assert sorted(a["id"] for s in stories for a in s["articles"]) == article_ids
    one = get_json(seed_client, f"/api/stories/{stories[0]['id']}")
    assert one == stories[0]
    quotes = all_items(seed_client, "/api/quotes", story_id=one["id"])
    assert quotes and {q["article"]["id"] for q in quotes} <= {a["id"] for a in one["articles"]}
    assert_error(seed_client.get("/api/stories/999999"), 404)
    assert get_json(seed_client, "/api/conflicts")["items"] is not None


@pytest.mark.slow
def test_api_seed_topic_filters_quotes_statements_and_stories(seed_client: TestClient) -> None:
    quotes = all_items(seed_client, "/api/quotes", topic="japan")
    assert quotes and all(any("japan" in t.lower() for t in q["topics"]) for q in quotes)
    assert all("Peskov" not in " ".join(q["topics"]) for q in all_items(seed_client, "/api/quotes", speaker="peskov"))
    statements = all_items(seed_client, "/api/statements", topic="japan")
    assert statements and len(statements) <= len(quotes)
    stories = all_items(seed_client, "/api/stories", topic="japan")
    assert len(stories) == 1 and {q["article"]["story_id"] for q in quotes} == {stories[0]["id"]}
