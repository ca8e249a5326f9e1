"""Byline and date lines: "By Anadolu Agency", "May 31, 2023 1:18 pmISTANBUL", "Published: 31 May 2023 | By X"."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.clean import patterns as P
from onrecord.clean.dates import DateMatch, find_dates
from onrecord.clean.lines import count_words

_BLANK = "|"
"""Dates are blanked with a segment separator, so what stands on either side is judged apart."""


@dataclass(frozen=True)
class MetaLine:
    """What a metadata line holds; offsets are relative to the line."""

    dates: tuple[DateMatch, ...] = ()
    updated: tuple[bool, ...] = ()
    byline: tuple[int, int] | None = None
    dateline: tuple[int, int] | None = None

    def published(self) -> DateMatch | None:
        """The line's first date that is not marked as an update, else its first date."""
        for found, is_update in zip(self.dates, self.updated):
            if not is_update:
                return found
        return self.dates[0] if self.dates else None


def parse_meta_line(text: str) -> MetaLine | None:
    """A MetaLine when `text` holds only dates, a byline, a dateline and metadata words; else None."""
    if len(text) > P.META_MAX_CHARS:
        return None
    dates = find_dates(text)
    residue = _blank_out(text, dates)
    byline: tuple[int, int] | None = None
    dateline: tuple[int, int] | None = None
    for start, end in _segments(residue):
        segment = residue[start:end]
        if _only_meta_words(segment):
            continue
        name = _byline_name(segment)
        if name and byline is None:
            byline = (start + name[0], start + name[1])
        elif dates and dateline is None and P.PLACE.match(segment):
            dateline = (start, end)
        else:
            return None
    if not dates and byline is None:
        return None
    updated = tuple(bool(P.UPDATED_BEFORE.search(residue[: d.start])) for d in dates)
    return MetaLine(tuple(dates), updated, byline, dateline)


def _blank_out(text: str, dates: list[DateMatch]) -> str:
    chars = list(text)
    for found in dates:
        chars[found.start : found.end] = _BLANK * (found.end - found.start)
    return "".join(chars)


def _segments(residue: str) -> list[tuple[int, int]]:
    """Non-empty pieces between separators, trimmed of brackets and punctuation."""
    pieces: list[tuple[int, int]] = []
    for match in P.SEGMENT.finditer(residue):
        raw = match.group()
        stripped = raw.strip(P.SEGMENT_TRIM)
        if stripped:
            start = match.start() + raw.index(stripped)
            pieces.append((start, start + len(stripped)))
    return pieces


def _only_meta_words(segment: str) -> bool:
    tokens = [t.strip(".").lower() for t in segment.replace(":", " ").replace(",", " ").split()]
    return all(t in P.META_WORDS for t in tokens)


def _byline_name(segment: str) -> tuple[int, int] | None:
    """Offsets of the name in "By Jane Doe and John Roe"; None unless it reads as names."""
    match = P.BYLINE.match(segment)
    if not match:
        return None
    name = match.group("name").rstrip(" .,;")
    if not name or count_words(name) > P.BYLINE_MAX_WORDS:
        return None
    for token in name.replace(",", " ").split():
        if not (token[0].isupper() or token.lower() in P.BYLINE_CONNECTORS):
            return None
    return match.start("name"), match.start("name") + len(name)
