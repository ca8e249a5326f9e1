"""Statements: the quotes of one canonical speaker that report one thing said, across articles.

Quotes are taken in the order they were stored (article id, then position), and each is compared
with the earlier quotes of its speaker whose articles are dated within `WINDOW_DAYS` of its own (a
quote without a date only with near-verbatim wordings). It joins a statement one of whose reports holds
its words verbatim (normalised-equal, or contained: `match.same_words`), else the statement with the
largest share of matching reports among those compared (at least half), else starts one. Linking an
article adds its quotes at the end of that order, so linking article by article and regrouping a
speaker's quotes from scratch give the same statements.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from onrecord.link.match import same_words

WINDOW_DAYS = 7
MAX_CANDIDATES = 5
"""At most this many earlier quotes, those sharing the most rare words with it, go to the matcher."""
MIN_RARE_OVERLAP = 0.1
"""Blocking: an earlier quote goes to the matcher only when this share of the rarer quote's word weight is
shared (labelled set: 95% of the pairs that are one statement pass, 20% of the others)."""
RARITY_CEILING = 7.0
"""A word weighs 7 minus its Zipf frequency in English (wordfreq): "the" ~0, "ballots" 3.4, a name 7."""
MIN_SHARE = 0.5
"""A quote joins a statement when more than this share of its related reports match it (or exactly this
share, the statement's own text among them)."""
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
    kind: str = "direct"


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


@functools.lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How much a shared word says two texts are about the same thing: rarer words weigh more."""
    from wordfreq import zipf_frequency

    return max(0.0, RARITY_CEILING - zipf_frequency(word, "en"))


@functools.lru_cache(maxsize=50_000)
def weighted_stems(text: str) -> Mapping[str, float]:
    """Each word's first five letters (a crude stem: "evacuated", "evacuees") with the word's rarity.

    Remembered: the linker asks about the same wordings for blocking, the half-weight rule and the
    aligned stretch; the mapping returned is shared, read-only.
    """
    found: dict[str, float] = {}
    for word in _WORD.findall(text.casefold()):
        weight = rarity(word)
        if weight > 0:
            stem = word[:5]
            found[stem] = max(found.get(stem, 0.0), weight)
    return MappingProxyType(found)


def rare_overlap(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Share of the lighter text's word weight that the other text shares."""
    total = min(sum(a.values()), sum(b.values()))
    return sum(min(a[k], b[k]) for k in a.keys() & b.keys()) / total if total else 0.0


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller word set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _in_window(a: QuoteRecord, b: QuoteRecord, words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    if a.published is not None and b.published is not None:
        return abs((a.published - b.published).days) <= WINDOW_DAYS
    return overlap(words_a, words_b) >= NEAR_VERBATIM


@dataclass(frozen=True)
class Seen:
    """A quote already grouped, with what comparing it needs."""

    quote: QuoteRecord
    group: int
    words: frozenset[str]
    stems: Mapping[str, float]


def _seen(quote: QuoteRecord, group: int) -> Seen:
    return Seen(quote, group, content_words(quote.text), weighted_stems(quote.text))


class _Earlier:
    """The quotes grouped so far, found by date: a dated quote meets only its window and the undated ones."""

    def __init__(self) -> None:
        self.by_day: dict[date, list[Seen]] = {}
        self.undated: list[Seen] = []
        self.everything: list[Seen] = []
        self.representative: dict[int, Seen] = {}

    def add(self, seen: Seen) -> None:
        self.everything.append(seen)
        current = self.representative.get(seen.group)
        if current is None or _fullness(seen) > _fullness(current):
            self.representative[seen.group] = seen
        day = seen.quote.published
        (self.by_day.setdefault(day, []) if day is not None else self.undated).append(seen)

    def near(self, quote: QuoteRecord) -> list[Seen]:
        if quote.published is None:
            return self.everything
        days = (date.fromordinal(quote.published.toordinal() + d) for d in range(-WINDOW_DAYS, WINDOW_DAYS + 1))
        return [s for day in days for s in self.by_day.get(day, ())] + self.undated


def _fullness(seen: Seen) -> tuple[bool, int]:
    """How a statement's text is chosen: the fullest direct wording, else the longest report."""
    return seen.quote.kind == "direct", len(seen.quote.text)


def _best_group(
    window: list[Seen],
    candidates: list[Seen],
    verdicts: list[bool],
    own: int,
    representative: dict[int, Seen],
    verbatim: frozenset[int] = frozenset(),
) -> int:
    """The statement most of whose related reports (in the window, sharing rare words) match the quote (more
    than half of them, or half with the statement's own text among them; a report not sent to the matcher
    counts as no match), or one of whose reports holds the quote's words verbatim (`verbatim`: ids of such
    reports); else `own`. Asking for half, not one, keeps a chain of near matches from gathering different
    claims; the same words are no near match."""
    matched = {id(seen) for seen, same in zip(candidates, verdicts) if same}
    rank = {id(seen): i for i, seen in enumerate(candidates)}
    tally: dict[int, list[int]] = {}
    for seen in window:
        counts = tally.setdefault(seen.group, [0, 0, -len(window)])
        counts[0] += int(id(seen) in matched)
        counts[1] += 1
        if id(seen) in rank:
            counts[2] = max(counts[2], -rank[id(seen)])
    word_for_word = {seen.group for seen in window if id(seen) in verbatim}
    eligible = [
        (g in word_for_word, c[0] / c[1], c[0], c[2], g)
        for g, c in tally.items()
        if g in word_for_word
        or (c[0] and (c[0] > MIN_SHARE * c[1] or (c[0] == MIN_SHARE * c[1] and id(representative.get(g)) in matched)))
    ]
    return max(eligible)[-1] if eligible else own


def _window(quote: QuoteRecord, mine: Seen, earlier: _Earlier) -> list[Seen]:
    return [seen for seen in earlier.near(quote) if _in_window(quote, seen.quote, mine.words, seen.words)]


def _related(mine: Seen, window: list[Seen]) -> list[Seen]:
    """The earlier quotes in the window sharing rare words with this one, the most first."""
    scored = []
    for seen in window:
        score = rare_overlap(mine.stems, seen.stems)
        if score >= MIN_RARE_OVERLAP:
            scored.append((-score, seen.quote.article_id, seen.quote.seq, seen))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]


def cluster(quotes: Sequence[QuoteRecord], judge: Judge, start: Sequence[tuple[QuoteRecord, int]] = ()) -> dict[int, int]:
    """Each quote's group, numbered by the id of the group's first quote.

    start: quotes already grouped (quote, group), earlier in the order than every quote in `quotes`.
    """
    earlier = _Earlier()
    for q, g in sorted(start, key=lambda item: (item[0].article_id, item[0].seq)):
        earlier.add(_seen(q, g))
    groups: dict[int, int] = {}
    for quote in sorted(quotes, key=lambda q: (q.article_id, q.seq)):
        mine = _seen(quote, quote.id)
        related = _related(mine, _window(quote, mine, earlier))
        candidates = related[:MAX_CANDIDATES]
        verdicts = judge([(quote.text, seen.quote.text) for seen in candidates]) if candidates else []
        verbatim = frozenset(id(seen) for seen in candidates if same_words(quote.text, seen.quote.text))
        group = _best_group(related, candidates, verdicts, quote.id, earlier.representative, verbatim)
        groups[quote.id] = group
        earlier.add(Seen(quote, group, mine.words, mine.stems))
    return groups
