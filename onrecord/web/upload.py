"""Uploaded files: received to disk on the request path, ingested later by the queue's worker.

    receive_files(request, settings, directory)   the request side: caps, multipart parsing, files
                                                  copied into the job's directory; no pipeline work
    ingest_files(files, settings)                 the worker side: the CLI's reader, pipeline and
                                                  store, one file at a time, off the request path
"""

from __future__ import annotations

import gc
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

import anyio
from fastapi import HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect

from onrecord.errors import ReadError
from onrecord.model import Article
from onrecord.read import iter_bytes
from onrecord.read.formats import format_of, too_big
from onrecord.store import IngestEvent, Store, ingest
from onrecord.web.deps import Settings

MAX_NAME_CHARS = 200
RECEIVE_GRACE_S = 30.0
MIN_RECEIVE_RATE = 20_000
"""Bytes a second an upload must average once its first RECEIVE_GRACE_S are past, and the longest it may
send nothing: a client trickling a byte now and then (slowloris) would otherwise hold a queue slot for
hours. 20 kB/s takes a 5 MB file in about four minutes."""
MAX_FIELD_BYTES = 64 * 1024
"""A form field that is not a file (the form sends none): enough for any note, never megabytes in memory."""
COPY_CHUNK = 1024 * 1024

_frozen = False


