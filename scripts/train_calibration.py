"""Fit the confidence calibration on the labelled real pages: `python scripts/train_calibration.py`.

For every English labelled page (../shared/realweb and the pages we wrote, benchmarks/written_pages), the pipeline's quotes as the default output keeps them
(statements), before calibration, each labelled right when it is a statement with the right speaker
(benchmarks/realweb_statements.py's judgement against benchmarks/realweb_labels). A logistic model over
`attribute.calibrate.facts` is fitted; its figures are cross-validated by halves of the pages (every other
page by id): expected calibration error and a reliability table, and precision and estimated recall of
right-speaker statements at each threshold. The threshold the default output keeps is chosen for precision: the
best cross-validated F-beta of the two with beta 0.5 (precision weighted twice; on a tie, within F_TIE, the higher). Writes onrecord/attribute/data/calibration.json with the weights, the data,
the command and these figures. About a minute.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord.attribute.article import attributions, paragraph_texts  # noqa: E402
from onrecord.attribute.calibrate import CALIBRATION, facts  # noqa: E402
from onrecord.attribute.tagger import get_tagger  # noqa: E402
from onrecord.attribute.verify import get_verifier  # noqa: E402
from onrecord.clean import clean  # noqa: E402
from onrecord.model import STATEMENT_ACTS  # noqa: E402
from onrecord.nlp import get_nlp  # noqa: E402
from onrecord.read import read_file  # noqa: E402
from onrecord.training.logistic import fitted  # noqa: E402
from tests.scripts import load_benchmark  # noqa: E402

OUT = ROOT / "onrecord" / "attribute" / "data" / CALIBRATION
THRESHOLDS = [round(0.05 * k, 2) for k in range(20)]
BINS = 10


@dataclass
class Rows:
    names: list[str]
    x: np.ndarray
    right: np.ndarray
    page: np.ndarray
    labels: int
    recall_at_zero: float


BETA = 0.5
"""The threshold is chosen for precision: the best F-beta with beta 0.5 weighs precision twice as much as recall
(one person's words given to another, or a non-statement shown, is the error this tool must avoid most)."""
F_TIE = 0.001
"""F-scores this close are a tie (one quote in a thousand moves them about this much): the higher threshold is taken."""


def f_beta(precision: float, recall: float, beta: float) -> float:
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0


def collect(realweb: Path) -> Rows:
    """Every quote the default output keeps on the labelled English pages, with its facts and whether it is right."""
    scorer = load_benchmark("realweb_statements")
    statements, pages = scorer.read_labels(scorer.LABELS)
    nlp, tagger, verifier = get_nlp(), get_tagger(), get_verifier()
    rows, right, owner, labelled, found_right = [], [], [], 0, 0
    for k, page in enumerate(sorted(p for p, item in pages.items() if item.get("lang") == "en")):
        (doc,) = read_file(scorer.page_path(page, realweb))
        article = clean(doc)
        found = attributions(article, list(nlp.pipe(paragraph_texts(article))), tagger, verifier)
        quotes = [q for q, _ in found if q.act in STATEMENT_ACTS]
        labels = []
        for item in (s for s in statements if s["page"] == page):
            where = scorer.locate(article.text, item["start"], item["end"])
            if where is not None:
                labels.append(scorer.Label(page, item.get("speaker"), item.get("speaker_as_written"), item.get("kind", ""), *where))
        paired = scorer.pair(quotes, labels)
        labelled += len(labels)
        found_right += sum(scorer.right_speaker(labels[j], quotes[i]) for i, j in paired.items())
        for i, quote in enumerate(quotes):
            label = labels[paired[i]] if i in paired else scorer.statement_of(quote, labels)
            rows.append(facts(quote))
            right.append(float(label is not None and scorer.right_speaker(label, quote)))
            owner.append(k)
    names = list(rows[0])
    x = np.array([[r[n] for n in names] for r in rows])
    return Rows(names, x, np.array(right), np.array(owner), labelled, found_right / labelled)


def expected_calibration_error(p: np.ndarray, y: np.ndarray) -> tuple[float, list[dict[str, float]]]:
    table, error = [], 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = (p >= low) & ((p < high) if b < BINS - 1 else (p <= high))
        if inside.any():
            error += inside.mean() * abs(p[inside].mean() - y[inside].mean())
            table.append({"bin": f"{low:.1f}-{high:.1f}", "quotes": int(inside.sum()),
                          "mean_confidence": round(float(p[inside].mean()), 3), "share_right": round(float(y[inside].mean()), 3)})
    return round(float(error), 4), table


def by_threshold(p: np.ndarray, rows: Rows) -> list[dict[str, float]]:
    """Precision of right-speaker statements among the quotes kept, and recall estimated from the quotes' own."""
    total_right = rows.right.sum()
    out = []
    for t in THRESHOLDS:
        kept = p >= t
        precision = float(rows.right[kept].mean()) if kept.any() else 0.0
        recall = rows.recall_at_zero * float(rows.right[kept].sum() / total_right)
        out.append({
            "threshold": t, "kept": int(kept.sum()), "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f_beta(precision, recall, 1.0), 4), "f_half": round(f_beta(precision, recall, BETA), 4),
        })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realweb", type=Path, default=ROOT.parent / "shared" / "realweb")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()
    rows = collect(args.realweb)
    held_out = np.zeros(len(rows.right))
    for half in (0, 1):
        test = rows.page % 2 == half
        model = fitted(rows.names, rows.x[~test], rows.right[~test], args.l2, 0.0, {})
        held_out[test] = [model.confidence(dict(zip(rows.names, r))) for r in rows.x[test]]
    ece, table = expected_calibration_error(held_out, rows.right)
    before, _ = expected_calibration_error(rows.x[:, rows.names.index("confidence")], rows.right)
    thresholds = by_threshold(held_out, rows)
    top = max(r["f_half"] for r in thresholds)
    best = max((r for r in thresholds if r["f_half"] >= top - F_TIE), key=lambda r: r["threshold"])
    meta = {
        "data": f"{len(rows.right)} quotes the default output keeps on {len(set(rows.page.tolist()))} English pages of "
        f"../shared/realweb and benchmarks/written_pages, labelled against benchmarks/realweb_labels ({rows.labels} statements)",
        "command": "python scripts/train_calibration.py",
        "cross_validated_by": "halves of the pages (every other page by id)",
        "ece_before": before,
        "ece": ece,
        "reliability": table,
        "thresholds": thresholds,
        "threshold_chosen_by": f"for precision: best cross-validated F-beta (beta {BETA}, precision weighted twice) of right-speaker "
        f"precision and estimated recall; on a tie (within {F_TIE}) the higher threshold",
    }
    model = fitted(rows.names, rows.x, rows.right, args.l2, best["threshold"], meta)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows.right)} quotes; ECE {before} -> {ece} (cross-validated); threshold {best['threshold']} "
          f"(precision {best['precision']}, recall ~{best['recall']})")
    for row in table:
        print(f"  {row['bin']}: {row['quotes']:4d} quotes, mean confidence {row['mean_confidence']:.3f}, right {row['share_right']:.3f}")


if __name__ == "__main__":
    main()
