"""API load: how fast the JSON API answers /api/quotes over a large store, under concurrent clients.

Builds (once, then reuses) a store of synthetic quotes written through onrecord's own write path,
so the schema, the FTS5 index and its triggers are the real ones; starts the real server
(`uvicorn --factory onrecord.web:app_from_env`, read-only) on loopback; drives /api/quotes with
full-text and speaker queries from concurrent clients for a fixed time after a warm-up; prints
requests/s, p50/p95/p99/max latency and errors per query type, and PASS/FAIL against the target
(p95 under 100 ms, no errors).

    .venv/bin/python benchmarks/api_load.py                        # 200,000 quotes, 16 clients, 30 s
    .venv/bin/python benchmarks/api_load.py --quotes 20000 --seconds 5 --json

Client and server share the machine's cores: the load generator's own CPU time is reported so a
saturated client can be told from a slow server.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import math
import os
import random
import re
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_store import COMMON, VOCAB_SIZE, SynthConfig, default_db_path, ensure_store, store_facts, vocabulary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 100.0
TARGET_ERRORS = 0
QUERY_RANKS = (100, VOCAB_SIZE)
"""Full-text query words are drawn log-uniformly from these frequency ranks: at 200,000 quotes a
word of rank r is in about 730,000 / r quotes, so queries hit from about 90 to 7,000 rows."""
QUERY_POOL_SIZE = 4000
REQUEST_TIMEOUT_S = 10.0
READY_TIMEOUT_S = 30.0
PAGE_LIMIT = "20"


NOTES = (
    "latency: client-side, request sent to body read. app ms: the server's own time to the start of its response "
    "(its Server-Timing header): the rest of the latency is queueing for the server and the client's own work. "
    "med.total: the median of the answers' `total` (rows matched); empty: answers that matched nothing."
)


class BenchError(Exception):
    """A missing server, a server that will not start, or a bad store; reported as one line."""


@dataclass(frozen=True)
class Query:
    """One request's query: its type ("full_text" or "speaker") and its /api/quotes parameters."""

    kind: str
    params: dict[str, str]


@dataclass
class Tally:
    """What the clients saw during the measured period, per query type."""

    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {"full_text": [], "speaker": []})
    errors: dict[str, int] = field(default_factory=lambda: {"full_text": 0, "speaker": 0})
    totals: dict[str, list[int]] = field(default_factory=lambda: {"full_text": [], "speaker": []})
    app_ms: dict[str, list[float]] = field(default_factory=lambda: {"full_text": [], "speaker": []})
    error_examples: list[str] = field(default_factory=list)


def log_uniform_word(rng: random.Random) -> str:
    """A vocabulary word whose frequency rank is drawn log-uniformly from QUERY_RANKS."""
    low, high = QUERY_RANKS
    return vocabulary()[int(math.exp(rng.uniform(math.log(low), math.log(high)))) - 1]


def content_bigrams(text: str) -> list[str]:
    """Adjacent word pairs of a text in which neither word is a common one (all its pairs if none is)."""
    words = re.findall(r"[^\W_]+", text.lower())
    pairs = list(zip(words, words[1:]))
    content = [p for p in pairs if not COMMON.intersection(p)]
    return [f"{a} {b}" for a, b in content or pairs]


def full_text_query(rng: random.Random, sample_texts: list[str]) -> str:
    """A search as users type it: one word (60%), a two-word "phrase" from a stored quote (20%), or a prefix* (20%)."""
    roll = rng.random()
    if roll < 0.6:
        return log_uniform_word(rng)
    if roll < 0.8:
        return f'"{rng.choice(content_bigrams(rng.choice(sample_texts)))}"'
    word = log_uniform_word(rng)
    return word[: rng.randint(4, 6)] + "*"


def speaker_query(rng: random.Random, speakers: list[tuple[str, str]]) -> str:
    """A speaker as users type one: a person's surname or full name, an organization's name."""
    name, kind = rng.choice(speakers)
    return name.split()[-1] if kind == "person" and rng.random() < 0.5 else name


