"""Evaluation against hand-annotated attributions (PolNeAR), through the real extract path.

    brat     standoff annotation files -> GoldAttribution
    polnear  a PolNeAR split on disk -> GoldDocument
    score    the reference scorer's definitions (../shared/tools/attr_eval.py)
    errors   missed and spurious attributions with context, for error analysis
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from onrecord.errors import ReadError
from onrecord.eval.brat import GoldAttribution
from onrecord.eval.polnear import GoldDocument, load_split
from onrecord.eval.score import DocResult, Scores, score
from onrecord.export import article_to_dict
from onrecord.model import Article
from onrecord.pipeline import process_paths

__all__ = ["evaluate_documents", "evaluate_polnear", "predictions_of", "Scores"]


def predictions_of(extracted: dict[str, Any]) -> list[GoldAttribution]:
    """An `extract --jsonl` object's quotes as scorer input: source = speaker_mention_span, cue = cue_span."""
    out = []
    for quote in extracted["quotes"]:
        mention, cue = quote["speaker_mention_span"], quote["cue_span"]
        out.append(
            GoldAttribution(
                content=[tuple(s) for s in quote["content_spans"]],
                source=[tuple(mention)] if mention else [],
                cue=[tuple(cue)] if cue else [],
            )
        )
    return out


def evaluate_polnear(
    root: Path, split: str | None = "dev", progress: Callable[[int, int], None] | None = None, learned: bool = True
) -> tuple[Scores, list[ReadError]]:
    """Run extract over a split's texts and score it; documents that fail to extract count as empty predictions."""
    return evaluate_documents(load_split(root, split), progress, learned)


def evaluate_documents(
    gold: list[GoldDocument], progress: Callable[[int, int], None] | None = None, learned: bool = True
) -> tuple[Scores, list[ReadError]]:
    """Run extract (every attribution kept) over annotated documents and score it."""
    results: list[DocResult] = []
    failures: list[ReadError] = []
    # A .txt file gives exactly one item, a document or its error, in the order the paths were given.
    items = process_paths([str(doc.path) for doc in gold], learned=learned, acts=None)
    for done, (doc, item) in enumerate(zip(gold, items, strict=True), start=1):
        if isinstance(item, ReadError):
            failures.append(item)
        predicted = predictions_of(article_to_dict(item)) if isinstance(item, Article) else []
        results.append(_result(doc, predicted))
        if progress:
            progress(done, len(gold))
    return score(results), failures


def _result(doc: GoldDocument, predicted: list[GoldAttribution]) -> DocResult:
    return DocResult(doc.id, doc.text, doc.attributions, predicted)
