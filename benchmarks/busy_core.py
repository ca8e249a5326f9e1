"""A busy core: `onrecord extract` on a quiet machine and with one core taken by another process,
with onrecord's one BLAS thread per process against the two numpy starts on its own.

Issue 13 measured a 30 KB article at 24.6 s instead of 3.7 s with the other core busy, because
numpy's OpenBLAS spins two threads against each other. onrecord now limits native thread pools to
one thread wherever its models load (onrecord/threads.py); `OPENBLAS_NUM_THREADS=2`, which
onrecord leaves alone, gives back the old behaviour, so both run from the same code in the same run.

Each run is `onrecord extract --jsonl` over the same PolNeAR dev texts in a fresh process (model
load included, as a user runs it). The busy core is a child process spinning in a loop. Runs go in
rounds, each round in a rotated order; each configuration is reported by its median round.

    .venv/bin/python benchmarks/busy_core.py              # 8 texts, 3 rounds
    .venv/bin/python benchmarks/busy_core.py --docs 20 --rounds 5 --json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "polnear"
ONRECORD = [sys.executable, "-m", "onrecord"]
CONFIGS: dict[str, dict[str, str]] = {
    "one BLAS thread (default)": {},
    "two BLAS threads (before)": {"OPENBLAS_NUM_THREADS": "2"},
}
SPIN = "while True: pass"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=8, metavar="N", help="PolNeAR dev texts to extract (default 8)")
    parser.add_argument("--rounds", type=int, default=3, metavar="R", help="rounds, each in a rotated order (default 3)")
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, metavar="DIR", help="PolNeAR directory with dev/text/")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser.parse_args(argv)


def texts(polnear: Path, count: int) -> list[Path]:
    found = sorted((polnear / "dev" / "text").glob("*.txt"))[:count]
    if len(found) < count:
        raise SystemExit(f"error: {polnear / 'dev' / 'text'}: fewer than {count} texts")
    return found


@contextmanager
def busy_core(busy: bool) -> Iterator[None]:
    """Another process keeping one core busy for the duration (nothing when `busy` is false)."""
    hog = subprocess.Popen([sys.executable, "-c", SPIN]) if busy else None
    try:
        yield
    finally:
        if hog is not None:
            hog.kill()
            hog.wait()


def run_once(paths: list[Path], env: dict[str, str]) -> float:
    """Seconds one `onrecord extract --jsonl` takes over the texts, in a fresh process."""
    clean = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "ONRECORD_THREADS")}
    started = time.perf_counter()
    subprocess.run([*ONRECORD, "extract", "--jsonl", *map(str, paths)], env={**clean, **env}, check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def rotated(items: list[str], turn: int) -> list[str]:
    return items[turn % len(items):] + items[: turn % len(items)]


def measure(paths: list[Path], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per round for each configuration, quiet and with a busy core."""
    times: dict[str, dict[str, list[float]]] = {name: {"quiet": [], "busy": []} for name in CONFIGS}
    for turn in range(rounds):
        for load in ("quiet", "busy"):
            for name in rotated(list(CONFIGS), turn):
                with busy_core(load == "busy"):
                    times[name][load].append(round(run_once(paths, CONFIGS[name]), 2))
    return times


def summary(times: dict[str, dict[str, list[float]]], docs: int) -> dict[str, object]:
    """Each configuration's median seconds, quiet and busy, its slowdown, and every round."""
    rows = {}
    for name, loads in times.items():
        quiet, busy = statistics.median(loads["quiet"]), statistics.median(loads["busy"])
        rows[name] = {"quiet_s": quiet, "busy_s": busy, "busy_over_quiet": round(busy / quiet, 2), "rounds": loads}
    return {"docs": docs, "cores": os.cpu_count(), "configs": rows}


def table(result: dict[str, object]) -> str:
    lines = [f"{result['docs']} PolNeAR dev texts, {result['cores']} cores; median of each configuration's rounds",
             f"{'configuration':<28} {'quiet s':>8} {'busy s':>8} {'busy/quiet':>10}   rounds (quiet | busy)"]
    for name, row in result["configs"].items():  # type: ignore[attr-defined]
        rounds = f"{row['rounds']['quiet']} | {row['rounds']['busy']}"
        lines.append(f"{name:<28} {row['quiet_s']:>8.2f} {row['busy_s']:>8.2f} {row['busy_over_quiet']:>10.2f}   {rounds}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    paths = texts(args.polnear, args.docs)
    result = summary(measure(paths, args.rounds), len(paths))
    print(json.dumps(result) if args.json else table(result))


if __name__ == "__main__":
    main()
