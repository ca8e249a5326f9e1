"""The upload queue: uploads wait on disk for one worker, reads never wait on them (issue 13, item 3).

Most tests stall the pipeline (`stalled_pipeline`) so that uploads pile up deterministically, then
check what the server does meanwhile: pages and API reads answer, a full queue answers 503 with
Retry-After, the waiting files sit in the server's spool directory, and each job can be followed.
No timing is asserted beyond generous timeouts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.web import upload
from onrecord.web.app import create_app
from tests.web.conftest import TEST_OPTIONS, Stall

Client = Callable[..., TestClient]
READS = ["/", "/articles/1", "/speakers", "/api/quotes", "/api/quotes.csv?speaker=peskov"]
READ_TIMEOUT_S = 30.0
"""Generous: a read must answer at all while uploads wait, not within some time (the benchmark measures that)."""
SETTLE_TIMEOUT_S = 120.0


def note(i: int) -> bytes:
    """A short article of its own: every upload is a new document."""
    return f"Harbour master Lene Okafor said on Monday that pier {i} would reopen in June.\n".encode()


def post(client: TestClient, *files: tuple[str, bytes], url: str = "/api/ingest", **kwargs: Any) -> Any:
    return client.post(url, files=[("files", (name, data, "text/plain")) for name, data in files], **kwargs)


def wait_until(check: Callable[[], bool], timeout: float = SETTLE_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.02)


def in_flight(client: TestClient) -> int:
    """Jobs queued or running in the client's app."""
    counts = client.app.state.jobs.counts()  # type: ignore[attr-defined]
    return int(counts["queued"] + counts["running"])


def follow(client: TestClient, job: str) -> dict[str, Any]:
    """The job's final state, polling its progress route."""
    state: dict[str, Any] = {}

    def finished() -> bool:
        state.update(client.get(f"/api/jobs/{job}").json())
        return state["status"] in ("done", "failed")

    wait_until(finished)
    return state


def total(client: TestClient, **params: str) -> int:
    return int(client.get("/api/quotes", params=params).json()["total"])


@pytest.mark.parametrize("uploads", [45])
def test_jobs_reads_answer_while_uploads_wait(make_client: Client, stalled_pipeline: Stall, uploads: int) -> None:
    # Issue 13: about 40 uploads waiting behind the write lock used up the worker threads, and every
    # page on one (/, /articles/N, /speakers, the CSV) hung until they were done.
    client = make_client(learned=False, max_queue=uploads + 5, upload_wait=SETTLE_TIMEOUT_S)
    with ThreadPoolExecutor(uploads + len(READS)) as pool:
        posts = [pool.submit(post, client, (f"n{i}.txt", note(i))) for i in range(uploads)]
        wait_until(lambda: in_flight(client) == uploads)  # every upload received, its request still waiting
        reads = {url: pool.submit(client.get, url) for url in READS}
        for url, future in reads.items():
            assert future.result(timeout=READ_TIMEOUT_S).status_code == 200, url
        assert not any(each.done() for each in posts), "the uploads were answered before the reads were checked"
        stalled_pipeline.release.set()
        answers = [each.result(timeout=SETTLE_TIMEOUT_S) for each in posts]
    assert {answer.status_code for answer in answers} <= {200, 202}
    wait_until(lambda: in_flight(client) == 0)
    assert total(client, q="pier") == uploads


@pytest.mark.parametrize("max_queue", [2])
def test_jobs_full_queue_is_503_with_retry_after(make_client: Client, stalled_pipeline: Stall, max_queue: int) -> None:
    client = make_client(learned=False, max_queue=max_queue, upload_wait=0)
    accepted = [post(client, (f"n{i}.txt", note(i))) for i in range(max_queue)]
    assert [answer.status_code for answer in accepted] == [202] * max_queue
    late = b"Mayor Ada Quist said the refused upload must never be stored.\n"

    refused = post(client, ("late.txt", late))
    assert refused.status_code == 503
    assert refused.json() == {"error": refused.json()["error"], "field": None, "status": 503}
    assert "queue" in refused.json()["error"]
    assert int(refused.headers["retry-after"]) > 0
    page = post(client, ("late.txt", late), url="/upload")
    assert page.status_code == 503 and int(page.headers["retry-after"]) > 0
    assert "queue" in page.text and 'name="files"' in page.text

    stalled_pipeline.release.set()
    for answer in accepted:
        assert follow(client, answer.json()["job"])["status"] == "done"
    assert total(client, q="refused") == 0
    assert post(client, ("late.txt", late)).status_code == 202, "a slot is free again once the queue drains"


