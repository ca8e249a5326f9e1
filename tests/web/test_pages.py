"""The HTML pages: search, speakers, the evidence view, upload, docs and errors, over real stores.

Every page is also checked for what the Content-Security-Policy would block anyway and what hostile
text must never become: no inline script or style, no event-handler attributes, data escaped.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from onrecord.store import Store
from onrecord.web import pages
from tests.store.builders import article, quote
from tests.stores import stored

IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
ATTR_PAYLOAD = "\"'><svg onload=alert(1)>"
PAYLOADS = (IMG_PAYLOAD, SCRIPT_PAYLOAD, ATTR_PAYLOAD)

HOSTILE_TEXT = (
    f"The minister {IMG_PAYLOAD} said: “We will win {SCRIPT_PAYLOAD} today.” "
    f"Then {ATTR_PAYLOAD} added that the talks {IMG_PAYLOAD} would go on."
)
PDF = ("files", ("report.pdf", b"%PDF-1.4 not an article", "application/pdf"))

Client = Callable[..., TestClient]


class PageAudit(HTMLParser):
    """Collects what a page's markup would run or style: script tags, style and on* attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        self.problems += [f"<{tag} {name}=>" for name in names if name == "style" or name.startswith("on")]
        if tag == "style":
            self.problems.append("<style> block")
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")
            self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:40]!r}")


def assert_safe_page(body: str) -> None:
    """No payload unescaped, no inline script or style, no handler attributes, scripts only from /static."""
    for payload in PAYLOADS:
        assert payload not in body
    for tag in re.findall(r"<[a-zA-Z][^>]*>", body):
        names_only = re.sub(r'"[^"]*"', '""', tag)  # attribute values may hold escaped text
        assert not re.search(r"\s(on[a-z]+|style)\s*=", names_only), tag
    audit = PageAudit()
    audit.feed(body)
    assert audit.problems == []
    assert all(src.startswith("/static/") for src in audit.scripts), audit.scripts


def evidence_text(body: str) -> str:
    """The evidence text as a reader sees it: the article-text block without its tags, unescaped."""
    match = re.search(r'<div class="article-text" id="text">(.*?)</div>', body, re.S)
    assert match, "no evidence text on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


