"""Server-rendered pages: search, statements, speakers, the evidence view, upload and the API docs.

Each page calls the same `onrecord.store.queries` functions as the JSON API and renders their dicts
with Jinja2 (autoescape on); highlighted text comes from `render` as escaped `Markup`.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, fields
from http import HTTPStatus
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import escape

from onrecord import __version__
from onrecord.errors import QueryError
from onrecord.export import figure_text
from onrecord.link.claims import conflicts
from onrecord.model import QUOTE_KINDS
from onrecord.store import queries
from onrecord.web import render
from onrecord.web.api import MAX_CSV_ROWS, MAX_TEXT_PARAM, decode_cursor, encode_cursor, next_cursor
from onrecord.web.deps import Settings, reader
from onrecord.web.jobs import Job, JobQueue, accept_upload, wait_for
from onrecord.web.upload import UploadRefused

TEMPLATES = FilePath(__file__).resolve().parent / "templates"
PAGE_SIZE = 20
MAX_STORY_ITEMS = 500
"""A story page shows at most this many statements and this many figures."""
SPEAKER_PAGE_SIZE = 20
SPEAKER_STATEMENTS = 5
"""The speaker page shows this many of the speaker's most widely reported statements, then links to all."""
UPLOAD_STATUSES = ("new", "unchanged", "failed")
JOB_REFRESH_S = 2
"""The progress page of an upload still running reloads itself this often (a meta refresh: no script)."""

log = logging.getLogger("onrecord.web")


def _environment() -> jinja2.Environment:
    """Jinja2 with autoescape always on (not by file extension) and undefined names an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = render.day
    env.filters["figure"] = figure_text
    env.globals.update(
        highlight=render.highlight_terms, differences=render.marked_differences, version=__version__, kinds=QUOTE_KINDS
    )
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False)

Conn = Annotated[sqlite3.Connection, Depends(reader)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)]
Cursor = Annotated[str | None, Query(max_length=64)]
ItemId = Annotated[int, Path(ge=1, le=2**62)]


def _page(request: Request, name: str, context: dict[str, Any], section: str = "", status: int = 200) -> Response:
    """A template rendered inside the layout, which needs to know the section and whether uploads exist."""
    config: Settings = request.app.state.settings
    full = {"read_only": config.read_only, "section": section, **context}
    return templates.TemplateResponse(request, name, full, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    """The HTML error page for every non-API error: the status, its reason and the message, escaped."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    if status == 404 and message == reason:
        message = f"There is no page at {request.url.path}."
    try:
        return _page(request, "error.html", {"status": status, "reason": reason, "message": message}, status=status)
    except Exception:
        # The last resort must not fail in turn: a bare page, still escaped.
        log.exception("error page for %s failed", status)
        return HTMLResponse(f"<!doctype html><title>{status}</title><p>{escape(message)}</p>", status_code=status)


@dataclass(frozen=True)
class PageLinks:
    """Where a page of a list is (items first..last of total) and the URLs of its neighbours."""

    first: int
    last: int
    total: int
    previous: str | None
    next: str | None


def page_links(path: str, params: dict[str, str], offset: int, shown: int, total: int, size: int) -> PageLinks:
    """Previous/Next links that keep `params`, paging with the API's opaque cursor."""

    def url(cursor: str | None) -> str:
        """This list's URL with the same parameters at `cursor` (None: the first page)."""
        query = urlencode({**params, "cursor": cursor} if cursor else params)
        return path + (f"?{query}" if query else "")

    previous = None
    if offset > 0:
        previous = url(encode_cursor(offset - size) if offset > size else None)
    following = next_cursor(offset, shown, total)
    return PageLinks(offset + 1 if shown else 0, offset + shown, total, previous, url(following) if following else None)


def _non_blank(form: Any) -> dict[str, str]:
    """A form's non-blank fields, as query parameters for paging links."""
    return {field.name: getattr(form, field.name) for field in fields(form) if getattr(form, field.name)}


