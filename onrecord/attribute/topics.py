"""What each quote is about, as labels a reader filters by: its section heading and the entities it names.

The heading is the article's last in-text heading before the quote ("On Western Peacekeepers in Ukraine").
The entities are the places, organisations, people, events and laws the entity recogniser finds inside
the quote's content, less the speaker's own names (what the quote is about, not who said it), written as
the text writes them, without a leading "the" or a trailing possessive.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from onrecord.attribute.figures import content_tokens
from onrecord.model import Article, Quote
from onrecord.names import fold

TOPIC_ENTITIES = frozenset({"GPE", "LOC", "ORG", "PERSON", "FAC", "EVENT", "LAW", "PRODUCT"})
"""Not NORP: "Syrian" beside "Syria" adds nothing to filter by."""
MAX_TOPICS = 8
"""At most this many labels a quote: its heading and its first entities."""
MAX_TOPIC_CHARS = 120


def add_topics(article: Article, quotes: Iterable[Quote], docs: Sequence[Doc], starts: Sequence[int]) -> None:
    """Fill each quote's `topics` from the article's headings and the paragraph parses."""
    text = article.text
    headings = sorted(article.headings)
    heading_starts = [h.start for h in headings]
    for quote in quotes:
        found: list[str] = []
        at = bisect.bisect_right(heading_starts, quote.content_spans[0].start) - 1
        if at >= 0:
            found.append(" ".join(headings[at].of(text).split()))
        found += _entities(quote, docs, starts)
        quote.topics = _distinct(found)[:MAX_TOPICS]


def _entities(quote: Quote, docs: Sequence[Doc], starts: Sequence[int]) -> list[str]:
    tokens = content_tokens(quote, docs, starts)
    inside = {(id(t.doc), t.i) for t in tokens}
    speaker = _speaker_words(quote)
    found = []
    for doc in {id(t.doc): t.doc for t in tokens}.values():
        for ent in doc.ents:
            if ent.label_ in TOPIC_ENTITIES and all((id(doc), t.i) in inside for t in ent):
                name = _cleaned(ent.text)
                if name and not _is_speaker(name, speaker):
                    found.append(name)
    return found


def _cleaned(name: str) -> str:
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    cleaned = " ".join(words).removesuffix("'s").removesuffix("’s").strip(" ,.;:'\"“”‘’«»()")
    return cleaned[:MAX_TOPIC_CHARS] if len(cleaned) > 1 else ""


def _speaker_words(quote: Quote) -> set[str]:
    names = [quote.named_speaker or "", quote.source.text if quote.source else ""]
    return {w for name in names for w in fold(name).replace("'s", "").split() if len(w) > 2}


def _is_speaker(name: str, speaker: set[str]) -> bool:
    """A name every word of which is one of the speaker's ("Peskov", "Dmitry Peskov" for Peskov's quote)."""
    words = [w for w in fold(name).split() if len(w) > 2]
    return bool(words) and all(w in speaker for w in words)


def _distinct(labels: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for label in labels:
        key = fold(label)
        if key not in seen:
            seen.add(key)
            out.append(label)
    return out
