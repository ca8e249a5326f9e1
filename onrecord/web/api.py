"""The JSON API: thin routes over `onrecord.store.queries`, the same functions the CLI calls."""

from __future__ import annotations

import base64
import binascii
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from onrecord.errors import QueryError
from onrecord.model import Act, QuoteKind
from onrecord.export import article_record, quote_record
from onrecord.export import quotes_csv as quotes_csv_text
from onrecord.link.claims import conflicts
from onrecord.store import queries
from onrecord.web.deps import reader
from onrecord.web.jobs import Job, JobQueue, accept_upload, wait_for
from onrecord.web.schemas import (
    ArticleOut,
    ClaimPage,
    ConflictList,
    ErrorOut,
    IngestOut,
    JobOut,
    QuotePage,
    SpeakerDetail,
    SpeakerPage,
    StatementOut,
    StatementPage,
    StoryOut,
    StoryPage,
)
from onrecord.web.upload import UploadResult

DESCRIPTION = """Search who said what, read the evidence, follow a speaker.

Every quote carries character spans (`content_spans`, `cue_span`, `speaker_mention_span`) into its
article's `text` (`GET /api/articles/{id}`), so each answer can be checked against its source. A
speaker the text does not name is `null`, never guessed. Errors are
`{"error": message, "field": parameter or null, "status": code}`; a bad parameter is a 422 naming it.
"""
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_TEXT_PARAM = 500
MAX_CSV_ROWS = 10_000
MAX_REPORTS_PARAM = 1_000_000
ERRORS: dict[int | str, dict[str, Any]] = {422: {"model": ErrorOut, "description": "A parameter cannot be used."}}

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)
write_router = APIRouter(prefix="/api", tags=["write"], responses=ERRORS)