class UploadRefused(Exception):
    """The whole upload is refused before anything is stored: too large (413), of a type onrecord does
    not read (415), or arriving when the queue is full (503, with the seconds to wait before trying again)."""

    def __init__(self, status: int, message: str, field: str | None = "files", retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.retry_after = retry_after


@dataclass(frozen=True)
class SpooledFile:
    """One uploaded file waiting on disk: its cleaned name and where its bytes are."""

    name: str
    path: str


@dataclass(frozen=True)
class UploadResult:
    """What happened to one document of one uploaded file."""

    file: str
    path: str
    status: str
    detail: str
    article_id: int | None = None
    warnings: tuple[str, ...] = ()
    """What the reader repaired to read the document ("1 NUL byte removed")."""


class UploadTooSlow(UploadRefused):
    """The body arrived too slowly (408): nothing of it is kept, and its queue slot is free again."""

    def __init__(self) -> None:
        super().__init__(
            408,
            f"the upload arrived too slowly (at least {MIN_RECEIVE_RATE // 1000} kB/s after the first "
            f"{RECEIVE_GRACE_S:.0f} seconds, and never {RECEIVE_GRACE_S:.0f} seconds without data): try again",
            field=None,
        )


async def paced(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The request body's chunks, ending the upload (UploadTooSlow) when it stalls or trickles."""
    started, received = time.monotonic(), 0
    iterator = aiter(chunks)
    while True:
        try:
            with anyio.fail_after(RECEIVE_GRACE_S):
                chunk = await anext(iterator)
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise UploadTooSlow() from None
        received += len(chunk)
        elapsed = time.monotonic() - started
        if elapsed > RECEIVE_GRACE_S and received < MIN_RECEIVE_RATE * elapsed:
            raise UploadTooSlow()
        yield chunk


class _SpoolingParser(MultiPartParser):
    """Starlette's parser with files spilling to disk past 64 KiB instead of 1 MiB.

    Each file of a request is a SpooledTemporaryFile; below the spool size it stays in memory until
    the request is done, so 50 small files at 1 MiB could hold 50 MB per upload being received.
    """

    spool_max_size = 64 * 1024


def clean_name(name: str | None) -> str:
    """The file name without any directory part (from either kind of separator), capped; 'upload' if none."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name.strip()
    return base[-MAX_NAME_CHARS:] or "upload"


def check_length(request: Request, settings: Settings) -> None:
    """Refuse a request without a Content-Length (411) or larger than the caps allow (413), before its body is read."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "send the upload with a Content-Length")
    if int(length) > settings.max_upload_bytes:
        raise UploadRefused(413, f"upload of {int(length):,} bytes is over the {settings.max_upload_bytes:,}-byte limit")


def check_files(files: list[tuple[str, int]], settings: Settings) -> None:
    """Raise UploadRefused unless there are files, not too many, each within the size cap and of a type onrecord reads."""
    if not files:
        raise UploadRefused(422, "files: no file uploaded")
    if len(files) > settings.max_files:
        raise UploadRefused(413, f"too many files: {len(files)} (at most {settings.max_files} per upload)")
    for name, size in files:
        if size > settings.max_bytes:
            raise UploadRefused(413, f"{name}: {too_big(size, settings.max_bytes)}")
        try:
            format_of(name)
        except ReadError as exc:
            raise UploadRefused(415, str(exc)) from exc


async def receive_files(request: Request, settings: Settings, directory: Path) -> list[SpooledFile]:
    """Parse the multipart body (field `files`, repeated) and copy each file into `directory`, capped.

    Raises UploadRefused or HTTPException (400 for a body that is not a multipart form).
    """
    # One file over the cap still parses, so that check_files refuses it with a 413 naming the cap.
    parser = _SpoolingParser(
        request.headers, paced(request.stream()), max_files=settings.max_files + 1, max_fields=settings.max_files + 10,
        max_part_size=MAX_FIELD_BYTES,
    )
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(400, "not a multipart form upload: send the files as multipart/form-data")
    try:
        form = await parser.parse()
    except (MultiPartException, KeyError, ValueError, UnicodeDecodeError, ClientDisconnect) as exc:
        raise HTTPException(400, f"not a multipart form upload: {getattr(exc, 'message', exc)}") from exc
    try:
        uploads = [value for value in form.getlist("files") if not isinstance(value, str)]
        check_files([(clean_name(u.filename), u.size or 0) for u in uploads], settings)
        # One short hop to a worker thread for all the copying: disk writes must not stall the event loop.
        return await run_in_threadpool(_copy_files, uploads, directory, settings.max_bytes)
    finally:
        await form.close()


def _copy_files(uploads: list[UploadFile], directory: Path, max_bytes: int) -> list[SpooledFile]:
    """Copy each upload into `directory` (as 0, 1, ...) in chunks, refusing (413) one that grows past max_bytes."""
    files = []
    for i, upload in enumerate(uploads):
        name, path = clean_name(upload.filename), directory / str(i)
        upload.file.seek(0)
        with path.open("wb") as out:
            if _copy_capped(upload.file, out, max_bytes) > max_bytes:
                raise UploadRefused(413, f"{name}: {too_big(max_bytes + 1, max_bytes)}")
        files.append(SpooledFile(name, str(path)))
    return files


def _copy_capped(source: IO[bytes], out: IO[bytes], max_bytes: int) -> int:
    """Bytes copied, stopping once past max_bytes (so at most one chunk more than the cap is read)."""
    copied = 0
    while copied <= max_bytes and (chunk := source.read(COPY_CHUNK)):
        out.write(chunk)
        copied += len(chunk)
    return copied


def _documents(data: bytes, name: str, settings: Settings) -> list[Article | ReadError]:
    """An Article or a ReadError per document of one file, in file order (JSON Lines: line order)."""
    from onrecord.pipeline import extract  # spaCy loads on the first upload, never on a read-only server

    items = list(iter_bytes(data, name, settings.max_bytes))
    docs = [item for item in items if not isinstance(item, ReadError)]
    attributed = extract(docs, n_process=1, learned=settings.learned)
    return [item if isinstance(item, ReadError) else next(attributed) for item in items]


def ingest_files(files: list[SpooledFile], settings: Settings) -> list[UploadResult]:
    """Read, attribute and store each file, one transaction per document; a bad file is a failed result.

    Runs in the queue's worker, never on a request: one file's bytes are in memory at a time.
    """
    results: list[UploadResult] = []
    with Store.open(settings.db) as store:
        for file in files:
            events: list[IngestEvent] = []
            documents = _documents(Path(file.path).read_bytes(), file.name, settings)
            ingest(store, documents, lambda event, _summary: events.append(event))
            results += [UploadResult(file.name, e.path, e.status, e.detail, e.article_id, e.warnings) for e in events]
    _freeze_models()
    return results


def _freeze_models() -> None:
    """After the first upload, keep the models' millions of objects out of the garbage collector's sweeps.

    With the models loaded, one full collection took 150-160 ms here (after freezing: 0.002 ms), and
    it lands on whatever runs next in the process holding them (the worker process, or with a thread
    worker, any request of the server).
    """
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True
