"""Quotes with no cue of their own: continuations a reader gives to the speaker around them.

News style quotes a speaker, then goes on quoting without repeating the attribution, in the
same paragraph (`... he said. "More words."`) or in the next one (a paragraph that is one
quote). Such a quote is given to the nearest attributed quote before it in its paragraph,
else to the next one after it in its paragraph, else, when it opens its paragraph, to the
last quote of the paragraph right before. Short quoted phrases inside a sentence ("so-called
'special operation'") are scare quotes, not statements, and are left alone; so are crossheads and pull
quotes (a paragraph that is only a short quoted phrase, or only words the article quotes elsewhere).

The quotes found so far are filed under the paragraphs they touch, so each quoted stretch is
checked against its own paragraph's quotes, not the whole article's (issue 13).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from onrecord.attribute.content import trim_span
from onrecord.attribute.marks import Quoted
from onrecord.attribute.paragraphs import ParaView
from onrecord.model import Article, Quote, Span, make_quote

MIN_WORDS_IN_SENTENCE = 8
"""A quote inside a sentence is a statement only when it is at least this long."""
MIN_WORDS_OPENING = 3
"""A quote that opens its sentence is a statement at this length."""
SENTENCE_OPENERS = " \t\n(-\u2013\u2014"
CONTINUATION_CONFIDENCE = 0.6
MAX_CROSSHEAD_WORDS = 7
"""A quoted paragraph this short without a full stop is a crosshead ("'Not rumours on the quay'")."""
MAX_REPEAT_CHECKS = 50
"""Quoted paragraphs an article checks for a repeat elsewhere (pull quotes are a handful a page)."""
_WORD = re.compile(r"\w+")


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


def _plain_words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


class Repeats:
    """Whether a stretch's words occur elsewhere in the article (the article's words read once, when first
    asked; at most MAX_REPEAT_CHECKS stretches an article, so a page of thousands of quoted paragraphs costs
    time in proportion to its length)."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self._words: str | None = None
        self._checks = 0

    def elsewhere(self, inner: str) -> bool:
        if self._checks >= MAX_REPEAT_CHECKS:
            return False
        self._checks += 1
        if self._words is None:
            self._words = _plain_words(self.folded)
        wanted = _plain_words(inner)
        return bool(wanted) and self._words.count(wanted) > 1


def _display_line(q: Quoted, view: ParaView, folded: str, repeats: Repeats) -> bool:
    """A quoted paragraph that is a crosshead or a pull quote, not a statement: it fills its paragraph, and
    either repeats words the article gives elsewhere ("'Boring on purpose'" above the paragraph that quotes
    it) or is a short phrase with no full stop (MAX_CROSSHEAD_WORDS)."""
    if folded[view.span.start : q.start].strip() or folded[q.end : view.span.end].strip(" \t\n."):
        return False
    inner = folded[q.inner_start : q.inner_end].strip()
    crosshead = _words(inner) <= MAX_CROSSHEAD_WORDS and not inner.endswith((".", "!", "?"))
    return crosshead or repeats.elsewhere(inner)


@dataclass
class Filed:
    """Quotes filed under the paragraphs they touch, each paragraph's list in the order the quotes were filed.

    The paragraphs are the cleaner's body lines: in document order and not overlapping.
    """

    starts: list[int]
    ends: list[int]
    touching: list[list[Quote]]
    """Per paragraph: the quotes with content in it."""
    opening: list[list[Quote]]
    """Per paragraph: the quotes whose content starts in it."""

    @classmethod
    def of(cls, views: list[ParaView], quotes: list[Quote]) -> Filed:
        starts, ends = [v.span.start for v in views], [v.span.end for v in views]
        filed = cls(starts, ends, [[] for _ in views], [[] for _ in views])
        for quote in quotes:
            filed.add(quote)
        return filed

    def add(self, quote: Quote) -> None:
        for i in sorted({i for span in quote.content_spans for i in self._touched(span)}):
            self.touching[i].append(quote)
        first = quote.content_spans[0].start
        i = bisect_right(self.starts, first) - 1
        if i >= 0 and first < self.ends[i]:
            self.opening[i].append(quote)

    def _touched(self, span: Span) -> range:
        """The indices of the paragraphs `span` overlaps."""
        first = last = bisect_right(self.ends, span.start)
        while last < len(self.starts) and self.starts[last] < span.end:
            last += 1
        return range(first, last)


def _covered(q: Quoted, quotes: list[Quote]) -> bool:
    return any(s.start < q.end and q.start < s.end for quote in quotes for s in quote.content_spans)


def _attributed(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.source and q.speaker]


def _anchor(q: Quoted, view: ParaView, prev: list[Quote] | None, here: list[Quote], folded: str) -> Quote | None:
    """The attributed quote whose speaker this orphan continues, or None.

    `here` and `prev` are the quotes whose content starts in this paragraph and in the one before (None for the first).
    """
    here = _attributed(here)
    before = [x for x in here if x.content_spans[0].start < q.start]
    if before:
        return before[-1]
    after = [x for x in here if x.content_spans[0].start > q.start]
    if after:
        return after[0]
    opens_para = not folded[view.span.start : q.start].strip()
    if opens_para and prev is not None:
        previous = _attributed(prev)
        return previous[-1] if previous else None
    return None


def attribute_orphans(article: Article, views: list[ParaView], found: list[Quote], folded: str) -> list[Quote]:
    """Quotes for the statement-like quoted stretches no cue claimed, given to the speaker they continue.

    `folded` is the article's analysis text, in which the cleaner folded every quote glyph.
    """
    out: list[Quote] = []
    filed = Filed.of(views, found)
    repeats = Repeats(folded)
    for i, view in enumerate(views):
        for q in view.quotes:
            if _covered(q, filed.touching[i]) or not _is_statement(q, view, folded):
                continue
            if _display_line(q, view, folded, repeats):
                continue
            prev = filed.opening[i - 1] if i else None
            anchor = _anchor(q, view, prev, filed.opening[i], folded)
            span = trim_span(Span(q.start, q.end), folded, view.quotes)
            if anchor is None or span is None or anchor.speaker is None or anchor.speaker.name is None:
                continue
            quote = make_quote(article.text, "direct", [span], source=anchor.source)
            quote.confidence = CONTINUATION_CONFIDENCE
            out.append(quote)
            filed.add(quote)
    return out
