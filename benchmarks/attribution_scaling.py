"""Attribution time against article length (issue 13): is one long article as cheap per character as a short one?

Builds one article per size (50 KB to 2 MB by default) by joining the texts of a directory
(examples/corpus/*.txt unless --texts says otherwise) with blank lines, over and over, cut at a
line end; then times onrecord.pipeline.extract on it as one Document (cleaning, parsing and
attribution are timed), with the learned tagger and, with --rules-only, the rules alone too.
Prints seconds, seconds per 100 KB and the ratio of the 1 MB article's time to the 100 KB one's
(10 is linear; before the fix of issue 13 it was 14 to 18 on this machine, over 25 in the issue).
With --many-names the article is instead a generated one that names a new person every three
paragraphs and then refers to them by role ("the official", "the ministry", "the deputy minister",
"He"): thousands of names, the hostile case for a resolver that looks back over earlier speakers.

Sizes run smallest first in this one process, after a warm-up article loads the models; BLAS is
held to one thread so that a busy machine's cores do not change the shape of the curve.

    .venv/bin/python benchmarks/attribution_scaling.py                 # the default sizes, learned tagger
    .venv/bin/python benchmarks/attribution_scaling.py --rules-only    # and the rules alone
    .venv/bin/python benchmarks/attribution_scaling.py --sizes 50,100,200 --json
    .venv/bin/python benchmarks/attribution_scaling.py --many-names --sizes 50,100,200,400 --rules-only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT / "examples" / "corpus"
DEFAULT_SIZES = (50, 100, 200, 500, 1000, 2000)
KB = 1000
"""Characters per KB of article: the texts are (nearly) ASCII, so this is also bytes."""
SEPARATOR = "\n\n"
RATIO_SIZES = (1000, 100)
"""The sizes (KB) of the headline ratio: the 1 MB article's time over the 100 KB one's."""


class BenchError(Exception):
    """A missing input or a failed run; reported as one line."""


def parse_sizes(value: str) -> list[int]:
    """'50,100,1000' -> [50, 100, 1000], sorted; each a positive number of KB."""
    try:
        sizes = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of KB: {value!r}") from exc
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers of KB")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=(
            "Time onrecord's extract on single articles of growing length (default 50 KB to 2 MB), built from "
            "the texts of a directory, and print seconds, seconds per 100 KB and the 1 MB / 100 KB ratio "
            "(10 when time grows linearly with length)."
        )
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        metavar="KB,...",
        help="article sizes in KB (1 KB = 1000 characters; default " + ",".join(map(str, DEFAULT_SIZES)) + ")",
    )
    parser.add_argument("--rules-only", action="store_true", help="also time each size with the rules alone")
    parser.add_argument(
        "--texts",
        type=Path,
        default=DEFAULT_TEXTS,
        metavar="DIR",
        help="directory of .txt articles to build from, read at run time (default examples/corpus)",
    )
    parser.add_argument(
        "--many-names",
        action="store_true",
        help="time generated articles that name a new person every three paragraphs instead (ignores --texts)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    return parser.parse_args(argv)


def read_texts(directory: Path) -> list[str]:
    """The .txt files of `directory`, sorted by name; raise BenchError when there are none."""
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise BenchError(f"no .txt files in {directory} (pass --texts DIR)")
    return [p.read_text(encoding="utf-8", errors="replace").strip() for p in paths]


def build_article(texts: list[str], chars: int) -> str:
    """The texts joined by blank lines, repeated as needed, cut at the last line end within `chars` characters."""
    unit = SEPARATOR.join(texts) + SEPARATOR
    whole = unit * (chars // len(unit) + 1)
    cut = whole.rfind("\n", 0, chars + 1)
    return whole[: cut if cut > 0 else chars]


def time_article(text: str, learned: bool) -> dict[str, Any]:
    """Seconds onrecord.pipeline.extract takes over one article, and what it found."""
    from onrecord.errors import ReadError
    from onrecord.model import Document, content_sha256
    from onrecord.pipeline import extract

    doc = Document(id="bench", text=text, source_path="bench.txt", sha256=content_sha256(text))
    start = time.perf_counter()
    (result,) = list(extract([doc], learned=learned))
    seconds = time.perf_counter() - start
    if isinstance(result, ReadError):
        raise BenchError(f"the {len(text)}-character article failed: {result}")
    return {"seconds": round(seconds, 2), "paragraphs": len(result.body_spans), "quotes": len(result.quotes)}


def invented_name(i: int) -> tuple[str, str]:
    """A first name and a surname of random letters, the same for the same `i`."""
    rng = random.Random(i)
    first = "".join(rng.choice(string.ascii_lowercase) for _ in range(6)).capitalize()
    last = "".join(rng.choice(string.ascii_lowercase) for _ in range(8)).capitalize()
    return first, last


def many_names_paragraphs(i: int) -> list[str]:
    """Three paragraphs: person `i` named with a role, then referred to by role nouns and a pronoun."""
    first, last = invented_name(i)
    return [
        f"Deputy Minister {first} {last} of the {last} Ministry said the budget was fine.",
        '"We will not move," the official said. The ministry said it would wait. '
        "The spokesman told reporters the plan held.",
        "He added that the talks, which the deputy minister described as useful, would go on.",
    ]


def build_many_names_article(chars: int) -> str:
    """Paragraphs naming one new person every three, up to `chars` characters, ending at a paragraph's end."""
    parts: list[str] = []
    length = 0
    i = 0
    while True:
        block = SEPARATOR.join(many_names_paragraphs(i)) + SEPARATOR
        if length + len(block) > chars and parts:
            return "".join(parts).rstrip("\n")
        parts.append(block)
        length += len(block)
        i += 1


