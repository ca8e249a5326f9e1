"""Issue 14, acceptance 1: the seeds as one record (speakers and statements across the five articles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.pipeline import process_paths
from onrecord.store import Store, queries

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("seeds") / "seeds.db")
    for article in process_paths([str(p) for p in sorted(seeds_dir.glob("*.txt"))]):
        store.add_article(article)  # type: ignore[arg-type]
    yield store
    store.close()


def _quotes(store: Store, search: str) -> list[dict]:
    return queries.find_quotes(store.conn, queries.QuoteFilter(search=search), limit=None)


def _seed(row: dict) -> str:
    return Path(row["article"]["source_path"]).name[:3]


def test_peskov_is_one_speaker_across_the_seeds(seed_store: Store) -> None:
    (peskov,) = queries.list_speakers(seed_store.conn, q="peskov")
    rows = queries.find_quotes(seed_store.conn, queries.QuoteFilter(speaker_id=peskov["id"]), limit=None)
    assert {_seed(r) for r in rows} >= {"000", "002", "003", "004"}
    assert "Peskov" in peskov["aliases"] and not any("spokesman" in a for a in peskov["aliases"])


def test_putins_air_defence_remark_in_two_translations_is_one_statement(seed_store: Store) -> None:
    (first,) = [q for q in _quotes(seed_store, '"air defense of the capital"') if _seed(q) == "000"]
    (second,) = [q for q in _quotes(seed_store, '"air defense in the capital"') if _seed(q) == "001"]
    assert first["statement_id"] is not None and first["statement_id"] == second["statement_id"]
    statement = queries.get_statement(seed_store.conn, first["statement_id"])
    assert statement["speaker"]["name"] == "Vladimir Putin"
    assert {_seed(r) for r in statement["reports"]} == {"000", "001"}
    assert statement["independent_reports"] == 2


def test_the_peacekeepers_remark_indirect_then_direct_is_one_statement(seed_store: Store) -> None:
    rows = [q for q in _quotes(seed_store, '"deployment of peacekeepers is possible"') if _seed(q) == "003"]
    assert {q["kind"] for q in rows} == {"indirect", "direct"}
    assert len({q["statement_id"] for q in rows}) == 1 and rows[0]["statement_id"] is not None


def test_different_claims_of_one_briefing_stay_apart(seed_store: Store) -> None:
    (peskov,) = queries.list_speakers(seed_store.conn, q="peskov")
    rows = [r for r in queries.find_quotes(seed_store.conn, queries.QuoteFilter(speaker_id=peskov["id"]), limit=None) if _seed(r) == "003"]
    assert len({r["statement_id"] for r in rows}) >= len(rows) // 2


def _story_of(store: Store, seed: str) -> int:
    stories = queries.find_stories(store.conn, limit=None)
    (story,) = {s["id"] for s in stories for a in s["articles"] if Path(a["source_path"]).name.startswith(seed)}
    return story


def test_issue_16_the_drone_attack_seeds_are_one_story_and_aleppo_is_not_in_it(seed_store: Store) -> None:
    drones = _story_of(seed_store, "000")
    assert _story_of(seed_store, "001") == drones
    assert _story_of(seed_store, "003") != drones


def test_issue_16_seed_figures_are_bound_to_their_sources(seed_store: Store) -> None:
    claims = queries.find_claims(seed_store.conn, limit=None)
    (shot_down,) = [c for c in claims if c["text"] == "29"]
    assert shot_down["value"] == 29 and shot_down["total"] == 31 and "drones" in shot_down["counts"]
    assert shot_down["speaker"]["name"] is None and shot_down["speaker_mention"] == "Ukrainian officials"
    (cases,) = [c for c in claims if c["text"] == "1,053"]
    assert cases["value"] == 1053 and cases["counts"] == "cases"
    assert cases["speaker"]["name"] == "British Ministry of Defence"
