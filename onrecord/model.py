"""The one data model every pipeline stage fills.

Every span is a pair of Python string indices into the **document text**
(`Document.text`): the decoded file for plain text, the text extracted from
the page for HTML, the `text` field for JSONL. Stages select spans; none of
them rewrites the text. `Article.analysis_text` is a same-length copy of the
text with look-alike characters normalised, so an index into one is an index
into the other.

    Document --clean--> Article --attribute--> [Quote(source Mention -> Speaker)]
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal, get_args

from onrecord.names import fold

QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organization", "group", "unknown"]
MentionKind = Literal["name", "pronoun", "role", "description", "organization", "group", "document"]
DocumentFormat = Literal["txt", "html", "jsonl"]

Act = Literal["speech", "writing", "thought", "intention", "perception"]
"""What kind of act an attribution reports: said, wrote, believes, wants, saw."""

DESCRIPTION_KINDS: frozenset[str] = frozenset({"description", "group", "role", "document"})
"""Mention kinds that may describe a source without naming it."""

QUOTE_KINDS: tuple[str, ...] = get_args(QuoteKind)
ACTS: tuple[str, ...] = get_args(Act)
STATEMENT_ACTS: frozenset[str] = frozenset({"speech", "writing"})
"""What a journalist calls a statement: what the default output keeps (`--all-attributions` keeps every act)."""
SPEAKER_TYPES: tuple[str, ...] = get_args(SpeakerType)


def is_common_noun_phrase(name: str) -> bool:
    """A description, not a name: its head (last) word is not capitalised ("company", "New York man")."""
    words = name.split()
    return bool(words) and words[-1][:1].islower()


def shown_name(
    name: str | None, speaker_type: str, mention_kind: str, mention_text: str, described: bool = False
) -> str | None:
    """A speaker's name as a record shows it; None for an unnamed source the text only describes ("industry
    analysts", "a company spokesperson", "the report", "the company"): a description is no one's identity, so
    two articles' "officials" are never one speaker. A spokesperson the text gives an organisation speaks
    for it ("a spokesperson for Acme Foods": Acme Foods). `described`: the resolver made the speaker from a
    description (a pronoun reaching "Officials said" is no more a name than the description is). A person's
    full name the description holds in apposition is their name ("his aunt, Jane Starner")."""
    if not name or not name.strip() or described or is_common_noun_phrase(name):
        return None
    if mention_kind in DESCRIPTION_KINDS and fold(name) in fold(mention_text):
        spokesperson = mention_kind == "role" and speaker_type == "organization"
        given = speaker_type == "person" and _full_name_like(name) and name in mention_text
        return name if spokesperson or given else None
    return name


def _full_name_like(name: str) -> bool:
    """Two or more capitalised words: with the description's own capitals, a person's name given inside it
    ("His former business partner at Lenox, Lawrence B. Cummings"), not the description's own words
    ("top black lawmakers", named "Black Lawmakers" from a headline)."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


class SpanError(ValueError):
    """A span that does not fit the text it claims to point into."""


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range `[start, end)` into a document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise SpanError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The characters of `text` this span covers."""
        return text[self.start : self.end]

    def check(self, text: str) -> None:
        """Raise SpanError unless `0 <= start < end <= len(text)`."""
        if self.end > len(text):
            raise SpanError(f"span [{self.start}, {self.end}) runs past the text ({len(text)} chars)")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]


def content_sha256(data: str | bytes) -> str:
    """The content hash that makes ingestion idempotent."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Document:
    """One input article as read: its text and where it came from."""

    id: str
    text: str
    source_path: str
    sha256: str
    format: DocumentFormat = "txt"
    raw: str | None = None
    line: int | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    """Metadata the input itself carried (JSONL fields, HTML meta): title, published, outlet, byline, url."""
    warnings: list[str] = field(default_factory=list)
    """What the reader repaired to read it ("2 NUL bytes removed"); reported with the path, never silent."""

    @property
    def where(self) -> str:
        """The input's path, with the line number for JSON Lines ("feed.jsonl:12")."""
        return f"{self.source_path}:{self.line}" if self.line is not None else self.source_path


