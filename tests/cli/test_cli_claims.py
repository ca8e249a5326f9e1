"""`onrecord claims`: the figures stored quotes give, with their speakers, filtered like quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke

STORY = (
    "Rail crash toll rises\n\n"
    "By Ana Berg\n\n"
    '"Nine people are dead and 31 are injured," Governor Marta Lind told reporters on Wednesday.\n\n'
    "Fire Chief Helena Brask said 27 people had been taken to hospital and that the repairs would cost "
    "1.5 million crowns.\n\n"
    "The station, built in 1998, serves about 9,000 passengers a day.\n"
)
CLAIM_KEYS = {
    "id", "value", "unit", "counts", "total", "text", "span", "quote_id", "statement_id", "speaker", "speaker_mention", "article",
}


@pytest.fixture
def claims_db(invoke: Invoke, tmp_path: Path) -> Path:
    path = tmp_path / "crash.txt"
    path.write_text(STORY, encoding="utf-8")
    db = tmp_path / "claims.db"
    assert invoke("ingest", "--db", db, path).exit_code == 0
    return db


def _claims(invoke: Invoke, db: Path, *args: str) -> list[dict]:
    result = invoke("claims", "--db", db, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_claims_json_gives_each_figure_with_its_speaker(invoke: Invoke, claims_db: Path) -> None:
    claims = _claims(invoke, claims_db)
    assert all(set(c) == CLAIM_KEYS for c in claims)
    found = {c["text"]: c for c in claims}
    assert set(found) == {"Nine", "31", "27", "1.5 million"}  # not 1998, not the writer's 9,000
    assert found["Nine"]["value"] == 9 and found["Nine"]["speaker"]["name"] == "Marta Lind"
    assert "injured" in found["31"]["counts"]
    assert found["27"]["speaker"]["name"] == "Helena Brask" and "people" in found["27"]["counts"]
    assert found["1.5 million"]["value"] == 1_500_000 and found["1.5 million"]["unit"] == "crown"
    text = STORY
    assert all(text[c["span"][0] : c["span"][1]] == c["text"] for c in claims)


def test_cli_claims_filters_by_speaker_and_shows_a_table(invoke: Invoke, claims_db: Path) -> None:
    assert {c["text"] for c in _claims(invoke, claims_db, "--speaker", "brask")} == {"27", "1.5 million"}
    result = invoke("claims", "--db", claims_db, "--speaker", "lind")
    assert result.exit_code == 0 and "Marta Lind" in result.stdout and "31" in result.stdout
    assert "claims 1-2 of 2" in result.stdout


def test_cli_claims_none_match(invoke: Invoke, claims_db: Path) -> None:
    result = invoke("claims", "--db", claims_db, "--speaker", "nobody-here")
    assert result.exit_code == 0 and "no claims match" in result.stdout


LATER = (
    "Rail crash toll rises to eleven\n\n"
    "By Ana Berg\n\n"
    "Governor Marta Lind said on Thursday that eleven people had died after the rail crash at Selmouth station, "
    "and that 24 passengers were still in hospital.\n"
)


def test_cli_claims_conflicts_show_disagreeing_figures_of_one_story(invoke: Invoke, tmp_path: Path) -> None:
    for name, text in (("crash.txt", STORY), ("later.txt", LATER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "conflicts.db"
    assert invoke("ingest", "--db", db, tmp_path / "crash.txt", tmp_path / "later.txt").exit_code == 0
    stories = json.loads(invoke("stories", "--db", db, "--json").stdout)
    assert len(stories) == 1
    result = invoke("claims", "--db", db, "--story", stories[0]["id"], "--conflicts", "--json")
    assert result.exit_code == 0, result.output
    groups = {g["counts"]: g for g in json.loads(result.stdout)}
    assert "deaths" in groups and [c["text"] for c in groups["deaths"]["claims"]] == ["Nine", "eleven"]
    table = invoke("claims", "--db", db, "--conflicts")
    assert table.exit_code == 0 and "deaths" in table.stdout and "conflicting figures" in table.stdout
    assert invoke("claims", "--db", db, "--story", 999, "--json").stdout.strip() == "[]"
