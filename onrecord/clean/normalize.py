"""A same-length copy of a text for analysis: exotic spaces, typographic quotes and look-alike letters folded."""

from __future__ import annotations

import functools
import re
import unicodedata

from onrecord.clean import patterns as P

_FOLD = str.maketrans(
    {
        **{ch: " " for ch in P.EXOTIC_SPACES},
        **{ch: '"' for ch in P.DOUBLE_QUOTES},
        **{ch: "'" for ch in P.SINGLE_QUOTES},
    }
)


_DOUBLED_SINGLE = re.compile(r"(?<![\d'])''(?!')")
"""Two single marks written for one double mark ("''It's anti-reform,'' she said", AP's "voters,’’"), not
after a digit (12'' is inches)."""


def fold_marks(text: str) -> str:
    """`text` with exotic spaces as " " and every quote glyph as '"' or "'" (same length); two single marks
    standing for a double one become '"' and a space (before the mark when a space follows the pair, else
    after it), so no two spaces meet for the parser to read as a token of its own."""
    folded = text.translate(_FOLD)
    if "''" not in folded:
        return folded
    return _DOUBLED_SINGLE.sub(_as_double, folded)


def _as_double(match: re.Match[str]) -> str:
    text, end = match.string, match.end()
    space_after = end < len(text) and text[end].isspace()
    return ' "' if space_after else '" '


def normalize_for_analysis(text: str) -> str:
    """`text` with one character in, one character out, so every offset is valid in both."""
    folded = fold_marks(text)
    if not P.HOMOGLYPH_CHARS.search(folded):
        return folded
    chars = list(folded)
    done_until = 0
    for match in P.HOMOGLYPH_CHARS.finditer(folded):
        if match.start() < done_until:
            continue
        start, end = _word_bounds(folded, match.start())
        done_until = end
        if _is_mixed_latin(folded[start:end]):
            for i in range(start, end):
                chars[i] = P.HOMOGLYPHS.get(chars[i], chars[i])
    return "".join(chars)


def _word_bounds(text: str, index: int) -> tuple[int, int]:
    """The run of letters around `text[index]`."""
    start, end = index, index + 1
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _is_mixed_latin(word: str) -> bool:
    """True when every letter of `word` is Latin or a look-alike, with at least one real Latin letter."""
    has_latin = False
    for ch in word:
        if _is_latin(ch):
            has_latin = True
        elif ch not in P.HOMOGLYPHS:
            return False
    return has_latin


@functools.lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")
