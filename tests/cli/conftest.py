"""Fixtures for the CLI tests: a runner, small article files, and a database of hand-built articles."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from onrecord.cli import cli
from tests.store.builders import sample_articles
from tests.stores import stored

Invoke = Callable[..., Result]

GOOD_TEXTS = {
    "drones.txt": 'The Kremlin said on Wednesday that it wanted condemnation.\n"We saw the reaction," Peskov said.\n',
    "mayor.txt": "Moscow Mayor Sergei Sobyanin said several buildings were damaged.\nNo one was seriously injured.\n",
    "cleverly.txt": "James Cleverly said Ukraine has the legitimate right to defend itself.\n",
}


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI in-process; wide COLUMNS so tables do not wrap the words a test looks for."""
    runner = CliRunner(env={"COLUMNS": "200", "ONRECORD_DB": None})

    def run(*args: str, **kwargs: object) -> Result:
        return runner.invoke(cli, [str(a) for a in args], **kwargs)  # type: ignore[arg-type]

    return run


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in GOOD_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    return stored(tmp_path / "sample.db", sample_articles())


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def source_counts(path: Path) -> dict[str, int]:
    """How many times each source file is stored."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT source_path, count(*) FROM articles GROUP BY source_path").fetchall()
    finally:
        conn.close()
    return {Path(p).name: n for p, n in rows}
