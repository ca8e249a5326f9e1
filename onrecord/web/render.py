"""Text to escaped, highlighted HTML: search-term marks, the segmented evidence text, the timeline chart.

Everything here is built from `markupsafe.escape`d pieces joined with fixed markup, and returned as
`Markup`, so templates can print it without `|safe` on data. Article text is hostile input.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

from onrecord.store.fts import search_terms
from onrecord.wording import differing_spans, fold

NO_DATE = "date unknown"

_TOKEN = r"[^\W_]"
"""A character the FTS tokenizer (unicode61) keeps in a word: a letter or a digit."""
_BETWEEN_WORDS = r"[\W_]+"
"""What FTS skips between the words of a phrase: whitespace, punctuation, underscores."""

QUOTE_ROLES: tuple[str, ...] = ("src", "cue", "content")
"""The parts of an attribution, as CSS classes: the source mention, the cue verb, the quoted content."""

MAX_WEEKLY_BARS = 78
"""A year and a half of weekly bars still reads at phone width; longer ranges are drawn by month."""
CHART_WIDTH = 640
CHART_HEIGHT = 120


def day(published: str | None) -> str:
    """The date part of an ISO timestamp, or "date unknown"."""
    return published[:10] if published else NO_DATE


# --- search-term highlighting -------------------------------------------------------------------


def _term_pattern(words: list[str], prefix: bool) -> str:
    body = _BETWEEN_WORDS.join(re.escape(fold(word)) for word in words)
    return f"(?<!{_TOKEN}){body}" + ("" if prefix else f"(?!{_TOKEN})")


def terms_regex(query: str | None) -> re.Pattern[str] | None:
    """One pattern for every term of a search (longest first), over folded text; None if no term."""
    terms = search_terms(query or "")
    if not terms:
        return None
    terms.sort(key=lambda term: -sum(len(word) for word in term[0]))
    return re.compile("|".join(_term_pattern(words, prefix) for words, prefix in terms))


def highlight_terms(text: str, query: str | None) -> Markup:
    """`text` escaped, with each match of the search's words, "phrases" and prefix* in <mark>."""
    pattern = terms_regex(query)
    if pattern is None:
        return escape(text)
    pieces: list[Markup] = []
    position = 0
    for match in pattern.finditer(fold(text)):
        if match.end() == match.start():
            continue
        pieces += [escape(text[position : match.start()]), Markup("<mark>"), escape(text[match.start() : match.end()])]
        pieces.append(Markup("</mark>"))
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


# --- the evidence text --------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of the article text that one set of spans covers, no span starting or ending inside it."""

    start: int
    end: int
    text: str
    body: bool
    heading: bool
    roles: frozenset[str]
    quote_ids: tuple[int, ...]
    anchors: tuple[int, ...] = ()
    """The quotes whose first content character is this segment's first: `#q{id}` lands here."""

    @property
    def classes(self) -> list[str]:
        """CSS classes: boilerplate (outside the body, headings aside), heading, then src/cue/content."""
        found = [] if self.body or self.heading else ["boilerplate"]
        found += ["heading"] if self.heading else []
        return found + [role for role in QUOTE_ROLES if role in self.roles]


Label = tuple[str, int]
"""What a span marks: ("body", 0), ("heading", 0), or (a quote role, the quote's id)."""


def _quote_spans(quote: dict[str, Any]) -> list[tuple[int, int, Label]]:
    spans = [(start, end, ("content", quote["id"])) for start, end in quote["content_spans"]]
    if quote.get("cue_span"):
        spans.append((quote["cue_span"][0], quote["cue_span"][1], ("cue", quote["id"])))
    if quote.get("mention"):
        spans.append((quote["mention"]["start"], quote["mention"]["end"], ("src", quote["id"])))
    return spans


