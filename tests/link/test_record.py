"""The record across articles, end to end: articles written here in four outlets' styles about one story,
run through the real pipeline and ingested, then read back through the queries the CLI and API use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord.pipeline import process_paths
from onrecord.store import Store, queries
from onrecord.store.db import merge_speakers, rebuild_links, split_speaker

pytestmark = pytest.mark.slow

WIRE = """Depot fire was caused by faulty cable, minister says

LAKESIDE, March 4, 2026 (Harbour Press Agency) - Transport Minister Petra Brandt said on Wednesday that the fire which destroyed the Lakeside bus depot on Monday night had a technical cause.

"The fire was caused by a faulty cable, it was not arson," Brandt told reporters at the depot. She said 41 buses had been destroyed and that replacement vehicles would arrive from the capital within ten days.

Jonas Brandt, a taxi driver who lives nearby, said the smoke had covered the whole district for most of the night.

Fire service spokesman Mikhail Sorokin said crews had needed six hours to bring the blaze under control. "Nobody was hurt, and that is what matters tonight," Sorokin said.
"""

REPUBLISHED = """RIVERSIDE DAILY - International edition

Depot fire was caused by faulty cable, minister says

LAKESIDE, March 4, 2026 - Transport Minister Petra Brandt said on Wednesday that the fire which destroyed the Lakeside bus depot on Monday night had a technical cause.

"The fire was caused by a faulty cable, it was not arson," Brandt told reporters at the depot. She said 41 buses had been destroyed and that replacement vehicles would arrive from the capital within ten days.

Jonas Brandt, a taxi driver who lives nearby, said the smoke had covered the whole district for most of the night.

Fire service spokesman Mikhail Sorokin said crews had needed six hours to bring the blaze under control. "Nobody was hurt, and that is what matters tonight," Sorokin said.

Distributed by Harbour Press Agency
"""

INDIRECT = """The Lakeside Times

Minister rules out arson in depot blaze

By Clara Venn | March 5, 2026

Transport Minister Petra Brandt said the depot fire had been caused by a faulty cable and was not arson, rejecting claims by opposition councillors.

Brandt also promised that 41 new buses would be ordered before the summer.

Fire service spokesman Mikhail Sorokine said nobody had been hurt in the blaze.
"""

TRANSLATED = """NORTH STAR GAZETTE - English service

Brandt: cable to blame for depot fire

Published: 5 March 2026

"A faulty cable caused the fire. It was not arson," Transport Minister Brandt declared on Wednesday, according to our correspondent.

