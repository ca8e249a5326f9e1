"""Assembling the app: settings, one read connection per thread, the Host allow-list, security headers,
one error shape, the upload queue."""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord import __version__
from onrecord.errors import QueryError
from onrecord.read import DEFAULT_MAX_BYTES, MAX_BYTES_CEILING
from onrecord.store import DEFAULT_DB, Store, connect_reader
from onrecord.web import api, pages
from onrecord.web.deps import DEFAULT_HOSTS, DEFAULT_MAX_QUEUE, DEFAULT_UPLOAD_WAIT_S, Readers, Settings
from onrecord.web.jobs import JobQueue
from onrecord.web.upload import UploadRefused

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SWAGGER_STATIC = Path(fastapi_offline.__file__).resolve().parent / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No inline script or style anywhere, so text that slips through as markup still cannot run."""
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

log = logging.getLogger("onrecord.web")


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every response, and the server time taken.

    Plain ASGI rather than a Starlette middleware class: no overhead on the hot path. The time is a
    `Server-Timing: app;dur=<ms>` header, up to the start of the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}".encode()
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS, (b"server-timing", took)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Whether a Host header names this server: an IP literal, a name in `allowed`, or one under an
    allowed `*.domain`; `*` allows every name. Any case, with or without a port or a final dot."""
    try:
        parts = urlsplit("//" + host)
        name, _port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return False
    if not name or parts.username is not None or parts.password is not None:
        return False
    try:
        ipaddress.ip_address(name)
        return True  # an address typed by the user, never the product of DNS rebinding
    except ValueError:
        pass
    return "*" in allowed or name in allowed or any(
        pattern.startswith("*.") and name.endswith(pattern[1:]) for pattern in allowed
    )


