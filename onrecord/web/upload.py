"""Ingesting uploaded files: the CLI's reader, limits, pipeline and store, one file at a time."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from onrecord.errors import ReadError
from onrecord.model import Article
from onrecord.read import iter_bytes
from onrecord.read.formats import format_of, too_big
from onrecord.store import IngestEvent, Store, ingest
from onrecord.web.deps import Settings

MAX_NAME_CHARS = 200

_frozen = False
_write_lock = threading.Lock()
"""One upload writes at a time: the pipeline is heavy and SQLite takes one writer anyway."""


class UploadRefused(Exception):
    """The whole upload is refused before anything is read: too large (413) or of a type onrecord does not read (415)."""

    def __init__(self, status: int, message: str, field: str = "files") -> None:
        super().__init__(message)
        self.status = status
        self.field = field


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class UploadResult:
    """What happened to one document of one uploaded file."""

    file: str
    path: str
    status: str
    detail: str
    article_id: int | None = None


def clean_name(name: str | None) -> str:
    """The file name without any directory part (from either kind of separator), capped; 'upload' if none."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name.strip()
    return base[-MAX_NAME_CHARS:] or "upload"


def check_uploads(uploads: list[Upload], settings: Settings) -> None:
    """Raise UploadRefused unless every file is within the size cap and of a type onrecord reads."""
    if not uploads:
        raise UploadRefused(422, "files: no file uploaded")
    if len(uploads) > settings.max_files:
        raise UploadRefused(413, f"too many files: {len(uploads)} (at most {settings.max_files} per upload)")
    for upload in uploads:
        if len(upload.data) > settings.max_bytes:
            raise UploadRefused(413, f"{upload.name}: {too_big(len(upload.data), settings.max_bytes)}")
        try:
            format_of(upload.name)
        except ReadError as exc:
            raise UploadRefused(415, str(exc)) from exc


def _documents(upload: Upload, settings: Settings) -> list[Article | ReadError]:
    """An Article or a ReadError per document of the upload, in file order (JSON Lines: line order)."""
    from onrecord.pipeline import extract  # spaCy loads on the first upload, never on a read-only server

    items = list(iter_bytes(upload.data, upload.name, settings.max_bytes))
    docs = [item for item in items if not isinstance(item, ReadError)]
    attributed = extract(docs, n_process=1, learned=settings.learned)
    return [item if isinstance(item, ReadError) else next(attributed) for item in items]


def ingest_uploads(uploads: list[Upload], settings: Settings) -> list[UploadResult]:
    """Read, attribute and store each uploaded file; a bad file is a failed result, never an exception."""
    check_uploads(uploads, settings)
    results: list[UploadResult] = []
    with _write_lock, Store.open(settings.db) as store:
        for upload in uploads:
            events: list[IngestEvent] = []
            ingest(store, _documents(upload, settings), lambda event, _summary: events.append(event))
            results += [UploadResult(upload.name, e.path, e.status, e.detail, e.article_id) for e in events]
        _freeze_models()
    return results


def _freeze_models() -> None:
    """After the first upload, keep the models' millions of objects out of the garbage collector's sweeps.

    With the models loaded, one full collection took 150-160 ms here (after freezing: 0.002 ms), and
    it lands on whichever request happens to be running: a 2 ms page then takes 200 ms or more.
    """
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True