Conn = Annotated[sqlite3.Connection, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[
    str | None, Query(max_length=64, description="The `next` value of the previous page; omit for the first page.")
]


def encode_cursor(offset: int) -> str:
    """An opaque page token (today an offset; clients must not build their own)."""
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        offset = int(raw[1:]) if raw.startswith("o") and raw[1:].isdigit() else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        offset = -1
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError("cursor: not a page token from this API (use the `next` value of a page)", "cursor")
    return offset


def page_of(rows: list[Any], total: int, offset: int) -> dict[str, Any]:
    """One page of a list route: its items, how many match in all, and the cursor of the next page."""
    return {"items": rows, "total": total, "next": next_cursor(offset, len(rows), total)}


def found(row: dict[str, Any] | None, noun: str, item_id: int) -> dict[str, Any]:
    """The item, or a 404 naming what was not found."""
    if row is None:
        raise HTTPException(404, f"no {noun} {item_id}")
    return row


def next_cursor(offset: int, shown: int, total: int) -> str | None:
    return encode_cursor(offset + shown) if shown and offset + shown < total else None


def _given(value: str | None) -> str | None:
    """None for a missing or blank parameter (`?since=` from a form left empty), else the value."""
    return value if value is not None and value.strip() else None


async def quote_filter(
    speaker: Annotated[
        str | None, Query(max_length=200, description="Part of a speaker's name or alias, any case ('peskov').")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=MAX_TEXT_PARAM, description='Words in the quote (all must match), "a phrase", or prefix*.'),
    ] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Part of the outlet's name.")] = None,
    kind: Annotated[QuoteKind | None, Query(description="How it was reported.")] = None,
    act: Annotated[
        Act | None,
        Query(description="What kind of act (a store ingested without --all-attributions holds speech and writing only)."),
    ] = None,
    since: Annotated[str | None, Query(max_length=10, description="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, Query(max_length=10, description="Published on or before (2023-05: all of May).")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, le=2**62, description="One speaker, by the id /api/speakers gives.")] = None,
    story_id: Annotated[int | None, Query(ge=1, le=2**62, description="One story, by the id /api/stories gives.")] = None,
    topic: Annotated[
        str | None, Query(max_length=200, description="Part of a topic: a section heading or an entity the quote names.")
    ] = None,
) -> queries.QuoteFilter:
    """The quote filters of /api/quotes and /api/quotes.csv; a blank parameter counts as not given."""
    return queries.QuoteFilter(
        speaker=_given(speaker),
        search=_given(q),
        outlet=_given(outlet),
        kind=kind,
        act=act,
        since=_given(since),
        until=_given(until),
        speaker_id=speaker_id,
        story_id=story_id,
        topic=_given(topic),
    )


Filter = Annotated[queries.QuoteFilter, Depends(quote_filter)]


# The list routes are async and query SQLite on the event loop: their queries are bounded (a page of
# at most MAX_LIMIT rows, read off indexes) and take a few ms, less than a hop to a worker thread
# costs. That hop cost 30% of the throughput in benchmarks/api_load.py. Routes whose work grows with
# the data (an article's text, a CSV export) stay sync and run in the threadpool. An upload never
# runs there: its files go to the upload queue's worker (onrecord.web.jobs).
@router.get("/quotes", response_model=QuotePage, summary="Search quotes")
async def quotes(conn: Conn, where: Filter, limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    """Quotes matching every filter given, newest article first. Articles without a date come last
    (and are left out when `since` or `until` is given). A blank parameter counts as not given."""
    offset = decode_cursor(cursor)
    rows, total = queries.quote_page(conn, where, limit=limit, offset=offset)
    return {"items": [quote_record(r) for r in rows], "total": total, "next": next_cursor(offset, len(rows), total)}


@router.get("/claims", response_model=ClaimPage, summary="Figures the quotes give")
async def claims(conn: Conn, where: Filter, limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    """The figures inside the quotes the filters select (the filters of /api/quotes), newest article first:
    each with its value, unit, what it counts, its total, its words and span, its quote, statement, speaker
    and article. Dates, times, durations, ages, ordinals and numbers in names are not claims."""
    offset = decode_cursor(cursor)
    rows = queries.find_claims(conn, where, limit=limit, offset=offset)
    total = queries.count_claims(conn, where)
    return page_of(rows, total, offset)


@router.get("/conflicts", response_model=ConflictList, summary="Figures that disagree")
def conflicting_claims(conn: Conn, where: Filter) -> dict[str, Any]:
    """Among the claims the quote filters select, the groups that disagree: in one story, claims counting the
    same thing (the same unit; "nine dead" and "11 people killed" are both deaths) whose values differ by
    more than rounding, from different quotes. Each group: story_id, unit, counts, its claims oldest first."""
    return {"items": conflicts(queries.find_claims(conn, where, limit=MAX_CONFLICT_CLAIMS))}


MAX_CONFLICT_CLAIMS = 100_000
"""Conflicts are found among at most this many claims (the newest): filter by story for an older one."""
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "A header line, then a quote per line."}
}


@router.get("/quotes.csv", response_class=Response, responses=CSV_RESPONSE, summary="Quotes as CSV")
def quotes_csv(
    conn: Conn,
    where: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_CSV_ROWS, description="At most this many quotes, newest first.")] = MAX_CSV_ROWS,
) -> Response:
    """The quotes /api/quotes selects, as a CSV file for spreadsheets (the search page links to it).

    One row per quote: its id, speaker, role, source words, cue, kind, text, outlet, date, title,
    article id, source path and content spans. Unknown values are empty cells. A cell that would
    start a spreadsheet formula (=, +, -, @) gets a leading apostrophe: article text is hostile.
    """
    rows = queries.find_quotes(conn, where, limit=limit)
    headers = {"Content-Disposition": 'attachment; filename="onrecord-quotes.csv"'}
    return Response(quotes_csv_text(rows), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/speakers", response_model=SpeakerPage, summary="List speakers")
async def speakers(
    conn: Conn,
    limit: Limit = 20,
    cursor: Cursor = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias, any case.")] = None,
) -> dict[str, Any]:
    """Speakers, most quoted first. Unnamed sources are not speakers (their quotes have speaker.id null)."""
    offset = decode_cursor(cursor)
    rows = queries.list_speakers(conn, q=q, limit=limit, offset=offset)
    total = queries.count_speakers(conn, q=q)
    return page_of(rows, total, offset)


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No such item."}}
ItemId = Annotated[int, Path(ge=1, le=2**62)]


@router.get("/stories", response_model=StoryPage, summary="List stories")
async def stories(
    conn: Conn,
    limit: Limit = 20,
    cursor: Cursor = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a headline of one of its articles.")] = None,
    since: Annotated[str | None, Query(max_length=10, description="With an article on or after: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, Query(max_length=10, description="With an article on or before (2023-05: all of May).")] = None,
    topic: Annotated[
        str | None, Query(max_length=200, description="Part of a topic: a section heading or an entity the quote names.")
    ] = None,
) -> dict[str, Any]:
    """Stories (articles about one event or ongoing thread), latest first: title, dates, outlets, articles,
    speakers and how many statements each holds. A blank parameter counts as not given."""
    offset = decode_cursor(cursor)
    where = queries.StoryFilter(search=_given(q), since=_given(since), until=_given(until), topic=_given(topic))
    rows = queries.find_stories(conn, where, limit=limit, offset=offset)
    total = queries.count_stories(conn, where)
    return page_of(rows, total, offset)


@router.get("/stories/{story_id}", response_model=StoryOut, responses=NOT_FOUND, summary="One story")
async def story(conn: Conn, story_id: ItemId) -> dict[str, Any]:
    """One story with its articles (oldest first), outlets and speakers."""
    return found(queries.get_story(conn, story_id), "story", story_id)


async def statement_filter(
    speaker: Annotated[
        str | None, Query(max_length=200, description="Part of the speaker's name or alias, any case ('peskov').")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT_PARAM,
            description='Words in some report\'s wording (all must match), "a phrase", or prefix*.',
        ),
    ] = None,
    outlet: Annotated[
        str | None, Query(max_length=200, description="Part of the name of an outlet that reported it.")
    ] = None,
    since: Annotated[
        str | None, Query(max_length=10, description="Some report published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=10, description="Some report published on or before (2023-05: all of May).")
    ] = None,
    min_reports: Annotated[
        int | None, Query(ge=1, le=MAX_REPORTS_PARAM, description="At least this many reports (quotes) of it.")
    ] = None,
    speaker_id: Annotated[
        int | None, Query(ge=1, le=2**62, description="One speaker, by the id /api/speakers gives.")
    ] = None,
    topic: Annotated[
        str | None, Query(max_length=200, description="Part of a topic: a section heading or an entity the quote names.")
    ] = None,
) -> queries.StatementFilter:
    """The statement filters of /api/statements; a blank parameter counts as not given."""
    return queries.StatementFilter(
        speaker=_given(speaker),
        search=_given(q),
        outlet=_given(outlet),
        since=_given(since),
        until=_given(until),
        min_reports=min_reports,
        speaker_id=speaker_id,
        topic=_given(topic),
    )


StatementWhere = Annotated[queries.StatementFilter, Depends(statement_filter)]


@router.get("/statements", response_model=StatementPage, summary="Search statements")
async def statements(conn: Conn, where: StatementWhere, limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    """Statements matching every filter given, most widely reported first (independent reports, then
    reports, then outlets, then the newest). A statement gathers the quotes in which one speaker says one
    thing, across articles and outlets: each is a report, with its own wording and evidence. Reports
    from one article family (wire copies of one story) count once in `independent_reports`."""
    offset = decode_cursor(cursor)
    rows, total = queries.statement_page(conn, where, limit=limit, offset=offset)
    return page_of(rows, total, offset)


@router.get("/statements/{statement_id}", response_model=StatementOut, responses=NOT_FOUND, summary="One statement")
async def statement(conn: Conn, statement_id: ItemId) -> dict[str, Any]:
    """A statement with every report of it: each outlet's wording, kind, date and article."""
    return found(queries.get_statement(conn, statement_id), "statement", statement_id)


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetail, responses=NOT_FOUND, summary="One speaker")
async def speaker(conn: Conn, speaker_id: ItemId) -> dict[str, Any]:
    """A speaker with roles, counts, first and last dates, quotes per week and the outlets that reported them."""
    return found(queries.get_speaker(conn, speaker_id), "speaker", speaker_id)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND, summary="One article")
def article(conn: Conn, article_id: ItemId) -> dict[str, Any]:
    """An article's metadata, its text, its body spans and every attribution with its spans."""
    row = queries.get_article(conn, article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id}")
    return article_record(row)


RETRY_AFTER_HEADER = {"Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}}
UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {"model": JobOut, "description": "Queued, or still running after the wait: follow `progress`."},
    400: {"model": ErrorOut, "description": "The body is not a multipart form."},
    403: {"model": ErrorOut, "description": "A browser sent it from another site."},
    408: {"model": ErrorOut, "description": "The body arrived too slowly (under 20 kB/s, or 30 s without data)."},
    411: {"model": ErrorOut, "description": "No Content-Length."},
    413: {"model": ErrorOut, "description": "A file or the upload is over the size cap."},
    415: {"model": ErrorOut, "description": "A file is not .txt, .html, .htm or .jsonl."},
    500: {"model": ErrorOut, "description": "The upload failed while it was processed (the server logged why)."},
    503: {"model": ErrorOut, "description": "The upload queue is full.", "headers": RETRY_AFTER_HEADER},
}


@write_router.post(
    "/ingest",
    response_model=IngestOut,
    responses=UPLOAD_RESPONSES,
    summary="Ingest files",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                    }
                }
            },
        }
    },
)
async def ingest(request: Request) -> Any:
    """Read, attribute and store uploaded articles (form field `files`, repeated), as `onrecord ingest` does.

    Each document is stored in its own transaction and known by its content hash, so uploading a file
    twice reports it "unchanged". A file onrecord cannot read (binary, empty, undecodable) is a
    "failed" document with the reason; the others go on. Uploads wait on disk in a queue that one
    worker takes in turn: an upload finished within the server's wait (a few seconds) is answered
    with its results (200); a longer one with 202 and the job, to follow at its `progress` URL. A
    full queue answers 503 with Retry-After. Not available on a --read-only server.
    """
    queue: JobQueue = request.app.state.jobs
    job = await accept_upload(request, queue)
    if await wait_for(job, queue.settings.upload_wait):
        if job.error is not None:
            raise HTTPException(500, job.error)
        return ingest_result(job.results or [])
    return JSONResponse(job_state(queue, job), status_code=202)