class AllowedHosts:
    """Refuses (400) a request whose Host is not a name this server answers to, before any route runs.

    DNS rebinding: a page on attacker.example re-points its name at 127.0.0.1, and the browser then
    takes this server for attacker.example itself. Host and Origin both say attacker.example, so the
    cross-site check passes and the page can read everything and upload. A name must be allowed
    (`localhost`, the `--host` served, `--allow-host`); an IP literal always passes.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan; the app has no websockets
            await self.app(scope, receive, send)
            return
        host = next((value.decode("latin-1") for key, value in scope["headers"] if key == b"host"), "")
        if host_allowed(host, self.allowed):
            await self.app(scope, receive, send)
            return
        message = (f"this server does not answer to the host name {host[:100]!r} "
                   "(allow it with onrecord serve --allow-host NAME, or ONRECORD_ALLOW_HOSTS)")
        if scope["path"].startswith(("/api/", "/openapi.json")):
            body, media = json.dumps(error_body(400, message), separators=(",", ":")).encode(), b"application/json"
        else:
            body, media = f"400 Bad Request: {message}\n".encode(), b"text/plain; charset=utf-8"
        headers = [(b"content-type", media), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class HeadAsGet:
    """Answers HEAD as the GET of the same URL without its body (`curl -I`, link checkers, monitors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def error_body(status: int, message: str, field: str | None = None) -> dict[str, Any]:
    """The one error shape of the API: {"error": message, "field": parameter or null, "status": code}."""
    return {"error": message, "field": field, "status": status}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json"))


def _error_response(request: Request, status: int, message: str, field: str | None = None) -> Response:
    if _wants_html(request):
        return pages.error_page(request, status, message)
    return JSONResponse(error_body(status, message, field), status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    """The first problem, with the parameter it is about: ("limit: must be <= 100", "limit")."""
    errors = exc.errors()
    if not errors:
        return "invalid request", None
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body", "header")]
    field = loc[0] if loc else None
    message = str(first.get("msg", "invalid value"))
    return (f"{field}: {message}" if field else message), field


def install_error_handlers(app: FastAPI) -> None:
    """Every error becomes the same JSON shape under /api/ (an HTML page elsewhere); none leaks a traceback."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, field = _validation_message(exc)
        return _error_response(request, 422, message, field)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error_response(request, 422, str(exc), exc.field)

    @app.exception_handler(UploadRefused)
    async def refused(request: Request, exc: UploadRefused) -> Response:
        response = _error_response(request, exc.status, str(exc), exc.field)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error_response(request, exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _error_response(request, 500, "internal error: the server logged it")


def _prepare_database(settings: Settings) -> None:
    """Fail at start, not at the first request: create and migrate the db, or check it can be read."""
    if settings.read_only:
        connect_reader(settings.db).close()
    else:
        Store.open(settings.db).close()


def create_app(
    db: str | Path = DEFAULT_DB,
    read_only: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    learned: bool = True,
    allow_hosts: Iterable[str] = (),
    max_queue: int = DEFAULT_MAX_QUEUE,
    upload_wait: float = DEFAULT_UPLOAD_WAIT_S,
    upload_worker: Literal["process", "thread"] = "process",
) -> FastAPI:
    """The web app and JSON API over the database `db`; `read_only` leaves out every write route.

    `allow_hosts`: host names to answer besides localhost and IP literals (`*.example.org` for its
    subdomains). `max_queue`, `upload_wait`, `upload_worker`: the upload queue (see `Settings`).
    """
    hosts = DEFAULT_HOSTS | {host.strip().lower().rstrip(".") for host in allow_hosts if host.strip()}
    settings = Settings(Path(db), read_only=read_only, max_bytes=max_bytes, learned=learned, allow_hosts=hosts,
                        max_queue=max_queue, upload_wait=upload_wait, upload_worker=upload_worker)
    _prepare_database(settings)
    jobs = None if read_only else JobQueue(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if jobs is not None:
            jobs.close()  # the worker process stops, the files still waiting go

    app = FastAPI(
        title="onrecord",
        version=__version__,
        summary="Who said what, when, according to which outlet: every answer points at its characters.",
        description=api.DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.readers = Readers(settings.db)
    app.state.jobs = jobs
    app.add_middleware(AllowedHosts, allowed=hosts)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    install_error_handlers(app)
    app.include_router(api.router)
    if not read_only:
        app.include_router(api.write_router)
    app.include_router(pages.router)
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_STATIC), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _env_number(name: str, default: float, whole: bool) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = -1
    if value < (1 if whole else 0) or value != value:  # value != value: NaN
        kind = "a whole number above 0" if whole else "a number of seconds, 0 or more"
        raise ValueError(f"{name}={text!r}: give {kind}")
    return value


def app_from_env() -> FastAPI:
    """`create_app` configured like `onrecord serve`, by environment variables (for `uvicorn --factory`).

    ONRECORD_DB (default onrecord.db), ONRECORD_READ_ONLY=1, ONRECORD_MAX_BYTES=N, ONRECORD_RULES_ONLY=1,
    ONRECORD_ALLOW_HOSTS=name,*.domain (comma-separated), ONRECORD_MAX_QUEUE=N, ONRECORD_UPLOAD_WAIT=SECONDS.
    """
    max_bytes = os.environ.get("ONRECORD_MAX_BYTES", "").strip() or str(DEFAULT_MAX_BYTES)
    if not max_bytes.isascii() or not max_bytes.isdigit() or not 0 < int(max_bytes) <= MAX_BYTES_CEILING:
        raise ValueError(
            f"ONRECORD_MAX_BYTES={max_bytes!r}: give the largest upload in bytes, a whole number from 1 to {MAX_BYTES_CEILING:,}"
        )
    return create_app(
        os.environ.get("ONRECORD_DB", DEFAULT_DB),
        read_only=_env_flag("ONRECORD_READ_ONLY"),
        max_bytes=int(max_bytes),
        learned=not _env_flag("ONRECORD_RULES_ONLY"),
        allow_hosts=os.environ.get("ONRECORD_ALLOW_HOSTS", "").split(","),
        max_queue=int(_env_number("ONRECORD_MAX_QUEUE", DEFAULT_MAX_QUEUE, whole=True)),
        upload_wait=_env_number("ONRECORD_UPLOAD_WAIT", DEFAULT_UPLOAD_WAIT_S, whole=False),
    )
