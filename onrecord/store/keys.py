"""Matching keys: how names are normalised so "Dmitry Peskov", "DMITRY PESKOV" and "Dmitrý Peskov" meet."""

from __future__ import annotations

import re

from onrecord.names import fold

_NON_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """Casefolded, accents stripped, punctuation and runs of spaces collapsed to one space.

    This is the first, simple canonicalisation: the cross-article linker (onrecord.link) will add
    titles, transliterations and surname-only matches on top of it.
    """
    return _NON_WORD.sub(" ", fold(name)).strip()


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