A local resident said many people had been woken by the explosions.
"""


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("story")
    for name, text in [("a_wire.txt", WIRE), ("b_republished.txt", REPUBLISHED), ("c_indirect.txt", INDIRECT), ("d_translated.txt", TRANSLATED)]:
        (folder / name).write_text(text, encoding="utf-8")
    store = Store.open(folder / "record.db")
    for article in process_paths([str(p) for p in sorted(folder.glob("*.txt"))]):
        store.add_article(article)  # type: ignore[arg-type]
    yield store
    store.close()


def _quotes(store: Store, words: str) -> list[dict]:
    return [q for q in queries.find_quotes(store.conn, queries.QuoteFilter(search=words), limit=None)]


def _speaker_of(store: Store, words: str) -> set[str | None]:
    return {q["speaker"]["name"] for q in _quotes(store, words)}


def test_a_namesake_is_not_the_minister(record: Store) -> None:
    (smoke,) = _quotes(record, "smoke district")[:1]
    assert smoke["speaker"]["name"] == "Jonas Brandt"
    cable = [q["speaker"]["id"] for q in _quotes(record, "faulty cable") if q["speaker"]["id"] is not None]
    assert len(cable) >= 4 and len(set(cable)) == 1 and smoke["speaker"]["id"] not in cable


def test_transliterations_of_one_name_are_one_speaker(record: Store) -> None:
    rows = queries.list_speakers(record.conn, q="sorokin")
    assert [r["name"] for r in rows] == ["Mikhail Sorokin"]
    assert "Mikhail Sorokine" in rows[0]["aliases"]
    assert not any(" " in a and "spokesman" in a for a in rows[0]["aliases"]), "descriptions are not aliases"


def test_a_role_and_surname_join_the_minister(record: Store) -> None:
    assert _speaker_of(record, "cable arson") - {None} == {"Petra Brandt"}


def test_one_statement_with_every_report_and_no_double_counting(record: Store) -> None:
    rows, _ = queries.statement_page(record.conn, queries.StatementFilter(search="faulty cable"))
    assert len(rows) == 1
    statement = rows[0]
    assert statement["speaker"]["name"] == "Petra Brandt"
    assert len(statement["reports"]) == 4
    assert {r["kind"] for r in statement["reports"]} >= {"direct", "indirect"}
    assert statement["independent_reports"] == 3, "the republished wire copy is not independent"
    assert {"riverside daily", "the lakeside times", "north star gazette"} <= {o.casefold() for o in statement["outlets"]}
    assert all(q["statement_id"] == statement["id"] for q in _quotes(record, "faulty cable") if q["speaker"]["id"])


def test_different_claims_and_numbers_stay_apart(record: Store) -> None:
    cable = {q["statement_id"] for q in _quotes(record, "faulty cable") if q["speaker"]["id"]}
    buses = {q["statement_id"] for q in _quotes(record, "41 buses")}
    assert len(cable) == 1 and cable.isdisjoint(buses)


def test_masthead_outlet_and_wire_credit(record: Store) -> None:
    articles = {Path(a["source_path"]).name: a for a in (queries.get_article(record.conn, i) for i in range(1, 5)) if a}
    republished = articles["b_republished.txt"]
    assert republished["outlet"].casefold() == "riverside daily"
    assert not republished["title"].isupper()
    cable = queries.statement_page(record.conn, queries.StatementFilter(search="faulty cable"))[0][0]
    wires = {Path(r["article"]["source_path"]).name: r["article"]["wire"] for r in cable["reports"]}
    assert wires["b_republished.txt"] == "Harbour Press Agency"


def test_rebuild_gives_the_same_grouping(record: Store) -> None:
    def grouping() -> tuple[list[frozenset[int]], dict[int, int | None]]:
        rows = queries.find_quotes(record.conn, limit=None)
        by_statement: dict[int, set[int]] = {}
        for row in rows:
            if row["statement_id"] is not None:
                by_statement.setdefault(row["statement_id"], set()).add(row["id"])
        return sorted(map(frozenset, by_statement.values()), key=min), {r["id"]: r["speaker"]["id"] for r in rows}

    before = grouping()
    rebuild_links(record)
    assert grouping() == before


def test_corrections_stick_through_a_rebuild(record: Store, tmp_path: Path) -> None:
    petra = queries.list_speakers(record.conn, q="petra brandt")[0]["id"]
    jonas = queries.list_speakers(record.conn, q="jonas brandt")[0]["id"]
    merge_speakers(record, [petra, jonas])
    assert queries.get_speaker(record.conn, jonas)["id"] == queries.get_speaker(record.conn, petra)["id"]
    rebuild_links(record)
    assert queries.get_speaker(record.conn, jonas)["id"] == queries.get_speaker(record.conn, petra)["id"]
    from onrecord.link.linker import export_overrides

    exported = json.loads(json.dumps(export_overrides(record.conn)))
    assert exported["overrides"][0]["kind"] == "merge"
    record.conn.execute("DELETE FROM speaker_overrides")
    rebuild_links(record)
    assert queries.get_speaker(record.conn, jonas)["id"] != queries.get_speaker(record.conn, petra)["id"]


def test_split_refuses_a_name_the_speaker_does_not_have(record: Store) -> None:
    from onrecord.store.db import SpeakerCorrectionError

    sorokin = queries.list_speakers(record.conn, q="sorokin")[0]["id"]
    with pytest.raises(SpeakerCorrectionError, match="no name 'Brandt'"):
        split_speaker(record, sorokin, "Brandt")


def _dated_story(day: str, body: str) -> str:
    return f"The Lakeside Times\n\nFire in the old town\n\nPublished: {day}\n\n{body}\n"


@pytest.mark.parametrize(("later", "joins"), [("9 May 2011", True), ("9 May 2024", False)])
def test_a_bare_surname_joins_a_person_only_within_two_years(tmp_path: Path, later: str, joins: bool) -> None:
    first = _dated_story("5 March 2010", "Fire service spokesman Mikhail Sorokin said the warehouse fire was under control.")
    second = _dated_story(later, "Fire chief Sorokin said the blaze in the old town had been put out by midnight.")
    for name, text in (("a.txt", first), ("b.txt", second)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "dated.db") as store:
        for article in process_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]):
            store.add_article(article)  # type: ignore[arg-type]
        names = {q["speaker"]["name"] for q in _quotes(store, "blaze midnight")}
        assert names == ({"Mikhail Sorokin"} if joins else {"Sorokin"})