def _shared_filters(form: SearchForm | StatementForm) -> dict[str, str | None]:
    """The filters quotes and statements share (words, speaker, outlet, dates), blank as None."""
    values = {
        "speaker": form.speaker, "search": form.q, "outlet": form.outlet, "since": form.since, "until": form.until,
        "topic": form.topic,
    }
    return {name: value or None for name, value in values.items()}


@dataclass(frozen=True)
class SearchForm:
    """The search box and its filters as typed (stripped); blank means not given."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    kind: str = ""
    since: str = ""
    until: str = ""
    group: str = ""
    topic: str = ""

    @property
    def filtered(self) -> bool:
        """Whether anything was asked (otherwise the page shows the latest quotes)."""
        return bool(_non_blank(self).keys() - {"group"})

    @property
    def by_statement(self) -> bool:
        """Whether the results are grouped by statement (each thing said once, with all its reports)."""
        if self.group not in SEARCH_GROUPS:
            raise QueryError(f"group: give one of {', '.join(g for g in SEARCH_GROUPS if g)} (not {self.group[:40]!r})", "group")
        return self.group == "statements"

    def params(self) -> dict[str, str]:
        """The non-blank fields as query parameters, for paging links."""
        return _non_blank(self)

    def where(self) -> queries.QuoteFilter:
        """The query-layer filter; QueryError for a bad kind or date comes when it is used."""
        return queries.QuoteFilter(**_shared_filters(self), kind=self.kind or None)

    def statement_where(self) -> queries.StatementFilter:
        """The same search over statements (a statement has no kind: that filter does not apply)."""
        return queries.StatementFilter(**_shared_filters(self))


SEARCH_GROUPS = ("", "quotes", "statements")


@router.get("/", response_class=HTMLResponse)
def search(
    request: Request,
    conn: Conn,
    q: Text = None,
    speaker: Text = None,
    outlet: Text = None,
    kind: Text = None,
    since: Text = None,
    until: Text = None,
    group: Annotated[str | None, Query(max_length=20)] = None,
    topic: Text = None,
    cursor: Cursor = None,
) -> Response:
    """Search quotes, or with group=statements the statements they report; with nothing asked, the latest."""
    form = SearchForm(*((value or "").strip() for value in (q, speaker, outlet, kind, since, until, group, topic)))
    context: dict[str, Any] = {"form": form, "outlets": queries.list_outlets(conn), "error": None}
    try:
        offset = decode_cursor(cursor)
        if form.by_statement:
            rows, total = queries.statement_page(conn, form.statement_where(), limit=PAGE_SIZE, offset=offset)
        else:
            rows, total = queries.quote_page(conn, form.where(), limit=PAGE_SIZE, offset=offset)
    except QueryError as exc:
        return _page(request, "search.html", {**context, "error": str(exc)}, "search", 422)
    links = page_links("/", form.params(), offset, len(rows), total, PAGE_SIZE)
    quote_params = {k: v for k, v in form.params().items() if k != "group"}
    csv_url = "/api/quotes.csv" + (f"?{urlencode(quote_params)}" if quote_params else "")
    context.update(rows=rows, total=total, links=links, csv_url=csv_url, max_csv=MAX_CSV_ROWS)
    return _page(request, "search.html", context, "search")


@dataclass(frozen=True)
class StatementForm:
    """The statements page's search box and filters as typed (stripped); blank means not given."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    min_reports: str = ""
    speaker_id: str = ""
    topic: str = ""

    @property
    def filtered(self) -> bool:
        return bool(_non_blank(self))

    def params(self) -> dict[str, str]:
        return _non_blank(self)

    def where(self) -> queries.StatementFilter:
        """The query-layer filter; QueryError for a bad number or date (a bad date when it is used)."""
        return queries.StatementFilter(
            **_shared_filters(self),
            min_reports=_whole_number(self.min_reports, "min_reports"),
            speaker_id=_whole_number(self.speaker_id, "speaker_id"),
        )


def _whole_number(value: str, name: str) -> int | None:
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 18 or int(value) < 1:
        raise QueryError(f"{name}: give a whole number, 1 or more (not {value[:40]!r})", name)
    return int(value)


