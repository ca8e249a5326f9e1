"""A proposed attribution: what the rules (rules.py) and the learned tagger (learned.py) each emit, what
reconcile.py settles between them, the verifier (verify.py) scores and build.py turns into a Quote.

Every part is a `Span` of the document text. A proposal also keeps what the later steps need to know
about how it was read: its place in the paragraph's tokens, and for a rules' proposal whether its cue
borrowed its clause's subject or labels a line, for a tagger's whether its own source is weak and which
rules' proposal read the same cue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from onrecord.attribute.mentions import SourceNP
from onrecord.attribute.tagger import Roles
from onrecord.model import Act, Span

Origin = Literal["rules", "tagger"]
RULE_CONFIDENCE = 0.9
"""A rules' proposal's confidence (a fixed rank, not a probability)..."""
BORROWED_CONFIDENCE = 0.8
"""...and one whose cue borrows its clause's subject ("..., adding that")."""
TAGGER_CONFIDENCE = 0.85
"""A tagger's proposal's confidence when no verifier ships (see attribute/verify.py)."""
MIN_CONTENT_WORDS = 2
"""Content of fewer words is a slip ("the", "this ("), not a statement."""


@dataclass
class Tagged:
    """What the tagger read for one cue, as the verifier needs it: token runs, its certainty, quoted tokens."""

    roles: Roles
    cue_prob: float
    """The tagger's mean probability, over the cue's tokens, that each is part of a cue."""
    quoted: list[bool]
    """Per token of the paragraph: inside quotation marks."""


@dataclass
class Proposal:
    """One reading of an attribution in one paragraph."""

    origin: Origin
    cue: Span
    content: list[Span]
    source: Span | None
    reading: SourceNP | None
    """How the source phrase reads (name, pronoun, role...), to resolve it to a speaker; None for a phrase
    the parse could not read (kept as a description), or when there is no source."""
    order: int
    """The paragraph token the cue starts at (for the rules, the cue's head): proposals are paired and sorted by it."""
    confidence: float
    act: Act | None = "speech"
    """What kind of act the cue reports (acts.py); None when the cue word is not known as one."""
    clause: bool = True
    """Whether the content says something (acts.says_something): "that the wall held", "denied any role", not
    "testified about the events"."""
    head_at: int = 0
    """Rules: where the cue's head starts, in the document text."""
    borrowed: bool = False
    """Rules: the cue has no subject of its own and borrows its clause's ("..., adding that")."""
    label: bool = False
    """Rules: the cue is a line's label ("Cruz: ...")."""
    tagged: Tagged | None = None
    """Tagger: what it read, for the verifier."""
    weak_source: bool = False
    """Tagger: it found no source run, or the run is who did the quoting ("quoted by the agency")."""
    partner: Proposal | None = None
    """Tagger: the rules' proposal of the same cue, if any."""
    evidence: dict[str, float] = field(default_factory=dict)
    """Tagger: what the verifier read of it."""


def overlaps_any(found: list[Span], taken: list[Span]) -> bool:
    """Whether any of `found` overlaps any of `taken`."""
    return any(f.overlaps(t) for f in found for t in taken)


def inside(pos: int, found: list[Span]) -> bool:
    """Whether the character at `pos` lies in any of `found`."""
    return any(s.start <= pos < s.end for s in found)
