"""The throughput benchmark script starts and documents itself; no timing runs in the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "throughput.py"


def test_throughput_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "--n-process" in proc.stdout


def _side(name: str, run_s: float, docs: int = 10) -> dict[str, object]:
    return {
        "side": name, "versions": "v", "texts": 3, "docs": docs, "load_s": 1.0, "read_s": 0.1, "run_s": run_s,
        "docs_per_s": round(docs / run_s, 2), "found": 1, "errors": 0,
        "peak_rss_main_mib": 1.0, "peak_rss_worker_mib": 1.0,
    }


def test_summary_reports_each_sides_median_round_and_the_ratio_of_medians() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import throughput
    finally:
        sys.path.remove(str(SCRIPT.parent))
    args = throughput.parse_args(["--rounds", "3"])
    rounds = [
        {"onrecord": _side("onrecord", 5.0), "rules": _side("rules", 4.0), "baseline": _side("baseline", 10.0)},
        {"onrecord": _side("onrecord", 9.0), "rules": _side("rules", 2.0), "baseline": _side("baseline", 4.0)},
        {"onrecord": _side("onrecord", 2.0), "rules": _side("rules", 3.0), "baseline": _side("baseline", 5.0)},
    ]
    result = throughput.summary(args, rounds)
    assert [result[n]["run_s"] for n in ("onrecord", "rules", "baseline")] == [5.0, 3.0, 5.0]
    assert result["ratio_onrecord_over_baseline"] == 1.0
    assert result["ratio_onrecord_over_baseline_per_round"] == [2.0, 0.44, 2.5]
    assert result["run_s_per_round"]["baseline"] == [10.0, 4.0, 5.0]
    assert "median round" in throughput.render(result)


def test_rounds_must_be_positive() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--rounds", "0"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "--rounds" in proc.stderr
