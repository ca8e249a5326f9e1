"""Attribution scores with the definitions of ../shared/tools/attr_eval.py (the project's referee).

Per role (source, cue, content): *exact* compares whole spans as sets of characters; *overlap*
compares the union of characters over each document. Characters are taken after trimming
whitespace and punctuation off each span's edges, so conventions (quote marks, "that") matter
less. The *attribution* score matches each prediction greedily, in order, to the unused gold
attribution whose content has the highest character Jaccard (at least 0.5) and whose source
overlaps the predicted source (or neither has one).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass, field

from onrecord.eval.brat import ROLES, GoldAttribution, Ranges

EDGE = string.whitespace + string.punctuation + "“”‘’«»—–"
MIN_JACCARD = 0.5
Chars = frozenset[int]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, hit_p: int, n_p: int, hit_r: int, n_r: int) -> PRF:
        p = hit_p / n_p if n_p else 0.0
        r = hit_r / n_r if n_r else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class DocResult:
    """One document's gold and predictions, and which of them the attribution matching paired."""

    id: str
    text: str
    gold: list[GoldAttribution]
    predicted: list[GoldAttribution]
    matched_gold: set[int] = field(default_factory=set)
    matched_pred: set[int] = field(default_factory=set)


@dataclass
class Scores:
    roles: dict[str, dict[str, PRF]]
    attribution: PRF
    docs: list[DocResult]

    def headline(self) -> dict[str, float]:
        """The three figures the targets are set on, rounded as the reference script prints them."""
        return {
            "attribution_f1": round(self.attribution.f1, 4),
            "content_overlap_f1": round(self.roles["content"]["overlap"].f1, 4),
            "source_exact_f1": round(self.roles["source"]["exact"].f1, 4),
        }


def chars(ranges: Ranges | None, text: str) -> Chars:
    """Character positions a list of spans covers, each span trimmed of edge spaces and punctuation."""
    out: set[int] = set()
    for start, end in ranges or []:
        segment = text[start:end]
        left = len(segment) - len(segment.lstrip(EDGE))
        right = len(segment) - len(segment.rstrip(EDGE))
        out.update(range(start + left, end - right))
    return frozenset(out)


def _role_counts(doc: DocResult, role: str) -> tuple[int, int, int, int, int, int]:
    gold = [c for c in (chars(g.role(role), doc.text) for g in doc.gold) if c]
    pred = [c for c in (chars(p.role(role), doc.text) for p in doc.predicted) if c]
    exact = len({c for c in pred} & set(gold))
    gold_union = frozenset().union(*gold)
    pred_union = frozenset().union(*pred)
    return exact, len(pred), len(gold), len(pred_union & gold_union), len(pred_union), len(gold_union)


def _role_scores(docs: Sequence[DocResult], role: str) -> dict[str, PRF]:
    totals = [0] * 6
    for doc in docs:
        totals = [a + b for a, b in zip(totals, _role_counts(doc, role), strict=True)]
    exact, n_pred, n_gold, overlap, pred_chars, gold_chars = totals
    return {"exact": PRF.of(exact, n_pred, exact, n_gold), "overlap": PRF.of(overlap, pred_chars, overlap, gold_chars)}


def _match(doc: DocResult) -> int:
    """Greedy one-to-one matching of predictions to gold; fills doc.matched_*; returns the number of predictions kept."""
    gold = [(chars(g.content, doc.text), chars(g.source, doc.text)) for g in doc.gold]
    kept = 0
    for i, p in enumerate(doc.predicted):
        content, source = chars(p.content, doc.text), chars(p.source, doc.text)
        if not content:
            continue
        kept += 1
        best, best_j = None, MIN_JACCARD
        for j, (g_content, g_source) in enumerate(gold):
            if j in doc.matched_gold or not g_content:
                continue
            jaccard = len(content & g_content) / len(content | g_content)
            if jaccard >= best_j and ((not g_source and not source) or (g_source & source)):
                best, best_j = j, jaccard
        if best is not None:
            doc.matched_gold.add(best)
            doc.matched_pred.add(i)
    return kept


def score(docs: list[DocResult]) -> Scores:
    """Role and attribution scores over documents (predictions for documents without gold are not scored)."""
    roles = {role: _role_scores(docs, role) for role in ROLES}
    n_pred = sum(_match(doc) for doc in docs)
    matched = sum(len(doc.matched_pred) for doc in docs)
    n_gold = sum(len(doc.gold) for doc in docs)
    return Scores(roles, PRF.of(matched, n_pred, matched, n_gold), docs)
