"""Proposals -> Quotes: the one place a Quote is made from what the readers proposed.

The source phrase is resolved to a speaker (resolve.py) in the order the proposals come, which the
resolver's "latest before here" lookups depend on; the kind (direct, indirect, mixed) is read from the
content and the quotation marks around it. An indirect quote whose content says nothing (acts.says_something:
"testified about the events", "dubbed the combination") reports no statement: its act is unknown (None),
so the default output leaves it out and --all-attributions keeps it. A quote whose content swallowed its own cue or source has
them cut out, and a quote that repeats an earlier one's content and source under another cue is dropped.
"""

from __future__ import annotations

import re

from onrecord.attribute.content import kind_of, trim_span, without_trailing_context
from onrecord.attribute.marks import Quoted
from onrecord.attribute.proposal import MIN_CONTENT_WORDS, Proposal
from onrecord.attribute.resolve import Resolver
from onrecord.model import Article, Mention, Quote, Span, make_quote

_WORD = re.compile(r"[^\W\d_]+")


def build_quote(proposal: Proposal, article: Article, marks: list[Quoted], resolver: Resolver) -> Quote:
    """The quote a proposal stands for, its source resolved to a speaker (and recorded for later lookups)."""
    text = article.text
    mention = None
    if proposal.source is not None:
        reading = proposal.reading
        speaker = resolver.resolve(reading, text[reading.start : reading.end]) if reading else None
        resolver.record(proposal.source.start, speaker)
        mention = Mention(proposal.source, proposal.source.of(text), reading.kind if reading else "description", speaker)
    content = without_trailing_context(proposal.content, article.analysis_text, marks)
    kind = kind_of(content, article.analysis_text, marks)
    quote = make_quote(text, kind, content, proposal.cue, mention)
    quote.confidence = proposal.confidence
    quote.act = proposal.act if proposal.clause or kind != "indirect" else None
    return quote


def without_own_parts(quote: Quote, article: Article, marks: list[Quoted]) -> Quote | None:
    """The quote with its own source and cue cut out of its content, where a reading swallowed them.

    ("The deployment ... conflict, Dmitry Peskov said, commenting on ...": "commenting" read the
    stretch before it, source and "said" included.) None when too little content is left.
    """
    holes = [span for span in (quote.cue_span, quote.source.span if quote.source else None) if span]
    if not any(hole.overlaps(span) for hole in holes for span in quote.content_spans):
        return quote
    pieces = [trim_span(span, article.analysis_text, marks) for span in _cut(quote.content_spans, holes)]
    kept = [span for span in pieces if span and len(_WORD.findall(span.of(article.text))) >= MIN_CONTENT_WORDS]
    if not kept:
        return None
    cut = make_quote(article.text, quote.kind, kept, quote.cue_span, quote.source)
    cut.confidence, cut.act = quote.confidence, quote.act
    return cut


def _cut(found: list[Span], holes: list[Span]) -> list[Span]:
    """`found` with every hole taken out (a span a hole splits becomes its two sides)."""
    for hole in holes:
        found = [piece for span in found for piece in _around(span, hole)]
    return found


def _around(span: Span, hole: Span) -> list[Span]:
    """What of `span` lies before `hole` and after it."""
    before = [Span(span.start, min(span.end, hole.start))] if span.start < hole.start else []
    after = [Span(max(span.start, hole.end), span.end)] if hole.end < span.end else []
    return before + after


CHANNEL_CUES = frozenset({"according to", "reported", "reports", "reporting"})
"""Cues of an outlet passing on what someone else said ("..., the Gazette reported")."""


def mark_channels(quotes: list[Quote]) -> None:
    """An "according to X" or "X reported" whose content holds another attribution, cue and source
    ("According to ABC News, Basya said ..."; "Benvenuti told supporters that ..., the Gazette reported"): X is
    the channel, the inner source the speaker. The outer quote's act becomes unknown, so the default output
    shows the inner one only (--all-attributions keeps both, as PolNeAR annotates them)."""
    for outer in quotes:
        if (outer.cue or "").lower() not in CHANNEL_CUES:
            continue
        if any(inner is not outer and _holds(outer, inner) for inner in quotes):
            outer.act = None


def _holds(outer: Quote, inner: Quote) -> bool:
    parts = [span for span in (inner.cue_span, inner.source.span if inner.source else None) if span]
    return bool(parts) and all(any(c.contains(p) for c in outer.content_spans) for p in parts)


def is_repeat(quote: Quote, seen: set[tuple[tuple[Span, ...], Span | None]]) -> bool:
    """Whether an earlier quote had this one's content and source (under another cue); remembers this one."""
    key = (tuple(quote.content_spans), quote.source.span if quote.source else None)
    if key in seen:
        return True
    seen.add(key)
    return False