def query_pool(db: Path, seed: int, size: int = QUERY_POOL_SIZE) -> list[Query]:
    """Half full-text and half speaker queries, drawn from the store's own speakers and quote texts."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        speakers = [(str(n), str(t)) for n, t in conn.execute("SELECT name, type FROM speakers ORDER BY id")]
        max_id = conn.execute("SELECT max(id) FROM quotes").fetchone()[0] or 0
        ids = [rng.randint(1, max_id) for _ in range(500)] if max_id else []
        marks = ", ".join("?" for _ in ids)
        texts = [str(t) for (t,) in conn.execute(f"SELECT text FROM quotes WHERE id IN ({marks})", ids)]
    finally:
        conn.close()
    if not speakers or not texts:
        raise BenchError(f"{db}: no speakers or no quotes to query for")
    pool = [Query("full_text", {"q": full_text_query(rng, texts), "limit": PAGE_LIMIT}) for _ in range(size // 2)]
    pool += [Query("speaker", {"speaker": speaker_query(rng, speakers), "limit": PAGE_LIMIT}) for _ in range(size // 2)]
    return pool


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(port: int, workers: int) -> list[str]:
    """The uvicorn command line that serves the app the factory builds from the environment."""
    return [sys.executable, "-m", "uvicorn", "--factory", "onrecord.web:app_from_env", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning"]


def wait_ready(proc: subprocess.Popen[bytes], url: str) -> None:
    """Return once GET /api/quotes?limit=1 answers 200; BenchError if the server exits or times out."""
    deadline, last = time.monotonic() + READY_TIMEOUT_S, "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"the server exited with status {proc.returncode} before answering; its error is above")
        try:
            response = httpx.get(f"{url}/api/quotes", params={"limit": "1"}, timeout=2.0, trust_env=False)
            if response.status_code == 200:
                return
            last = f"status {response.status_code}: {response.text[:200]}"
        except httpx.TransportError as exc:
            last = repr(exc)
        time.sleep(0.2)
    raise BenchError(f"the server did not answer GET /api/quotes?limit=1 with 200 in {READY_TIMEOUT_S:.0f} s ({last})")


def peak_rss_mib(pid: int) -> list[float]:
    """VmHWM of the process and of each of its child processes (uvicorn's workers), in MiB."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    peaks = []
    for each in pids:
        status = Path(f"/proc/{each}/status")
        match = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.M) if status.exists() else None
        peaks += [round(int(match.group(1)) / 1024, 1)] if match else []
    return peaks


