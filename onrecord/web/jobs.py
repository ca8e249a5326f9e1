"""The upload queue: uploads wait on disk for one worker that ingests them in turn, off the request path.

    accept_upload(request, queue)   the request side: checks, a slot in the queue (503 when full),
                                    the files copied into the job's directory, the job queued
    wait_for(job, seconds)          let a request wait a little for its job, on the event loop
    JobQueue(settings)              one per writable app: at most `max_queue` jobs receiving, queued
                                    or running; a worker thread takes them one at a time; finished
                                    jobs are kept a while so that clients can follow them
    WorkerProcess                   the pipeline in a child process (the default `upload_worker`)

No request runs the pipeline or waits on a lock or a thread that does: a request waits, if at all, by
polling its job between other requests, so pages and API reads keep every thread of the server's
pool. Memory stays bounded: files are on disk from the moment they are received; the worker reads
one file at a time.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import secrets
import shutil
import signal
import tempfile
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import anyio
from fastapi import HTTPException, Request

from onrecord.web.deps import Settings, is_cross_site
from onrecord.web.upload import SpooledFile, UploadRefused, UploadResult, check_length, ingest_files, receive_files

KEEP_FINISHED = 100
"""Finished jobs kept for their clients to read, newest first; older ones answer 404."""
KEEP_FINISHED_S = 3600.0
RETRY_AFTER_S = 30
"""Seconds a refused client is asked to wait: a JSON Lines upload of 151 short articles (400 KB) took
about 30 s with the learned model on two busy cores here, so sooner a full queue has seldom moved."""
POLL_S = 0.05
WORKER_NICENESS = 10
"""The worker process yields the CPU to the server's own (page) work when both want it."""

log = logging.getLogger("onrecord.web")

Runner = Callable[[list[SpooledFile], Settings], list[UploadResult]]


class QueueFull(UploadRefused):
    """No slot left in the upload queue (503); the client should try again after `retry_after` seconds."""

    def __init__(self, max_queue: int) -> None:
        uploads = f"{max_queue} upload{'s' * (max_queue != 1)}"
        message = f"the upload queue is full ({uploads} waiting or running): try again in {RETRY_AFTER_S} seconds"
        super().__init__(503, message, field=None, retry_after=RETRY_AFTER_S)


class WorkerError(Exception):
    """A job the worker could not finish: the pipeline or the store raised, or the worker process died."""


@dataclass(eq=False)
class Job:
    """One upload: its random id, its directory of files, and what became of it.

    status: receiving -> queued -> running -> done (results) or failed (error).
    """

    id: str
    directory: Path
    files: list[SpooledFile] = field(default_factory=list)
    status: str = "receiving"
    results: list[UploadResult] | None = None
    error: str | None = None
    finished_at: float | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


class JobQueue:
    """The bounded upload queue of one app and its one worker thread (started with the first job)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.spool = Path(tempfile.mkdtemp(prefix="onrecord-uploads-"))
        self._remove_spool = weakref.finalize(self, shutil.rmtree, self.spool, ignore_errors=True)
        self._process = WorkerProcess() if settings.upload_worker == "process" else None
        self._run: Runner = self._process or ingest_files
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)
        self._receiving = 0
        self._waiting: deque[Job] = deque()
        self._running: Job | None = None
        self._jobs: dict[str, Job] = {}
        self._finished: deque[Job] = deque()
        self._worker: threading.Thread | None = None
        self._closed = False

    def reserve(self) -> Job:
        """A new job with its own directory, counted against max_queue at once; QueueFull when none is left."""
        with self._lock:
            in_flight = self._receiving + len(self._waiting) + (self._running is not None)
            if self._closed or in_flight >= self.settings.max_queue:
                raise QueueFull(self.settings.max_queue)
            self._receiving += 1
        job = Job(secrets.token_urlsafe(16), self.spool / secrets.token_hex(8))
        job.directory.mkdir()
        return job

    def submit(self, job: Job, files: list[SpooledFile]) -> None:
        """Queue a reserved job whose files are in its directory."""
        with self._lock:
            self._receiving -= 1
            job.files, job.status = files, "queued"
            self._jobs[job.id] = job
            self._waiting.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="onrecord-upload-worker", daemon=True)
                self._worker.start()
            self._ready.notify()

    def cancel(self, job: Job) -> None:
        """Give back a reserved job's slot (its upload was refused or broke off) and delete what it received."""
        with self._lock:
            self._receiving -= 1
        shutil.rmtree(job.directory, ignore_errors=True)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._forget_old()
            return self._jobs.get(job_id)

    def position(self, job: Job) -> int | None:
        """How many jobs run before this one: 0 when it runs or is next, None once it is finished."""
        with self._lock:
            if job.status == "queued" and job in self._waiting:
                return self._waiting.index(job) + (self._running is not None)
            return 0 if job.status == "running" else None

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"receiving": self._receiving, "queued": len(self._waiting), "running": int(self._running is not None)}

    def close(self) -> None:
        """Stop taking jobs, stop the worker process and delete the spool directory (the server is stopping)."""
        with self._lock:
            self._closed = True
            self._ready.notify_all()
        if self._process is not None:
            self._process.close()
        self._remove_spool()

    def _work(self) -> None:
        """The worker thread: run the jobs one at a time, in the order they came, until the queue closes."""
        while True:
            with self._lock:
                while not self._waiting and not self._closed:
                    self._ready.wait()
                if self._closed:
                    return
                job = self._waiting.popleft()
                job.status, self._running = "running", job
            results, error = self._run_job(job)
            shutil.rmtree(job.directory, ignore_errors=True)
            with self._lock:
                job.results, job.error = results, error
                job.status, job.finished_at = ("done" if error is None else "failed"), time.monotonic()
                self._running = None
                self._finished.append(job)
                self._forget_old()

    def _run_job(self, job: Job) -> tuple[list[UploadResult] | None, str | None]:
        try:
            return self._run(job.files, self.settings), None
        except WorkerError as exc:  # reported by the worker process, or its end: no traceback of ours to add
            if not self._closed:
                log.warning("upload job %s failed: %s", job.id, exc)
            return None, f"the upload could not be processed ({exc})"
        except Exception as exc:  # noqa: BLE001 - the job fails, the worker goes on with the next one
            log.exception("upload job %s failed", job.id)
            return None, f"the upload could not be processed ({type(exc).__name__}: {exc})"

    def _forget_old(self) -> None:
        """Keep at most KEEP_FINISHED finished jobs, none older than KEEP_FINISHED_S (caller holds the lock)."""
        oldest = time.monotonic() - KEEP_FINISHED_S
        while self._finished and (
            len(self._finished) > KEEP_FINISHED or (self._finished[0].finished_at or 0.0) < oldest
        ):
            del self._jobs[self._finished.popleft().id]


