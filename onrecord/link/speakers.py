"""Canonical speakers: which stored speaker names are one person or organisation across articles.

Conservative by design (giving one person's words to another is the worst error): names merge when
they are one name after normalising case, accents, punctuation, honorifics, possessives and
romanisation (`names.skeleton`); a bare surname (or initials) joins a full name only when exactly
one known person with that surname fits it (no conflicting role, seen within two years), by role
when several do; organisations merge by their
words in any order and by acronyms the articles define. A person never merges with an organisation,
and people with different given names never merge. Users' corrections (`Override`) come last.

Grouping is decided per *block*: the names that could ever be one speaker share a block key (a
person's surname skeleton, an organisation's word set), so linking one new article only regroups
the blocks its speakers fall in, and `group_block` over every block is the full rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from onrecord.names import HONORIFICS, LEGAL_SUFFIXES, ORG_FUNCTION_WORDS, fold, name_skeleton, skeleton, strip_honorifics

ORG_STOPWORDS = ORG_FUNCTION_WORDS | LEGAL_SUFFIXES | {"s", "a", "an"}
"""Left out of an organisation's word set: its function words, company forms, a possessive's "s", articles."""
ROLE_STOPWORDS = frozenset(
    {"the", "a", "an", "of", "for", "and", "in", "at", "on", "to", "its", "his", "her", "their", "former", "acting", "then"}
)
MAX_GAP_DAYS = 730
"""A bare surname does not join a person last seen more than two years before it, or first seen more than two
years after (another holder of the name is likelier than a career's silence)."""
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{0,2}[A-Z](?:[A-Z]{0,4})")


@dataclass
class SpeakerRecord:
    """One stored speaker name (a row of `speakers`) as the linker needs it."""

    id: int
    name: str
    type: str
    roles: frozenset[str] = frozenset()
    quotes: int = 0
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class Override:
    """A user's correction, naming speakers by (type, name key) so it survives re-ingest and travels between stores.

    kind "merge": the speakers named are one; "split": the one named is its own speaker; "rename": the
    speaker the one named belongs to is shown as `value`.
    """

    kind: str
    refs: tuple[tuple[str, str], ...]
    value: str | None = None


@dataclass
class Grouping:
    """Each record's canonical id (the smallest id in its group) and each group's shown name."""

    canonical: dict[int, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    types: dict[int, str] = field(default_factory=dict)


def org_words(name: str) -> tuple[str, ...]:
    """An organisation's distinctive words, in order: "the Ministry of Defence" -> ("ministry", "defens")."""
    words = re.findall(r"\w+", fold(strip_honorifics(name)))
    return tuple(skeleton(w) for w in words if w not in ORG_STOPWORDS and skeleton(w))


def org_key(name: str) -> str:
    """Word order and function words left out: "Defence Ministry" and "Ministry of Defence" meet."""
    return " ".join(sorted(set(org_words(name))))


def is_acronym(name: str) -> bool:
    """A name written as an acronym ("OSCE", "MoD", "the HWU")."""
    words = name.split()
    if words and fold(words[0]) == "the":
        words = words[1:]
    return len(words) == 1 and bool(_ACRONYM.fullmatch(words[0]))


def acronym_of(name: str) -> str:
    """The acronym written in a name, folded: "the MoD" -> "mod"."""
    return fold(name.split()[-1])


def effective_type(record: SpeakerRecord) -> str:
    """The type the linker groups a name as: a name after an honorific ("Ms Borodai") is a person's whatever
    the article's grammar suggested, and so is a bare name of unknown type that a role came with ("Brask",
    fire chief); any other name keeps its type."""
    words = record.name.split()
    if len(words) > 1 and fold(words[0]).strip(".") in HONORIFICS:
        return "person"
    if record.type == "unknown" and record.roles and len(words) == 1 and words[0][:1].isupper():
        return "person"
    return record.type


def block_key(record: SpeakerRecord, acronyms: Mapping[str, str]) -> str:
    """The block a speaker name falls in: only names in one block can be one speaker.

    acronyms: folded acronym -> the org key of the one expansion the articles define for it.
    """
    kind = effective_type(record)
    if kind == "person":
        words = name_skeleton(record.name)
        return f"person:{words[-1]}" if words else f"person:{fold(record.name)}"
    if kind == "organization":
        if is_acronym(record.name) and acronym_of(record.name) in acronyms:
            return f"organization:{acronyms[acronym_of(record.name)]}"
        return f"organization:{org_key(record.name) or fold(record.name)}"
    return f"{record.type}:{fold(record.name)}"


def role_words(roles: Iterable[str]) -> frozenset[str]:
    return frozenset(skeleton(w) for role in roles for w in re.findall(r"\w+", fold(role)) if w not in ROLE_STOPWORDS)


def roles_conflict(a: Iterable[str], b: Iterable[str]) -> bool:
    """Both have roles, and no word in common ("transport minister" and "taxi driver")."""
    words_a, words_b = role_words(a), role_words(b)
    return bool(words_a) and bool(words_b) and not (words_a & words_b)


def _given(record: SpeakerRecord) -> tuple[str, ...]:
    return name_skeleton(record.name)[:-1]


def is_partial(record: SpeakerRecord) -> bool:
    """A person named by surname alone, or with initials only ("Sorokin", "M. Sorokin")."""
    return all(len(g) == 1 for g in _given(record))


def _givens_fit(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Every given name of the shorter form among the longer's (an initial fits the name it starts)."""
    return all(any(g == h or (len(g) == 1 and h.startswith(g)) for h in long_) for g in short)


def same_name(a: SpeakerRecord, b: SpeakerRecord) -> bool:
    """Two full names of one person: same surname skeleton, and the given names of one all in the other."""
    sa, sb = name_skeleton(a.name), name_skeleton(b.name)
    if not sa or not sb or sa[-1] != sb[-1]:
        return False
    short, long_ = sorted((sa[:-1], sb[:-1]), key=len)
    return bool(short) and _givens_fit(short, long_)


class _Groups:
    """Union-find over record ids; the root is the smallest id."""

    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i in sorted(self.parent):
            groups.setdefault(self.find(i), []).append(i)
        return groups


def _group_people(people: list[SpeakerRecord], groups: _Groups, fixed: set[int], merges: list[list[int]]) -> None:
    """Full names that are one name merge (every pair across must fit), and those a user merged; then each
    partial name joins the one group of full names it fits, if exactly one (by role when several)."""
    full = [p for p in people if not is_partial(p) and p.id not in fixed]
    for a in full:
        for b in full:
            if a.id < b.id and groups.find(a.id) != groups.find(b.id) and _all_fit(a, b, full, groups):
                groups.union(a.id, b.id)
    full_ids = {p.id for p in full}
    for ids in merges:
        chosen = [i for i in ids if i in full_ids]
        for other in chosen[1:]:
            groups.union(chosen[0], other)
    clusters = _clusters(full, groups)
    for record in people:
        if record.id in fixed or not is_partial(record):
            continue
        fitting = [c for c in clusters if _partial_fits(record, c)]
        if len(fitting) > 1:
            fitting = [c for c in fitting if role_words(record.roles) & role_words(r for m in c for r in m.roles)]
        if len(fitting) == 1:
            groups.union(record.id, fitting[0][0].id)


def _all_fit(a: SpeakerRecord, b: SpeakerRecord, full: list[SpeakerRecord], groups: _Groups) -> bool:
    if not same_name(a, b):
        return False
    ga = [r for r in full if groups.find(r.id) == groups.find(a.id)]
    gb = [r for r in full if groups.find(r.id) == groups.find(b.id)]
    return all(same_name(x, y) for x in ga for y in gb)


def _clusters(full: list[SpeakerRecord], groups: _Groups) -> list[list[SpeakerRecord]]:
    by_root: dict[int, list[SpeakerRecord]] = {}
    for record in full:
        by_root.setdefault(groups.find(record.id), []).append(record)
    return [by_root[root] for root in sorted(by_root)]


def _partial_fits(record: SpeakerRecord, cluster: list[SpeakerRecord]) -> bool:
    initials, surname = _given(record), name_skeleton(record.name)[-1:]
    if not all(_givens_fit(initials, _given(m)) and name_skeleton(m.name)[-1:] == surname for m in cluster):
        return False
    return not roles_conflict(record.roles, [r for m in cluster for r in m.roles]) and _dates_fit(record, cluster)


def _dates_fit(record: SpeakerRecord, cluster: list[SpeakerRecord]) -> bool:
    """The name was seen within MAX_GAP_DAYS of the person's first-to-last dates (unknown dates always fit)."""
    firsts = [m.first for m in cluster if m.first is not None]
    lasts = [m.last for m in cluster if m.last is not None]
    if record.first is None or record.last is None or not firsts or not lasts:
        return True
    gap = max((record.first - max(lasts)).days, (min(firsts) - record.last).days, 0)
    return gap <= MAX_GAP_DAYS


def _shown(members: list[SpeakerRecord]) -> SpeakerRecord:
    """The member whose name a group is shown by: a full name before a bare one, then the most quoted, then the
    fullest (up to four words: a longer "name" has swallowed a role)."""
    return max(members, key=lambda r: (len(name_skeleton(r.name)) > 1, r.quotes, _fullness(r), -r.id))


def _fullness(record: SpeakerRecord) -> int:
    words = len(name_skeleton(record.name))
    return words if words <= 4 else 0


def _shown_name(members: list[SpeakerRecord]) -> str:
    best = _shown(members)
    return strip_honorifics(best.name) if effective_type(best) == "person" else best.name


def group_block(
    records: list[SpeakerRecord],
    overrides: Iterable[Override],
    keys: Mapping[int, tuple[str, str]],
    blocks: Mapping[int, str],
) -> Grouping:
    """Group the records of one block (or of blocks joined by a merge override).

    keys: each record's (type, name key), the names overrides use; blocks: each record's block key.
    """
    by_ref = {keys[r.id]: r.id for r in records}
    overrides = list(overrides)
    fixed = {by_ref[ref] for o in overrides if o.kind == "split" for ref in o.refs if ref in by_ref}
    groups = _Groups(r.id for r in records)
    people = [r for r in records if effective_type(r) == "person"]
    merges = [[by_ref[ref] for ref in o.refs if ref in by_ref] for o in overrides if o.kind == "merge"]
    _group_people(people, groups, fixed, merges)
    others: dict[str, list[SpeakerRecord]] = {}
    for record in records:
        if effective_type(record) != "person" and record.id not in fixed:
            others.setdefault(blocks[record.id], []).append(record)
    for members in others.values():
        for member in members[1:]:
            groups.union(members[0].id, member.id)
    for override in overrides:
        ids = [by_ref[ref] for ref in override.refs if ref in by_ref]
        if override.kind == "merge":
            for other in ids[1:]:
                groups.union(ids[0], other)
    grouping = Grouping()
    by_id = {r.id: r for r in records}
    for root, ids in groups.members().items():
        grouping.names[root] = _shown_name([by_id[i] for i in ids])
        grouping.types[root] = effective_type(_shown([by_id[i] for i in ids]))
        for i in ids:
            grouping.canonical[i] = root
    for override in overrides:
        if override.kind == "rename" and override.value and override.refs and override.refs[0] in by_ref:
            grouping.names[grouping.canonical[by_ref[override.refs[0]]]] = override.value
    return grouping