@contextmanager
def serve(db: Path, workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run the real server, read-only over db, in its own process group; stop it whatever happens."""
    if importlib.util.find_spec("onrecord.web") is None:
        raise BenchError("onrecord.web is not there: the API server (onrecord/web/__init__.py) is needed")
    port = free_port()
    env = {**os.environ, "ONRECORD_DB": str(db), "ONRECORD_READ_ONLY": "1"}
    command = server_command(port, workers)
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sys.stderr, start_new_session=True)
    try:
        wait_ready(proc, f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server's process group, killing it if it has not exited within 10 s."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def server_timing_ms(header: str) -> float | None:
    """The app's own time from a `Server-Timing: app;dur=<ms>` header, when the server sends one."""
    match = re.search(r"\bapp;dur=([0-9.]+)", header)
    return float(match.group(1)) if match else None


async def one_request(client: httpx.AsyncClient, query: Query, tally: Tally | None) -> None:
    """Send one query and record its latency, and its total or its error, in tally (None: warm-up)."""
    start = time.perf_counter()
    total, problem, app_ms = None, None, None
    try:
        response = await client.get("/api/quotes", params=query.params)
        app_ms = server_timing_ms(response.headers.get("server-timing", ""))
        if response.status_code == 200:
            total = int(response.json()["total"])
        else:
            problem = f"{query.params}: status {response.status_code}: {response.text[:200]}"
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        problem = f"{query.params}: {exc!r}"
    elapsed_ms = (time.perf_counter() - start) * 1000
    if tally is None:
        return
    tally.latencies_ms[query.kind].append(elapsed_ms)
    tally.app_ms[query.kind] += [app_ms] if app_ms is not None else []
    if problem is None and total is not None:
        tally.totals[query.kind].append(total)
    else:
        tally.errors[query.kind] += 1
        tally.error_examples += [str(problem)] if len(tally.error_examples) < 5 else []


async def client_loop(
    client: httpx.AsyncClient, pool: list[Query], seed: int, until: float, tally: Tally | None
) -> None:
    """One client: a query at a time, each sent as soon as the last is answered, until the deadline."""
    rng = random.Random(seed)
    while time.perf_counter() < until:
        await one_request(client, rng.choice(pool), tally)


async def drive(url: str, pool: list[Query], args: argparse.Namespace) -> tuple[Tally, float, float]:
    """Warm up, then load the server; return the tally, the measured seconds and this process's CPU seconds."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S, limits=limits, trust_env=False)
        for _ in range(args.clients)
    ]
    tally = Tally()
    try:
        warm_until = time.perf_counter() + args.warmup
        await asyncio.gather(*(client_loop(c, pool, args.seed + i, warm_until, None) for i, c in enumerate(clients)))
        cpu_start, start = cpu_seconds(), time.perf_counter()
        until = start + args.seconds
        await asyncio.gather(*(client_loop(c, pool, args.seed + 100 + i, until, tally) for i, c in enumerate(clients)))
        return tally, time.perf_counter() - start, cpu_seconds() - cpu_start
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(ordered: list[float], p: float) -> float:
    """The nearest-rank p-th percentile of an ascending list; 0 for an empty one."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0


def summarize(
    latencies_ms: list[float], errors: int, totals: list[int], app_ms: list[float], seconds: float
) -> dict[str, Any]:
    """Requests, rate, latency percentiles and errors of one query type.

    totals: the rows each answer matched; app_ms: the server's own times (Server-Timing), if it sent any.
    """
    ordered, hits, app = sorted(latencies_ms), sorted(totals), sorted(app_ms)
    return {
        "requests": len(ordered),
        "requests_per_s": round(len(ordered) / seconds, 1),
        **{f"p{p}_ms": round(percentile(ordered, p), 1) for p in (50, 95, 99)},
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "errors": errors,
        "median_total": int(percentile(hits, 50)),
        "empty_share": round(sum(1 for t in hits if t == 0) / len(hits), 3) if hits else 0.0,
        "app_p50_ms": round(percentile(app, 50), 1) if app else None,
        "app_p95_ms": round(percentile(app, 95), 1) if app else None,
    }


def results(tally: Tally, seconds: float) -> dict[str, Any]:
    """Per query type and overall summaries, and whether the overall one meets the target."""
    kinds = {
        k: summarize(tally.latencies_ms[k], tally.errors[k], tally.totals[k], tally.app_ms[k], seconds)
        for k in tally.latencies_ms
    }
    overall = summarize(
        [x for v in tally.latencies_ms.values() for x in v], sum(tally.errors.values()),
        [x for v in tally.totals.values() for x in v], [x for v in tally.app_ms.values() for x in v], seconds,
    )
    passed = overall["p95_ms"] < TARGET_P95_MS and overall["errors"] <= TARGET_ERRORS
    return {**kinds, "overall": overall, "pass": passed, "error_examples": tally.error_examples}


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build or reuse the store, serve it, load it, and gather everything the report prints."""
    config = SynthConfig(args.quotes, args.speakers, args.seed)
    db = args.db or default_db_path(config)
    build = ensure_store(db, config)
    store = {**store_facts(db), **build}
    pool = query_pool(db, args.seed)
    with serve(db, args.workers) as (url, proc):
        tally, seconds, client_cpu = asyncio.run(drive(url, pool, args))
        rss = peak_rss_mib(proc.pid)
    load = {"clients": args.clients, "seconds": round(seconds, 1), "warmup_s": args.warmup,
            "client_cpu_s": round(client_cpu, 1), "cpus": os.cpu_count()}
    server = {"command": "uvicorn --factory onrecord.web:app_from_env (ONRECORD_READ_ONLY=1)",
              "workers": args.workers, "peak_rss_mib": rss}
    target = {"p95_ms": TARGET_P95_MS, "errors": TARGET_ERRORS}
    return {"store": store, "server": server, "load": load, "target": target, **results(tally, seconds)}


def row(name: str, r: dict[str, Any]) -> str:
    """One query type's line of the table."""
    app = f"{r['app_p50_ms']:>7.1f}{r['app_p95_ms']:>7.1f}" if r["app_p50_ms"] is not None else f"{'-':>7}" * 2
    return (
        f"{name:<10}{r['requests']:>9}{r['requests_per_s']:>8.1f}{r['p50_ms']:>8.1f}{r['p95_ms']:>8.1f}"
        f"{r['p99_ms']:>8.1f}{r['max_ms']:>8.1f}{r['errors']:>7}{app}{r['median_total']:>10}{r['empty_share']:>7.1%}"
    )


def render(result: dict[str, Any]) -> str:
    """The human-readable report."""
    s, server, load, o = result["store"], result["server"], result["load"], result["overall"]
    built = f"built in {s['build_s']:.1f} s" if s["built_now"] else (
        f"reused, built earlier in {s['build_s']:.1f} s" if s["build_s"] is not None else "reused as it was")
    verdict = "PASS" if result["pass"] else "FAIL"
    lines = [
        f"store: {s['path']} ({built})",
        f"  {s['quotes']:,} quotes, {s['speakers']:,} speakers ({s['aliases']:,} aliases), {s['articles']:,} articles, "
        f"{s['outlets']} outlets, {s['first_published']} to {s['last_published']}, {s['size_mib']} MiB",
        f"server: {server['command']}, {server['workers']} worker(s); peak RSS (VmHWM) MiB, the server process "
        "then its children: " + ", ".join(f"{m:.0f}" for m in server["peak_rss_mib"]),
        f"load: {load['clients']} clients over loopback for {load['seconds']} s after a {load['warmup_s']} s warm-up; "
        f"load generator CPU {load['client_cpu_s']} s of {load['cpus']} CPUs shared with the server",
        "",
        "                                 latency ms                        app ms",
        "query      requests   req/s     p50     p95     p99     max errors    p50    p95 med.total  empty",
        row("full-text", result["full_text"]),
        row("speaker", result["speaker"]),
        row("overall", o),
        "",
        f"{verdict}: p95 {o['p95_ms']:.1f} ms (target < {TARGET_P95_MS:.0f} ms), "
        f"{o['errors']} errors (target {TARGET_ERRORS})",
    ]
    return "\n".join(lines + [f"  error: {e}" for e in result["error_examples"]] + ["", NOTES])


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=(
            "Load-test the JSON API: build (once) a store of synthetic quotes through onrecord's own write path, "
            "serve it read-only with uvicorn --factory onrecord.web:app_from_env on loopback, and drive "
            "/api/quotes with full-text (q=) and speaker (speaker=) queries, limit=20, from concurrent clients. "
            f"Prints requests/s, p50/p95/p99/max latency and errors per query type, and PASS when p95 < "
            f"{TARGET_P95_MS:.0f} ms with no errors. Example: .venv/bin/python benchmarks/api_load.py "
            "--quotes 20000 --seconds 5"
        )
    )
    parser.add_argument("--quotes", type=positive, default=200_000, metavar="N", help="quotes (default 200000)")
    parser.add_argument("--speakers", type=positive, default=3000, metavar="N", help="speaker roster (default 3000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthesis and of the query mix (default 1)")
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="store to use, built there if absent (default: a file in the temp dir named by "
                             "--quotes, --speakers and --seed); an existing file is used as it is")
    parser.add_argument("--clients", type=positive, default=16, metavar="N", help="concurrent clients (default 16)")
    parser.add_argument("--seconds", type=positive, default=30, metavar="S", help="measured duration (default 30)")
    parser.add_argument("--warmup", type=float, default=3.0, metavar="S", help="unmeasured warm-up first (default 3)")
    parser.add_argument("--workers", type=positive, default=1, metavar="N", help="uvicorn --workers (default 1)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    if args.warmup < 0:
        parser.error("--warmup must be 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; exit status 1 on a failure to run, not on a FAIL."""
    args = parse_args(argv)
    try:
        result = run(args)
    except BenchError as exc:
        print(f"api_load.py: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("api_load.py: interrupted; the server is stopped", file=sys.stderr)
        return 130
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
