"""Missed and spurious attributions with a little context around them, for error analysis."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.eval.brat import GoldAttribution, Ranges
from onrecord.eval.score import DocResult

CONTEXT_CHARS = 60
MAX_CONTENT_CHARS = 160


@dataclass
class ErrorCase:
    """One attribution the scorer could not pair: what it says, who says it, and where."""

    doc: str
    kind: str
    content: str
    source: str | None
    cue: str | None
    context: str
    offset: int

    def to_dict(self) -> dict[str, object]:
        return self.__dict__.copy()


def _text(ranges: Ranges, text: str, limit: int = MAX_CONTENT_CHARS) -> str:
    joined = " … ".join(text[a:b] for a, b in sorted(ranges))
    joined = " ".join(joined.split())
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


def _context(ranges: Ranges, text: str) -> str:
    start, end = min(a for a, _ in ranges), max(b for _, b in ranges)
    before = " ".join(text[max(0, start - CONTEXT_CHARS) : start].split())
    after = " ".join(text[end : end + CONTEXT_CHARS].split())
    return f"…{before} [[{_text(ranges, text, 80)}]] {after}…"


def _case(doc: DocResult, item: GoldAttribution, kind: str) -> ErrorCase:
    ranges = item.content or item.source or item.cue
    return ErrorCase(
        doc=doc.id,
        kind=kind,
        content=_text(item.content, doc.text),
        source=_text(item.source, doc.text, 80) if item.source else None,
        cue=_text(item.cue, doc.text, 40) if item.cue else None,
        context=_context(ranges, doc.text),
        offset=min(a for a, _ in ranges),
    )


def missed(docs: list[DocResult]) -> Iterator[ErrorCase]:
    """Gold attributions no prediction matched, in document order."""
    for doc in docs:
        for i, item in enumerate(doc.gold):
            if i not in doc.matched_gold and item.content:
                yield _case(doc, item, "missed")


def spurious(docs: list[DocResult]) -> Iterator[ErrorCase]:
    """Predictions that matched no gold attribution, in document order."""
    for doc in docs:
        for i, item in enumerate(doc.predicted):
            if i not in doc.matched_pred and item.content:
                yield _case(doc, item, "spurious")