def quotes_shown(body: str) -> list[str]:
    """The text of every quote on a page, marks taken out."""
    found = re.findall(r'<blockquote class="quote[^"]*">(.*?)</blockquote>', body, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", quoted)) for quoted in found]


def ids(db: Path, sql: str, *params: object) -> list[int]:
    with closing(sqlite3.connect(db)) as conn:
        return [row[0] for row in conn.execute(sql, params)]


def quote_id(db: Path, text: str) -> tuple[int, int]:
    """(quote id, article id) of the quote whose text is `text`."""
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute("SELECT id, article_id FROM quotes WHERE text = ?", (text,)).fetchone()
    assert row, text
    return row[0], row[1]


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A store whose quote text, title, outlet, speaker name, role, unresolved source and path are all payloads."""
    path = tmp_path / "hostile.db"
    hostile = article(
        HOSTILE_TEXT,
        [
            quote(HOSTILE_TEXT, f"We will win {SCRIPT_PAYLOAD} today.", mention=f"The minister {IMG_PAYLOAD}",
                  name=f"Minister {IMG_PAYLOAD}{ATTR_PAYLOAD} Vane", role=f"role {SCRIPT_PAYLOAD}"),
            quote(HOSTILE_TEXT, f"the talks {IMG_PAYLOAD} would go on", kind="indirect", cue="added",
                  mention=ATTR_PAYLOAD, name=None, speaker_type="unknown", mention_kind="description"),
        ],
        doc_id="hostile-1", published="2023-05-31", outlet=f"Outlet {IMG_PAYLOAD}", title=f"Title {SCRIPT_PAYLOAD}",
        source_path=f"in{ATTR_PAYLOAD}/x{IMG_PAYLOAD}.txt",
    )
    hostile.quotes[0].topics = [f"Topic {IMG_PAYLOAD}", f"{ATTR_PAYLOAD}"]
    return stored(path, [hostile])


@pytest.fixture
def hostile(make_client: Client, hostile_db: Path) -> TestClient:
    return make_client(db=hostile_db)


# --- search -----------------------------------------------------------------------------------


def test_pages_search_shows_the_latest_quotes_without_a_query(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Latest quotes" in response.text
    assert response.text.count('<li class="result">') == 9
    assert '<form id="search" class="search" method="get" action="/"' in response.text
    assert '<option value="Anadolu Agency">' in response.text and '<option value="Bloomberg">' in response.text
    assert_safe_page(response.text)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "peacekeepers"}, ["nunez-direct", "peskov-peacekeepers"]),
        ({"q": '"air defense"'}, ["peskov-indirect"]),
        ({"q": "improv*"}, ["peskov-indirect"]),
        ({"speaker": "cleverly"}, ["cleverly-indirect", "cleverly-undated"]),
        ({"outlet": "bloomberg", "kind": "indirect"}, ["cleverly-indirect", "mod-indirect"]),
        ({"kind": "mixed"}, ["nunez-mixed"]),
        ({"since": "2023-06", "q": ""}, ["nunez-mixed", "nunez-direct", "peskov-peacekeepers"]),
        ({"until": "2023-05-30", "kind": ""}, ["cleverly-indirect", "mod-indirect"]),
    ],
)
def test_pages_search_finds_what_the_filters_select(
    client: TestClient, web_quotes: dict[str, str], params: dict[str, str], expected: list[str]
) -> None:
    response = client.get("/", params=params)
    assert response.status_code == 200
    noun = "quote" if len(expected) == 1 else "quotes"
    assert f"{len(expected)} {noun}" in response.text
    assert response.text.count('<li class="result">') == len(expected)
    shown = quotes_shown(response.text)
    assert sorted(tag for tag, text in web_quotes.items() if text in shown) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "marked"),
    [("peacekeepers", ["peacekeepers", "peacekeepers"]), ('"air defense"', ["air defense"]), ("victor*", ["victor"])],
)
def test_pages_search_marks_the_query_terms(client: TestClient, query: str, marked: list[str]) -> None:
    body = client.get("/", params={"q": query}).text
    assert re.findall(r"<mark>(.*?)</mark>", body) == marked


def test_pages_search_links_each_result_to_its_evidence(client: TestClient, web_db: Path, web_quotes) -> None:
    body = client.get("/", params={"q": "café"}).text
    qid, aid = quote_id(web_db, web_quotes["mod-indirect"])
    assert f'<a class="evidence" href="/articles/{aid}#q{qid}">evidence</a>' in body
    speaker_id = ids(web_db, "SELECT id FROM speakers WHERE name = 'Ministry of Defence'")[0]
    assert f'href="/speakers/{speaker_id}"' in body
    assert "Bloomberg" in body and "2023-05-30" in body


def test_pages_search_says_unknown_speaker_and_date_without_guessing(client: TestClient) -> None:
    body = client.get("/", params={"q": "calm"}).text
    assert "unknown" in body and "(“he”)" in body
    assert "date unknown" in body and "outlet unknown" in body
    assert 'href="/speakers/' not in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2023-13-01"}, "bad since date"),
        ({"until": "yesterday"}, "bad until date"),
        ({"kind": "rumour"}, "bad kind"),
        ({"cursor": "not-a-cursor"}, "cursor: not a page token"),
    ],
)
def test_pages_search_shows_a_bad_parameter_in_the_page(client: TestClient, params: dict[str, str], message: str) -> None:
    response = client.get("/", params=params)
    assert response.status_code == 422
    assert message in html.unescape(response.text)
    assert 'id="search"' in response.text
    assert_safe_page(response.text)


def test_pages_search_pages_with_the_api_cursor(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 4)
    first = client.get("/", params={"kind": "", "q": ""}).text
    next_url = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    assert next_url.startswith("/?cursor=")
    second = client.get(next_url).text
    assert "5–8 of 9" in second
    previous_url = html.unescape(re.search(r'<a rel="prev" href="([^"]+)"', second).group(1))
    assert previous_url == "/"
    third = client.get(html.unescape(re.search(r'<a rel="next" href="([^"]+)"', second).group(1))).text
    assert third.count('<li class="result">') == 1 and 'rel="next"' not in third
    quotes_seen = [re.findall(r'class="evidence" href="([^"]+)"', page) for page in (first, second, third)]
    assert len({href for page in quotes_seen for href in page}) == 9


def test_pages_search_keeps_the_filters_when_paging(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    body = client.get("/", params={"speaker": "peskov", "kind": "indirect"}).text
    next_url = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', body).group(1))
    assert "speaker=peskov" in next_url and "kind=indirect" in next_url
    assert 'value="peskov"' in body and '<option value="indirect" selected>' in body


# --- speakers ---------------------------------------------------------------------------------


def test_pages_speakers_lists_the_most_quoted_first(client: TestClient) -> None:
    body = client.get("/speakers").text
    names = re.findall(r'<a class="name" href="/speakers/\d+">([^<]+)</a>', body)
    assert names[:2] == ["Dmitry Peskov", "James Cleverly"]
    assert set(names) == {"Dmitry Peskov", "James Cleverly", "José Núñez", "Ministry of Defence"}
    assert_safe_page(body)


@pytest.mark.parametrize(("query", "names"), [("nunez", ["José Núñez"]), ("mod", ["Ministry of Defence"]), ("zzz", [])])
def test_pages_speakers_filters_by_name_or_alias(client: TestClient, query: str, names: list[str]) -> None:
    body = client.get("/speakers", params={"q": query}).text
    assert re.findall(r'<a class="name" href="/speakers/\d+">([^<]+)</a>', body) == names


def test_pages_speaker_shows_counts_timeline_outlets_and_statements(client: TestClient, web_db: Path) -> None:
    speaker_id = ids(web_db, "SELECT id FROM speakers WHERE name = 'Dmitry Peskov'")[0]
    response = client.get(f"/speakers/{speaker_id}")
    body = response.text
    assert response.status_code == 200
    assert "<h1>Dmitry Peskov" in body and "Kremlin spokesman" in body
    assert "3 in 2 articles" in body
    assert "2023-05-31" in body and "2023-06-12" in body
    # weeks of 29 May, 5 June and 12 June: the empty week in between is a zero bar
    assert body.count('<rect class="bar"') == 3 and body.count('<g class="week zero">') == 1
    assert "<title>week of 2023-06-05: 0 statements</title>" in body
    assert re.search(r"<span>Anadolu Agency</span> <span class=\"n\">3</span>", body)
    assert body.count('class="evidence"') == 3
    assert_safe_page(body)


def test_pages_speaker_without_dates_has_no_chart(make_client: Client, tmp_path: Path) -> None:
    text = "The mayor Ana Ruiz said the bridge would reopen."
    undated = article(text, [quote(text, "the bridge would reopen", kind="indirect", mention="Ana Ruiz", name="Ana Ruiz")])
    with Store.open(tmp_path / "undated.db") as store:
        store.add_article(undated)
    body = make_client(db=tmp_path / "undated.db").get("/speakers/1").text
    assert "No dated statements." in body and "<svg" not in body
    assert "1 statement from articles without a date is not in the chart." in body
    assert "date unknown" in body


@pytest.mark.parametrize(("url", "status"), [("/speakers/9999", 404), ("/speakers/0", 422), ("/speakers/peskov", 422)])
def test_pages_speaker_refuses_unknown_ids(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert '<p class="error" role="alert">' in response.text


# --- the evidence page ------------------------------------------------------------------------


def test_pages_article_shows_the_exact_text_with_every_attribution(client: TestClient, web_db: Path) -> None:
    (aid,) = ids(web_db, "SELECT id FROM articles WHERE doc_id = 'anadolu-2'")
    with closing(sqlite3.connect(web_db)) as conn:
        text = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
    quote_ids = ids(web_db, "SELECT id FROM quotes WHERE article_id = ? ORDER BY seq", aid)
    body = client.get(f"/articles/{aid}").text
    assert evidence_text(body) == text
    assert "Mayor answers the Kremlin" in body and "Anadolu Agency" in body and "anadolu-2.txt" in body
    for qid in quote_ids:
        assert body.count(f'id="q{qid}"') == 1
        assert f'<li id="attr-{qid}"' in body and f'href="#q{qid}"' in body
    assert 'class="src"' in body and 'class="cue"' in body and 'class="content"' in body
    assert '<script src="/static/article.js" defer></script>' in body
    assert_safe_page(body)


def test_pages_article_says_date_unknown_and_unknown_source(client: TestClient, web_db: Path) -> None:
    (aid,) = ids(web_db, "SELECT id FROM articles WHERE doc_id = 'undated-1'")
    body = client.get(f"/articles/{aid}").text
    assert "date unknown" in body
    assert "unknown <span class=\"said-as\">(“he”)</span>" in body
    assert 'data-speaker="unknown (“he”)"' in body


def test_pages_article_is_404_for_unknown_ids(client: TestClient) -> None:
    response = client.get("/articles/9999")
    assert response.status_code == 404
    assert "no article 9999" in response.text


def test_pages_article_is_addressed_by_numeric_id_only(make_client: Client, tmp_path: Path) -> None:
    # get_article also resolves doc ids: /articles/77 must not open the article whose doc_id is "77"
    with Store.open(tmp_path / "ids.db") as store:
        store.add_article(article("Nothing was said.", doc_id="77"))
    numbered = make_client(db=tmp_path / "ids.db")
    assert numbered.get("/articles/1").status_code == 200
    assert numbered.get("/articles/77").status_code == 404


# --- hostile text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/?q=win", "/?q=talks", "/?outlet=Outlet", "/?speaker=minister", "/speakers", "/speakers/1",
     "/articles/1", "/articles/1#q2", "/stories", "/stories/1", "/?topic=topic"],
)
def test_pages_never_show_hostile_text_unescaped(hostile: TestClient, url: str) -> None:
    response = hostile.get(url)
    assert response.status_code == 200
    assert_safe_page(response.text)
    assert str(escape(IMG_PAYLOAD)) in response.text


def test_pages_article_keeps_hostile_text_exact(hostile: TestClient) -> None:
    body = hostile.get("/articles/1").text
    assert evidence_text(body) == HOSTILE_TEXT
    for shown in (f"Title {SCRIPT_PAYLOAD}", f"Outlet {IMG_PAYLOAD}", f"in{ATTR_PAYLOAD}/x{IMG_PAYLOAD}.txt",
                  f"role {SCRIPT_PAYLOAD}", f"(“{ATTR_PAYLOAD}”)"):
        assert str(escape(shown)) in body


@pytest.mark.parametrize(
    "url",
    [f"/?q={IMG_PAYLOAD}", f"/?speaker={SCRIPT_PAYLOAD}", f"/?since={ATTR_PAYLOAD}"[:60], f"/nowhere/{IMG_PAYLOAD}",
     f"/speakers?q={ATTR_PAYLOAD}", f"/stories?topic={IMG_PAYLOAD}", f"/statements?topic={SCRIPT_PAYLOAD}"],
)
def test_pages_never_reflect_hostile_parameters_unescaped(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 404, 422)
    assert_safe_page(response.text)


# --- layout, docs, static ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/speakers", "/upload", "/docs"])
def test_pages_share_the_layout_and_nav(client: TestClient, url: str) -> None:
    body = client.get(url).text
    for link in ('href="/"', 'href="/speakers"', 'href="/upload"', 'href="/docs"'):
        assert link in body
    assert "<main" in body and "<footer" in body and 'href="/static/app.css"' in body
    assert_safe_page(body)


def test_pages_docs_load_swagger_from_local_files(client: TestClient) -> None:
    body = client.get("/docs").text
    for url in ("/static/swagger/swagger-ui.css", "/static/swagger/swagger-ui-bundle.js", "/static/docs.js"):
        assert url in body
        assert client.get(url).status_code == 200
    assert '"/openapi.json"' in client.get("/static/docs.js").text


@pytest.mark.parametrize("url", ["/static/app.css", "/static/article.js", "/static/favicon.svg"])
def test_pages_static_files_are_served(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/nowhere", "/articles/0"])
def test_pages_errors_are_html_pages(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert response.text.startswith("<!doctype html>")
    assert 'href="/static/app.css"' in response.text


# --- upload -----------------------------------------------------------------------------------


def test_pages_upload_shows_the_form(client: TestClient) -> None:
    body = client.get("/upload").text
    assert 'enctype="multipart/form-data"' in body and 'name="files"' in body and "multiple" in body
    assert 'accept=".txt,.html,.htm,.jsonl"' in body


def test_pages_read_only_hides_upload(read_only_client: TestClient) -> None:
    assert 'href="/upload"' not in read_only_client.get("/").text
    assert read_only_client.get("/upload").status_code == 404
    assert read_only_client.post("/upload", files=[PDF]).status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://testserver:8080"},
        {"Origin": "https://testserver.evil"},
        {"Origin": "null"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-site"},
    ],
)
def test_pages_upload_refuses_cross_site_posts(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/upload", files=[PDF], headers=headers)
    assert response.status_code == 403
    assert "another site" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://testserver"},
        {"Origin": "http://testserver:80"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        # Chromium's own form posts under Referrer-Policy: no-referrer: the Origin is "null"
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_pages_upload_takes_same_site_posts(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/upload", files=[PDF], headers=headers)
    assert response.status_code == 415  # got past the origin check to the file type


@pytest.mark.parametrize(
    ("files", "status", "message"),
    [
        ([PDF], 415, "unsupported file type"),
        ([("files", (f"{IMG_PAYLOAD}.pdf", b"x", "application/pdf"))], 415, "unsupported file type"),
        ([("other", ("a.txt", b"text", "text/plain"))], 422, "no file uploaded"),
    ],
)
def test_pages_upload_shows_refusals_in_the_page(client: TestClient, files, status: int, message: str) -> None:
    response = client.post("/upload", files=files)
    assert response.status_code == status
    assert message in response.text
    assert 'name="files"' in response.text
    assert_safe_page(response.text)


@pytest.mark.slow
def test_pages_upload_ingests_a_text_file(make_client: Client, tmp_path: Path) -> None:
    uploader = make_client(db=tmp_path / "up.db", learned=False)
    text = 'Kremlin spokesman Dmitry Peskov said: "We saw the reaction from both London and Washington."\n'
    files = [("files", (f"hostile {IMG_PAYLOAD}.txt", text.encode(), "text/plain"))]
    response = uploader.post("/upload", files=files)
    assert response.status_code == 200
    assert "1 new" in response.text
    assert_safe_page(response.text)
    article_url = re.search(r'<a href="(/articles/\d+)">', response.text).group(1)
    page = uploader.get(article_url).text
    assert evidence_text(page) == text
    assert "Dmitry Peskov" in page
    again = uploader.post("/upload", files=files)
    assert "unchanged" in again.text


# --- the seeds --------------------------------------------------------------------------------


@pytest.mark.slow
def test_pages_seed_articles_render_exactly(seed_client: TestClient, seed_db: Path) -> None:
    with closing(sqlite3.connect(seed_db)) as conn:
        articles = conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    assert articles
    for aid, text in articles:
        body = seed_client.get(f"/articles/{aid}").text
        assert evidence_text(body) == text
        assert_safe_page(body)


@pytest.mark.slow
@pytest.mark.parametrize("url", ["/", "/?q=condemn*", "/speakers", "/docs"])
def test_pages_seed_pages_render(seed_client: TestClient, url: str) -> None:
    response = seed_client.get(url)
    assert response.status_code == 200
    assert_safe_page(response.text)


@pytest.mark.parametrize(("params", "link"), [({"q": "reaction", "speaker": "peskov"}, "/api/quotes.csv?q=reaction&amp;speaker=peskov")])
def test_pages_search_links_its_results_as_csv(client: TestClient, params: dict[str, str], link: str) -> None:
    page = client.get("/", params=params)
    assert f'href="{link}"' in page.text
    assert client.get(link.replace("&amp;", "&")).status_code == 200


# --- stories and topics -------------------------------------------------------------------------


@pytest.mark.slow
def test_pages_story_shows_timeline_statements_by_speaker_and_disputed_figures(seed_client: TestClient) -> None:
    listing = seed_client.get("/stories")
    assert listing.status_code == 200 and "Putin orders tighter defenses" in listing.text
    story_id = int(re.search(r'href="/stories/(\d+)">Putin orders', listing.text).group(1))
    body = seed_client.get(f"/stories/{story_id}").text
    assert body.count('<tr><td class="date">') >= 3  # the timeline: one row per article
    assert 'class="speaker-group"' in body and "Dmitry Peskov" in body
    assert "29 of 31" in body and "Ukrainian officials" in body
    assert seed_client.get("/stories/999999").status_code == 404


@pytest.mark.slow
def test_pages_topic_chips_filter_quotes_and_statements(seed_client: TestClient) -> None:
    body = seed_client.get("/?topic=japan").text
    chips = re.findall(r'<a class="topic" href="/\?topic=([^"]+)">', body)
    assert chips and "On+Japan%27s+Unfriendly+Actions" in chips
    followed = seed_client.get("/?topic=On+Japan%27s+Unfriendly+Actions")
    assert followed.status_code == 200 and "Tokyo" in followed.text
    statements = seed_client.get("/statements?topic=japan").text
    assert '<a class="topic" href="/statements?topic=' in statements
