"""Counting the cue lexicon (onrecord/attribute/cuelex.py reads what this writes) from annotated attributions.

Training code: scripts/train_cue_lexicon.py and scripts/train_verifier.py use it; nothing at run time does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.attribute.features import run_head
from onrecord.eval.brat import GoldAttribution, Ranges

CONTENT_DEPS = ("ccomp", "dobj", "xcomp")
MIN_COUNT = 8
"""A lemma must head at least this many annotated cues to be learned."""
MIN_SHARE = 0.35
"""...and head a cue in at least this share of its occurrences as a verb."""
RARE_MIN_TOTAL = 20
"""A lemma is judged rarely a cue only from at least this many occurrences..."""
RARE_MAX_SHARE = 0.01
"""...when it heads an annotated cue in under this share of them."""


@dataclass
class LemmaStats:
    n: int = 0
    total: int = 0
    content: Counter[str] = field(default_factory=Counter)

    @property
    def share(self) -> float:
        return self.n / self.total if self.total else 0.0


def _tokens(doc: Doc, ranges: Ranges) -> list[Token]:
    found: list[Token] = []
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.extend(span)
    return found


def _root(tokens: list[Token]) -> Token | None:
    """The token of a span whose head lies outside it (the first such, for a discontinuous span)."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0] if tokens else None)


def count(pairs: Iterable[tuple[Doc, list[GoldAttribution]]]) -> dict[str, LemmaStats]:
    """Cue statistics per verb lemma over parsed documents and their annotations."""
    stats: dict[str, LemmaStats] = defaultdict(LemmaStats)
    for doc, attributions in pairs:
        cue_heads: dict[int, list[GoldAttribution]] = defaultdict(list)
        for attribution in attributions:
            cue = _root(_tokens(doc, attribution.cue))
            if cue is not None and cue.pos_ == "VERB":
                cue_heads[cue.i].append(attribution)
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            entry = stats[tok.lemma_.lower()]
            entry.total += 1
            for attribution in cue_heads.get(tok.i, []):
                entry.n += 1
                content = _root(_tokens(doc, attribution.content))
                if content is not None and content.head.i == tok.i and content.dep_ in CONTENT_DEPS:
                    entry.content[content.dep_] += 1
    return dict(stats)


def count_heads(pairs: Iterable[tuple[Doc, list[GoldAttribution]]]) -> dict[str, LemmaStats]:
    """How many occurrences of each lemma, of any part of speech, head an annotated cue (`n`) of all (`total`).

    A cue's head is found as at run time, where the tagger's cues are tested (features.run_head over
    the tokens of its first range).
    """
    stats: dict[str, LemmaStats] = defaultdict(LemmaStats)
    for doc, attributions in pairs:
        heads = set()
        for attribution in attributions:
            span = doc.char_span(*attribution.cue[0], alignment_mode="expand") if attribution.cue else None
            if span is not None and len(span):
                heads.add(run_head(doc, span.start, span.end).i)
        for tok in doc:
            entry = stats[tok.lemma_.lower()]
            entry.total += 1
            entry.n += tok.i in heads
    return dict(stats)


def rare_heads(heads: dict[str, LemmaStats]) -> list[str]:
    """The lemmas seen often enough that head a cue in under RARE_MAX_SHARE of their occurrences."""
    return sorted(lemma for lemma, s in heads.items() if s.total >= RARE_MIN_TOTAL and s.n < RARE_MAX_SHARE * s.total)


def to_json(
    stats: dict[str, LemmaStats], provenance: dict[str, object], heads: dict[str, LemmaStats] | None = None
) -> dict[str, object]:
    """The lemmas that pass the thresholds, with their figures and where they came from."""
    cues = {
        lemma: {
            "n": s.n,
            "total": s.total,
            "share": round(s.share, 3),
            "content": {dep: round(s.content[dep] / s.n, 3) for dep in CONTENT_DEPS if s.content[dep]},
        }
        for lemma, s in sorted(stats.items())
        if s.n >= MIN_COUNT and s.share >= MIN_SHARE
    }
    rare = {"rare_min_total": RARE_MIN_TOTAL, "rare_max_share": RARE_MAX_SHARE, "rare_heads": rare_heads(heads or {})}
    return {**provenance, "min_count": MIN_COUNT, "min_share": MIN_SHARE, "cues": cues, **rare}
