"""Canonical speakers: each merging rule, and the merges that must never happen."""

from __future__ import annotations

from datetime import date

import pytest

from onrecord.link.speakers import Override, SpeakerRecord, block_key, group_block, org_key
from onrecord.names import person_surface, skeleton, strip_honorifics


def _group(records: list[SpeakerRecord], overrides: list[Override] = (), acronyms: dict[str, str] | None = None) -> dict[str, str]:
    """Each record's name -> the shown name of its group, grouping block by block as the linker does."""
    blocks = {r.id: block_key(r, acronyms or {}) for r in records}
    keys = {r.id: (r.type, r.name.casefold()) for r in records}
    by_block: dict[str, list[SpeakerRecord]] = {}
    for record in records:
        by_block.setdefault(blocks[record.id], []).append(record)
    shown: dict[str, str] = {}
    for members in by_block.values():
        grouping = group_block(members, overrides, keys, blocks)
        shown |= {r.name: grouping.names[grouping.canonical[r.id]] for r in members}
    return shown


def _person(i: int, name: str, *roles: str, quotes: int = 1, seen: tuple[str, str] | None = None) -> SpeakerRecord:
    first, last = (date.fromisoformat(day) for day in seen) if seen else (None, None)
    return SpeakerRecord(i, name, "person", frozenset(roles), quotes, first, last)