def warm_up(texts: list[str], modes: list[str]) -> None:
    """Load the spaCy model and the tagger, and run each mode once on a short article."""
    for mode in modes:
        time_article(build_article(texts, 5 * KB), learned=mode == "default")


def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """One row per mode and size."""
    from threadpoolctl import threadpool_limits

    texts = read_texts(args.texts)
    build = build_many_names_article if args.many_names else partial(build_article, texts)
    modes = ["default", "rules-only"] if args.rules_only else ["default"]
    rows = []
    with threadpool_limits(limits=1, user_api="blas"):
        warm_up(texts, modes)
        for size in args.sizes:
            article = build(size * KB)
            for mode in modes:
                found = time_article(article, learned=mode == "default")
                rows.append({"mode": mode, "kb": size, "chars": len(article), **found})
                print(f"  {mode} {size} KB: {found['seconds']} s", file=sys.stderr, flush=True)
    return rows


def per_100kb(row: dict[str, Any]) -> float:
    return round(row["seconds"] / (row["chars"] / (100 * KB)), 2)


def ratio(rows: list[dict[str, Any]], mode: str) -> float | None:
    """The 1 MB article's seconds over the 100 KB article's, for one mode; None when either was not run."""
    seconds = {r["kb"]: r["seconds"] for r in rows if r["mode"] == mode}
    big, small = RATIO_SIZES
    if big not in seconds or small not in seconds or not seconds[small]:
        return None
    return round(seconds[big] / seconds[small], 1)


def summary(args: argparse.Namespace, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The rows with seconds per 100 KB, the ratio per mode, and how they were measured."""
    modes = list(dict.fromkeys(r["mode"] for r in rows))
    return {
        "texts": "generated: a new person every three paragraphs (--many-names)" if args.many_names else str(args.texts),
        "cpus": os.cpu_count(),
        "blas_threads": 1,
        "rows": [{**r, "s_per_100kb": per_100kb(r)} for r in rows],
        "ratio_1mb_over_100kb": {mode: ratio(rows, mode) for mode in modes},
    }


def render(result: dict[str, Any]) -> str:
    """The human-readable table."""
    lines = [
        f"articles built from {result['texts']}; {result['cpus']} CPUs, BLAS {result['blas_threads']} thread; "
        "onrecord.pipeline.extract on one article (clean, parse, attribute)",
        "",
        "mode          size KB     chars  paragraphs  quotes   seconds  s / 100 KB",
    ]
    for r in result["rows"]:
        lines.append(
            f"{r['mode']:<12}{r['kb']:>9}{r['chars']:>10}{r['paragraphs']:>12}{r['quotes']:>8}"
            f"{r['seconds']:>10.2f}{r['s_per_100kb']:>12.2f}"
        )
    lines.append("")
    for mode, value in result["ratio_1mb_over_100kb"].items():
        shown = "not run (needs sizes 100 and 1000)" if value is None else f"{value} (10 is linear)"
        lines.append(f"ratio 1 MB / 100 KB seconds, {mode}: {shown}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build the articles, time them, print the table (or JSON)."""
    args = parse_args(argv)
    try:
        result = summary(args, run(args))
    except BenchError as exc:
        print(f"attribution_scaling.py: error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
