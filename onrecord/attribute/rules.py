"""The rules' proposals for one paragraph: each cue the parse shows (cues.py) with the content it reads
(content.py), outer attributions first, then those nested in their content ("X said ..., Tass reported"),
and a cue ending its paragraph with a colon, which introduces the next paragraph."""

from __future__ import annotations

from onrecord.attribute.acts import act_of, says_something
from onrecord.attribute.content import raw_spans, trim_span, widen
from onrecord.attribute.cues import Cue
from onrecord.attribute.paragraphs import ParaView
from onrecord.attribute.proposal import (
    BORROWED_CONFIDENCE,
    RULE_CONFIDENCE,
    Proposal,
    inside,
    overlaps_any,
)
from onrecord.model import Span


def propose_rules(view: ParaView, following: ParaView | None, folded: str) -> list[Proposal]:
    """The rules' attributions in `view`, in cue order, then the one introducing `following` (if any)."""
    chosen = _select(view, folded)
    pairs = chosen + _introducing(view, following, folded, {c.anchor.i for c, _ in chosen})
    return [_proposal(cue, content, view) for cue, content in pairs]


def _proposal(cue: Cue, content: list[Span], view: ParaView) -> Proposal:
    np = cue.np
    return Proposal(
        origin="rules",
        cue=cue.span(view.para),
        content=content,
        clause=says_something(cue.anchor, view.para, content),
        source=Span(np.start, np.end),
        reading=np,
        order=cue.anchor.i,
        confidence=BORROWED_CONFIDENCE if cue.inherited else RULE_CONFIDENCE,
        act=act_of(cue.anchor, np) if cue.says else None,
        head_at=view.para.start(cue.anchor),
        borrowed=cue.inherited,
        label=cue.label,
    )


def _content(cue: Cue, view: ParaView, text: str, floor: int) -> list[Span]:
    """A cue's content: its raw spans widened to whole quotes, trimmed, sorted, and overlapping ones merged."""
    raw = raw_spans(cue, view.cues, view.para, view.quotes, text, floor)
    trimmed = [trim_span(span, text, view.quotes) for span in widen(raw, view.quotes)]
    merged: list[Span] = []
    for span in sorted(s for s in trimmed if s):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _candidates(
    view: ParaView, folded: str, skip: frozenset[int] = frozenset(), floors: bool = True
) -> list[tuple[Cue, list[Span]]]:
    """Each cue of a paragraph with its content, in order; with `floors`, a postposed cue's content starts after the one before."""
    floor = view.para.base
    found = []
    for cue in view.cues:
        if cue.anchor.i in skip:
            continue
        content = _content(cue, view, folded, floor)
        if content:
            found.append((cue, content))
            if floors:
                floor = max(floor, content[-1].end, view.para.end(cue.anchor))
    return found


def _nested(view: ParaView, candidates: list[tuple[Cue, list[Span]]]) -> frozenset[int]:
    """Cues inside another cue's content ("X said that, until it has asserted its interests, ...")."""
    found = set()
    for cue, _ in candidates:
        pos = view.para.start(cue.anchor)
        if any(inside(pos, content) for other, content in candidates if other is not cue):
            found.add(cue.anchor.i)
    return frozenset(found)


def _select(view: ParaView, folded: str) -> list[tuple[Cue, list[Span]]]:
    """Outer attributions first; then attributions nested inside their content ("X said, Tass reported")."""
    nested = _nested(view, _candidates(view, folded, floors=False))
    outer: list[tuple[Cue, list[Span]]] = []
    outer_spans: list[Span] = []
    for cue, content in _candidates(view, folded, skip=nested):
        if not overlaps_any(content, outer_spans):
            outer.append((cue, content))
            outer_spans += content
    chosen = list(outer)
    taken: list[Span] = []
    not_nested = frozenset(c.anchor.i for c in view.cues) - nested
    for cue, content in _candidates(view, folded, skip=not_nested):
        if cue.inherited:
            continue  # a subjectless cue inside someone's words has no source of its own
        within = any(o.contains(span) for span in content for o in outer_spans)
        if (within or not overlaps_any(content, outer_spans)) and not overlaps_any(content, taken):
            chosen.append((cue, content))
            taken += content
    return sorted(chosen, key=lambda c: c[0].anchor.i)


def _introducing(
    view: ParaView, following: ParaView | None, folded: str, taken: set[int]
) -> list[tuple[Cue, list[Span]]]:
    """A cue that ends its paragraph with a colon ("He said:") introduces the next paragraph."""
    if following is None or not view.cues:
        return []
    cue = view.cues[-1]
    _, block_end = cue.block()
    after = folded[view.para.end(cue.anchor.doc[block_end - 1]) : view.span.end]
    if cue.anchor.i in taken or after.strip() != ":":
        return []
    span = trim_span(following.span, folded, following.quotes)
    return [(cue, [span])] if span else []
