"""Comparing wordings for display: folding that keeps offsets, and which words one wording adds to another.

The statement page (`web/render.py`) and `onrecord statement` (`cli_render.py`) mark the same words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\S+")


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character without its accent, lower-cased, and still one character (so offsets hold)."""
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """`text` accent- and case-folded character by character, as the FTS index compares it."""
    return "".join(_fold_char(char) for char in text)


def _word_key(word: str) -> str:
    """What two words must share to count as the same: letters and digits, accents and case folded
    (so "Washington." matches "Washington"); a word of punctuation only is compared as it is."""
    key = re.sub(r"[\W_]+", "", fold(word))
    return key or word


def differing_spans(text: str, reference: str) -> list[tuple[int, int]]:
    """The character ranges of `text` holding runs of words that `reference` lacks, in order.

    Words are compared in order (difflib over the word sequences, case, accents and punctuation
    ignored). Words of `reference` that `text` leaves out have no range.
    """
    spans = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    matcher = difflib.SequenceMatcher(
        a=[_word_key(word) for word in reference.split()],
        b=[_word_key(text[start:end]) for start, end in spans],
        autojunk=False,
    )
    return [(spans[j1][0], spans[j2 - 1][1]) for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" and j1 != j2]
