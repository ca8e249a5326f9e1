"""Whether a text reads as English prose: onrecord's parser and attribution models are English only.

Two signs, both cheap: most letters are Latin, and English function words ("the", "of", "said") make up
a share of the words that no other language's prose reaches. Measured on the bodies of ../shared/realweb
(91 real pages): the pages in German, Portuguese, Indonesian and Russian (and one scoreboard of names and
numbers) have a share of 0.000-0.010, English pages 0.073 (a list-heavy fitness page) and above; the 936
articles of PolNeAR train and dev, the seeds and the sample corpus 0.121 and above. A text too short to
tell is taken as English.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    "the of and to is that for it on with he as at by his be this are from have not they but had has or we you she "
    "her were their said would which been who there about more if when what can than after its our out up".split()
)
"""Frequent English words that are not also words of German, Dutch or the Romance languages ("a", "in",
"no", "an", "so", "was", "will", "also" are left out)."""
MIN_FUNCTION_SHARE = 0.05
MIN_WORDS = 30
"""Under this many words a text is taken as English (a headline, a one-line post)."""
MIN_LATIN_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+")


def _latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def reads_as_english(text: str) -> bool:
    """Whether `text` is English prose (or too short to tell)."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(_latin(ch) for ch in letters) / len(letters) < MIN_LATIN_SHARE:
        return False
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return True
    return sum(w in FUNCTION_WORDS for w in words) / len(words) >= MIN_FUNCTION_SHARE
