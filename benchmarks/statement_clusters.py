"""Score cross-article linking on the labelled report pairs of benchmarks/statements/.

The articles (benchmarks/statements/articles/, invented news: ten stories, each told by three to five
outlets) are ingested into a temporary store, every stored quote is read back with
`onrecord quotes --json`, and each label of benchmarks/statements/labels.jsonl is matched to the
quote of its article whose text contains the label's `contains` string (labels matching no quote
are "not extracted"). Over the matched labelled quotes, pairwise:

  statements  a pair is gold-same when both labels have the same `statement`, predicted-same when
              both quotes have the same non-null `statement_id` (null until the linker stores one)
  speakers    gold-same: same `speaker` label; predicted-same: same non-null `speaker.id`

precision = true pairs / predicted pairs, recall = true pairs / gold pairs (null when there is no
pair to divide by). Figures are over matched labels only: extraction misses are reported apart.

    python benchmarks/statement_clusters.py                 # readable report
    python benchmarks/statement_clusters.py --json          # one JSON line
    python benchmarks/statement_clusters.py --errors        # also list false merges and misses
    python benchmarks/statement_clusters.py --db kept.db    # score an existing store, no ingest
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "statements"
DEFAULT_ARTICLES = DATA / "articles"
DEFAULT_LABELS = DATA / "labels.jsonl"
LABEL_KEYS = ("file", "contains", "speaker", "statement")
NO_STATEMENT_NOTE = (
    "statement figures are null: the quotes output has no `statement_id` field yet "
    "(the cross-article linker has not landed in this tree)"
)


# -- pure functions (tested in tests/test_statement_clusters_script.py) --------------------------


def load_labels(lines: Sequence[str]) -> list[dict[str, str]]:
    """The labels of a JSONL text's lines (blank lines skipped); ValueError naming the line if one is malformed."""
    labels = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"labels line {number}: not JSON ({exc.msg})") from None
        missing = [key for key in LABEL_KEYS if not isinstance(item.get(key), str) or not item[key]]
        if missing:
            raise ValueError(f"labels line {number}: missing or empty {', '.join(missing)}")
        labels.append({key: item[key] for key in LABEL_KEYS})
    return labels


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def file_of(quote: dict[str, Any]) -> str:
    """The base name of the article file a quote was read from ('' when unknown)."""
    path = ((quote.get("article") or {}).get("source_path")) or ""
    return Path(path.replace("\\", "/")).name


def match_labels(labels: Sequence[dict[str, str]], quotes: Sequence[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """For each label, the quote of its file whose text contains `contains`, else None.

    Exact substring first, then with runs of white space squashed on both sides. Where several
    quotes of the file contain it (nested or overlapping extractions), the shortest text wins, then
    the lowest id: the most specific report of the words labelled.
    """
    by_file: dict[str, list[dict[str, Any]]] = {}
    for quote in quotes:
        by_file.setdefault(file_of(quote), []).append(quote)
    found: list[dict[str, Any] | None] = []
    for label in labels:
        candidates = by_file.get(label["file"], [])
        hits = [q for q in candidates if label["contains"] in (q.get("text") or "")]
        if not hits:
            wanted = _squash(label["contains"])
            hits = [q for q in candidates if wanted in _squash(q.get("text") or "")]
        found.append(min(hits, key=lambda q: (len(q.get("text") or ""), q.get("id") or 0)) if hits else None)
    return found


@dataclass
class PairScore:
    """Pairwise clustering agreement; precision/recall None where nothing to divide by."""

    gold_pairs: int
    predicted_pairs: int
    true_pairs: int
    false_merges: list[tuple[int, int]] = field(default_factory=list)
    misses: list[tuple[int, int]] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else None

    @property
    def recall(self) -> float | None:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable | None]) -> PairScore:
    """Pairwise precision/recall of a predicted clustering against a gold one, item i in both lists.

    A pair (i, j), i < j, is gold-same when gold[i] == gold[j]; predicted-same when predicted[i]
    is not None and predicted[i] == predicted[j]. false_merges: predicted-same, gold-different;
    misses: gold-same, not predicted-same.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold items but {len(predicted)} predicted")
    score = PairScore(0, 0, 0)
    for i, j in itertools.combinations(range(len(gold)), 2):
        same_gold = gold[i] == gold[j]
        same_pred = predicted[i] is not None and predicted[i] == predicted[j]
        score.gold_pairs += same_gold
        score.predicted_pairs += same_pred
        score.true_pairs += same_gold and same_pred
        if same_pred and not same_gold:
            score.false_merges.append((i, j))
        elif same_gold and not same_pred:
            score.misses.append((i, j))
    return score


def has_statement_ids(quotes: Sequence[dict[str, Any]]) -> bool:
    """Whether the quotes output carries the linker's `statement_id` field at all."""
    return any("statement_id" in q for q in quotes)


