"""Quotation marks: pair them into quoted stretches by position and context, whatever their glyph."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.clean.normalize import fold_marks

SINGLE_OPEN_BEFORE = frozenset(" \t\n([{-\u2013\u2014\"/:")
SINGLE_CLOSE_AFTER = frozenset(" \t\n)]}.,;:!?-\u2013\u2014\"/")
SINGLE_MAX_LEN = 400
"""Longer single-quoted stretches are almost always two apostrophes, not a quote."""


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: `start` is its opening mark, `end` is past its closing mark (or the paragraph end)."""

    start: int
    end: int
    closed: bool

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end

    def covers(self, pos: int) -> bool:
        return self.start <= pos < self.end


def fold_quotes(text: str) -> str:
    """`text` with every quote glyph as '"' or "'" (same length); the cleaner's analysis text already is."""
    return fold_marks(text)


def _double_quotes(text: str, base: int) -> list[Quoted]:
    """Pair '"' marks in order; an odd last mark opens a quote that runs to the paragraph end."""
    marks = [i for i, ch in enumerate(text) if ch == '"' and not _is_inch_mark(text, i)]
    found = [Quoted(base + a, base + b + 1, True) for a, b in zip(marks[0::2], marks[1::2])]
    if len(marks) % 2:
        end = len(text.rstrip())
        if end > marks[-1] + 1:
            found.append(Quoted(base + marks[-1], base + end, False))
    return found


def _is_inch_mark(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit() and (i + 1 == len(text) or not text[i + 1].isalnum()) and "'" in text[max(0, i - 4) : i]


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in SINGLE_OPEN_BEFORE and after.isalpha()


def _single_closes(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and after in SINGLE_CLOSE_AFTER


def _single_quotes(text: str, base: int, taken: list[Quoted]) -> list[Quoted]:
    """Single-quoted stretches outside double quotes, told from apostrophes by the characters around them."""
    found: list[Quoted] = []
    i = 0
    while i < len(text):
        if text[i] == "'" and _single_opens(text, i) and not any(q.covers(base + i) for q in taken):
            close = next(
                (j for j in range(i + 2, min(len(text), i + SINGLE_MAX_LEN)) if text[j] == "'" and _single_closes(text, j)),
                None,
            )
            if close is not None and not any(q.covers(base + close) for q in taken):
                found.append(Quoted(base + i, base + close + 1, True))
                i = close + 1
                continue
        i += 1
    return found


def find_quotes(text: str, base: int = 0) -> list[Quoted]:
    """Quoted stretches of one paragraph's (folded) text, as offsets shifted by `base`."""
    doubles = _double_quotes(text, base)
    return sorted(doubles + _single_quotes(text, base, doubles), key=lambda q: q.start)
