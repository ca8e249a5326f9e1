"""Statements over the web: GET /api/statements(/{id}), the /statements pages, and the links to them.

The store is written by hand: one thing Dmitry Peskov said, reported by three outlets in three
wordings (one of them hostile: its quote holds a <script> tag), and one thing James Cleverly said,
reported once.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.model import Article
from onrecord.web.render import marked_differences
from tests.store.builders import article, quote
from tests.stores import stored
from tests.web.test_pages import assert_safe_page

SCRIPT = "<script>alert(1)</script>"
PESKOV = {"name": "Dmitry Peskov", "role": "Kremlin spokesman"}
CLEVERLY = {"name": "James Cleverly", "role": "British Foreign Secretary"}
REPORTS = {
    # outlet: (article text, quote, kind, published)
    "TASS": (
        'Kremlin spokesman Dmitry Peskov said: "The strikes on Kyiv were a response to the attacks on Moscow." '
        "He spoke on Monday.",
        "The strikes on Kyiv were a response to the attacks on Moscow.",
        "direct",
        "2023-06-01",
    ),
    "Reuters": (
        'Dmitry Peskov said on Monday: "The strikes on Kyiv were a direct response to the drone attacks on Moscow." '
        "Markets fell.",
        "The strikes on Kyiv were a direct response to the drone attacks on Moscow.",
        "direct",
        "2023-06-02",
    ),
    "BBC": (
        f"Dmitry Peskov said the strikes on Kyiv were a response to {SCRIPT} attacks on Moscow. Nothing else.",
        f"the strikes on Kyiv were a response to {SCRIPT} attacks on Moscow",
        "indirect",
        "2023-06-03",
    ),
}
FULLEST = REPORTS["Reuters"][1]
CLEVERLY_TEXT = "James Cleverly said the talks would resume in the spring. Officials agreed."
CLEVERLY_QUOTE = "the talks would resume in the spring"


def statement_articles() -> list[Article]:
    """The three reports of Peskov's statement and Cleverly's one."""
    articles = [
        article(text, [quote(text, content, kind=kind, mention="Dmitry Peskov", **PESKOV)],
                doc_id=outlet.lower(), published=published, outlet=outlet, title=f"{outlet} on the strikes")
        for outlet, (text, content, kind, published) in REPORTS.items()
    ]
    articles.append(
        article(CLEVERLY_TEXT, [quote(CLEVERLY_TEXT, CLEVERLY_QUOTE, kind="indirect", mention="James Cleverly", **CLEVERLY)],
                doc_id="bloomberg", published="2023-05-20", outlet="Bloomberg", title="Cleverly on talks")
    )
    return articles


@pytest.fixture
def statements_db(tmp_path: Path) -> Path:
    return stored(tmp_path / "statements.db", statement_articles())


@pytest.fixture
def sclient(make_client: Callable[..., TestClient], statements_db: Path) -> TestClient:
    return make_client(db=statements_db)


def get_json(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    return response.json()


def quote_ids(db: Path) -> dict[str, tuple[int, int]]:
    """Outlet (or 'Cleverly') -> (quote id, article id)."""
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT q.id, a.id, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id").fetchall()
    return {outlet: (qid, aid) for qid, aid, outlet in rows}


def peskov_statement(client: TestClient) -> dict[str, Any]:
    [found] = get_json(client, "/api/statements", speaker="peskov")["items"]
    return found


# --- the API ------------------------------------------------------------------------------------


def test_api_statements_lists_most_reported_first(sclient: TestClient) -> None:
    page = get_json(sclient, "/api/statements")
    assert page["total"] == 2 and page["next"] is None
    first, second = page["items"]
    assert first["text"] == FULLEST
    assert first["speaker"]["name"] == "Dmitry Peskov" and first["speaker"]["role"] == "Kremlin spokesman"
    assert sorted(first["outlets"]) == ["BBC", "Reuters", "TASS"]
    assert first["independent_reports"] == 3
    assert [r["article"]["outlet"] for r in first["reports"]] == ["TASS", "Reuters", "BBC"]  # oldest first
    assert {r["text"] for r in first["reports"]} == {content for _, content, _, _ in REPORTS.values()}
    assert (first["first_published"], first["last_published"]) == ("2023-06-01", "2023-06-03")
    assert second["text"] == CLEVERLY_QUOTE and len(second["reports"]) == 1


@pytest.mark.parametrize(
    ("params", "texts"),
    [
        ({"speaker": "peskov"}, [FULLEST]),
        ({"speaker": "CLEVERLY"}, [CLEVERLY_QUOTE]),
        ({"q": "drone"}, [FULLEST]),
        ({"q": "spring"}, [CLEVERLY_QUOTE]),
        ({"q": "nowhere"}, []),
        ({"outlet": "bbc"}, [FULLEST]),
        ({"outlet": "bloom"}, [CLEVERLY_QUOTE]),
        ({"since": "2023-06"}, [FULLEST]),
        ({"until": "2023-05"}, [CLEVERLY_QUOTE]),
        ({"min_reports": 2}, [FULLEST]),
        ({"min_reports": 4}, []),
        ({"q": "", "speaker": " "}, [FULLEST, CLEVERLY_QUOTE]),  # blank counts as not given
    ],
)
def test_api_statements_filters(sclient: TestClient, params: dict[str, Any], texts: list[str]) -> None:
    page = get_json(sclient, "/api/statements", **params)
    assert [item["text"] for item in page["items"]] == texts
    assert page["total"] == len(texts)


def test_api_statements_by_speaker_id(sclient: TestClient) -> None:
    speakers = {s["name"]: s for s in get_json(sclient, "/api/speakers")["items"]}
    page = get_json(sclient, "/api/statements", speaker_id=speakers["James Cleverly"]["id"])
    assert [item["text"] for item in page["items"]] == [CLEVERLY_QUOTE]


def test_api_statements_pages_with_the_cursor(sclient: TestClient) -> None:
    first = get_json(sclient, "/api/statements", limit=1)
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next"]
    second = get_json(sclient, "/api/statements", limit=1, cursor=first["next"])
    assert second["next"] is None and len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    everything = get_json(sclient, "/api/statements", limit=100)["items"]
    assert [s["id"] for s in everything] == [first["items"][0]["id"], second["items"][0]["id"]]


def test_api_statement_by_id_and_404(sclient: TestClient) -> None:
    listed = peskov_statement(sclient)
    assert get_json(sclient, f"/api/statements/{listed['id']}") == listed
    missing = get_json(sclient, "/api/statements/999999", status=404)
    assert missing == {"error": "no statement 999999", "field": None, "status": 404}


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/statements", {"min_reports": 0}, "min_reports"),
        ("/api/statements", {"min_reports": "many"}, "min_reports"),
        ("/api/statements", {"q": "x" * 501}, "q"),
        ("/api/statements", {"speaker": "x" * 201}, "speaker"),
        ("/api/statements", {"limit": 101}, "limit"),
        ("/api/statements", {"limit": 0}, "limit"),
        ("/api/statements", {"since": "2023-13"}, "since"),
        ("/api/statements", {"until": "yesterday"}, "until"),
        ("/api/statements", {"cursor": "not-a-cursor"}, "cursor"),
        ("/api/statements", {"speaker_id": 0}, "speaker_id"),
        ("/api/statements/0", {}, "statement_id"),
        ("/api/statements/abc", {}, "statement_id"),
    ],
)
def test_api_statements_refuse_bad_parameters(sclient: TestClient, path: str, params: dict[str, Any], field: str) -> None:
    body = get_json(sclient, path, status=422, **params)
    assert body["status"] == 422 and body["field"] == field, body


def test_api_quotes_carry_their_statement(sclient: TestClient, statements_db: Path) -> None:
    quotes = get_json(sclient, "/api/quotes", limit=100)["items"]
    assert all(isinstance(q["statement_id"], int) for q in quotes)
    statement = peskov_statement(sclient)
    assert {q["id"] for q in quotes if q["statement_id"] == statement["id"]} == {r["quote_id"] for r in statement["reports"]}
    ids = quote_ids(statements_db)
    assert {r["quote_id"]: r["article"]["id"] for r in statement["reports"]} == {
        ids[outlet][0]: ids[outlet][1] for outlet in REPORTS
    }
    article_quotes = get_json(sclient, f"/api/articles/{ids['BBC'][1]}")["quotes"]
    assert [q["statement_id"] for q in article_quotes] == [statement["id"]]


def test_api_unattributed_quote_has_no_statement(client: TestClient) -> None:
    quotes = get_json(client, "/api/quotes", limit=100)["items"]
    unknown = [q for q in quotes if q["speaker"]["id"] is None]
    assert unknown and all(q["statement_id"] is None for q in unknown)


def test_api_speakers_carry_role_history_and_statements(sclient: TestClient) -> None:
    [peskov] = get_json(sclient, "/api/speakers", q="peskov")["items"]
    assert peskov["roles"] == ["Kremlin spokesman"]
    assert peskov["role_history"] == [
        {"role": "Kremlin spokesman", "first_seen": "2023-06-01", "last_seen": "2023-06-03", "articles": 3}
    ]
    assert peskov["statements"] == 1
    detail = get_json(sclient, f"/api/speakers/{peskov['id']}")
    assert {key: detail[key] for key in peskov} == peskov


def test_openapi_documents_statements(sclient: TestClient) -> None:
    schema = get_json(sclient, "/openapi.json")
    assert {"/api/statements", "/api/statements/{statement_id}"} <= set(schema["paths"])
    listed = schema["paths"]["/api/statements"]["get"]
    assert {p["name"] for p in listed["parameters"]} == {
        "speaker", "q", "outlet", "since", "until", "min_reports", "speaker_id", "topic", "limit", "cursor"
    }
    assert "statement_id" in schema["components"]["schemas"]["QuoteOut"]["properties"]
    assert {"role_history", "statements"} <= set(schema["components"]["schemas"]["SpeakerOut"]["properties"])


# --- the pages ----------------------------------------------------------------------------------


def page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert_safe_page(response.text)
    assert SCRIPT not in response.text
    return response.text


def visible(body: str) -> str:
    """The page's text without tags, unescaped, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_statements_page_lists_coverage(sclient: TestClient) -> None:
    body = page(sclient, "/statements")
    text = visible(body)
    assert "2 statements" in text
    assert "reported 3 times by 3 outlets, 3 independent" in text
    assert "reported 1 time by 1 outlet, 1 independent" in text
    assert text.index(FULLEST) < text.index(CLEVERLY_QUOTE)
    statement = peskov_statement(sclient)
    assert f'href="/statements/{statement["id"]}"' in body
    assert '<a href="/statements" aria-current="page">Statements</a>' in body


