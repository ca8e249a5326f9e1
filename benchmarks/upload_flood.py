"""Upload flood: do pages keep answering while uploads pour in, and does the server's memory stay bounded?

Starts the real server (`python -m onrecord serve`, uploads allowed) on a temporary copy of a store
seeded with the sample corpus (examples/corpus), then at once sends one large upload (50 JSON Lines
files of 4.9 MB, the issue's "50 files of 4.9 MB"; --large 5 sends five, its memory case) and 45
small ones (one short article each), while probing `/`, `/articles/1`, `/speakers`, `/api/quotes` and `/api/quotes.csv` every
100 ms until --seconds after the uploads were sent. Prints each probe's p50/p95/max latency and how
many took over 2 s, how the uploads were answered (200 done at once, 202 queued, 503 refused, or not
within the run), and the memory of the server and of its worker process (VmRSS sampled every 100 ms,
and VmHWM), with PASS when every probe answered within 2 s.

    .venv/bin/python benchmarks/upload_flood.py                      # 1 large (50 x 4.9 MB) + 45 small, 30 s
    .venv/bin/python benchmarks/upload_flood.py --large-files 5 --seconds 10 --json

The uploads are sent from a separate process, so that building and sending 245 MB does not delay
the probes' own clock. The client shares the machine's cores with the server; the worker process
keeps attributing long after the run ends, and is stopped with the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
PROBES = ["/", "/articles/1", "/speakers", "/api/quotes", "/api/quotes.csv"]
TARGET_MAX_S = 2.0
READY_TIMEOUT_S = 60.0
PROBE_TIMEOUT_S = 30.0
UPLOAD_TIMEOUT_S = 600.0


class BenchError(Exception):
    """A server that will not start or a store that cannot be seeded; reported as one line."""


@dataclass(frozen=True)
class Flood:
    """What to send: `large` uploads of `large_files` files of `large_bytes` each, and `small` one-article uploads."""

    large: int
    large_files: int
    large_bytes: int
    small: int


def corpus_texts(corpus: Path = CORPUS) -> list[str]:
    """The sample articles' texts (the .txt files), the material every uploaded document is made of."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(corpus.glob("*.txt"))]
    if not texts:
        raise BenchError(f"{corpus}: no .txt articles to build uploads from")
    return texts


def jsonl_of_size(texts: list[str], size: int, tag: str) -> bytes:
    """A JSON Lines file of at most `size` bytes (and within one article of it): the articles in turn, each
    with an id and a last line of its own, so that every document is new to the store."""
    lines, total, i = [], 0, 0
    while True:
        line = json.dumps({"id": f"{tag}-{i}", "text": f"{texts[i % len(texts)]}\n\nFlood reference {tag}-{i}."})
        if total + len(line) + 1 > size:
            break
        lines.append(line)
        total += len(line) + 1
        i += 1
    return "".join(line + "\n" for line in lines).encode()


def small_article(texts: list[str], i: int) -> bytes:
    """One short article of its own for small upload i."""
    return f"{texts[i % len(texts)]}\n\nFlood note {i}.\n".encode()