@dataclass
class Result:
    labels: list[dict[str, str]]
    matched: list[dict[str, Any] | None]
    statements: PairScore | None
    speakers: PairScore

    @property
    def pairs(self) -> list[tuple[dict[str, str], dict[str, Any]]]:
        return [(label, quote) for label, quote in zip(self.labels, self.matched) if quote is not None]

    @property
    def not_extracted(self) -> list[dict[str, str]]:
        return [label for label, quote in zip(self.labels, self.matched) if quote is None]

    @property
    def shared_quotes(self) -> list[tuple[int, list[dict[str, str]]]]:
        """Quotes matched by two or more labels (an extraction that joined two reports), by quote id."""
        groups: dict[int, list[dict[str, str]]] = {}
        for label, quote in self.pairs:
            groups.setdefault(quote["id"], []).append(label)
        return [(qid, group) for qid, group in groups.items() if len(group) > 1]


def score_labels(labels: list[dict[str, str]], quotes: list[dict[str, Any]]) -> Result:
    """Match labels to quotes and score statement and speaker clustering over the matched ones."""
    matched = match_labels(labels, quotes)
    pairs = [(label, quote) for label, quote in zip(labels, matched) if quote is not None]
    speakers = pairwise([l["speaker"] for l, _ in pairs], [(q.get("speaker") or {}).get("id") for _, q in pairs])
    statements = None
    if has_statement_ids(quotes):
        statements = pairwise([l["statement"] for l, _ in pairs], [q.get("statement_id") for _, q in pairs])
    return Result(labels, matched, statements, speakers)


def summary(result: Result) -> dict[str, Any]:
    """The one-line JSON figures."""
    st, sp = result.statements, result.speakers
    out: dict[str, Any] = {
        "statement_precision": _round(st.precision) if st else None,
        "statement_recall": _round(st.recall) if st else None,
        "speaker_precision": _round(sp.precision),
        "speaker_recall": _round(sp.recall),
        "labels": len(result.labels),
        "matched": len(result.pairs),
        "pairs_gold": _gold_statement_pairs(result),
        "pairs_predicted": st.predicted_pairs if st else None,
        "statement_f1": _round(st.f1) if st else None,
        "speaker_f1": _round(sp.f1),
        "speaker_pairs_gold": sp.gold_pairs,
        "speaker_pairs_predicted": sp.predicted_pairs,
        "not_extracted": len(result.not_extracted),
        "statements_gold": len({l["statement"] for l in result.labels}),
    }
    if st is None:
        out["note"] = NO_STATEMENT_NOTE
    return out


def _gold_statement_pairs(result: Result) -> int:
    gold = [l["statement"] for l, _ in result.pairs]
    return sum(a == b for a, b in itertools.combinations(gold, 2))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# -- running onrecord -------------------------------------------------------------------------------


def _onrecord(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "onrecord", *args], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"onrecord {args[0]} failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
    return proc.stdout


def read_quotes(db: Path) -> list[dict[str, Any]]:
    data = json.loads(_onrecord("quotes", "--db", str(db), "--json", "--limit", "100000"))
    if isinstance(data, dict):  # tolerate a paged shape {"quotes"/"items": [...]}
        data = data.get("quotes", data.get("items", []))
    if not isinstance(data, list):
        raise SystemExit(f"unexpected `onrecord quotes --json` output: {type(data).__name__}")
    return data


