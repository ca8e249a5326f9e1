"""The text as lines: each non-blank line with its surrounding whitespace left out, and its shape."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.clean import patterns as P

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Line:
    """One non-blank line: `[start, end)` into the text, its analysis-text copy and its word count."""

    index: int
    start: int
    end: int
    text: str
    words: int

    @property
    def head(self) -> str:
        return self.text[: P.HEAD_WINDOW]

    @property
    def tail(self) -> str:
        return self.text[-P.HEAD_WINDOW :]

    @property
    def ends_sentence(self) -> bool:
        return bool(P.SENTENCE_END.search(self.tail))


def split_lines(analysis_text: str) -> list[Line]:
    """The non-blank lines of `analysis_text`, trimmed, in order."""
    lines: list[Line] = []
    for match in _LINE.finditer(analysis_text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(len(lines), start, start + len(stripped), stripped, count_words(stripped)))
    return lines


def count_words(text: str) -> int:
    """Words made of letters or digits; punctuation and symbols alone do not count."""
    return sum(1 for _ in P.WORD.finditer(text))
