"""An article's body paragraphs as the attribution readers see them: which stretches are parsed, and each
parsed paragraph with its quoted stretches and its cues."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.attribute.cues import Cue, find_cues
from onrecord.attribute.marks import Quoted, find_quotes
from onrecord.attribute.mentions import Para
from onrecord.clean.language import reads_as_english
from onrecord.clean.patterns import BODY_DATELINE, DATELINE_PARAGRAPHS
from onrecord.model import Article, Span

MAX_PARAGRAPH_CHARS = 20_000
"""A longer "paragraph" (a page scraped into one line, a dump) is parsed in pieces of at most this size,
cut at sentence ends: spaCy needs about 1 GB per 100,000 characters of one text, and a wall of text
must not lose its statements either."""
MAX_SENTENCE_CHARS = 2_000
"""A stretch this long without a sentence end is not prose ("He said “He said ..." a thousand times);
it is cut at a space into pieces parsed apart. Within one sentence, every cue's clause can hold every
later one, so attribution time grows with the square of a sentence's length: this bounds it."""
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")

@dataclass
class ParaView:
    """A parsed paragraph with its quoted stretches and its cues."""

    para: Para
    quotes: list[Quoted]
    cues: list[Cue]
    span: Span


def in_english(article: Article) -> bool:
    """Whether the article's body reads as English prose: the parser and the models read English only."""
    return reads_as_english(" ".join(span.of(article.analysis_text) for span in article.body_spans))


def paragraph_spans(article: Article) -> list[Span]:
    """Body lines worth parsing, in document order; a line longer than MAX_PARAGRAPH_CHARS in pieces;
    none when the body is not English (its "quotes" would be the English parser's misreadings).

    A dateline opening one of the first body lines ("LAKESIDE, March 4 (Reuters) -") is left out: its
    place name would otherwise be parsed as the subject of the first sentence's cue.
    """
    if not in_english(article):
        return []
    text = article.analysis_text
    spans = [_after_dateline(s, text) if i < DATELINE_PARAGRAPHS else s for i, s in enumerate(article.body_spans)]
    return [piece for s in spans if s is not None for piece in _pieces(s, text) if piece.of(text).strip()]


def _after_dateline(span: Span, text: str) -> Span | None:
    match = BODY_DATELINE.match(span.of(text))
    if match is None or not (match.group("place") or match.group("agency")) or span.start + match.end() >= span.end:
        return span
    return Span(span.start + match.end(), span.end)


def _pieces(span: Span, text: str) -> Iterator[Span]:
    """The span cut into pieces of at most MAX_PARAGRAPH_CHARS, after the last sentence end that fits;
    a stretch of over MAX_SENTENCE_CHARS without one ends its piece at the last space that fits
    (else at the limit)."""
    start = span.start
    while start < span.end:
        window = text[start : min(span.end, start + MAX_PARAGRAPH_CHARS)]
        cut = _runaway_cut(window)
        if cut is None and start + len(window) == span.end:
            cut = len(window)
        elif cut is None:
            ends = [m.end() for m in SENTENCE_BREAK.finditer(window)]
            cut = ends[-1] if ends else _space_cut(window)
        yield Span(start, start + cut)
        start += cut


def _runaway_cut(window: str) -> int | None:
    """Where to cut the first stretch of `window` longer than MAX_SENTENCE_CHARS without a sentence end."""
    last = 0
    for end in [m.end() for m in SENTENCE_BREAK.finditer(window)] + [len(window)]:
        if end - last > MAX_SENTENCE_CHARS:
            return last + _space_cut(window[last : last + MAX_SENTENCE_CHARS])
        last = end
    return None


def _space_cut(window: str) -> int:
    """After the last space of `window`, else its whole length."""
    return window.rfind(" ") + 1 or len(window)


def paragraph_texts(article: Article) -> Iterator[str]:
    """The analysis text of each paragraph (quote glyphs already folded by the cleaner)."""
    for span in paragraph_spans(article):
        yield span.of(article.analysis_text)


def paragraph_views(article: Article, docs: list[Doc]) -> list[ParaView]:
    """Each body paragraph parsed (`docs`, in `paragraph_texts` order), with its quoted stretches and cues."""
    folded = article.analysis_text
    views = []
    for span, doc in zip(paragraph_spans(article), docs, strict=True):
        para = Para(doc, span.start)
        quotes = find_quotes(span.of(folded), span.start)
        views.append(ParaView(para, quotes, find_cues(para, quotes), span))
    return views
