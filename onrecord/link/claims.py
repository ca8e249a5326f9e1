"""Conflicting figures: within a story, claims that count the same thing and disagree.

Two claims count the same thing when they have the same unit and their `counts` name the same thing:
the same main word ("people evacuated" and "evacuated people") or words of one casualty concept ("nine
dead" and "11 people killed" are both deaths; "31 injured" and "27 taken to hospital" both the injured).
They disagree when two quotes give figures for it that differ by more than rounding. Pure functions over claim records (the
query layer's dicts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

CONCEPTS = {
    "deaths": "dead died killed death deaths toll fatalities lives bodies",
    "injured": "injured wounded hurt hospital hospitalised hospitalized casualties",
    "missing": "missing unaccounted",
    "evacuated": "evacuated evacuees displaced homeless",
    "arrested": "arrested detained held",
}
CONCEPT_OF = {word: concept for concept, words in CONCEPTS.items() for word in words.split()}
GENERIC = frozenset("people persons number total some more other others the a an of in on at to".split())

Claim = dict[str, Any]


def subject_key(claim: Claim) -> tuple[str | None, str] | None:
    """What a claim counts, as a key two claims share when they count the same thing; None when unknown."""
    counts = (claim.get("counts") or "").lower().replace("-", " ")
    words = [w.strip(".,;:'\"") for w in counts.split()]
    words = [w for w in words if w and w not in GENERIC]
    for word in words:
        if word in CONCEPT_OF:
            return claim.get("unit"), CONCEPT_OF[word]
    if not words:
        return None
    return claim.get("unit"), _stem(words[-1] if claim.get("unit") else words[0])


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _differ(a: float, b: float) -> bool:
    """More than rounding apart: 1.2 and 1.23 agree; 27 and 31 do not."""
    return abs(a - b) > 0.05 * max(abs(a), abs(b)) and round(a) != round(b)


def conflicts(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """Groups of claims in one story that count the same thing with different values, each group's claims
    ordered by date; each claim's story is its article's `story_id`."""
    groups: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for claim in claims:
        key = subject_key(claim)
        story = claim["article"].get("story_id")
        if key is not None and story is not None and claim.get("total") is None:
            groups[(story, *key)].append(claim)
    found = []
    for (story, unit, subject), members in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]), kv[0][2])):
        if _disagree(members):
            ordered = sorted(members, key=lambda c: (c["article"]["published"] or "", c["id"]))
            found.append({"story_id": story, "unit": unit, "counts": subject, "claims": ordered})
    return found


def _disagree(claims: Sequence[Claim]) -> bool:
    """Two quotes give different figures for the thing: each quote's figures are taken together, so two reports
    of "78 votes to 72" agree, and "nine dead" against "11 dead" do not."""
    by_quote: dict[int, list[float]] = defaultdict(list)
    for claim in claims:
        by_quote[claim["quote_id"]].append(claim["value"])
    figures = list(by_quote.values())
    return any(_sets_differ(a, b) for i, a in enumerate(figures) for b in figures[i + 1 :])


def _sets_differ(a: Sequence[float], b: Sequence[float]) -> bool:
    return any(all(_differ(x, y) for y in b) for x in a) or any(all(_differ(y, x) for x in a) for y in b)