def percentile(ordered: list[float], p: float) -> float:
    """The nearest-rank p-th percentile of an ascending list; 0 for an empty one."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0


def summarize_probe(latencies_s: list[float], errors: int) -> dict[str, Any]:
    """Requests, p50/p95/max in ms, how many took over the target, and errors, of one probed URL."""
    ordered = sorted(latencies_s)
    return {
        "requests": len(ordered),
        "p50_ms": round(percentile(ordered, 50) * 1000, 1),
        "p95_ms": round(percentile(ordered, 95) * 1000, 1),
        "max_ms": round((ordered[-1] if ordered else 0.0) * 1000, 1),
        "over_target": sum(1 for x in ordered if x > TARGET_MAX_S),
        "errors": errors,
    }


def tally_uploads(statuses: list[int | str]) -> dict[str, int]:
    """How the uploads were answered: done at once (200), queued (202), refused (503), not answered in the
    run ("unanswered"), anything else (another status, or a client error's name)."""
    counts = Counter(statuses)
    named = {"done_200": counts.pop(200, 0), "queued_202": counts.pop(202, 0), "refused_503": counts.pop(503, 0),
             "unanswered": counts.pop("unanswered", 0)}
    return {**named, "other": sum(counts.values())}


def vm_kib(status_text: str, field: str) -> int:
    """A `VmRSS`/`VmHWM` figure in KiB from the text of /proc/PID/status; 0 when absent."""
    match = re.search(rf"^{field}:\s+(\d+) kB", status_text, re.M)
    return int(match.group(1)) if match else 0


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants (the server, its worker process, the resource tracker)."""
    found, todo = [], [pid]
    while todo:
        each = todo.pop()
        found.append(each)
        # Children are listed under the thread that started them: the worker process under the queue's thread.
        for children in Path(f"/proc/{each}/task").glob("*/children"):
            try:
                todo += [int(child) for child in children.read_text().split()]
            except OSError:
                continue
    return found


def memory_kib(pid: int, field: str) -> dict[int, int]:
    """`field` of every live process of the tree, by pid."""
    result = {}
    for each in process_tree(pid):
        try:
            result[each] = vm_kib(Path(f"/proc/{each}/status").read_text(), field)
        except OSError:
            continue
    return result


class MemorySampler:
    """Samples the tree's summed VmRSS every 100 ms in a thread, keeping the peak and each process's last HWM."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_sum_kib = 0
        self.hwm_kib: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.sample()

    def sample(self) -> None:
        self.peak_sum_kib = max(self.peak_sum_kib, sum(memory_kib(self.pid, "VmRSS").values()))
        self.hwm_kib.update(memory_kib(self.pid, "VmHWM"))

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed_store(db: Path) -> None:
    """The sample corpus through `onrecord ingest --rules-only` (the probes need pages, not the best quotes)."""
    command = [sys.executable, "-m", "onrecord", "ingest", "--rules-only", "--db", str(db), str(CORPUS)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"seeding the store failed: {done.stderr.strip()[-500:]}")


@contextmanager
def serve(db: Path, args: argparse.Namespace) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`onrecord serve` over db on a free port, in its own process group; stopped whatever happens."""
    port = free_port()
    command = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port)]
    command += ["--rules-only"] if args.rules_only else []
    command += ["--max-queue", str(args.max_queue)] if args.max_queue else []
    command += ["--upload-wait", str(args.upload_wait)] if args.upload_wait is not None else []
    proc = subprocess.Popen(command, cwd=ROOT, stdout=sys.stderr, stderr=sys.stderr, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(proc, url)
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def wait_ready(proc: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the server exited with status {proc.returncode} before answering; its error is above")
        try:
            if httpx.get(f"{url}/api/quotes", params={"limit": "1"}, timeout=2.0, trust_env=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise BenchError(f"the server did not answer within {READY_TIMEOUT_S:.0f} s")


def write_uploads(directory: Path, flood: Flood) -> tuple[list[Path], list[Path]]:
    """The large upload's files and the small uploads' files, written to `directory` (sent from disk, streamed)."""
    texts = corpus_texts()
    large = []
    for f in range(flood.large_files):
        path = directory / f"large-{f}.jsonl"
        path.write_bytes(jsonl_of_size(texts, flood.large_bytes, f"large{f}"))
        large.append(path)
    small = []
    for i in range(flood.small):
        path = directory / f"small-{i}.txt"
        path.write_bytes(small_article(texts, i))
        small.append(path)
    return large, small


async def _send(client: httpx.AsyncClient, url: str, index: int, paths: list[Path], answers: Any) -> None:
    """POST the files as one upload and put (index, status, seconds) on `answers` when it is answered."""
    handles = [path.open("rb") for path in paths]
    start = time.perf_counter()
    try:
        parts = [("files", (path.name, handle, "text/plain")) for path, handle in zip(paths, handles)]
        status: int | str = (await client.post(f"{url}/api/ingest", files=parts)).status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    finally:
        for handle in handles:
            handle.close()
    answers.put((index, status, time.perf_counter() - start))


async def _send_all(url: str, uploads: list[list[Path]], answers: Any) -> None:
    limits = httpx.Limits(max_connections=len(uploads) + 1)
    async with httpx.AsyncClient(timeout=UPLOAD_TIMEOUT_S, trust_env=False, limits=limits) as client:
        first = asyncio.create_task(_send(client, url, 0, uploads[0], answers))
        await asyncio.sleep(0.05)  # the first (large) upload asks for its place in the queue first
        await asyncio.gather(first, *(_send(client, url, i, paths, answers) for i, paths in enumerate(uploads) if i))


def send_uploads(url: str, uploads: list[list[Path]], answers: Any) -> None:
    """In a child process: send every upload at once, each answer put on `answers` as it comes."""
    asyncio.run(_send_all(url, uploads, answers))


def collect_answers(answers: Any, count: int, deadline: float) -> dict[int, tuple[int | str, float]]:
    """The (status, seconds) of each upload answered before `deadline` (time.monotonic), by index."""
    got: dict[int, tuple[int | str, float]] = {}
    while len(got) < count and (left := deadline - time.monotonic()) > 0:
        try:
            index, status, took = answers.get(True, left)
        except queue.Empty:
            break
        got[index] = (status, took)
    return got


async def probe(url: str, path: str, until: list[float], interval: float) -> tuple[list[float], int]:
    """GET url+path every `interval` s (or as soon as the last answered, if slower) until until[0]."""
    latencies, errors = [], 0
    async with httpx.AsyncClient(timeout=PROBE_TIMEOUT_S, trust_env=False) as client:
        while time.monotonic() < until[0]:
            start = time.perf_counter()
            try:
                response = await client.get(url + path)
                errors += response.status_code != 200
            except httpx.HTTPError:
                errors += 1
            took = time.perf_counter() - start
            latencies.append(took)
            await asyncio.sleep(max(0.0, interval - took))
    return latencies, errors


async def flood_and_probe(url: str, files: tuple[list[Path], list[Path]], args: argparse.Namespace) -> dict[str, Any]:
    """Probe every page from 1 s before the uploads are sent until --seconds after; the uploads not
    answered by then count as unanswered (a server that holds requests)."""
    until = [math.inf]
    probes = [asyncio.create_task(probe(url, path, until, args.interval)) for path in PROBES]
    await asyncio.sleep(1.0)  # a baseline before the flood
    large, small = files
    uploads = [large] * args.large * bool(large) + [[path] for path in small]
    context = multiprocessing.get_context("spawn")
    answers = context.Queue()
    sender = context.Process(target=send_uploads, args=(url, uploads, answers), daemon=True)
    sent_at = time.monotonic()
    until[0] = sent_at + args.seconds
    sender.start()
    got = await asyncio.to_thread(collect_answers, answers, len(uploads), until[0])
    results = await asyncio.gather(*probes)
    sender.terminate()
    sender.join()
    statuses = [got[i][0] if i in got else "unanswered" for i in range(len(uploads))]
    return {
        "probes": {path: summarize_probe(*result) for path, result in zip(PROBES, results)},
        "uploads": {
            **tally_uploads(statuses),
                "large": {"status": statuses[0], "answered_s": round(got[0][1], 1) if 0 in got else None} if large else None,
            "slowest_answer_s": round(max((took for _, took in got.values()), default=0.0), 1),
        },
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    flood = Flood(args.large, args.large_files, args.large_bytes, args.small)
    with tempfile.TemporaryDirectory(prefix="upload-flood-") as tmp:
        work = Path(tmp)
        db = work / "flood.db"
        if args.db:
            shutil.copyfile(args.db, db)
        else:
            seed_store(db)
        files = write_uploads(work, flood)
        with serve(db, args) as (url, proc):
            before = sum(memory_kib(proc.pid, "VmRSS").values())
            with MemorySampler(proc.pid) as memory:
                measured = asyncio.run(flood_and_probe(url, files, args))
            tree = process_tree(proc.pid)
    server_hwm = memory.hwm_kib.get(proc.pid, 0)
    others = [kib for pid, kib in memory.hwm_kib.items() if pid != proc.pid]
    mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
    return {
        "flood": {"large": flood.large, "large_files": flood.large_files, "large_bytes": flood.large_bytes, "small": flood.small,
                  "seconds": args.seconds, "interval_s": args.interval, "cpus": os.cpu_count()},
        "server": {"max_queue": args.max_queue, "upload_wait": args.upload_wait, "rules_only": args.rules_only,
                   "processes": len(tree)},
        "memory_mib": {"before": mib(before), "peak_rss_sum": mib(memory.peak_sum_kib), "server_hwm": mib(server_hwm),
                       "children_hwm": [mib(kib) for kib in sorted(others, reverse=True)]},
        **measured,
        "pass": all(p["over_target"] == 0 and p["errors"] == 0 for p in measured["probes"].values()),
    }


def render(result: dict[str, Any]) -> str:
    f, u, m = result["flood"], result["uploads"], result["memory_mib"]
    lines = [
        f"flood: {f['large']} upload(s) of {f['large_files']} files x {f['large_bytes']:,} bytes and {f['small']} uploads of one "
        f"short article, sent at once; probes every {f['interval_s'] * 1000:.0f} ms for {f['seconds']} s; {f['cpus']} CPUs",
        "",
        f"{'probe':18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'> 2 s':>7}{'errors':>8}",
    ]
    for path, p in result["probes"].items():
        lines.append(f"{path:18}{p['requests']:>9}{p['p50_ms']:>9.1f}{p['p95_ms']:>9.1f}{p['max_ms']:>9.1f}"
                     f"{p['over_target']:>7}{p['errors']:>8}")
    lines += [
        "",
        f"uploads: {u['done_200']} done at once (200), {u['queued_202']} queued (202), {u['refused_503']} refused "
        f"(503), {u['unanswered']} unanswered after {f['seconds']:.0f} s, {u['other']} other; slowest answer "
        f"{u['slowest_answer_s']} s" + (f"; the first large one: {u['large']['status']}" if u["large"] else ""),
        f"memory MiB: server and children {m['before']} before; peak {m['peak_rss_sum']} (sum of VmRSS, sampled); "
        f"VmHWM server {m['server_hwm']}, children {', '.join(str(x) for x in m['children_hwm']) or '-'}",
        "",
        f"PASS: every probe answered within {TARGET_MAX_S:.0f} s" if result["pass"]
        else f"FAIL: a probe took over {TARGET_MAX_S:.0f} s or failed",
    ]
    return "\n".join(lines)


def positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(
            "Flood a real `onrecord serve` with large and small uploads at once while probing its pages every "
            "100 ms; print each probe's latency, how the uploads were answered and the server's memory. PASS when "
            f"every probe answered within {TARGET_MAX_S:.0f} s. Example: .venv/bin/python benchmarks/upload_flood.py "
            "--large-files 5 --seconds 10"
        )
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help="a store to copy and serve (default: the sample corpus)")
    parser.add_argument("--large", type=positive, default=1, metavar="N",
                        help="large uploads, sent first (default 1; the issue's memory case: 5)")
    parser.add_argument("--large-files", type=positive, default=50, metavar="N", help="files in the large upload (default 50)")
    parser.add_argument("--large-bytes", type=positive, default=4_900_000, metavar="B",
                        help="bytes of each of its files (default 4900000)")
    parser.add_argument("--small", type=positive, default=45, metavar="N", help="small uploads, one article each (default 45)")
    parser.add_argument("--seconds", type=float, default=30.0, metavar="S",
                        help="probe this long after sending the uploads; later answers count as unanswered (default 30)")
    parser.add_argument("--interval", type=float, default=0.1, metavar="S", help="between probes of one URL (default 0.1)")
    parser.add_argument("--max-queue", type=positive, metavar="N", help="the server's --max-queue (default: its own)")
    parser.add_argument("--upload-wait", type=float, metavar="S", help="the server's --upload-wait (default: its own)")
    parser.add_argument("--rules-only", action="store_true", help="serve with --rules-only (the default is learned)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except BenchError as exc:
        print(f"upload_flood.py: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("upload_flood.py: interrupted; the server is stopped", file=sys.stderr)
        return 130
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
