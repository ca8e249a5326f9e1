"""`onrecord stories` and `onrecord story`: stories listed and shown, as JSON and as tables."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import GOOD_TEXTS, Invoke

STORY_KEYS = {"id", "title", "first_published", "last_published", "outlets", "articles", "speakers", "statements"}


def test_cli_stories_lists_every_article_once(invoke: Invoke, good_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("ingest", "--db", db, good_dir).exit_code == 0
    result = invoke("stories", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    assert stories and all(set(s) == STORY_KEYS for s in stories)
    files = [Path(a["source_path"]).name for s in stories for a in s["articles"]]
    assert sorted(files) == sorted(GOOD_TEXTS)
    shown = invoke("story", str(stories[0]["id"]), "--db", db)
    assert shown.exit_code == 0 and f"story {stories[0]['id']}" in shown.stdout
    table = invoke("stories", "--db", db)
    assert table.exit_code == 0 and f"of {len(stories)}" in table.stdout


def test_cli_story_unknown_id_is_a_clear_error(invoke: Invoke, good_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("ingest", "--db", db, good_dir).exit_code == 0
    result = invoke("story", "999", "--db", db)
    assert result.exit_code == 1 and "no story 999" in result.stderr
