"""Stories: articles about one event or ongoing thread, grouped as they arrive.

Each article is a bag of weighted words from its headline and body (TF-IDF, the signal of Miranda et al.
2018): the weight of a word is how often the article uses it, dampened, times how rare it is in English
(wordfreq's Zipf scale, capped: "said" weighs almost nothing, "derailed" and a name no dictionary knows
the same), with capitalised names counted half: the same officials speak about different events, and
what an article is about is in its other words. A new article joins the open story whose words are most
like its own (cosine against the story's summed words), if that is at least JOIN (JOIN_UNDATED when a
date is missing); reporting a statement the story already holds adds STATEMENT_BONUS; a story quiet for
longer than QUIET_DAYS fades (a new event in the same place with the same officials is a new story);
otherwise the article starts a story. Pure functions: the store keeps each article's words and each
story's sum (store/linking.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from wordfreq import zipf_frequency

TERMS_PER_ARTICLE = 60
"""An article is kept as its heaviest words: enough to tell stories apart, small to store."""
TERMS_PER_STORY = 150
INDEX_TERMS = 40
"""A story is found by its 40 heaviest words (store/linking.py keeps them in an index) ..."""
QUERY_TERMS = 20
"""... and an article looks for stories by its 20 heaviest: only stories sharing one are compared (a story
sharing none of them cannot come near JOIN) ..."""
MAX_CANDIDATES = 50
"""... and of those, the 50 sharing the most: placing an article costs the same however many stories are open
(a year of one war's coverage shares its common words with every story) ..."""
POSTINGS_PER_WORD = 200
"""... counting, for each word, only the 200 latest stories that have it."""
JOIN = 0.25
"""Cosine at or above which an article joins a story (chosen on benchmarks/stories; BENCHMARKS.md)."""
JOIN_UNDATED = 0.35
"""The same when the article or the story has no date: more shared words are asked where time cannot help
(an undated analysis of a missile strike otherwise joins the drone attack of months before: one war's words)."""
STATEMENT_BONUS = 0.15
"""Added when the article reports a statement an article of the story reported."""
QUIET_DAYS = 10
"""A story this many days past its last article starts to fade: the score is multiplied by FADE per week more."""
FADE = 0.75
OPEN_DAYS = 60
"""Stories whose last article is older than this (before the new article's date) are not candidates."""
NAME_WEIGHT = 0.5
MAX_ZIPF = 8.0
MAX_RARITY = 5.0
"""Words rarer than Zipf 3 (a few per million words) all weigh this much: a rare word is not rarer news."""
STOPWORDS = frozenset(
    "the a an and or but of to in on at for by with from as is are was were be been being has have had do does did "
    "will would shall should can could may might must it its this that these those he she they we you i his her "
    "their our your him them us me said says say told tell also not no than then there here who which what when "
    "where why how all any some more most other into over after before about up out just only very".split()
)
WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")

Terms = dict[str, float]


@dataclass(frozen=True)
class Candidate:
    """An open story as the store gives it: its id, summed words, last date and whether it shares a statement."""

    id: int
    terms: Terms
    last_published: date | None
    shares_statement: bool = False


def rarity(word: str) -> float:
    """How rare a word is in English, 0 (the commonest) to MAX_RARITY (Zipf 3 and below, names, places)."""
    return min(MAX_RARITY, MAX_ZIPF - zipf_frequency(word, "en"))


def terms_of(title: str | None, body: str) -> Terms:
    """The article's heaviest words, weighted, as a unit vector."""
    counts: Counter[str] = Counter()
    for text in (title or "", body):
        for match in WORD.finditer(text):
            word = match.group().replace("’", "'")
            folded = word.lower().removesuffix("'s")
            if len(folded) < 3 or folded in STOPWORDS:
                continue
            is_name = word[:1].isupper() and match.start() > 0 and text[match.start() - 2 : match.start()].strip() not in (".", "")
            counts[folded] += NAME_WEIGHT if is_name else 1.0
    weighted = {w: (1 + math.log(c)) * rarity(w) for w, c in counts.items()}
    return unit(top(weighted, TERMS_PER_ARTICLE))


def top(terms: Terms, n: int) -> Terms:
    return dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def unit(terms: Terms) -> Terms:
    norm = math.sqrt(sum(v * v for v in terms.values()))
    return {w: v / norm for w, v in terms.items()} if norm else {}


def cosine(a: Terms, b: Terms) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def added(story: Terms, article: Terms) -> Terms:
    """A story's summed words with one more article's."""
    total = dict(story)
    for word, value in article.items():
        total[word] = total.get(word, 0.0) + value
    return top(total, TERMS_PER_STORY)


def fade(published: date | None, last: date | None) -> float:
    """1 within QUIET_DAYS of the story's last article; FADE per further week; 1 when a date is unknown."""
    if published is None or last is None:
        return 1.0
    quiet = abs((published - last).days) - QUIET_DAYS
    return 1.0 if quiet <= 0 else FADE ** (quiet / 7)


def score(terms: Terms, published: date | None, candidate: Candidate) -> float:
    bonus = STATEMENT_BONUS if candidate.shares_statement else 0.0
    return (cosine(terms, candidate.terms) + bonus) * fade(published, candidate.last_published)


def threshold(published: date | None, candidate: Candidate) -> float:
    """JOIN when both dates are known; JOIN_UNDATED when time cannot tell a new event from the same thread."""
    return JOIN if published is not None and candidate.last_published is not None else JOIN_UNDATED


def best_story(terms: Terms, published: date | None, candidates: Sequence[Candidate]) -> int | None:
    """The story the article joins, or None to start one (the lowest id wins a tie)."""
    scored = [(score(terms, published, c), -c.id) for c in candidates]
    joinable = [(value, negative_id) for (value, negative_id), c in zip(scored, candidates) if value >= threshold(published, c)]
    return -max(joinable)[1] if joinable else None


def story_title(titles: Iterable[tuple[str | None, str | None]]) -> str | None:
    """A story's title: the headline of its earliest dated article (else its first), by (published, title)."""
    titles = list(titles)
    dated = sorted((p, t) for p, t in titles if t and p)
    if dated:
        return dated[0][1]
    undated = [t for _, t in titles if t]
    return undated[0] if undated else None


def parse_date(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