@dataclass
class Speaker:
    """Who a mention refers to, as far as this article tells.

    `name` is the fullest name the article gives ("Dmitry Peskov"), or for an
    unnamed source the description the text uses ("Ukrainian officials");
    `None` when the text does not say (an unresolved "he").
    """

    name: str | None
    type: SpeakerType = "unknown"
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    described: bool = False
    """The name is the text's description of an unnamed source ("Officials", capitalised only by the sentence
    start; "city's fire chief"), not a name: no record shows it as one, whichever mention reaches it."""


@dataclass
class Mention:
    """A span of text that names or refers to a source ("he", "the MoD", "Peskov")."""

    span: Span
    text: str
    kind: MentionKind
    speaker: Speaker | None = None

    @property
    def named_speaker(self) -> str | None:
        """The name of the speaker this mention refers to; None when it names nobody (see `shown_name`)."""
        speaker = self.speaker
        if speaker is None:
            return None
        return shown_name(speaker.name, speaker.type, self.kind, self.text, speaker.described)


@dataclass(frozen=True)
class Claim:
    """A figure a quote gives: "nine" dead, "€18.6m" of pre-tax loss, "52" out of 54 districts."""

    span: Span
    """The figure's characters: the number with its scale and glued symbols ("€18.6m", "1.5 million", "8 percent")."""
    value: float
    unit: str | None = None
    """The unit's singular name ("percent", "euro", "kilometre"); None for a count of things."""
    counts: str | None = None
    """What the figure counts or measures, in the text's words ("people killed", "inflation"); None if it does not say."""
    total: float | None = None
    """What the figure is out of ("52 out of 54": 54), else None."""


@dataclass
class Quote:
    """One attribution: who (source mention), how (cue), what (content spans)."""

    kind: QuoteKind
    content_spans: list[Span]
    text: str
    cue_span: Span | None = None
    cue: str | None = None
    source: Mention | None = None
    confidence: float = 1.0
    act: Act | None = "speech"
    """None: the cue word is not a known way of saying, writing, thinking, wanting or perceiving, or an indirect
    quote's content says nothing ("testified about the events")."""
    claims: list[Claim] = field(default_factory=list)
    """The figures inside the content, in text order (attribute/figures.py)."""
    topics: list[str] = field(default_factory=list)
    """What the quote is about: its section heading and the entities it names, not its speaker (attribute/topics.py)."""

    @property
    def speaker(self) -> Speaker | None:
        return self.source.speaker if self.source else None

    @property
    def named_speaker(self) -> str | None:
        """The speaker's name, or None (see `Mention.named_speaker`)."""
        return self.source.named_speaker if self.source else None

    def spans(self) -> list[Span]:
        """Every span this quote points at: content, cue and source."""
        extra = [s for s in (self.cue_span, self.source.span if self.source else None) if s]
        return [*self.content_spans, *extra, *(c.span for c in self.claims)]


def make_quote(
    text: str,
    kind: QuoteKind,
    content_spans: list[Span],
    cue_span: Span | None = None,
    source: Mention | None = None,
) -> Quote:
    """Build a Quote whose `text` and `cue` strings are read off `text` by its spans."""
    ordered = sorted(content_spans)
    return Quote(
        kind=kind,
        content_spans=ordered,
        text=" ".join(s.of(text) for s in ordered),
        cue_span=cue_span,
        cue=cue_span.of(text) if cue_span else None,
        source=source,
    )


@dataclass
class Article:
    """A Document with its body found, its metadata read and its quotes attributed."""

    document: Document
    analysis_text: str
    body_spans: list[Span]
    headings: list[Span] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    published: str | None = None
    """ISO date ("2023-05-31") or datetime ("2024-11-29T11:22:00+00:00"); None when the text gives none."""
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    wire: str | None = None
    """The agency a credit line names ("Reuters" from "(Reuters) -", "Distributed by ..."); None when none."""
    quotes: list[Quote] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def id(self) -> str:
        return self.document.id

    def validate(self) -> None:
        """Raise SpanError if any span points outside the text or the copies differ in length."""
        text = self.document.text
        if len(self.analysis_text) != len(text):
            raise SpanError("analysis text and document text differ in length")
        spans = [*self.body_spans, *self.headings, *([self.title_span] if self.title_span else [])]
        spans += [s for q in self.quotes for s in q.spans()]
        for span in spans:
            span.check(text)
