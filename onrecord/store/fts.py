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


def search_terms(text: str) -> list[tuple[list[str], bool]]:
    """The terms of a user's search: (the words of a word or phrase, whether it is a prefix*).

    >>> search_terms('"air defense" condemn*')
    [(['air', 'defense'], False), (['condemn'], True)]
    """
    terms: list[tuple[list[str], bool]] = []
    for match in _TERM.finditer(text):
        phrase, phrase_star, bare = match.groups()
        if bare is not None:
            words, prefix = _WORD.findall(bare), bare.endswith("*")
        else:
            words, prefix = _WORD.findall(phrase), bool(phrase_star)
        if words:
            terms.append((words, prefix))
    return terms


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for `text`, or None when it holds no searchable word.

    >>> fts_query('air defense')
    '"air" "defense"'
    >>> fts_query('"air defense" condemn*')
    '"air defense" "condemn"*'
    >>> fts_query('*"; --') is None
    True
    """
    terms = [_string(words, prefix) for words, prefix in search_terms(text)]
    return " ".join(terms) if terms else None
