"""The busy-core benchmark script starts and documents itself; its summary is right; no timing runs here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "busy_core.py"
sys.path.insert(0, str(SCRIPT.parent))
import busy_core  # noqa: E402

sys.path.remove(str(SCRIPT.parent))


def test_busy_core_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "--rounds" in proc.stdout and "busy" in proc.stdout


@pytest.mark.parametrize(("turn", "expected"), [(0, ["a", "b"]), (1, ["b", "a"]), (2, ["a", "b"])])
def test_busy_core_rotates_the_order_each_round(turn: int, expected: list[str]) -> None:
    assert busy_core.rotated(["a", "b"], turn) == expected


def test_busy_core_summary_takes_medians_and_the_slowdown() -> None:
    times = {"one": {"quiet": [3.0, 1.0, 2.0], "busy": [4.0, 6.0, 5.0]}}
    row = busy_core.summary(times, 8)["configs"]["one"]  # type: ignore[index]
    assert (row["quiet_s"], row["busy_s"], row["busy_over_quiet"]) == (2.0, 5.0, 2.5)

