"""One article's attributions: parse its body paragraphs, find cues, read their content, resolve speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.attribute.content import kind_of, raw_ranges, trim, widen
from onrecord.attribute.cues import Cue, find_cues
from onrecord.attribute.marks import Quoted, find_quotes, fold_quotes
from onrecord.attribute.mentions import Para
from onrecord.attribute.orphans import attribute_orphans
from onrecord.attribute.resolve import Resolver, build_inventory
from onrecord.model import Article, Mention, Quote, Span, make_quote

Range = tuple[int, int]
MAX_PARAGRAPH_CHARS = 20_000
"""A longer "paragraph" is a wall of text (a table, a dump); parsing it costs more than it gives."""


@dataclass
class ParaView:
    """A parsed paragraph with its quoted stretches and its cues."""

    para: Para
    quotes: list[Quoted]
    cues: list[Cue]


def paragraph_spans(article: Article) -> list[Span]:
    """Body lines worth parsing, in document order."""
    return [s for s in article.body_spans if len(s) <= MAX_PARAGRAPH_CHARS and s.of(article.analysis_text).strip()]


def paragraph_texts(article: Article) -> Iterator[str]:
    """The analysis text of each paragraph, quote glyphs folded (same length as the original)."""
    for span in paragraph_spans(article):
        yield fold_quotes(span.of(article.analysis_text))


def _views(article: Article, docs: list[Doc]) -> list[ParaView]:
    views = []
    for span, doc in zip(paragraph_spans(article), docs, strict=True):
        para = Para(doc, span.start)
        quotes = find_quotes(doc.text, span.start)
        views.append(ParaView(para, quotes, find_cues(para, quotes)))
    return views


def _content(cue: Cue, view: ParaView, text: str, floor: int) -> list[Range]:
    ranges = raw_ranges(cue, view.cues, view.para, view.quotes, text, floor)
    trimmed = [trim(r, text, view.quotes) for r in widen(ranges, view.quotes)]
    merged: list[Range] = []
    for rng in sorted(r for r in trimmed if r):
        if merged and rng[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], rng[1]))
        else:
            merged.append(rng)
    return merged


def _quote(article: Article, cue: Cue, view: ParaView, ranges: list[Range], resolver: Resolver) -> Quote:
    text, analysis = article.text, article.analysis_text
    np = cue.np
    alias = text[np.start : np.end]
    speaker = resolver.resolve(np, alias)
    resolver.record(np.start, speaker)
    mention = Mention(Span(np.start, np.end), alias, np.kind, speaker)
    start, end = cue.span(view.para)
    quote = make_quote(text, kind_of(ranges, fold_quotes(analysis), view.quotes), [Span(a, b) for a, b in ranges],
                       Span(start, end), mention)
    quote.confidence = 0.8 if cue.inherited else 0.9
    return quote


def _overlaps_any(ranges: list[Range], taken: list[Range]) -> bool:
    return any(a < d and c < b for a, b in ranges for c, d in taken)


def attribute_article(article: Article, docs: list[Doc]) -> list[Quote]:
    """Every attribution in an article whose body paragraphs were parsed into `docs`."""
    views = _views(article, docs)
    resolver = Resolver(build_inventory([v.para for v in views]))
    folded = fold_quotes(article.analysis_text)
    quotes: list[Quote] = []
    for view in views:
        floor = view.para.base
        taken: list[Range] = []
        for cue in view.cues:
            ranges = _content(cue, view, folded, floor)
            if not ranges or _overlaps_any(ranges, taken):
                continue
            quotes.append(_quote(article, cue, view, ranges, resolver))
            taken += ranges
            floor = max(floor, ranges[-1][1], view.para.end(cue.anchor))
    quotes += attribute_orphans(article, views, quotes)
    return sorted(quotes, key=lambda q: q.content_spans[0].start)
