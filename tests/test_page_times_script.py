"""The page-timing benchmark visits every page and API route of a store and reads the app's own timing."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from onrecord.web import create_app
from tests.web.conftest import web_articles
from tests.stores import stored

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "page_times.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("page_times", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_page_times_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "--repeat" in proc.stdout


@pytest.mark.parametrize("repeat", [2])
def test_page_times_visits_every_page_and_route(tmp_path: Path, repeat: int, capsys: pytest.CaptureFixture[str]) -> None:
    articles = web_articles()
    db = stored(tmp_path / "store.db", articles)
    script = _script()
    groups = script.routes(db)
    assert len(groups["page /articles/{id}"]) == len(articles)
    with TestClient(create_app(db), base_url="http://localhost") as client:
        times = script.time_routes(client, groups, repeat)
    assert {group: len(values) for group, values in times.items()} == {g: repeat * len(u) for g, u in groups.items()}
    assert all(value >= 0 for values in times.values() for value in values)
    script.report(times)
    assert "slowest request" in capsys.readouterr().out
