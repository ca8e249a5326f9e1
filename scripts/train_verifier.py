"""Train the verifier on PolNeAR train: `python scripts/train_verifier.py ../shared/polnear`.

The verifier (onrecord/attribute/verify.py) learns from the tagger's own proposals on the train
articles the tagger was not trained on (every tenth, onrecord.eval.polnear.held_out), labelled by
whether the scorer matches them to an annotated attribution. Those articles are run through the
real extract path, with the rare-head cue filter counted on the other train articles only, so
the proposals are the ones extract would make on unseen text. The threshold is the one with the
best cross-validated mean of attribution F1, content overlap F1 and source exact F1 (folds by
article). Dev is never read. Writes
onrecord/attribute/data/verifier.json with the data, the command and the cross-validated scores.
Needs only numpy; takes about 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from onrecord.training import cue_lexicon
from onrecord.training.logistic import fitted
from onrecord.attribute.article import attributions, paragraph_texts
from onrecord.attribute.tagger import get_tagger
from onrecord.attribute.verify import WEIGHTS, Verifier
from onrecord.clean import clean
from onrecord.eval.brat import GoldAttribution
from onrecord.eval.polnear import GoldDocument, held_out, load_split
from onrecord.eval.score import DocResult, Scores, score
from onrecord.model import Quote
from onrecord.nlp import get_nlp
from onrecord.read import read_paths

OUT = Path(__file__).resolve().parent.parent / "onrecord" / "attribute" / "data" / WEIGHTS
THRESHOLDS = [round(0.05 * k, 2) for k in range(11)]
FIGURES = ("attribution_f1", "content_overlap_f1", "source_exact_f1")
"""The threshold is chosen for the best mean of the three figures the targets are set on."""
@dataclass
class Proposals:
    """One held-out article: its gold, its final quotes, and for each the recorded facts (None: not the tagger's)."""

    gold: GoldDocument
    quotes: list[Quote]
    facts: list[dict[str, float] | None]


def rare_without(others: list[GoldDocument], n_process: int) -> frozenset[str]:
    """The rare-head list as scripts/train_cue_lexicon.py counts it, over these articles only."""
    docs = get_nlp().pipe([g.text for g in others], batch_size=32, n_process=n_process)
    heads = cue_lexicon.count_heads(zip(docs, [g.attributions for g in others], strict=True))
    return frozenset(cue_lexicon.rare_heads(heads))


def propose(held: list[GoldDocument], rare: frozenset[str]) -> list[Proposals]:
    """Run extract's read -> clean -> parse -> attribute path over the held-out articles, keeping every tagger
    proposal (a verifier that accepts all) and the evidence the verifier reads of it."""
    tagger = get_tagger()
    if tagger is None:
        raise SystemExit("no tagger weights in onrecord/attribute/data: run scripts/train_tagger.py first")
    nlp = get_nlp()
    out = []
    for gold, doc in zip(held, read_paths([str(g.path) for g in held]), strict=True):
        article = clean(doc)
        docs = list(nlp.pipe(paragraph_texts(article)))
        found = attributions(article, docs, tagger, Verifier.accepting(), rare_heads=rare)
        facts = [p.evidence if p is not None and p.origin == "tagger" else None for _, p in found]
        out.append(Proposals(gold, [q for q, _ in found], facts))
    return out


def as_predictions(quotes: list[Quote]) -> list[GoldAttribution]:
    """Quotes as scorer input, as `onrecord eval` gives them (source = the mention's span)."""
    return [
        GoldAttribution(
            content=[(s.start, s.end) for s in q.content_spans],
            source=[(q.source.span.start, q.source.span.end)] if q.source else [],
            cue=[(q.cue_span.start, q.cue_span.end)] if q.cue_span else [],
        )
        for q in quotes
    ]


def scored(articles: list[Proposals], keep: list[list[bool]]) -> Scores:
    return score([
        DocResult(a.gold.id, a.gold.text, a.gold.attributions, as_predictions([q for q, k in zip(a.quotes, ks, strict=True) if k]))
        for a, ks in zip(articles, keep, strict=True)
    ])


def labelled(articles: list[Proposals]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Feature names, the tagger's proposals as rows, whether each matched a gold attribution, and its article."""
    everything = scored(articles, [[True] * len(a.quotes) for a in articles])
    names = next(list(f) for a in articles for f in a.facts if f is not None)
    rows, labels, owner = [], [], []
    for k, (a, result) in enumerate(zip(articles, everything.docs, strict=True)):
        for i, facts in enumerate(a.facts):
            if facts is not None:
                rows.append([facts[n] for n in names])
                labels.append(i in result.matched_pred)
                owner.append(k)
    return names, np.array(rows, dtype=float), np.array(labels, dtype=float), np.array(owner)


def cross_validated(articles: list[Proposals], names, x, y, owner, folds: int, l2: float) -> list[dict[str, float]]:
    """Each threshold's scores over the held-out articles, every article's proposals judged by a verifier fitted without it."""
    confidence = np.zeros(len(y))
    for fold in range(folds):
        test = owner % folds == fold
        model = fitted(names, x[~test], y[~test], l2, 0.0, {})
        confidence[test] = [model.confidence(dict(zip(names, row, strict=True))) for row in x[test]]
    by_article: dict[int, list[float]] = {}
    for k, c in zip(owner.tolist(), confidence.tolist(), strict=True):
        by_article.setdefault(k, []).append(c)
    table = []
    for threshold in THRESHOLDS:
        keep = []
        for k, a in enumerate(articles):
            judged = iter(by_article.get(k, []))
            keep.append([f is None or next(judged) >= threshold for f in a.facts])
        s = scored(articles, keep)
        table.append({"threshold": threshold, **s.headline(), "kept": int(sum(map(sum, keep)))})
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR root (with train/)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the standardised weights")
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    started = time.time()
    gold = load_split(args.polnear, "train")
    held = [g for k, g in enumerate(gold) if held_out(k)]
    rare = rare_without([g for k, g in enumerate(gold) if not held_out(k)], args.n_process)
    articles = propose(held, rare)
    names, x, y, owner = labelled(articles)
    print(f"{len(held)} held-out articles: {len(y)} tagger proposals, {int(y.sum())} match an annotated attribution "
          f"({time.time() - started:.0f}s)", flush=True)
    table = cross_validated(articles, names, x, y, owner, args.folds, args.l2)
    for row in table:
        print("  ".join(f"{k} {v}" for k, v in row.items()))
    best = max(table, key=lambda row: sum(row[figure] for figure in FIGURES))
    meta = {
        "data": f"PolNeAR train: the tagger's proposals on its {len(held)} held-out articles (every tenth), "
                "labelled by the attribution matching of ../shared/tools/attr_eval.py",
        "command": f"python scripts/train_verifier.py ../shared/polnear --folds {args.folds} --l2 {args.l2}",
        "proposals": len(y), "matched": int(y.sum()), "l2": args.l2,
        "cross_validated": table, "threshold_chosen_by": f"best {args.folds}-fold mean of {', '.join(FIGURES)}",
    }
    verifier = fitted(names, x, y, args.l2, best["threshold"], meta)
    args.out.write_text(json.dumps(verifier.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: threshold {best['threshold']} ({time.time() - started:.0f}s)")


if __name__ == "__main__":
    main()