def test_statements_page_filters_and_marks_search_words(sclient: TestClient) -> None:
    body = page(sclient, "/statements?q=drone&outlet=reuters")
    assert "1 statement" in visible(body)
    assert "<mark>drone</mark>" in body
    assert CLEVERLY_QUOTE not in body
    assert "No statement matches" in page(sclient, "/statements?q=nowhere")


@pytest.mark.parametrize("query", ["min_reports=x", "min_reports=0", "since=2023-13", "speaker_id=-1"])
def test_statements_page_explains_bad_filters(sclient: TestClient, query: str) -> None:
    body = page(sclient, f"/statements?{query}", status=422)
    assert 'class="error"' in body and "Cannot search" in body


def test_search_groups_by_statement(sclient: TestClient) -> None:
    by_quote = visible(page(sclient, "/?q=moscow"))
    assert "3 quotes" in by_quote
    body = page(sclient, "/?q=moscow&group=statements")
    text = visible(body)
    assert "1 statement" in text and "reported 3 times by 3 outlets, 3 independent" in text
    assert body.count('<li class="result statement">') == 1 and CLEVERLY_QUOTE not in text
    assert "<mark>Moscow</mark>" in body
    assert f'href="/statements/{peskov_statement(sclient)["id"]}"' in body
    assert '<option value="statements" selected>' in body
    assert "Download" not in text  # the CSV export is of quotes