@pytest.mark.parametrize("data", [b"Mayor Ada Quist said the ferry would run again.\n" * 1000])
def test_jobs_uploads_wait_on_disk_not_in_memory(web_db: Path, stalled_pipeline: Stall, data: bytes) -> None:
    with TestClient(create_app(web_db, **{**TEST_OPTIONS, "learned": False, "upload_wait": 0})) as client:
        queue = client.app.state.jobs  # type: ignore[attr-defined]
        post(client, ("first.txt", note(1)))
        job = queue.get(post(client, ("ferry.txt", data)).json()["job"])
        assert job.status == "queued"
        paths = [Path(file.path) for file in job.files]
        assert [path.read_bytes() for path in paths] == [data]
        assert all(path.is_relative_to(queue.spool) for path in paths)
        assert not [name for name, value in vars(job).items() if isinstance(value, (bytes, bytearray))]
        stalled_pipeline.release.set()
        assert follow(client, job.id)["status"] == "done"
        assert not any(path.exists() for path in paths), "a job's files go once it has run"
        spool = queue.spool
        assert spool.is_dir()
    assert not spool.exists(), "the spool directory goes when the server stops"


def test_jobs_progress_route_follows_a_job(make_client: Client, stalled_pipeline: Stall) -> None:
    client = make_client(learned=False, upload_wait=0)
    first = post(client, ("first.txt", note(1)))
    assert first.status_code == 202
    body = first.json()
    assert set(body) >= {"job", "status", "position", "progress"}
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", body["job"]), "job ids are long random tokens"
    assert body["progress"] == f"/api/jobs/{body['job']}"
    stalled_pipeline.entered.wait(READ_TIMEOUT_S)
    assert client.get(body["progress"]).json()["status"] == "running"

    second = post(client, ("second.txt", note(2)), ("third.txt", note(3))).json()
    assert second["job"] != body["job"]
    state = client.get(second["progress"]).json()
    assert (state["status"], state["position"], state["files"], state["result"]) == ("queued", 1, 2, None)

    stalled_pipeline.release.set()
    done = follow(client, second["job"])
    assert (done["status"], done["position"], done["error"]) == ("done", None, None)
    result = done["result"]
    assert (result["new"], result["unchanged"], result["failed"]) == (2, 0, 0)
    assert [doc["file"] for doc in result["documents"]] == ["second.txt", "third.txt"]
    article = client.get(f"/api/articles/{result['documents'][0]['article_id']}").json()
    assert "pier 2" in article["text"]


@pytest.mark.parametrize("job", ["no-such-job", "x" * 22])
def test_jobs_unknown_job_is_404(make_client: Client, job: str) -> None:
    client = make_client()
    response = client.get(f"/api/jobs/{job}")
    assert (response.status_code, response.json()["status"]) == (404, 404)
    assert client.get(f"/upload/jobs/{job}").status_code == 404