def _labelled_spans(
    body_spans: Iterable[Sequence[int]], headings: Iterable[Sequence[int]], quotes: list[dict[str, Any]]
) -> list[tuple[int, int, Label]]:
    """Every span with its label (stored spans fit their text: the store checked them when it wrote them)."""
    spans = [(start, end, ("body", 0)) for start, end in body_spans]
    spans += [(start, end, ("heading", 0)) for start, end in headings]
    for quote in quotes:
        spans += _quote_spans(quote)
    return spans


def _anchors(spans: list[tuple[int, int, Label]]) -> dict[int, list[int]]:
    """Where each quote's first content character is (its first span of any kind, if it has no content)."""
    firsts: dict[int, tuple[bool, int]] = {}
    for start, _end, (role, quote_id) in spans:
        if role in QUOTE_ROLES:
            key = (role != "content", start)
            firsts[quote_id] = min(firsts.get(quote_id, key), key)
    by_start: dict[int, list[int]] = defaultdict(list)
    for quote_id, (_not_content, start) in sorted(firsts.items()):
        by_start[start].append(quote_id)
    return by_start


def article_segments(
    text: str,
    body_spans: Iterable[Sequence[int]] | None,
    headings: Iterable[Sequence[int]] | None,
    quotes: list[dict[str, Any]],
) -> list[Segment]:
    """The text cut at every span boundary, each piece with the roles and quotes covering it.

    The segments' texts concatenate to `text` exactly. `quotes` are query-layer quotes (id,
    content_spans, cue_span, mention); a title span can be passed among the headings.
    """
    spans = _labelled_spans(body_spans or [], headings or [], quotes)
    opening: dict[int, list[Label]] = defaultdict(list)
    closing: dict[int, list[Label]] = defaultdict(list)
    for start, end, label in spans:
        opening[start].append(label)
        closing[end].append(label)
    anchors = _anchors(spans)
    active: dict[Label, int] = defaultdict(int)
    segments: list[Segment] = []
    for start, end in pairwise(sorted({0, len(text), *opening, *closing})):
        for label in closing[start]:
            active[label] -= 1
        for label in opening[start]:
            active[label] += 1
        covering = [label for label, count in active.items() if count > 0]
        segments.append(_segment(text, start, end, covering, tuple(anchors.get(start, ()))))
    return segments


def _segment(text: str, start: int, end: int, covering: list[Label], anchors: tuple[int, ...]) -> Segment:
    kinds = {kind for kind, _ in covering}
    quote_ids = sorted({quote_id for kind, quote_id in covering if kind in QUOTE_ROLES})
    return Segment(
        start=start,
        end=end,
        text=text[start:end],
        body="body" in kinds,
        heading="heading" in kinds,
        roles=frozenset(kinds & set(QUOTE_ROLES)),
        quote_ids=tuple(quote_ids),
        anchors=anchors,
    )


def segment_html(segment: Segment) -> Markup:
    """One segment as a <span> (or bare escaped text when nothing marks it)."""
    text = escape(segment.text)
    classes = segment.classes
    if not classes and not segment.quote_ids and not segment.anchors:
        return text
    attributes = Markup("")
    extra_anchors = Markup("")
    if segment.anchors:
        first, *others = segment.anchors
        attributes += Markup(' id="q{}" tabindex="0"').format(first)
        extra_anchors = Markup("").join(Markup('<span id="q{}" class="anchor"></span>').format(i) for i in others)
    if classes:
        attributes += Markup(' class="{}"').format(" ".join(classes))
    if segment.quote_ids:
        attributes += Markup(' data-q="{}"').format(" ".join(str(i) for i in segment.quote_ids))
    return extra_anchors + Markup("<span{}>{}</span>").format(attributes, text)


def article_html(segments: list[Segment]) -> Markup:
    """The whole evidence text: every segment's span, nothing between them (the text is pre-wrapped)."""
    return Markup("").join(segment_html(segment) for segment in segments)