def test_search_by_statement_keeps_filters_and_says_kind_does_not_apply(sclient: TestClient) -> None:
    text = visible(page(sclient, "/?group=statements&outlet=bloom&kind=direct"))
    assert "1 statement" in text and CLEVERLY_QUOTE in text and FULLEST not in text
    assert "a statement has no kind" in text
    everything = visible(page(sclient, "/?group=statements"))
    assert "2 statements" in everything and everything.index(FULLEST) < everything.index(CLEVERLY_QUOTE)


def test_search_by_statement_pages_keep_the_grouping(sclient: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("onrecord.web.pages.PAGE_SIZE", 1)
    body = page(sclient, "/?group=statements")
    [next_link] = re.findall(r'rel="next" href="([^"]+)"', body)
    assert "group=statements" in html.unescape(next_link)
    assert CLEVERLY_QUOTE in page(sclient, html.unescape(next_link))


def test_search_refuses_an_unknown_grouping(sclient: TestClient) -> None:
    body = page(sclient, "/?group=speakers", status=422)
    assert "Cannot search" in body and "group: give one of quotes, statements" in visible(body)


def test_statements_page_for_one_speaker(sclient: TestClient) -> None:
    [cleverly] = get_json(sclient, "/api/speakers", q="cleverly")["items"]
    body = page(sclient, f"/statements?speaker_id={cleverly['id']}")
    assert CLEVERLY_QUOTE in body and FULLEST not in body
    assert f'href="/speakers/{cleverly["id"]}">James Cleverly</a> only' in body


def test_statement_page_shows_every_report_side_by_side(sclient: TestClient, statements_db: Path) -> None:
    statement = peskov_statement(sclient)
    body = page(sclient, f"/statements/{statement['id']}")
    rows = re.findall(r'<tr id="r(\d+)" class="report">(.*?)</tr>', body, re.S)
    assert [int(quote_id) for quote_id, _ in rows] == [r["quote_id"] for r in statement["reports"]]
    ids = quote_ids(statements_db)
    for outlet, (quote_id, article_id) in ids.items():
        if outlet in REPORTS:
            row = dict(rows)[str(quote_id)]
            assert outlet in row and REPORTS[outlet][3] in row and REPORTS[outlet][2] in row
            assert f'href="/articles/{article_id}#q{quote_id}"' in row  # the evidence, the quote highlighted
    marks = {quote_id: re.findall(r'<mark class="diff">(.*?)</mark>', row) for quote_id, row in rows}
    assert marks[str(ids["Reuters"][0])] == []  # the statement's own wording
    assert marks[str(ids["TASS"][0])] == []  # only leaves words out
    assert marks[str(ids["BBC"][0])] == [html.escape(SCRIPT, quote=False).replace("'", "&#39;")]
    assert "reported 3 times by 3 outlets, 3 independent" in visible(body)
    assert "Dmitry Peskov" in body and "Kremlin spokesman" in body


def test_statement_page_escapes_hostile_wording(sclient: TestClient) -> None:
    statement = peskov_statement(sclient)
    body = page(sclient, f"/statements/{statement['id']}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert" not in body
    assert f"a response to {SCRIPT} attacks on Moscow" in visible(body)


def test_statement_page_404(sclient: TestClient) -> None:
    body = page(sclient, "/statements/424242", status=404)
    assert "no statement 424242" in body


def test_speaker_page_lists_statements(sclient: TestClient) -> None:
    [peskov] = get_json(sclient, "/api/speakers", q="peskov")["items"]
    statement = peskov_statement(sclient)
    body = page(sclient, f"/speakers/{peskov['id']}")
    assert "Most reported statements" in body
    assert f'href="/statements/{statement["id"]}"' in body
    assert "reported 3 times by 3 outlets, 3 independent" in visible(body)


def test_speaker_page_links_to_all_statements_when_there_are_more(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    texts = [f"Dmitry Peskov said topic {word} was closed for now. Fine." for word in "abcdefg"]
    articles = [
        article(text, [quote(text, f"topic {word} was closed", kind="indirect", mention="Dmitry Peskov", **PESKOV)],
                doc_id=f"p{word}", published=f"2023-06-0{i + 1}", outlet="TASS")
        for i, (word, text) in enumerate(zip("abcdefg", texts, strict=True))
    ]
    test_client = make_client(db=stored(tmp_path / "many.db", articles))
    [peskov] = get_json(test_client, "/api/speakers")["items"]
    body = page(test_client, f"/speakers/{peskov['id']}")
    if peskov["statements"] > 5:
        assert f'href="/statements?speaker_id={peskov["id"]}"' in body
        assert len(re.findall(r'<li class="result statement">', body)) == 5
    else:  # the store grouped some of them: then every one is listed
        assert len(re.findall(r'<li class="result statement">', body)) == peskov["statements"]


def test_search_results_link_to_their_statement(sclient: TestClient) -> None:
    statement = peskov_statement(sclient)
    body = page(sclient, "/?q=drone")
    assert f'<a class="statement-link" href="/statements/{statement["id"]}">every report</a>' in body


# --- the word differences -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("same words", "Same words.", "same words"),
        ("a new word here", "a word here", 'a <mark class="diff">new</mark> word here'),
        ("a  <b>bold</b>  claim", "a claim", 'a  <mark class="diff">&lt;b&gt;bold&lt;/b&gt;</mark>  claim'),
        ("fewer", "fewer words than this", "fewer"),
        ("", "anything", ""),
        ("Café ÉTÉ", "cafe ete", "Café ÉTÉ"),
    ],
)
def test_marked_differences(text: str, reference: str, expected: str) -> None:
    assert str(marked_differences(text, reference)) == expected


def test_speakers_page_counts_statements(sclient: TestClient) -> None:
    text = visible(page(sclient, "/speakers"))
    assert "3 quotes in 3 articles, 1 statement" in text
    assert "1 quote in 1 article, 1 statement" in text


def test_statement_without_outlets_says_so(make_client: Callable[..., TestClient], tmp_path: Path) -> None:
    text, content = REPORTS["TASS"][0], REPORTS["TASS"][1]
    db = stored(tmp_path / "no-outlet.db", [article(text, [quote(text, content, mention="Dmitry Peskov", **PESKOV)])])
    body = page(make_client(db=db), "/statements")
    assert "reported 1 time by unnamed outlets, 1 independent" in visible(body)


def test_speaker_page_dates_each_role(sclient: TestClient) -> None:
    [peskov] = get_json(sclient, "/api/speakers", q="peskov")["items"]
    body = page(sclient, f"/speakers/{peskov['id']}")
    assert '<span class="tag" title="3 articles, 2023-06-01 to 2023-06-03">Kremlin spokesman</span>' in body
