"""Turning what a user types into a safe FTS5 query.

FTS5 has its own query language (AND/OR/NOT, NEAR(...), column filters, ^, parentheses) in which
most stray characters are syntax errors. Users type words, "quoted phrases" and prefix* terms, so
every term becomes an FTS5 string (double-quoted, which FTS5 never parses as an operator), built
only from the word characters the unicode61 tokenizer would keep anyway. Terms are ANDed.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+")
"""What unicode61 keeps as token characters: letters and digits (underscore separates)."""
_TERM = re.compile(r'"([^"]*)"?(\*?)|([^\s"]+)')
"""A "quoted phrase" (closed or running to the end) with an optional *, or a bare word."""


def _string(words: list[str], prefix: bool) -> str:
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for `text`, or None when it holds no searchable word.

    >>> fts_query('air defense')
    '"air" "defense"'
    >>> fts_query('"air defense" condemn*')
    '"air defense" "condemn"*'
    >>> fts_query('*"; --') is None
    True
    """
    terms: list[str] = []
    for match in _TERM.finditer(text):
        phrase, phrase_star, bare = match.groups()
        if bare is not None:
            words = _WORD.findall(bare)
            prefix = bare.endswith("*")
        else:
            words = _WORD.findall(phrase)
            prefix = bool(phrase_star)
        if words:
            terms.append(_string(words, prefix))
    return " ".join(terms) if terms else None
