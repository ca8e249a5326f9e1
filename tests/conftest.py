"""Shared fixtures: paths to the shared reference inputs, skipping cleanly where they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "polnear"
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"reference seeds not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their number prefix: {"000": Path, ...}."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    if not POLNEAR.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}")
    return POLNEAR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
