"""The labelled page set as a gate: on ../shared/realweb and the pages we wrote (benchmarks/written_pages),
the share of quotes shown that are labelled statements with the right speaker, and the share of labelled
statements found with the right speaker, may not fall below floors just under the figures reached
(2026-12-07, fifth session: 0.886 and 0.716 on 1058 statements, with the calibration fitted on these same
pages and its threshold chosen for precision, cross-validated 0.884 and 0.717; the issue's targets are 0.90 and
0.85, docs/BENCHMARKS.md). Raise the
floors when the figures rise."""

from __future__ import annotations


import pytest

from tests.conftest import SHARED
from tests.scripts import load_benchmark

pytestmark = pytest.mark.slow
REALWEB = SHARED / "realweb"
FLOORS = {"precision_right_speaker": 0.87, "recall_right_speaker": 0.70}


def test_real_pages_stay_above_the_floors() -> None:
    if not (REALWEB / "html").is_dir():
        pytest.skip(f"{REALWEB} not found")
    scorer = load_benchmark("realweb_statements")
    result = scorer.score(REALWEB, scorer.LABELS, all_attributions=False)
    assert result["unlocated_labels"] == 0 and result["labels"] >= 1000
    assert result["quotes_on_non_english_pages"] == 0
    below = {name: (result[name], floor) for name, floor in FLOORS.items() if result[name] < floor}
    assert not below, f"under the floor (figure, floor): {below}"