@router.get("/statements", response_class=HTMLResponse)
def statements(
    request: Request,
    conn: Conn,
    q: Text = None,
    speaker: Text = None,
    outlet: Text = None,
    since: Text = None,
    until: Text = None,
    min_reports: Annotated[str | None, Query(max_length=20)] = None,
    speaker_id: Annotated[str | None, Query(max_length=20)] = None,
    topic: Text = None,
    cursor: Cursor = None,
) -> Response:
    """Statements, most widely reported first: each thing a speaker said, with how many outlets reported it."""
    values = (q, speaker, outlet, since, until, min_reports, speaker_id, topic)
    form = StatementForm(*((value or "").strip() for value in values))
    context: dict[str, Any] = {"form": form, "outlets": queries.list_outlets(conn), "error": None, "for_speaker": None}
    try:
        offset = decode_cursor(cursor)
        where = form.where()
        rows, total = queries.statement_page(conn, where, limit=PAGE_SIZE, offset=offset)
    except QueryError as exc:
        return _page(request, "statements.html", {**context, "error": str(exc)}, "statements", 422)
    if where.speaker_id is not None:
        context["for_speaker"] = queries.get_speaker(conn, where.speaker_id)
    links = page_links("/statements", form.params(), offset, len(rows), total, PAGE_SIZE)
    context.update(rows=rows, total=total, links=links)
    return _page(request, "statements.html", context, "statements")


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement(request: Request, conn: Conn, statement_id: ItemId) -> Response:
    """One statement: every report's wording side by side, the words that differ from the statement's marked."""
    found = queries.get_statement(conn, statement_id)
    if found is None:
        raise HTTPException(404, f"no statement {statement_id}")
    return _page(request, "statement.html", {"statement": found}, "statements")


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, conn: Conn, q: Text = None, topic: Text = None, cursor: Cursor = None) -> Response:
    """Stories, latest first: each event with its dates, outlets, articles and speakers."""
    form = {"q": (q or "").strip(), "topic": (topic or "").strip()}
    where = queries.StoryFilter(search=form["q"] or None, topic=form["topic"] or None)
    try:
        offset = decode_cursor(cursor)
        rows = queries.find_stories(conn, where, limit=PAGE_SIZE, offset=offset)
        total = queries.count_stories(conn, where)
    except QueryError as exc:
        return _page(request, "stories.html", {"form": form, "error": str(exc)}, "stories", 422)
    links = page_links("/stories", {k: v for k, v in form.items() if v}, offset, len(rows), total, PAGE_SIZE)
    context = {"form": form, "error": None, "rows": rows, "total": total, "links": links}
    return _page(request, "stories.html", context, "stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, conn: Conn, story_id: ItemId) -> Response:
    """One story: its articles by date and outlet, its statements by speaker, its figures with conflicts marked."""
    found = queries.get_story(conn, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    statements, _ = queries.statement_page(conn, queries.StatementFilter(story_id=story_id), limit=MAX_STORY_ITEMS)
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for row in statements:
        by_speaker.setdefault(row["speaker"]["name"] or "unknown", []).append(row)
    figures = queries.find_claims(conn, queries.QuoteFilter(story_id=story_id), limit=MAX_STORY_ITEMS)
    disputed = {claim["id"] for group in conflicts(figures) for claim in group["claims"]}
    context = {"story": found, "by_speaker": by_speaker, "claims": figures, "disputed": disputed}
    return _page(request, "story.html", context, "stories")


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, conn: Conn, q: Text = None, cursor: Cursor = None) -> Response:
    """Speakers, most quoted first, optionally those whose name or alias holds `q`."""
    query = (q or "").strip()
    offset = decode_cursor(cursor)
    rows = queries.list_speakers(conn, q=query or None, limit=PAGE_SIZE, offset=offset)
    total = queries.count_speakers(conn, q=query or None)
    links = page_links("/speakers", {"q": query} if query else {}, offset, len(rows), total, PAGE_SIZE)
    context = {"q": query, "rows": rows, "total": total, "links": links}
    return _page(request, "speakers.html", context, "speakers")


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker(request: Request, conn: Conn, speaker_id: ItemId, cursor: Cursor = None) -> Response:
    """One speaker: roles, counts, a timeline of statements per week, outlets and latest statements."""
    found = queries.get_speaker(conn, speaker_id)
    if found is None:
        raise HTTPException(404, f"no speaker {speaker_id}")
    offset = decode_cursor(cursor)
    where = queries.QuoteFilter(speaker_id=speaker_id)
    rows = queries.find_quotes(conn, where, limit=SPEAKER_PAGE_SIZE, offset=offset)
    links = page_links(f"/speakers/{speaker_id}", {}, offset, len(rows), found["quotes"], SPEAKER_PAGE_SIZE)
    bars = render.timeline_bars(found["per_week"], found["per_month"])
    top, _ = queries.statement_page(conn, queries.StatementFilter(speaker_id=speaker_id), limit=SPEAKER_STATEMENTS)
    context = {
        "speaker": found,
        "statements": top,
        "rows": rows,
        "links": links,
        "bars": bars,
        "peak": max((bar.quotes for bar in bars), default=0),
        "chart": render.timeline_svg(bars, f"Statements by {found['name']} over time"),
    }
    return _page(request, "speaker.html", context, "speakers")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, conn: Conn, article_id: ItemId) -> Response:
    """The evidence page: metadata, then the original text with every attribution's spans marked."""
    found = queries.get_article(conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    headings = [*(found["headings"] or []), *([found["title_span"]] if found["title_span"] else [])]
    segments = render.article_segments(found["text"], found["body_spans"], headings, found["quotes"])
    context = {"article": found, "text_html": render.article_html(segments)}
    return _page(request, "article.html", context)


def _writable(request: Request) -> Settings:
    """The settings of a server that accepts uploads; a read-only server has no upload page (404)."""
    config: Settings = request.app.state.settings
    if config.read_only:
        raise HTTPException(404, "Not Found")
    return config


def _upload_page(request: Request, config: Settings, status: int = 200, **context: Any) -> Response:
    full = {"max_files": config.max_files, "max_bytes": config.max_bytes, "error": None, "results": None, "job": None,
            "refresh": None, **context}
    return _page(request, "upload.html", full, "upload", status)


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    """The upload form (absent on a read-only server)."""
    return _upload_page(request, _writable(request))


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    """Queue the uploaded files; show what happened to each document if done within the wait, else follow the job."""
    config = _writable(request)
    queue: JobQueue = request.app.state.jobs
    try:
        job = await accept_upload(request, queue)
    except UploadRefused as exc:
        response = _upload_page(request, config, exc.status, error=str(exc))
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except HTTPException as exc:
        return _upload_page(request, config, exc.status_code, error=str(exc.detail))
    if not await wait_for(job, config.upload_wait):
        # Post/redirect/get: reloading the progress page never sends the files again.
        return RedirectResponse(f"/upload/jobs/{job.id}", status_code=303)
    return _job_page(request, config, queue, job)


JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/upload/jobs/{job_id}", response_class=HTMLResponse)
def upload_job(request: Request, job_id: JobId) -> Response:
    """Where an upload stands; reloads itself until it is done, then lists what happened to each document."""
    config = _writable(request)
    queue: JobQueue = request.app.state.jobs
    job = queue.get(job_id)
    if job is None:
        raise HTTPException(404, "No such upload: finished uploads are kept for an hour.")
    return _job_page(request, config, queue, job)


def _job_page(request: Request, config: Settings, queue: JobQueue, job: Job) -> Response:
    results = job.results
    counts = {status: sum(r.status == status for r in results) for status in UPLOAD_STATUSES} if results is not None else None
    context = {
        "job": job,
        "position": queue.position(job),
        "refresh": None if job.finished else JOB_REFRESH_S,
        "results": results,
        "counts": counts,
        "failure": job.error,
    }
    return _upload_page(request, config, 500 if job.error else 200, **context)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    """Swagger UI for the JSON API, from local files only."""
    return _page(request, "docs.html", {}, "docs")
