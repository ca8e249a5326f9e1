"""Quotes with no cue of their own: continuations a reader gives to the speaker around them.

News style quotes a speaker, then goes on quoting without repeating the attribution, in the
same paragraph (`... he said. "More words."`) or in the next one (a paragraph that is one
quote). Such a quote is given to the nearest attributed quote before it in its paragraph,
else to the next one after it in its paragraph, else, when it opens its paragraph, to the
last quote of the paragraph right before. Short quoted phrases inside a sentence ("so-called
'special operation'") are scare quotes, not statements, and are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.attribute.content import trim
from onrecord.attribute.marks import Quoted
from onrecord.model import Article, Quote, Span, make_quote

if TYPE_CHECKING:
    from onrecord.attribute.article import ParaView

MIN_WORDS_IN_SENTENCE = 8
"""A quote inside a sentence is a statement only when it is at least this long."""
MIN_WORDS_OPENING = 3
"""A quote that opens its sentence is a statement at this length."""
SENTENCE_OPENERS = " \t\n(-\u2013\u2014"
CONTINUATION_CONFIDENCE = 0.6


def _words(text: str) -> int:
    return len(text.split())


def _opens_sentence(q: Quoted, view: ParaView, folded: str) -> bool:
    """True when nothing but spaces sits between the sentence start (or the paragraph start) and the mark."""
    base = view.para.base
    before = folded[base : q.start].rstrip(SENTENCE_OPENERS)
    return not before or before[-1] in ".!?:\"'"


def _is_statement(q: Quoted, view: ParaView, folded: str) -> bool:
    inner = folded[q.inner_start : q.inner_end]
    if _opens_sentence(q, view, folded):
        return _words(inner) >= MIN_WORDS_OPENING
    return _words(inner) >= MIN_WORDS_IN_SENTENCE


def _covered(q: Quoted, quotes: list[Quote]) -> bool:
    return any(s.start < q.end and q.start < s.end for quote in quotes for s in quote.content_spans)


def _in_para(quotes: list[Quote], view: ParaView) -> list[Quote]:
    return [q for q in quotes if view.span.start <= q.content_spans[0].start < view.span.end and q.source and q.speaker]


def _anchor(q: Quoted, view: ParaView, prev: ParaView | None, found: list[Quote], folded: str) -> Quote | None:
    """The attributed quote whose speaker this orphan continues, or None."""
    here = _in_para(found, view)
    before = [x for x in here if x.content_spans[0].start < q.start]
    if before:
        return before[-1]
    after = [x for x in here if x.content_spans[0].start > q.start]
    if after:
        return after[0]
    opens_para = not folded[view.span.start : q.start].strip()
    if opens_para and prev is not None:
        previous = _in_para(found, prev)
        return previous[-1] if previous else None
    return None


def attribute_orphans(article: Article, views: list[ParaView], found: list[Quote], folded: str) -> list[Quote]:
    """Quotes for the statement-like quoted stretches no cue claimed, given to the speaker they continue.

    `folded` is the article's analysis text, in which the cleaner folded every quote glyph.
    """
    out: list[Quote] = []
    prev: ParaView | None = None
    for view in views:
        for q in view.quotes:
            if _covered(q, found + out) or not _is_statement(q, view, folded):
                continue
            anchor = _anchor(q, view, prev, found + out, folded)
            rng = trim((q.start, q.end), folded, view.quotes)
            if anchor is None or rng is None or anchor.speaker is None or anchor.speaker.name is None:
                continue
            quote = make_quote(article.text, "direct", [Span(*rng)], source=anchor.source)
            quote.confidence = CONTINUATION_CONFIDENCE
            out.append(quote)
        prev = view
    return out
