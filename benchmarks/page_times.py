"""Server time of every page and API route on the seed store: the web app's "no page over 200 ms" check.

Builds a store from ../shared/seeds with the default pipeline (or uses --db), then requests every
page the store has (search with and without a query, each speaker, each article, upload, the API
reference) and every API route, several times each, in process. The time is the app's own
`Server-Timing` header: from the request reaching the app to the start of its response.

    .venv/bin/python benchmarks/page_times.py
    .venv/bin/python benchmarks/page_times.py --db onrecord.db --repeat 20
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord.store import Store, queries  # noqa: E402
from onrecord.web import create_app  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_MS = 200.0
TIMING = re.compile(r"app;dur=([\d.]+)")


def build_seed_store(db: Path, seeds: Path) -> None:
    """Ingest the seeds in a child process, so the models' heap does not sit in the timed process."""
    subprocess.run([sys.executable, "-m", "onrecord", "ingest", "--db", str(db), str(seeds)], check=True)


def routes(db: Path) -> dict[str, list[str]]:
    """Every URL to time, grouped by the route it exercises."""
    with Store.open(db, create=False) as store:
        speakers = [s["id"] for s in queries.list_speakers(store.conn, limit=None)]
        articles = [row[0] for row in store.conn.execute("SELECT id FROM articles ORDER BY id")]
        first = queries.list_speakers(store.conn, limit=1)
    name = first[0]["name"].split()[-1] if first else "x"
    return {
        "page /": ["/"],
        "page /?q=": ["/?q=peacekeepers", "/?q=%22air+defense%22", "/?q=sanction*"],
        "page /?speaker=": [f"/?speaker={name}"],
        "page /speakers": ["/speakers"],
        "page /speakers/{id}": [f"/speakers/{i}" for i in speakers],
        "page /articles/{id}": [f"/articles/{i}" for i in articles],
        "page /upload": ["/upload"],
        "page /docs": ["/docs"],
        "api /api/quotes": ["/api/quotes", f"/api/quotes?speaker={name}&limit=100", "/api/quotes?q=peacekeepers"],
        "api /api/speakers": ["/api/speakers?limit=100"],
        "api /api/speakers/{id}": [f"/api/speakers/{i}" for i in speakers],
        "api /api/articles/{id}": [f"/api/articles/{i}" for i in articles],
    }


def time_routes(client: TestClient, groups: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    """The Server-Timing of each request, in ms, by group; raises if any request fails."""
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for group, urls in groups.items():
            for url in urls:
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
                match = TIMING.search(response.headers.get("server-timing", ""))
                if match is None:
                    raise SystemExit(f"{url}: no Server-Timing header")
                times[group].append(float(match.group(1)))
    return times


def report(times: dict[str, list[float]]) -> bool:
    print(f"\n{'route':26} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    for group, values in times.items():
        p95 = statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
        worst = max(worst, max(values))
        print(f"{group:26} {len(values):8} {statistics.median(values):10.1f} {p95:8.1f} {max(values):8.1f}")
    passed = worst < TARGET_MS
    print(f"\n{'PASS' if passed else 'FAIL'}: slowest request {worst:.1f} ms (target: every page under {TARGET_MS:.0f} ms)")
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="Example: .venv/bin/python benchmarks/page_times.py")
    parser.add_argument("--db", type=Path, help="an existing store to time (default: build one from ../shared/seeds)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the seed articles (default ../shared/seeds)")
    parser.add_argument("--repeat", type=int, default=10, help="requests per URL (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "seeds.db"
            build_seed_store(db, args.seeds)
        with TestClient(create_app(db, read_only=False), base_url="http://localhost") as client:
            client.get("/")
            passed = report(time_routes(client, routes(db), args.repeat))
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
