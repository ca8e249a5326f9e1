"""Score onrecord's numeric claims on the labelled figures of benchmarks/claims/.

The articles of benchmarks/statements/articles/ and benchmarks/stories/articles/ (invented news, written for
these sets) are ingested into a temporary store as `onrecord ingest` does (statements, default threshold),
and every stored claim is read back with `onrecord claims --json`. Each label (benchmarks/claims/labels-*.jsonl,
the guide is README.md there) is located in its article by its `contains` and `figure` strings; a claim and a
label are paired, one to one, when their spans overlap (most overlap first). Then, for each of

  value    the claim's value equals the label's (to 1e-6 relative), and so does the total
  counts   the claim's `counts` holds the label's `head` word (any case; a label without one wants none)
  speaker  the claim's speaker (the quote's linked speaker) is the label's: the same name, the same person
           (names.same_person), or one transliteration of it (folded names at least 0.85 alike); unnamed
           matches unnamed

precision = claims right / claims shown, recall = labels found right / labels. A claim that pairs with no
label (a date, an age, a figure in the writer's narration) counts against precision in all three; a label in
a statement onrecord did not keep counts against recall in all three.

    python benchmarks/claims.py            # the figures
    python benchmarks/claims.py --errors   # and every miss and wrong claim
    python benchmarks/claims.py --json     # one JSON line
    python benchmarks/claims.py --heldout  # the held-out set, written after the rules were fixed
    PYTHONPATH=DIR python benchmarks/claims.py --quantulum3   # value reading against quantulum3 (installed in DIR)
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "benchmarks" / "claims"
FOLDERS = (ROOT / "benchmarks" / "statements" / "articles", ROOT / "benchmarks" / "stories" / "articles")
HELDOUT_LABELS = LABELS / "heldout"
HELDOUT_FOLDERS = (ROOT / "benchmarks" / "stories" / "heldout" / "articles",)
"""A second set written after the figure rules were fixed, never used to change them."""
LABEL_KEYS = ("file", "contains", "figure", "value", "unit", "counts", "head", "total", "speaker")
ALIKE = 0.85
"""Two folded names at least this alike (difflib ratio) are one name in two transliterations (Calder, Kalder)."""

sys.path.insert(0, str(ROOT))
from onrecord.names import fold, same_person  # noqa: E402


@dataclass
class Gold:
    label: dict[str, Any]
    start: int
    end: int


def read_labels(folder: Path, articles: dict[str, str]) -> list[Gold]:
    """Every label, located: ValueError naming the line when its file, `contains` or `figure` cannot be found once."""
    found = []
    for path in sorted(folder.glob("labels-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            label = json.loads(line)
            where = f"{path.name} line {number}"
            missing = [key for key in LABEL_KEYS if key not in label]
            if missing:
                raise ValueError(f"{where}: missing {', '.join(missing)}")
            text = articles.get(label["file"])
            if text is None:
                raise ValueError(f"{where}: no article {label['file']}")
            if text.count(label["contains"]) != 1 or label["contains"].count(label["figure"]) != 1:
                raise ValueError(f"{where}: `contains` must occur once in the article and `figure` once in it")
            start = text.index(label["contains"]) + label["contains"].index(label["figure"])
            found.append(Gold(label, start, start + len(label["figure"])))
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: Sequence[Gold], claims: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Label index -> claim index, one to one, for spans that overlap in the same file (most overlap first)."""
    options = []
    for i, g in enumerate(gold):
        for j, claim in enumerate(claims):
            if claim["file"] == g.label["file"]:
                shared = _overlap((g.start, g.end), tuple(claim["span"]))
                if shared:
                    options.append((-shared, i, j))
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(options):
        if i not in paired and j not in used:
            paired[i] = j
            used.add(j)
    return paired


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def same_speaker(gold: str | None, shown: str | None) -> bool:
    if gold is None or shown is None:
        return gold is shown
    a, b = fold(gold), fold(shown)
    if a == b or same_person(gold, shown) or a in b or b in a:
        return True
    return len(a.split()) == len(b.split()) and difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE


def right(label: dict[str, Any], claim: dict[str, Any], aspect: str) -> bool:
    if aspect == "value":
        return _close(label["value"], claim["value"]) and _close(label["total"], claim["total"])
    if aspect == "counts":
        head = label["head"]
        return claim["counts"] is None if head is None else claim["counts"] is not None and fold(head) in fold(claim["counts"])
    return same_speaker(label["speaker"], claim["speaker"]["name"])