# -- report -----------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _describe(label: dict[str, str], quote: dict[str, Any], key: str) -> str:
    speaker = quote.get("speaker") or {}
    predicted = quote.get("statement_id") if key == "statement" else speaker.get("id")
    return (f"{label['file']}: \"{label['contains']}\" [{label[key]}; gold speaker {label['speaker']}] "
            f"-> {key} {predicted} (speaker {speaker.get('name')!s}, quote {quote.get('id')})")


def _error_lines(result: Result, score: PairScore, key: str) -> list[str]:
    pairs = result.pairs
    lines = [f"{key}: false merges ({len(score.false_merges)})"]
    for i, j in score.false_merges:
        lines += [f"  - {_describe(*pairs[i], key)}", f"    {_describe(*pairs[j], key)}"]
    lines.append(f"{key}: misses ({len(score.misses)})")
    for i, j in score.misses:
        lines += [f"  - {_describe(*pairs[i], key)}", f"    {_describe(*pairs[j], key)}"]
    return lines


def report(result: Result, errors: bool) -> str:
    s = summary(result)
    lines = [
        f"{s['labels']} labels ({s['statements_gold']} statements), {s['matched']} matched to an extracted quote, "
        f"{s['not_extracted']} not extracted",
        f"{'':12s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'gold pairs':>10s} {'predicted':>9s}",
    ]
    st, sp = result.statements, result.speakers
    if st is None:
        lines.append(f"{'statements':12s} {'n/a':>9s} {'n/a':>7s} {'n/a':>6s} {s['pairs_gold']:10d} {'n/a':>9s}")
    else:
        lines.append(f"{'statements':12s} {_fmt(st.precision):>9s} {_fmt(st.recall):>7s} {_fmt(st.f1):>6s} "
                     f"{st.gold_pairs:10d} {st.predicted_pairs:9d}")
    lines.append(f"{'speakers':12s} {_fmt(sp.precision):>9s} {_fmt(sp.recall):>7s} {_fmt(sp.f1):>6s} "
                 f"{sp.gold_pairs:10d} {sp.predicted_pairs:9d}")
    if st is None:
        lines.append(f"note: {NO_STATEMENT_NOTE}")
    if result.not_extracted:
        lines.append(f"not extracted ({len(result.not_extracted)}):")
        lines += [f"  - {l['file']}: \"{l['contains']}\" ({l['speaker']}, {l['statement']})" for l in result.not_extracted]
    shared = result.shared_quotes
    if shared:
        lines.append(f"quotes matched by several labels ({len(shared)}; each such pair is predicted-same):")
        for qid, group in shared:
            lines.append(f"  - quote {qid}: " + " | ".join(f"\"{l['contains']}\" ({l['statement']})" for l in group))
    if errors:
        if st is not None:
            lines += _error_lines(result, st, "statement")
        lines += _error_lines(result, sp, "speaker")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="the article folder to ingest")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="the labels (JSONL)")
    parser.add_argument("--db", type=Path, help="score this existing store instead of ingesting into a temporary one")
    parser.add_argument("--rules-only", action="store_true", help="ingest with `--rules-only` (no learned tagger)")
    parser.add_argument("--json", action="store_true", help="print one JSON line of figures instead of the report")
    parser.add_argument("--errors", action="store_true", help="also list false merges and misses, pair by pair")
    args = parser.parse_args(argv)
    labels = load_labels(args.labels.read_text(encoding="utf-8").splitlines())
    if args.db is not None:
        quotes = read_quotes(args.db)
    else:
        with tempfile.TemporaryDirectory(prefix="statement-clusters-") as tmp:
            db = Path(tmp) / "store.db"
            _onrecord("ingest", "--db", str(db), *(["--rules-only"] if args.rules_only else []), str(args.articles))
            quotes = read_quotes(db)
    result = score_labels(labels, quotes)
    if args.json:
        print(json.dumps(summary(result), ensure_ascii=False))
        if args.errors:
            print(report(result, errors=True), file=sys.stderr)
    else:
        print(report(result, args.errors))


if __name__ == "__main__":
    main()
