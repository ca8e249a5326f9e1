"""One article's attributions: parse its body paragraphs, find cues, read their content, resolve speakers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from onrecord.attribute.content import kind_of, raw_ranges, trim, widen
from onrecord.attribute.cues import Cue, find_cues
from onrecord.attribute.marks import Quoted, find_quotes
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
    span: Span


def paragraph_spans(article: Article) -> list[Span]:
    """Body lines worth parsing, in document order."""
    return [s for s in article.body_spans if len(s) <= MAX_PARAGRAPH_CHARS and s.of(article.analysis_text).strip()]


def paragraph_texts(article: Article) -> Iterator[str]:
    """The analysis text of each paragraph (quote glyphs already folded by the cleaner)."""
    for span in paragraph_spans(article):
        yield span.of(article.analysis_text)


def _views(article: Article, docs: list[Doc], folded: str) -> list[ParaView]:
    views = []
    for span, doc in zip(paragraph_spans(article), docs, strict=True):
        para = Para(doc, span.start)
        quotes = find_quotes(span.of(folded), span.start)
        views.append(ParaView(para, quotes, find_cues(para, quotes), span))
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


def _quote(
    article: Article, cue: Cue, view: ParaView, ranges: list[Range], resolver: Resolver, folded: str, marks: list[Quoted]
) -> Quote:
    text = article.text
    np = cue.np
    alias = text[np.start : np.end]
    speaker = resolver.resolve(np, alias)
    resolver.record(np.start, speaker)
    mention = Mention(Span(np.start, np.end), alias, np.kind, speaker)
    start, end = cue.span(view.para)
    quote = make_quote(text, kind_of(ranges, folded, marks), [Span(a, b) for a, b in ranges],
                       Span(start, end), mention)
    quote.confidence = 0.8 if cue.inherited else 0.9
    return quote


def _overlaps_any(ranges: list[Range], taken: list[Range]) -> bool:
    return any(a < d and c < b for a, b in ranges for c, d in taken)


def _candidates(
    view: ParaView, folded: str, skip: frozenset[int] = frozenset(), floors: bool = True
) -> list[tuple[Cue, list[Range]]]:
    """Each cue of a paragraph with its content, in order; with `floors`, a postposed cue's content starts after the one before."""
    floor = view.para.base
    found = []
    for cue in view.cues:
        if cue.anchor.i in skip:
            continue
        ranges = _content(cue, view, folded, floor)
        if ranges:
            found.append((cue, ranges))
            if floors:
                floor = max(floor, ranges[-1][1], view.para.end(cue.anchor))
    return found


def _nested(view: ParaView, candidates: list[tuple[Cue, list[Range]]]) -> frozenset[int]:
    """Cues inside another cue's content ("X said that, until it has asserted its interests, ...")."""
    found = set()
    for cue, _ in candidates:
        pos = view.para.start(cue.anchor)
        if any(a <= pos < b for other, ranges in candidates if other is not cue for a, b in ranges):
            found.add(cue.anchor.i)
    return frozenset(found)


def _select(view: ParaView, folded: str) -> list[tuple[Cue, list[Range]]]:
    """Outer attributions first; then attributions nested inside their content ("X said, Tass reported")."""
    nested = _nested(view, _candidates(view, folded, floors=False))
    outer: list[tuple[Cue, list[Range]]] = []
    outer_ranges: list[Range] = []
    for cue, ranges in _candidates(view, folded, skip=nested):
        if not _overlaps_any(ranges, outer_ranges):
            outer.append((cue, ranges))
            outer_ranges += ranges
    chosen = list(outer)
    taken: list[Range] = []
    not_nested = frozenset(c.anchor.i for c in view.cues) - nested
    for cue, ranges in _candidates(view, folded, skip=not_nested):
        if cue.inherited:
            continue  # a subjectless cue inside someone's words has no source of its own
        inside = any(a <= s and e <= b for s, e in ranges for a, b in outer_ranges)
        if (inside or not _overlaps_any(ranges, outer_ranges)) and not _overlaps_any(ranges, taken):
            chosen.append((cue, ranges))
            taken += ranges
    return sorted(chosen, key=lambda c: c[0].anchor.i)


def _introducing(
    view: ParaView, following: ParaView | None, folded: str, taken: set[int]
) -> list[tuple[Cue, list[Range]]]:
    """A cue that ends its paragraph with a colon ("He said:") introduces the next paragraph."""
    if following is None or not view.cues:
        return []
    cue = view.cues[-1]
    _, block_end = cue.block()
    after = folded[view.para.end(cue.anchor.doc[block_end - 1]) : view.span.end]
    if cue.anchor.i in taken or after.strip() != ":":
        return []
    rng = trim((following.span.start, following.span.end), folded, following.quotes)
    return [(cue, [rng])] if rng else []


def attribute_article(article: Article, docs: list[Doc]) -> list[Quote]:
    """Every attribution in an article whose body paragraphs were parsed into `docs`."""
    folded = article.analysis_text
    views = _views(article, docs, folded)
    resolver = Resolver(build_inventory([v.para for v in views]))
    quotes: list[Quote] = []
    for i, view in enumerate(views):
        chosen = _select(view, folded)
        following = views[i + 1] if i + 1 < len(views) else None
        chosen += _introducing(view, following, folded, {c.anchor.i for c, _ in chosen})
        for cue, ranges in sorted(chosen, key=lambda c: c[0].anchor.i):
            marks = view.quotes + (following.quotes if following else [])
            quotes.append(_quote(article, cue, view, ranges, resolver, folded, marks))
    quotes += attribute_orphans(article, views, quotes, folded)
    return sorted(quotes, key=lambda q: q.content_spans[0].start)
