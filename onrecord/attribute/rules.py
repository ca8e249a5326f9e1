"""The rules' proposals for one paragraph: each cue the parse shows (cues.py) with the content it reads
(content.py), outer attributions first, then those nested in their content ("X said ..., Tass reported"),
and a cue ending its paragraph with a colon, which introduces the next paragraph."""

from __future__ import annotations

from onrecord.attribute.acts import act_of, says_something
from onrecord.attribute.content import raw_ranges, trim, widen
from onrecord.attribute.cues import Cue
from onrecord.attribute.paragraphs import ParaView
from onrecord.attribute.proposal import (
    BORROWED_CONFIDENCE,
    RULE_CONFIDENCE,
    Proposal,
    Range,
    inside,
    overlaps_any,
    spans,
)
from onrecord.model import Span


def propose_rules(view: ParaView, following: ParaView | None, folded: str) -> list[Proposal]:
    """The rules' attributions in `view`, in cue order, then the one introducing `following` (if any)."""
    chosen = _select(view, folded)
    pairs = chosen + _introducing(view, following, folded, {c.anchor.i for c, _ in chosen})
    return [_proposal(cue, content, view) for cue, content in pairs]


def _proposal(cue: Cue, content: list[Range], view: ParaView) -> Proposal:
    np = cue.np
    return Proposal(
        origin="rules",
        cue=Span(*cue.span(view.para)),
        content=spans(content),
        clause=says_something(cue.anchor, view.para, spans(content)),
        source=Span(np.start, np.end),
        reading=np,
        order=cue.anchor.i,
        confidence=BORROWED_CONFIDENCE if cue.inherited else RULE_CONFIDENCE,
        act=act_of(cue.anchor, np) if cue.says else None,
        head_at=view.para.start(cue.anchor),
        borrowed=cue.inherited,
        label=cue.label,
    )


def _content(cue: Cue, view: ParaView, text: str, floor: int) -> list[Range]:
    ranges = raw_ranges(cue, view.cues, view.para, view.quotes, text, floor)
    trimmed = [trim(r, text, view.quotes) for r in widen(ranges, view.quotes)]
    merged: list[Range] = []
    for rng in sorted(r for r in trimmed if r):
        if merged and rng[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], rng[1]))
        else:
            merged.append(rng)
    return merged


def _candidates(
    view: ParaView, folded: str, skip: frozenset[int] = frozenset(), floors: bool = True
) -> list[tuple[Cue, list[Range]]]:
    """Each cue of a paragraph with its content, in order; with `floors`, a postposed cue's content starts after the one before."""
    floor = view.para.base
    found = []
    for cue in view.cues:
        if cue.anchor.i in skip:
            continue
        ranges = _content(cue, view, folded, floor)
        if ranges:
            found.append((cue, ranges))
            if floors:
                floor = max(floor, ranges[-1][1], view.para.end(cue.anchor))
    return found


def _nested(view: ParaView, candidates: list[tuple[Cue, list[Range]]]) -> frozenset[int]:
    """Cues inside another cue's content ("X said that, until it has asserted its interests, ...")."""
    found = set()
    for cue, _ in candidates:
        pos = view.para.start(cue.anchor)
        if any(inside(pos, ranges) for other, ranges in candidates if other is not cue):
            found.add(cue.anchor.i)
    return frozenset(found)


def _select(view: ParaView, folded: str) -> list[tuple[Cue, list[Range]]]:
    """Outer attributions first; then attributions nested inside their content ("X said, Tass reported")."""
    nested = _nested(view, _candidates(view, folded, floors=False))
    outer: list[tuple[Cue, list[Range]]] = []
    outer_ranges: list[Range] = []
    for cue, ranges in _candidates(view, folded, skip=nested):
        if not overlaps_any(ranges, outer_ranges):
            outer.append((cue, ranges))
            outer_ranges += ranges
    chosen = list(outer)
    taken: list[Range] = []
    not_nested = frozenset(c.anchor.i for c in view.cues) - nested
    for cue, ranges in _candidates(view, folded, skip=not_nested):
        if cue.inherited:
            continue  # a subjectless cue inside someone's words has no source of its own
        within = any(a <= s and e <= b for s, e in ranges for a, b in outer_ranges)
        if (within or not overlaps_any(ranges, outer_ranges)) and not overlaps_any(ranges, taken):
            chosen.append((cue, ranges))
            taken += ranges
    return sorted(chosen, key=lambda c: c[0].anchor.i)


def _introducing(
    view: ParaView, following: ParaView | None, folded: str, taken: set[int]
) -> list[tuple[Cue, list[Range]]]:
    """A cue that ends its paragraph with a colon ("He said:") introduces the next paragraph."""
    if following is None or not view.cues:
        return []
    cue = view.cues[-1]
    _, block_end = cue.block()
    after = folded[view.para.end(cue.anchor.doc[block_end - 1]) : view.span.end]
    if cue.anchor.i in taken or after.strip() != ":":
        return []
    rng = trim((following.span.start, following.span.end), folded, following.quotes)
    return [(cue, [rng])] if rng else []