# --- the speaker timeline -----------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar of the timeline: a week (its Monday) or a month, and the statements in it."""

    label: str
    quotes: int
    title: str


def _plural(count: int) -> str:
    return f"{count} statement" + ("" if count == 1 else "s")


def _month_bars(per_month: list[dict[str, Any]]) -> list[Bar]:
    """Statements per month, every month from the first to the last with a statement."""
    by_month = {(int(row["month"][:4]), int(row["month"][5:7])): int(row["quotes"]) for row in per_month}
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    bars: list[Bar] = []
    year, month = first
    while (year, month) <= last:
        count = by_month.get((year, month), 0)
        label = f"{year:04d}-{month:02d}"
        bars.append(Bar(label, count, f"{label}: {_plural(count)}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bars


def timeline_bars(per_week: list[dict[str, Any]], per_month: list[dict[str, Any]]) -> list[Bar]:
    """One bar per week from the first to the last week with a statement, empty weeks as zero bars.

    `per_week` and `per_month` are `get_speaker`'s ([{"week": Monday YYYY-MM-DD, "quotes": n}],
    [{"month": YYYY-MM, "quotes": n}]); ranges longer than MAX_WEEKLY_BARS weeks are drawn from
    `per_month`, one bar per calendar month.
    """
    counts = {date.fromisoformat(row["week"]): int(row["quotes"]) for row in per_week if row.get("week")}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    weeks = (last - first).days // 7 + 1
    if weeks > MAX_WEEKLY_BARS:
        return _month_bars(per_month)
    bars: list[Bar] = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        count = counts.get(monday, 0)
        bars.append(Bar(monday.isoformat(), count, f"week of {monday.isoformat()}: {_plural(count)}"))
    return bars


def timeline_svg(bars: list[Bar], label: str) -> Markup:
    """An inline SVG bar chart: sizes as attributes, colours by CSS class, a <title> tooltip per bar."""
    if not bars:
        return Markup("")
    peak = max(bar.quotes for bar in bars) or 1
    slot = CHART_WIDTH / len(bars)
    gap = min(2.0, slot * 0.2)
    parts = [
        Markup(
            '<svg class="timeline-chart" viewBox="0 0 {} {}" width="100%" height="{}" role="img" '
            'preserveAspectRatio="none" aria-label="{}">'
        ).format(CHART_WIDTH, CHART_HEIGHT, CHART_HEIGHT, label)
    ]
    for index, bar in enumerate(bars):
        height = CHART_HEIGHT * bar.quotes / peak
        x = index * slot
        parts.append(
            Markup(
                '<g class="{}"><title>{}</title>'
                '<rect class="slot" x="{:.2f}" y="0" width="{:.2f}" height="{}"></rect>'
                '<rect class="bar" x="{:.2f}" y="{:.2f}" width="{:.2f}" height="{:.2f}"></rect></g>'
            ).format(
                "week zero" if bar.quotes == 0 else "week",
                bar.title,
                x, slot, CHART_HEIGHT,
                x + gap / 2, CHART_HEIGHT - height, max(slot - gap, 0.5), height,
            )
        )
    parts.append(Markup('<line class="axis" x1="0" y1="{0}" x2="{1}" y2="{0}"></line></svg>').format(CHART_HEIGHT, CHART_WIDTH))
    return Markup("").join(parts)


# --- a statement's reports ----------------------------------------------------------------------


def marked_differences(text: str, reference: str) -> Markup:
    """`text` escaped, with the words the `reference` wording lacks in <mark class="diff">.

    Words are compared in order (difflib over the word sequences, case, accents and punctuation
    ignored); the text keeps its own spacing. Words of `reference` that `text` leaves out are not shown.
    """
    pieces: list[Markup] = []
    position = 0
    for start, end in differing_spans(text, reference):
        pieces += [escape(text[position:start]), Markup('<mark class="diff">'), escape(text[start:end]), Markup("</mark>")]
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)
