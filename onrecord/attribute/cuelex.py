"""A cue lexicon learned from annotated attributions: which lemmas are cues, how often, and where their content sits.

Built by `scripts/train_cue_lexicon.py` from PolNeAR train and shipped as `data/cue_lexicon.json`.
For each lemma the lexicon keeps how often a token with that lemma heads an annotated cue (`n`) out
of how often it occurs (`total`), and, over those cues, the share of contents that are the
cue's clausal complement (`ccomp`), direct object (`dobj`) or open complement (`xcomp`).
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from onrecord.eval.brat import GoldAttribution, Ranges

LEXICON_FILE = "cue_lexicon.json"
CONTENT_DEPS = ("ccomp", "dobj", "xcomp")
MIN_COUNT = 8
"""A lemma must head at least this many annotated cues to be learned."""
MIN_SHARE = 0.35
"""...and head a cue in at least this share of its occurrences as a verb."""
MIN_DEP_SHARE = 0.15
"""A complement type counts as content for a lemma when at least this share of its contents are of that type."""


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


def to_json(stats: dict[str, LemmaStats], provenance: dict[str, object]) -> dict[str, object]:
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
    return {**provenance, "min_count": MIN_COUNT, "min_share": MIN_SHARE, "cues": cues}


@functools.cache
def load() -> dict[str, dict[str, object]]:
    """The shipped lexicon's cues: {lemma: {"n", "total", "share", "content": {dep: share}}}."""
    text = resources.files("onrecord.attribute").joinpath("data", LEXICON_FILE).read_text(encoding="utf-8")
    return json.loads(text)["cues"]


def learned_cues() -> frozenset[str]:
    return frozenset(load())


def takes_content(lemma: str, dep: str) -> bool:
    """True when the learned lexicon says `dep` complements of `lemma` are often its content."""
    entry = load().get(lemma)
    shares = entry["content"] if entry else {}
    return isinstance(shares, dict) and shares.get(dep, 0.0) >= MIN_DEP_SHARE
