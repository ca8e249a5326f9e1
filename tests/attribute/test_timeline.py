"""Tracks and Backlogs answer as the full scans they replace (issue 13): a stable sort by position, then max,
a reversed walk, or every name met."""

from __future__ import annotations

import random

import pytest

from onrecord.attribute.timeline import Backlog, Entry, NamedTracks

NAMES = ("Berg", "Varga", "Aas", "Wole")


def _added(seed: int, n: int) -> NamedTracks[int]:
    """Entries at random, often repeated, positions, added out of order; each item is its order of adding."""
    rng = random.Random(seed)
    tracks: NamedTracks[int] = NamedTracks()
    for k in range(n):
        tracks.add(rng.randrange(0, 40), rng.choice(NAMES), k)
    return tracks


def _history(tracks: NamedTracks[int]) -> list[Entry[int]]:
    """The entries as the old history list held them: in the order added, then stably sorted by position."""
    return sorted(sorted(tracks.all.entries, key=lambda e: e.item), key=lambda e: e.pos)


def _scan_latest(history: list[Entry[int]], pos: int, skip: frozenset[str]) -> Entry[int] | None:
    events = [e for e in history if e.pos < pos and e.name not in skip]
    return max(events, key=lambda e: e.pos) if events else None


def _scan_last(history: list[Entry[int]], pos: int) -> Entry[int] | None:
    return next((e for e in reversed(history) if e.pos < pos), None)


@pytest.mark.parametrize("seed", range(20))
def test_timeline_latest_and_last_match_a_full_scan(seed: int) -> None:
    tracks = _added(seed, 60)
    history = _history(tracks)
    for pos in range(-1, 42):
        assert tracks.latest(pos) == _scan_latest(history, pos, frozenset())
        assert tracks.all.last(pos) == _scan_last(history, pos)
        assert tracks.all.count(pos) == sum(e.pos < pos for e in history)
        for skip in (frozenset({"Berg"}), frozenset({"Varga", "Aas"}), frozenset(NAMES)):
            assert tracks.latest(pos, skip) == _scan_latest(history, pos, skip)


@pytest.mark.parametrize("seed", range(5))
def test_timeline_names_keep_each_names_entries_in_order(seed: int) -> None:
    tracks = _added(seed, 60)
    history = _history(tracks)
    for name, track in tracks.names.items():
        assert track.entries == [e for e in history if e.name == name]
        for pos in range(-1, 42):
            assert track.last(pos) == _scan_last([e for e in history if e.name == name], pos)


@pytest.mark.parametrize("seed", range(20))
def test_timeline_backlog_hands_out_each_name_at_the_first_lookup_a_full_scan_would_meet_it(seed: int) -> None:
    rng = random.Random(seed)
    tracks = _added(seed, 30)
    log = Backlog(tracks.all)
    handed: set[str] = set()
    for _ in range(40):
        pos = rng.randrange(0, 45)
        skip = frozenset(rng.sample(NAMES, rng.choice([0, 0, 1, 2])))
        scanned = {e.name for e in tracks.all.entries if e.pos < pos and e.name not in skip}
        due = log.due(pos, skip)
        assert sorted(due) == sorted(scanned - handed)
        handed |= scanned
