"""Who came up where in an article: entries at text positions, kept in position order.

The resolver asks, for every mention, who spoke or was named last before it. Scanning every
earlier entry for each mention made an article's attribution quadratic in its length (issue 13);
a Track answers "the latest before this position" with a binary search, and NamedTracks keeps one
Track per name beside the whole, for questions asked of each name (how often, how recently). A
Backlog hands out a Track's names as lookups pass them, each name once.

Entries at one position keep the order they were added in, as a stable sort of the whole list
would: the resolver's ties are decided by that order.

Questions asked of each name look only at the names of the last RECENT entries before the position
(`NamedTracks.recent_names`), so that a text naming thousands of people (a hostile one, or a list)
still costs one bounded step per mention.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

RECENT = 500
"""How many entries back a question asked of each name looks for its candidates. A news article has
a few dozen speakers and a few hundred mentions, so no answer found on PolNeAR, the seeds or the
sample corpus lies further back; one that does is a guess at a name last seen pages earlier."""


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One item at a text position; `seq` is the order it was added in, which breaks ties of position."""

    pos: int
    seq: int
    name: str
    item: T


@dataclass
class Track(Generic[T]):
    """Entries in position order; entries at one position in the order they were added."""

    positions: list[int] = field(default_factory=list)
    entries: list[Entry[T]] = field(default_factory=list)

    def add(self, entry: Entry[T]) -> None:
        # Mentions come almost in document order, so this is nearly always an append.
        i = bisect_right(self.positions, entry.pos)
        self.positions.insert(i, entry.pos)
        self.entries.insert(i, entry)

    def count(self, pos: int) -> int:
        """How many entries lie before `pos`."""
        return bisect_left(self.positions, pos)

    def latest(self, pos: int) -> Entry[T] | None:
        """The first entry added at the last position before `pos`."""
        k = self.count(pos)
        return self.entries[bisect_left(self.positions, self.positions[k - 1])] if k else None

    def last(self, pos: int) -> Entry[T] | None:
        """The last entry before `pos` (the last added at the last position)."""
        k = self.count(pos)
        return self.entries[k - 1] if k else None

    def around(self, pos: int) -> list[Entry[T]]:
        """The last RECENT entries before `pos` and the first RECENT from it, in order."""
        k = self.count(pos)
        return self.entries[max(0, k - RECENT) : k + RECENT]


@dataclass
class NamedTracks(Generic[T]):
    """A Track of all entries and one Track for each name; `seq` counts the entries added."""

    all: Track[T] = field(default_factory=Track)
    names: dict[str, Track[T]] = field(default_factory=dict)

    def add(self, pos: int, name: str, item: T) -> None:
        entry = Entry(pos, len(self.all.entries), name, item)
        self.all.add(entry)
        self.names.setdefault(name, Track()).add(entry)

    def recent_names(self, pos: int) -> list[str]:
        """The names of the last RECENT entries before `pos`, each once."""
        k = self.all.count(pos)
        return list(dict.fromkeys(entry.name for entry in self.all.entries[max(0, k - RECENT) : k]))

    def recent_tracks(self, pos: int) -> Iterator[Track[T]]:
        """The Track of each name among `recent_names(pos)`."""
        return (self.names[name] for name in self.recent_names(pos))

    def latest_each(self, pos: int, skip: frozenset[str] = frozenset()) -> Iterator[Entry[T]]:
        """For each recent name not in `skip`, the first entry at its last position before `pos`."""
        for name in self.recent_names(pos):
            if name not in skip and (entry := self.names[name].latest(pos)):
                yield entry

    def latest(self, pos: int, skip: frozenset[str] = frozenset()) -> Entry[T] | None:
        """The first entry added at the last position before `pos` whose name is not in `skip`."""
        if not skip:
            return self.all.latest(pos)
        return max(self.latest_each(pos, skip), key=lambda e: (e.pos, -e.seq), default=None)


@dataclass
class Backlog:
    """A Track's names, each handed out once: to the first lookup after one of its entries that does not skip it."""

    track: Track[str]
    done: int = 0
    """How many of the track's entries have been gone past."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Names gone past but skipped, not handed out yet -> their first position."""
    handed: set[str] = field(default_factory=set)

    def due(self, pos: int, skip: frozenset[str] = frozenset()) -> list[str]:
        """The names not handed out before with an entry before `pos`, but those in `skip`; now handed out."""
        names = []
        entries = self.track.entries
        while self.done < len(entries) and entries[self.done].pos < pos:
            entry = entries[self.done]
            if entry.name in skip:
                self.skipped.setdefault(entry.name, entry.pos)
            elif entry.name not in self.handed:
                names.append(entry.name)
                self.handed.add(entry.name)
            self.done += 1
        for name, first in list(self.skipped.items()):
            if name in self.handed:
                del self.skipped[name]
            elif first < pos and name not in skip:
                del self.skipped[name]
                names.append(name)
                self.handed.add(name)
        return names