@pytest.mark.parametrize(
    "a, b",
    [("Dmitry", "Dmitri"), ("Dmitriy", "Dmitry"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"),
     ("Sorokin", "Sorokine"), ("Aleksei", "Alexey"), ("Yevgeny", "Evgeniy"), ("Khodorkovsky", "Hodorkovski"),
     ("Smirnoff", "Smirnov"), ("Defence", "Defense")],
)
def test_skeleton_levels_romanisations_of_one_name(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Jonas", "Petra"), ("Jan", "Ian"), ("Jane", "Jan"), ("Peskov", "Peskova"), ("Ivan", "Ivana")])
def test_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_transliterations_and_a_bare_surname_are_one_person() -> None:
    shown = _group([_person(1, "Mikhail Sorokin", quotes=3), _person(2, "Mikhail Sorokine"), _person(3, "Sorokin")])
    assert set(shown.values()) == {"Mikhail Sorokin"}


def test_names_equal_after_case_accents_honorifics_and_possessives_are_one() -> None:
    shown = _group([_person(1, "Dmitry Peskov", quotes=5), _person(2, "DMITRÝ PESKOV"), _person(3, "Mr. Dmitriy Peskov's")])
    assert set(shown.values()) == {"Dmitry Peskov"}
    assert strip_honorifics("Mr. Sorokin's") == "Sorokin"
    assert strip_honorifics("Madam Borodai") == "Borodai"


def test_people_with_different_given_names_never_merge() -> None:
    shown = _group([_person(1, "Petra Brandt", "transport minister"), _person(2, "Jonas Brandt", "taxi driver")])
    assert shown == {"Petra Brandt": "Petra Brandt", "Jonas Brandt": "Jonas Brandt"}


def test_a_bare_surname_joins_the_one_bearer_its_role_fits() -> None:
    records = [
        _person(1, "Petra Brandt", "Transport Minister"),
        _person(2, "Jonas Brandt", "a taxi driver who lives nearby"),
        _person(3, "Brandt", "Transport Minister"),
    ]
    assert _group(records)["Brandt"] == "Petra Brandt"


def test_a_bare_surname_two_people_fit_stays_its_own_speaker() -> None:
    records = [_person(1, "Petra Brandt", "minister"), _person(2, "Jonas Brandt", "economist"), _person(3, "Brandt")]
    assert _group(records)["Brandt"] == "Brandt"


def test_a_bare_surname_whose_role_conflicts_with_the_only_bearer_stays_apart() -> None:
    records = [_person(1, "Jonas Brandt", "taxi driver"), _person(2, "Brandt", "Transport Minister")]
    assert _group(records)["Brandt"] == "Brandt"


def test_a_bare_surname_joins_the_one_bearer_seen_in_its_years() -> None:
    records = [
        _person(1, "Petra Brandt", seen=("2023-03-01", "2023-06-30")),
        _person(2, "Jonas Brandt", seen=("2015-01-10", "2016-02-01")),
        _person(3, "Brandt", seen=("2023-07-02", "2023-07-02")),
    ]
    assert _group(records)["Brandt"] == "Petra Brandt"


def test_a_bare_surname_far_from_the_only_bearers_dates_stays_apart() -> None:
    near = [_person(1, "Mikhail Sorokin", seen=("2022-01-01", "2023-01-01")), _person(2, "Sorokin", seen=("2024-12-01", "2024-12-31"))]
    assert _group(near)["Sorokin"] == "Mikhail Sorokin"  # within two years of his last report
    far = [_person(1, "Mikhail Sorokin", seen=("2010-01-01", "2011-01-01")), _person(2, "Sorokin", seen=("2024-12-01", "2024-12-31"))]
    assert _group(far)["Sorokin"] == "Sorokin"
    undated = [_person(1, "Mikhail Sorokin", seen=("2010-01-01", "2011-01-01")), _person(2, "Sorokin")]
    assert _group(undated)["Sorokin"] == "Mikhail Sorokin"  # no date: nothing against it


def test_two_bearers_in_the_same_weeks_leave_a_bare_surname_alone() -> None:
    records = [
        _person(1, "Petra Brandt", seen=("2023-06-01", "2023-06-30")),
        _person(2, "Jonas Brandt", seen=("2023-06-10", "2023-06-10")),
        _person(3, "Brandt", seen=("2023-06-12", "2023-06-12")),
    ]
    assert _group(records)["Brandt"] == "Brandt"


def test_an_initial_that_fits_two_people_merges_with_neither() -> None:
    records = [_person(1, "John Smith"), _person(2, "Jane Smith"), _person(3, "J. Smith")]
    shown = _group(records)
    assert shown["J. Smith"] == "J. Smith" and shown["John Smith"] != shown["Jane Smith"]


@pytest.mark.parametrize(
    "a, b",
    [("Ministry of Defence", "Defence Ministry"), ("the ruling Unity party", "the Unity ruling party"),
     ("Ministry of Foreign Affairs", "the Foreign Affairs Ministry")],
)
def test_organisations_in_any_word_order_are_one(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)
    records = [SpeakerRecord(1, a, "organization"), SpeakerRecord(2, b, "organization")]
    assert len(set(_group(records).values())) == 1


def test_an_acronym_the_articles_define_joins_its_organisation() -> None:
    records = [SpeakerRecord(1, "Harbour Workers' Union", "organization"), SpeakerRecord(2, "HWU", "organization")]
    acronyms = {"hwu": org_key("Harbour Workers' Union")}
    assert set(_group(records, acronyms=acronyms).values()) == {"Harbour Workers' Union"}
    assert _group(records)["HWU"] == "HWU"


def test_a_person_never_merges_with_an_organisation() -> None:
    records = [_person(1, "Unity"), SpeakerRecord(2, "Unity", "organization")]
    blocks = {block_key(r, {}) for r in records}
    assert len(blocks) == 2


def test_overrides_merge_split_and_rename() -> None:
    records = [_person(1, "Mikhail Sorokin"), _person(2, "Sorokin"), _person(3, "Misha Sorokin")]
    assert _group(records)["Misha Sorokin"] == "Misha Sorokin"
    merge = Override("merge", (("person", "mikhail sorokin"), ("person", "misha sorokin")))
    assert _group(records, [merge])["Misha Sorokin"] == "Mikhail Sorokin"
    split = Override("split", (("person", "sorokin"),))
    assert _group(records, [split])["Sorokin"] == "Sorokin"
    rename = Override("rename", (("person", "sorokin"),), "M. A. Sorokin")
    assert set(_group(records, [merge, rename]).values()) == {"M. A. Sorokin"}


@pytest.mark.parametrize(
    "form, name, surface",
    [("Kremlin spokesman Peskov", "Dmitry Peskov", "Peskov"), ("President Vladimir Putin", "Vladimir Putin", "Vladimir Putin"),
     ("Jonas Brandt, a taxi driver who lives nearby", "Jonas Brandt", "Jonas Brandt"),
     ("a taxi driver who lives nearby", "Jonas Brandt", None), ("the spokesman", "Tomas Verrin", None)],
)
def test_aliases_are_names_not_descriptions(form: str, name: str, surface: str | None) -> None:
    assert person_surface(form, name) == surface
