"""Person names compared: folded words, surnames, and whether two names can be one person's.

Used within an article (attribute/resolve.py) and for matching keys in the store (store/keys.py); the
cross-article linker will build on the same pieces.
"""

from __future__ import annotations

import functools
import re
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


HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "mme", "mlle", "herr", "frau", "rev",
     "madam", "madame", "mister"}
)
"""Courtesy words in front of a name that are no part of it ("Mr. Sorokin" is "Sorokin")."""

_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"), ("tch", "ch"), ("gue", "ge"), ("gui", "gi"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
    ("ck", "k"), ("ph", "f"), ("th", "t"), ("w", "v"), ("ou", "u"), ("x", "ks"), ("q", "k"),
    ("ye", "e"), ("ie", "e"), ("iy", "i"), ("yy", "i"), ("ii", "i"), ("ij", "i"), ("y", "i"),
    ("ce", "se"), ("ci", "si"), ("c", "k"),
)
"""Letter correspondences between romanisations of one name, applied in order: Dmitry/Dmitri/Dmitriy,
Zelensky/Zelenskyy/Zelenskiy, Savelyev/Saveliev, Aleksei/Alexey, Yevgeny/Evgeniy, Khodorkovsky/Hodorkovski, Poutine/Putin."""


def strip_honorifics(name: str) -> str:
    """The name without courtesy words in front ("Mr. Sorokin") or a possessive at the end ("Sorokin's")."""
    words = name.split()
    while len(words) > 1 and fold(words[0]).strip(".") in HONORIFICS:
        words.pop(0)
    if words:
        for ending in ("'s", "’s", "'", "’"):
            if words[-1].endswith(ending) and len(words[-1]) > len(ending) + 1:
                words[-1] = words[-1][: -len(ending)]
                break
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A folded word with its romanisation differences levelled: one skeleton for Dmitry, Dmitri and Dmitriy.

    A final -e of a long word is dropped (French Sorokine, Poutine), -off read as -ov, doubled letters made one.
    Different names keep different skeletons ("jonas" and "petra"; "jan" and "ian").
    """
    text = "".join(ch for ch in fold(word) if ch.isalpha())
    if len(text) >= 6 and text.endswith("off"):
        text = text[:-3] + "ov"
    for old, new in _SPELLINGS:
        text = text.replace(old, new)
    if len(text) >= 6 and text.endswith("e") and text[-2] not in "aeiou":
        text = text[:-1]
    return "".join(ch for i, ch in enumerate(text) if i == 0 or ch != text[i - 1])


def name_skeleton(name: str) -> tuple[str, ...]:
    """The skeletons of a person's name words, honorifics and suffixes left out."""
    return tuple(s for s in (skeleton(w) for w in name_words(strip_honorifics(name))) if s)


def person_surface(form: str, name: str) -> str | None:
    """The part of a mention that is a form of the person's name ("Kremlin spokesman Peskov" -> "Peskov");
    None for a description without the name ("the spokesman", "a taxi driver who lives nearby")."""
    words = strip_honorifics(form.replace("(", " ").replace(")", " ")).split()
    target = name_skeleton(name)
    if not target:
        return None
    ends = [i for i, w in enumerate(words) if skeleton(w.strip(".,;:")) == target[-1]]
    if not ends:
        return None
    end = ends[-1]
    start = end
    givens = set(target[:-1])
    while start > 0:
        word = words[start - 1].strip(",;:")
        folded = skeleton(word)
        initial = len(word.rstrip(".")) == 1 and word[:1].isupper()
        if not word[:1].isupper() or not (folded in givens or initial):
            break
        start -= 1
    return " ".join(w.strip(",;:") for w in words[start : end + 1]).rstrip(".'’") or None


_ORG_LEADS = frozenset({"the", "its", "his", "her", "their", "our"})
ORG_FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "la", "le", "&"})
"""Words of an organisation's name that are not names themselves ("Ministry *of* Defence"); an acronym may skip
them or write them in lower case ("MoD", "CFR" = Council on Foreign Relations)."""
LEGAL_SUFFIXES = frozenset({"co", "inc", "ltd", "llc", "plc", "corp", "ag", "gmbh", "nv", "bv", "llp", "lp"})
"""Company forms written after a name ("McClatchy Co.", "Apple Inc."): no part of who the company is."""


def organization_surfaces(form: str) -> list[str]:
    """The names in an organisation mention: "the Kestravan Ministry of Defence (MoD" -> both names; a
    lowercase description ("the ministry") is none."""
    found = []
    for part in re.split(r"[()\[\],]", form):
        words = part.split()
        while words and fold(words[0]) in _ORG_LEADS:
            words.pop(0)
        content = [w for w in words if fold(w) not in ORG_FUNCTION_WORDS]
        if content and all(w[:1].isupper() or w[:1].isdigit() for w in content):
            found.append(" ".join(words))
    return found
