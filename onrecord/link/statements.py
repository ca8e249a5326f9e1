"""Statements: the quotes of one canonical speaker that report one thing said, across articles.

Quotes are taken in the order they were stored (article id, then position), and each is compared
with the earlier quotes of its speaker whose articles are dated within `WINDOW_DAYS` of its own (a
quote without a date only with near-verbatim wordings). It joins the statement with the largest share
of matching reports among those compared (at least half), else starts one. Linking an article adds its quotes at the end of that order, so
linking article by article and regrouping a speaker's quotes from scratch give the same statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

WINDOW_DAYS = 7
MAX_CANDIDATES = 40
"""At most this many earlier quotes, the most similar in words, go to the matcher for each quote."""
NEAR_VERBATIM = 0.8
"""Share of the shorter wording's words in the longer one above which two undated quotes may match."""

Judge = Callable[[Sequence[tuple[str, str]]], list[bool]]
"""Says, for each pair of wordings, whether they report one statement (`onrecord.link.match.Matcher.same`)."""

_WORD = re.compile(r"\w+")
_FUNCTION_WORDS = frozenset(
    "the a an of to in on and or that this it is was be for with as at by from he she they we i you his her "
    "their our its not said says".split()
)


@dataclass(frozen=True)
class QuoteRecord:
    """One quote as the statement linker needs it."""

    id: int
    article_id: int
    seq: int
    text: str
    published: date | None


def day_of(published: str | None) -> date | None:
    """The date of an ISO date or datetime string; None when absent or unreadable."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _FUNCTION_WORDS)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller word set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _in_window(a: QuoteRecord, b: QuoteRecord, words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    if a.published is not None and b.published is not None:
        return abs((a.published - b.published).days) <= WINDOW_DAYS
    return overlap(words_a, words_b) >= NEAR_VERBATIM


Seen = tuple[QuoteRecord, int, frozenset[str]]


class _Earlier:
    """The quotes grouped so far, found by date: a dated quote meets only its window and the undated ones."""

    def __init__(self) -> None:
        self.by_day: dict[date, list[Seen]] = {}
        self.undated: list[Seen] = []
        self.everything: list[Seen] = []

    def add(self, seen: Seen) -> None:
        self.everything.append(seen)
        day = seen[0].published
        (self.by_day.setdefault(day, []) if day is not None else self.undated).append(seen)

    def near(self, quote: QuoteRecord) -> list[Seen]:
        if quote.published is None:
            return self.everything
        days = (date.fromordinal(quote.published.toordinal() + d) for d in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
        return [s for day in days for s in self.by_day.get(day, ())] + self.undated


def _best_group(candidates: list[Seen], verdicts: list[bool], own: int) -> int:
    """The statement most of whose compared reports match the quote (at least half of them, and one); else
    `own`. Asking for half, not one, keeps a chain of near matches from gathering different claims."""
    tally: dict[int, list[int]] = {}
    for rank, ((_, group, _), same) in enumerate(zip(candidates, verdicts)):
        counts = tally.setdefault(group, [0, 0, rank])
        counts[0] += int(same)
        counts[1] += 1
    eligible = [(c[0] / c[1], c[0], -c[2], g) for g, c in tally.items() if c[0] and 2 * c[0] >= c[1]]
    return max(eligible)[3] if eligible else own


def cluster(quotes: Sequence[QuoteRecord], judge: Judge, start: Sequence[tuple[QuoteRecord, int]] = ()) -> dict[int, int]:
    """Each quote's group, numbered by the id of the group's first quote.

    start: quotes already grouped (quote, group), earlier in the order than every quote in `quotes`.
    """
    earlier = _Earlier()
    for q, g in sorted(start, key=lambda item: (item[0].article_id, item[0].seq)):
        earlier.add((q, g, content_words(q.text)))
    groups: dict[int, int] = {}
    for quote in sorted(quotes, key=lambda q: (q.article_id, q.seq)):
        words = content_words(quote.text)
        candidates = [(q, g, w) for q, g, w in earlier.near(quote) if _in_window(quote, q, words, w)]
        candidates.sort(key=lambda c: (-overlap(words, c[2]), c[0].article_id, c[0].seq))
        candidates = candidates[:MAX_CANDIDATES]
        verdicts = judge([(quote.text, q.text) for q, _, _ in candidates]) if candidates else []
        group = _best_group(candidates, verdicts, quote.id)
        groups[quote.id] = group
        earlier.add((quote, group, words))
    return groups