async def accept_upload(request: Request, queue: JobQueue) -> Job:
    """Check an upload, take a slot in the queue, receive its files to disk and queue it.

    Raises HTTPException (403 cross-site, 411, 400) or UploadRefused (413, 415, 422, 503 QueueFull)
    before anything is queued; a refused upload leaves nothing behind.
    """
    if is_cross_site(request):
        raise HTTPException(403, "upload refused: it came from another site")
    check_length(request, queue.settings)
    job = queue.reserve()
    try:
        files = await receive_files(request, queue.settings, job.directory)
    except BaseException:
        queue.cancel(job)
        raise
    queue.submit(job, files)
    return job


async def wait_for(job: Job, seconds: float) -> bool:
    """Whether the job finished within `seconds`; polls, so the waiting request holds no thread."""
    deadline = time.monotonic() + seconds
    while not job.finished and time.monotonic() < deadline:
        await anyio.sleep(POLL_S)
    return job.finished


class WorkerProcess:
    """`ingest_files` in one child process, started with the first job and kept for the next ones.

    The pipeline is CPU-bound Python that holds the GIL, and its models are millions of objects; in
    a child process neither slows the server's threads. A child that dies (killed, out of memory)
    fails its job, and the next job starts a new one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def __call__(self, files: list[SpooledFile], settings: Settings) -> list[UploadResult]:
        conn = self._connection()
        try:
            conn.send((files, settings))
            ok, value = conn.recv()
        except (EOFError, OSError) as exc:
            self.close()
            raise WorkerError("the upload worker process stopped before it finished (killed, or out of memory)") from exc
        if not ok:
            raise WorkerError(value)
        return value  # type: ignore[no-any-return]

    def _connection(self) -> Connection:
        with self._lock:
            if self._conn is None:
                context = multiprocessing.get_context("spawn")  # not fork: the server has threads
                ours, theirs = context.Pipe()
                self._child = context.Process(target=_serve_jobs, args=(theirs,), name="onrecord-upload-worker",
                                              daemon=True)
                self._child.start()
                theirs.close()  # so that our end reads EOF when the child dies
                self._conn = ours
            return self._conn

    def close(self) -> None:
        with self._lock:
            child, conn, self._child, self._conn = self._child, self._conn, None, None
        if child is not None:
            child.terminate()
            child.join(5)
        if conn is not None:
            conn.close()


def _serve_jobs(conn: Connection) -> None:
    """The worker process: ingest each job it is sent and send back (True, results) or (False, reason)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the server stops us
    os.nice(WORKER_NICENESS)
    while True:
        try:
            files, settings = conn.recv()
        except EOFError:
            return
        try:
            conn.send((True, ingest_files(files, settings)))
        except Exception as exc:  # noqa: BLE001 - reported to the server as the job's failure
            conn.send((False, f"{type(exc).__name__}: {exc}"))