ASPECTS = ("value", "counts", "speaker")


def score(gold: Sequence[Gold], claims: Sequence[dict[str, Any]]) -> dict[str, Any]:
    paired = pair(gold, claims)
    figures: dict[str, Any] = {"labels": len(gold), "claims": len(claims), "paired": len(paired)}
    for aspect in ASPECTS:
        hits = sum(right(gold[i].label, claims[j], aspect) for i, j in paired.items())
        figures[f"{aspect}_precision"] = round(hits / len(claims), 4) if claims else None
        figures[f"{aspect}_recall"] = round(hits / len(gold), 4) if gold else None
    return figures


def errors(gold: Sequence[Gold], claims: Sequence[dict[str, Any]]) -> list[str]:
    paired = pair(gold, claims)
    lines = []
    for i, g in enumerate(gold):
        label = g.label
        if i not in paired:
            lines.append(f"{label['file']} missed: {label['figure']!r} ({label['counts']}; {label['speaker']})")
            continue
        claim = claims[paired[i]]
        wrong = [aspect for aspect in ASPECTS if not right(label, claim, aspect)]
        if wrong:
            lines.append(
                f"{label['file']} wrong {'/'.join(wrong)}: {claim['text']!r} shown {claim['value']:g} {claim['unit']} "
                f"of {claim['total']} | {claim['counts']} | {claim['speaker']['name']}; labelled {label['value']:g} "
                f"{label['unit']} of {label['total']} | {label['counts']} ({label['head']}) | {label['speaker']}"
            )
    shown = set(paired.values())
    lines += [
        f"{c['file']} not a labelled figure: {c['text']!r} ({c['counts']}; {c['speaker']['name']})"
        for j, c in enumerate(claims)
        if j not in shown
    ]
    return lines


def snippet_values(gold: Sequence[Gold]) -> dict[str, Any]:
    """Value reading alone, onrecord's figure reader against quantulum3, on each label's `contains` snippet:
    how many labelled figures each reads with the right value, and how many other numbers it finds there."""
    import warnings

    from quantulum3 import parser as quantulum  # not a dependency: pip install quantulum3==0.10.0

    from onrecord.attribute.figures import claims_in
    from onrecord.nlp import get_nlp

    nlp = get_nlp()
    found = {"labels": len(gold), "quantulum3_right": 0, "quantulum3_other": 0, "onrecord_right": 0, "onrecord_other": 0}
    for g in gold:
        snippet, value = g.label["contains"], g.label["value"]
        start = snippet.index(g.label["figure"])
        end = start + len(g.label["figure"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read = [(q.span, q.value) for q in quantulum.parse(snippet)]
        doc = nlp(snippet)
        ours = [((c.span.start, c.span.end), c.value) for c in claims_in(list(doc), {id(doc): 0})]
        for name, spans in (("quantulum3", read), ("onrecord", ours)):
            hits = [v for (a, b), v in spans if a < end and start < b]
            found[f"{name}_right"] += bool(hits) and _close(hits[0], value)
            found[f"{name}_other"] += len(spans) - min(1, len(hits))
    return found


def _onrecord(*args: str) -> str:
    command = [sys.executable, "-m", "onrecord", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def stored_claims(db: Path) -> list[dict[str, Any]]:
    claims = json.loads(_onrecord("claims", "--db", str(db), "--json", "--limit", "100000"))
    for claim in claims:
        claim["file"] = Path(claim["article"]["source_path"]).name
    return claims


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="also list every miss and wrong claim")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures")
    parser.add_argument(
        "--quantulum3", action="store_true", help="only compare value reading with quantulum3 on the label snippets"
    )
    parser.add_argument("--heldout", action="store_true", help="score the held-out set (benchmarks/claims/heldout)")
    args = parser.parse_args(argv)
    folders, labels = (HELDOUT_FOLDERS, HELDOUT_LABELS) if args.heldout else (FOLDERS, LABELS)
    articles = {p.name: p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))}
    gold = read_labels(labels, articles)
    if args.quantulum3:
        print(json.dumps(snippet_values(gold)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "claims.db"
        _onrecord("ingest", "--db", str(db), *(str(f) for f in folders))
        claims = stored_claims(db)
    figures = score(gold, claims)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:20} {value}")
    if args.errors:
        print("\n".join(errors(gold, claims)))


if __name__ == "__main__":
    main()
