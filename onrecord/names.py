"""Person names compared: folded words, surnames, and whether two names can be one person's.

Used within an article (attribute/resolve.py) and for matching keys in the store (store/keys.py); the
cross-article linker will build on the same pieces.
"""

from __future__ import annotations

import unicodedata

NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Words after a surname that are not one ("Joseph R. Biden Jr.")."""


def fold(text: str) -> str:
    """Case-folded, accents stripped ("Dmitrý" -> "dmitry")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_words(name: str) -> list[str]:
    """The folded words of a name, without trailing periods and commas or a suffix after the surname."""
    words = [fold(w).strip(".,") for w in name.split()]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words


def surname_key(name: str) -> str:
    """The folded surname ("" for no name)."""
    words = name_words(name)
    return words[-1] if words else ""


def is_bare(name: str) -> bool:
    """A name without a given name ("Brandt", "Biden Jr.")."""
    return len(name_words(name)) < 2


def same_person(a: str, b: str) -> bool:
    """Two forms of one person's name: the same surname, and the given names of the shorter all among the
    other's (an initial matches a name it starts). "Jonas Brandt" is not "Petra Brandt"; a bare surname
    fits any bearer of it (which one is the resolver's question)."""
    if surname_key(a) != surname_key(b):
        return False
    short, long_ = sorted((name_words(a)[:-1], name_words(b)[:-1]), key=len)
    return all(any(_same_given(g, h) for h in long_) for g in short)


def _same_given(g: str, h: str) -> bool:
    """One given name, or an initial and the name it starts."""
    return g == h or (len(g) == 1 and h.startswith(g)) or (len(h) == 1 and g.startswith(h))