def ingest_result(results: list[UploadResult]) -> dict[str, Any]:
    """The documents of an upload and their counts: the body of POST /api/ingest and a done job's `result`."""
    counts = {status: sum(r.status == status for r in results) for status in ("new", "unchanged", "failed")}
    return {"documents": [vars(r) for r in results], **counts}


def job_state(queue: JobQueue, job: Job) -> dict[str, Any]:
    """A job as GET /api/jobs/{job_id} shows it."""
    return {
        "job": job.id,
        "status": job.status,
        "position": queue.position(job),
        "files": len(job.files),
        "progress": f"/api/jobs/{job.id}",
        "result": ingest_result(job.results) if job.results is not None else None,
        "error": job.error,
    }


JobId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="The `job` of an upload.")]


@write_router.get("/jobs/{job_id}", response_model=JobOut, responses=NOT_FOUND, summary="Follow an upload")
async def job(request: Request, job_id: JobId) -> dict[str, Any]:
    """Where an upload stands: queued (with how many run before it), running, done (with its results)
    or failed (with why). Finished uploads are kept for an hour (the last 100); then, and for an id
    that never was, 404. Not available on a --read-only server."""
    queue: JobQueue = request.app.state.jobs
    found = queue.get(job_id)
    if found is None:
        raise HTTPException(404, f"no upload {job_id} (finished uploads are kept for an hour)")
    return job_state(queue, found)
