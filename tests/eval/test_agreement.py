"""Issue 3, acceptance 2: `onrecord eval` and the shared reference scorer agree on PolNeAR dev."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.eval import evaluate_polnear, report

pytestmark = pytest.mark.slow
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "attr_eval.py"


def _as_reference_input(ranges: list[tuple[int, int]]) -> list[list[int]] | None:
    return [list(r) for r in ranges] or None


def test_eval_agrees_with_reference_scorer_on_dev(polnear_dir: Path, tmp_path: Path) -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"reference scorer not found at {REFERENCE}")
    scores, failures = evaluate_polnear(polnear_dir, "dev")
    assert not failures
    predictions = tmp_path / "pred.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for doc in scores.docs:
            quotes = [
                {"source": _as_reference_input(p.source), "cue": _as_reference_input(p.cue), "content": [list(r) for r in p.content]}
                for p in doc.predicted
            ]
            out.write(json.dumps({"id": doc.id, "quotes": quotes}) + "\n")
    ran = subprocess.run(
        [sys.executable, str(REFERENCE), str(polnear_dir / "dev"), str(predictions)],
        capture_output=True, text=True, check=True,
    )
    assert ran.stdout.splitlines() == report.score_lines(scores)
    assert sum(len(d.predicted) for d in scores.docs) > 0