def test_jobs_upload_page_follows_a_queued_job(make_client: Client, stalled_pipeline: Stall) -> None:
    client = make_client(learned=False, upload_wait=0)
    answer = post(client, ("pier.txt", note(7)), url="/upload", follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert re.fullmatch(r"/upload/jobs/[A-Za-z0-9_-]{22,}", location)
    waiting = client.get(location)
    assert waiting.status_code == 200
    assert 'http-equiv="refresh"' in waiting.text and "pier.txt" in waiting.text

    stalled_pipeline.release.set()
    wait_until(lambda: "1 new" in client.get(location).text)
    done = client.get(location).text
    assert 'http-equiv="refresh"' not in done
    assert re.search(r'<a href="/articles/\d+">', done)


def test_jobs_small_upload_page_shows_results_at_once(make_client: Client) -> None:
    answer = post(make_client(learned=False), ("pier.txt", note(8)), url="/upload", follow_redirects=False)
    assert answer.status_code == 200 and "1 new" in answer.text


def test_jobs_failed_job_is_reported_and_the_next_one_runs(
    make_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onrecord.web import upload

    client = make_client(learned=False, upload_wait=0)
    real = upload._documents

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the pipeline broke")

    monkeypatch.setattr(upload, "_documents", broken)
    failed = follow(client, post(client, ("a.txt", note(1))).json()["job"])
    assert failed["status"] == "failed" and "broke" in failed["error"] and failed["result"] is None
    monkeypatch.setattr(upload, "_documents", real)
    assert follow(client, post(client, ("b.txt", note(2))).json()["job"])["status"] == "done"


@pytest.mark.parametrize("keep", [2])
def test_jobs_finished_jobs_are_kept_bounded(make_client: Client, monkeypatch: pytest.MonkeyPatch, keep: int) -> None:
    from onrecord.web import jobs

    monkeypatch.setattr(jobs, "KEEP_FINISHED", keep)
    client = make_client(learned=False, upload_wait=0)
    ids = [follow(client, post(client, (f"n{i}.txt", note(i))).json()["job"])["job"] for i in range(keep + 1)]
    assert client.get(f"/api/jobs/{ids[0]}").status_code == 404
    assert [client.get(f"/api/jobs/{job}").status_code for job in ids[1:]] == [200] * keep


@pytest.mark.slow
def test_jobs_worker_process_ingests(make_client: Client) -> None:
    # The default worker: a child process runs the pipeline, so the server's own threads never do.
    client = make_client(learned=False, upload_worker="process")
    answer = post(client, ("pier.txt", note(9)))
    assert answer.status_code == 200, answer.text
    assert answer.json()["new"] == 1
    assert total(client, q="pier") == 1


@pytest.mark.slow
@pytest.mark.parametrize("articles", [150])
def test_jobs_worker_process_death_fails_only_its_job(make_client: Client, articles: int) -> None:
    import json
    import os
    import signal

    client = make_client(learned=False, upload_worker="process", upload_wait=0)
    lines = [json.dumps({"id": f"p{i}", "text": note(i).decode() * 20}) for i in range(articles)]
    job = post(client, ("feed.jsonl", "\n".join(lines).encode())).json()["job"]
    worker = client.app.state.jobs._process  # type: ignore[attr-defined]
    wait_until(lambda: worker._child is not None and worker._child.is_alive())
    os.kill(worker._child.pid, signal.SIGKILL)  # as the kernel's OOM killer would
    failed = follow(client, job)
    assert failed["status"] == "failed" and "worker process stopped" in failed["error"]
    assert follow(client, post(client, ("pier.txt", note(articles + 1))).json()["job"])["status"] == "done"


@pytest.mark.parametrize(("grace", "pause"), [(0.2, 0.5)])
def test_jobs_upload_that_trickles_is_408_and_frees_its_slot(
    make_client: Client, monkeypatch: pytest.MonkeyPatch, grace: float, pause: float
) -> None:
    """A client sending a byte now and then (slowloris) must not hold one of the queue's few slots for hours."""
    monkeypatch.setattr(upload, "RECEIVE_GRACE_S", grace)
    client = make_client(learned=False, max_queue=1, upload_wait=0)
    boundary = "b0undary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="slow.txt"\r\n'
            "Content-Type: text/plain\r\n\r\nThe mayor said ").encode()
    tail = f" the road was closed.\r\n--{boundary}--\r\n".encode()

    def trickle() -> Iterator[bytes]:
        yield head
        time.sleep(pause)
        yield tail

    headers = {"content-type": f"multipart/form-data; boundary={boundary}", "content-length": str(len(head + tail))}
    slow = client.post("/api/ingest", content=trickle(), headers=headers)
    assert slow.status_code == 408, slow.text
    assert slow.json()["status"] == 408 and "too slowly" in slow.json()["error"]
    assert post(client, ("n0.txt", note(0))).status_code in (200, 202), "the one slot is free again"
