"""Scores and error cases as text (the reference script's layout) or as a JSON-ready dict."""

from __future__ import annotations

import json
from typing import Any

from onrecord.eval.brat import ROLES
from onrecord.eval.errors import ErrorCase, missed, spurious
from onrecord.eval.score import PRF, Scores


def _prf(value: PRF) -> dict[str, float]:
    return {"precision": round(value.precision, 4), "recall": round(value.recall, 4), "f1": round(value.f1, 4)}


def score_lines(scores: Scores) -> list[str]:
    """The figures, one per line, laid out as ../shared/tools/attr_eval.py prints them."""
    lines = []
    for role in ROLES:
        for kind in ("exact", "overlap"):
            v = scores.roles[role][kind]
            lines.append(f"{role:8s} {kind:8s} P={v.precision:.3f} R={v.recall:.3f} F1={v.f1:.3f}")
    a = scores.attribution
    lines.append(f"attribution (content J>=0.5 + source overlap) P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f}")
    lines.append(json.dumps(scores.headline()))
    return lines


def error_cases(scores: Scores, n: int) -> tuple[list[ErrorCase], list[ErrorCase]]:
    """The first `n` missed and `n` spurious attributions, in document order."""
    if n <= 0:
        return [], []
    miss, extra = missed(scores.docs), spurious(scores.docs)
    return [c for _, c in zip(range(n), miss)], [c for _, c in zip(range(n), extra)]


def case_lines(case: ErrorCase) -> list[str]:
    who = case.source if case.source is not None else "(no source)"
    return [
        f"{case.kind} {case.doc} @{case.offset}: {who} | {case.cue or '(no cue)'}",
        f"    content: {case.content}",
        f"    context: {case.context}",
    ]


def scores_dict(scores: Scores, documents: int, errors: int = 0) -> dict[str, Any]:
    miss, extra = error_cases(scores, errors)
    return {
        "documents": documents,
        "gold_attributions": sum(len(d.gold) for d in scores.docs),
        "predicted_attributions": sum(len(d.predicted) for d in scores.docs),
        "roles": {role: {kind: _prf(v) for kind, v in kinds.items()} for role, kinds in scores.roles.items()},
        "attribution": _prf(scores.attribution),
        "headline": scores.headline(),
        "missed": [c.to_dict() for c in miss],
        "spurious": [c.to_dict() for c in extra],
    }
