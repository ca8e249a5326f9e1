"""clean() on the seeds matches the reviewed golden files (regenerate: .venv/bin/python -m tests.clean.make_golden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clean.articles import clean_seed
from tests.clean.make_golden import GOLDEN, summary


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clean_golden_seed_matches(seed_paths: dict[str, Path], seed: str) -> None:
    expected = json.loads((GOLDEN / f"{seed}.json").read_text(encoding="utf-8"))
    assert summary(clean_seed(seed_paths[seed])) == expected
