"""How much of each real page's article body onrecord keeps, on the public article-extraction benchmark's metric.

The pages are ../shared/realweb (91 real news and blog pages with the body a person marked); the
metric is the benchmark's: word 4-gram shingles (words are runs of \\w, case kept, each shingle
counted as often as it occurs) of the extracted body against the marked one, a page's true and false
positives and negatives normalised by their sum, precision and recall each averaged over the pages,
F1 their harmonic mean. Side by side in one run: trafilatura's text (what onrecord reads an HTML page
as) and onrecord's body (the body spans its cleaner keeps, headings included).

    .venv/bin/python benchmarks/body_extraction.py             # the table
    .venv/bin/python benchmarks/body_extraction.py --worst 10  # and the pages onrecord loses most on
    .venv/bin/python benchmarks/body_extraction.py --json
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from onrecord.clean import clean
from onrecord.model import Article
from onrecord.read import read_file

REALWEB = Path(__file__).resolve().parents[2] / "shared" / "realweb"
_WORD = re.compile(r"\w+")
SHINGLE = 4

Counts = tuple[float, float, float]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The text's word 4-grams, counted (a text of fewer words is one shorter shingle)."""
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1)) if words[i : i + SHINGLE])


def page_counts(true: str, found: str) -> Counts:
    """True positives, false positives and false negatives over shingles, as shares of their sum."""
    want, got = shingles(true), shingles(found)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def figures(pages: Sequence[Counts]) -> dict[str, float]:
    """Precision and recall averaged over the pages where each is defined; F1 of the two averages."""
    precision = statistics.mean(_precision(*c) for c in pages if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in pages if c[0] + c[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def onrecord_body(article: Article) -> str:
    """The text onrecord keeps as the article: its body and heading spans, in document order."""
    text = article.document.text
    return "\n".join(span.of(text) for span in sorted([*article.body_spans, *article.headings]))


def measure(folder: Path) -> dict[str, object]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for page_id in sorted(truth):
        (doc,) = read_file(folder / "html" / f"{page_id}.html")
        article = clean(doc)
        true = truth[page_id]["articleBody"]
        rows.append({
            "id": page_id,
            "trafilatura": page_counts(true, doc.text),
            "onrecord": page_counts(true, onrecord_body(article)),
            "empty": not article.body_spans and bool(doc.text.strip()),
        })
    return {
        "pages": len(rows),
        "trafilatura": figures([r["trafilatura"] for r in rows]),
        "onrecord": figures([r["onrecord"] for r in rows]),
        "onrecord_empty_bodies": sum(r["empty"] for r in rows),
        "rows": rows,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realweb", type=Path, default=REALWEB, help="the realweb folder (html/, ground-truth.json)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="also list the N pages onrecord loses most on")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures")
    args = parser.parse_args(argv)
    result = measure(args.realweb)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "rows"}))
        return
    print(f"{result['pages']} pages; onrecord left {result['onrecord_empty_bodies']} bodies empty where trafilatura had text")
    for name in ("trafilatura", "onrecord"):
        f = result[name]  # type: ignore[index]
        print(f"{name:<12} precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}")
    if args.worst:
        rows = sorted(result["rows"], key=lambda r: _recall(*r["onrecord"]) - _recall(*r["trafilatura"]))  # type: ignore[arg-type]
        for r in rows[: args.worst]:
            print(f"{r['id'][:16]}  recall trafilatura {_recall(*r['trafilatura']):.3f} onrecord {_recall(*r['onrecord']):.3f}")


if __name__ == "__main__":
    main()
