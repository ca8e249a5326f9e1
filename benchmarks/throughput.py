"""Throughput: onrecord's extract against spaCy + textacy direct quotations, over the PolNeAR dev texts.

Three sides: onrecord as shipped (learned tagger + rules), onrecord with the rules alone (the
`--rules-only` configuration), and the baseline.

Each side runs in a child process of its own (this script with the hidden `--side`), one after the
other, so that its load time and peak memory are its own and the sides do not compete for cores.
This machine's speed drifts by a tenth or more from one minute to the next, so the three sides run
in several rounds, each round in a rotated order, and each side is reported by its median round.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "polnear"
BASELINE_BATCH_SIZE = 8
"""Documents per nlp.pipe batch in the baseline: onrecord's too (each worker parses a chunk of 8 articles' paragraphs in one batch)."""
ONRECORD_PATH = "onrecord.pipeline.extract(documents, n_process) over Documents read beforehand with onrecord.read.read_file (each worker cleans, parses and attributes whole articles)"
BASELINE_PATH = (
    f"spaCy nlp.pipe(texts, batch_size={BASELINE_BATCH_SIZE}) + "
    "textacy.extract.triples.direct_quotations per doc, over the text of the same Documents"
)
TIMINGS_NOTE = (
    "load: imports, model load and one warm-up document; read: reading the texts; run: the timed region. "
    "found: quotes (onrecord) or direct-quotation triples (baseline); "
    "errors: documents that raised (still counted as processed)."
)
MEMORY_NOTE = (
    "peak RSS by resource.getrusage ru_maxrss: main is RUSAGE_SELF of the side's process; worker is "
    "RUSAGE_CHILDREN, the largest single worker process (a maximum, not a sum)."
)


class BenchError(Exception):
    """A missing input or dependency, or a side that failed; reported as one line."""


class Side(Protocol):
    """One contestant: loaded once, given its inputs, then timed over the documents."""

    def load(self) -> str:
        """Import and load models; return a description of the versions used."""

    def read(self, paths: list[Path]) -> list[Any]:
        """The inputs of the texts at `paths`."""

    def run(self, inputs: list[Any], n_process: int) -> tuple[int, int]:
        """Process the inputs; return the attributions found and the documents that failed."""


class Onrecord:
    """onrecord's real path: clean and attribute Documents through onrecord.pipeline.extract."""

    def __init__(self, learned: bool = True) -> None:
        self.learned = learned

    def load(self) -> str:
        """Import the pipeline and load its spaCy model."""
        import spacy

        from onrecord import pipeline
        from onrecord.attribute.tagger import get_tagger
        from onrecord.nlp import MODEL_NAME, get_nlp

        self.extract = pipeline.extract
        tagger = "learned tagger + rules" if self.learned and get_tagger() else "rules only (--rules-only)"
        return f"spaCy {spacy.__version__}, {MODEL_NAME} {get_nlp().meta['version']}, {tagger}"

    def read(self, paths: list[Path]) -> list[Any]:
        """Documents, read with onrecord.read.read_file."""
        return read_documents(paths)

    def run(self, inputs: list[Any], n_process: int) -> tuple[int, int]:
        """Quotes found and ReadErrors yielded by extract."""
        from onrecord.errors import ReadError

        results = list(self.extract(inputs, n_process=n_process, learned=self.learned))
        errors = sum(isinstance(r, ReadError) for r in results)
        return sum(len(r.quotes) for r in results if not isinstance(r, ReadError)), errors


class Baseline:
    """spaCy en_core_web_sm (onrecord's copy of it) + textacy.extract.triples.direct_quotations."""

    def load(self) -> str:
        """Import textacy and load the same spaCy model as onrecord, separately."""
        import spacy
        import textacy
        from textacy.extract.triples import direct_quotations

        from onrecord.nlp import MODEL_NAME

        self.nlp = spacy.load(MODEL_NAME)
        self.quotations = direct_quotations
        meta = self.nlp.meta["version"]
        return f"spaCy {spacy.__version__}, {MODEL_NAME} {meta}, textacy {textacy.__version__}"

    def read(self, paths: list[Path]) -> list[Any]:
        """The text of the same Documents onrecord reads."""
        return [doc.text for doc in read_documents(paths)]

    def run(self, inputs: list[Any], n_process: int) -> tuple[int, int]:
        """Triples found, and documents on which textacy raised (unbalanced quotation marks)."""
        found = errors = 0
        for doc in self.nlp.pipe(inputs, batch_size=BASELINE_BATCH_SIZE, n_process=n_process):
            try:
                found += sum(1 for _ in self.quotations(doc))
            except Exception:  # noqa: BLE001 - counted and reported, as the baseline's failures
                errors += 1
        return found, errors


SIDES: dict[str, Callable[[], Side]] = {
    "onrecord": Onrecord,
    "rules": lambda: Onrecord(learned=False),
    "baseline": Baseline,
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=(
            "Time onrecord's extract over the PolNeAR dev texts, cycled to --docs documents, with and without "
            "its learned tagger (--rules-only), and the baseline "
            "spaCy en_core_web_sm + textacy direct_quotations over the same documents. Prints docs/s for each, "
            "their ratios to the baseline, load times and peak memory (ru_maxrss). Needs textacy: "
            "pip install -c constraints.txt -e '.[bench]'."
        )
    )
    parser.add_argument("--docs", type=int, default=250, metavar="N", help="documents per side (default 250)")
    parser.add_argument(
        "--n-process",
        type=int,
        default=2,
        metavar="K",
        help="spaCy worker processes, the same for both sides (default 2; 1 parses in the main process)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        metavar="R",
        help="times each side runs, in a rotated order each round; each side's median round is reported (default 3)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument(
        "--polnear",
        type=Path,
        default=DEFAULT_POLNEAR,
        metavar="DIR",
        help="PolNeAR directory holding dev/text/*.txt (default ../shared/polnear from the repository root)",
    )
    parser.add_argument("--side", choices=sorted(SIDES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.docs < 1 or args.n_process < 1 or args.rounds < 1:
        parser.error("--docs, --n-process and --rounds must be at least 1")
    return args


def text_paths(polnear: Path) -> list[Path]:
    """The PolNeAR dev texts, sorted; raise BenchError when there are none."""
    paths = sorted((polnear / "dev" / "text").glob("*.txt"))
    if not paths:
        raise BenchError(f"no PolNeAR dev texts in {polnear / 'dev' / 'text'} (pass --polnear DIR)")
    return paths


def check_textacy() -> None:
    """Raise BenchError when textacy, which only the baseline needs, is not installed."""
    if importlib.util.find_spec("textacy") is None:
        raise BenchError("textacy is not installed: .venv/bin/pip install -c constraints.txt -e '.[bench]'")


def read_documents(paths: list[Path]) -> list[Any]:
    """The onrecord Documents of the files at `paths`."""
    from onrecord.read import read_file

    return [doc for path in paths for doc in read_file(path)]


def cycled(items: list[T], n: int) -> list[T]:
    """The items repeated in order to exactly n."""
    return list(itertools.islice(itertools.cycle(items), n))


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """fn's result and the wall-clock seconds it took."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_rss_mib() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MiB."""
    for proc in multiprocessing.active_children():
        proc.join()
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_main_mib": round(main, 1), "peak_rss_worker_mib": round(worker, 1)}


def run_side(name: str, paths: list[Path], n_docs: int, n_process: int) -> dict[str, Any]:
    """Load, read and warm up one side, then time it over n_docs documents."""
    side = SIDES[name]()
    versions, load_s = timed(side.load)
    inputs, read_s = timed(lambda: side.read(paths))
    _, warm_s = timed(lambda: side.run(inputs[:1], 1))
    documents = cycled(inputs, n_docs)
    (found, errors), run_s = timed(lambda: side.run(documents, n_process))
    return {
        "side": name,
        "versions": versions,
        "texts": len(inputs),
        "docs": n_docs,
        "load_s": round(load_s + warm_s, 2),
        "read_s": round(read_s, 2),
        "run_s": round(run_s, 2),
        "docs_per_s": round(n_docs / run_s, 2),
        "found": found,
        "errors": errors,
        **peak_rss_mib(),
    }


def measure(name: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one side in a fresh child process and return its result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--side", name, "--docs", str(args.docs)]
    command += ["--n-process", str(args.n_process), "--polnear", str(args.polnear)]
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise BenchError(f"the {name} side failed (exit status {proc.returncode}); its error is above")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


ORDER = ("onrecord", "rules", "baseline")


def measure_rounds(args: argparse.Namespace) -> list[dict[str, dict[str, Any]]]:
    """Each round's result per side; round k starts at side k of ORDER, so no side always goes first."""
    rounds = []
    for k in range(args.rounds):
        order = ORDER[k % len(ORDER) :] + ORDER[: k % len(ORDER)]
        rounds.append({name: measure(name, args) for name in order})
    return rounds


def median_round(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The result whose run time is the median (the lower middle one of an even count)."""
    ranked = sorted(results, key=lambda r: r["run_s"])
    return ranked[(len(ranked) - 1) // 2]


def _ratios(rounds: list[dict[str, dict[str, Any]]], side: str) -> list[float]:
    """Each round's docs/s of `side` over the baseline's in the same round."""
    return [round(r[side]["docs_per_s"] / r["baseline"]["docs_per_s"], 2) for r in rounds]


def summary(args: argparse.Namespace, rounds: list[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """The sides' median results, with the ratios and what was measured how."""
    onrecord, rules, baseline = (median_round([r[name] for r in rounds]) for name in ORDER)
    return {
        "docs": args.docs,
        "texts": onrecord["texts"],
        "n_process": args.n_process,
        "cpus": os.cpu_count(),
        "rounds": len(rounds),
        "run_s_per_round": {name: [r[name]["run_s"] for r in rounds] for name in ORDER},
        "ratio_onrecord_over_baseline": round(onrecord["docs_per_s"] / baseline["docs_per_s"], 2),
        "ratio_rules_over_baseline": round(rules["docs_per_s"] / baseline["docs_per_s"], 2),
        "ratio_onrecord_over_baseline_per_round": _ratios(rounds, "onrecord"),
        "ratio_rules_over_baseline_per_round": _ratios(rounds, "rules"),
        "onrecord_path": ONRECORD_PATH,
        "baseline_path": BASELINE_PATH,
        "memory": MEMORY_NOTE,
        "onrecord": onrecord,
        "rules": rules,
        "baseline": baseline,
    }


def row(result: dict[str, Any]) -> str:
    """One side's line of the table."""
    memory = f"{result['peak_rss_main_mib']:.0f} / {result['peak_rss_worker_mib']:.0f}"
    return (
        f"{result['side']:<9}{result['load_s']:>7.2f}{result['read_s']:>8.2f}{result['run_s']:>8.2f}"
        f"{result['docs_per_s']:>8.2f}{result['found']:>7}{result['errors']:>8}   {memory}"
    )


def render(result: dict[str, Any]) -> str:
    """The human-readable report."""
    onrecord, rules, baseline = result["onrecord"], result["rules"], result["baseline"]
    return "\n".join(
        [
            f"PolNeAR dev: {result['texts']} texts cycled to {result['docs']} documents; "
            f"n_process={result['n_process']} for both sides; {result['cpus']} CPUs; "
            f"{result['rounds']} rounds, each side's median round shown",
            f"onrecord: {ONRECORD_PATH} ({onrecord['versions']})",
            f"rules: the same with learned=False ({rules['versions']})",
            f"baseline: {BASELINE_PATH} ({baseline['versions']})",
            "",
            "side      load s  read s   run s  docs/s  found  errors   peak RSS MiB main / worker",
            row(onrecord),
            row(rules),
            row(baseline),
            "",
            "run s per round: "
            + "; ".join(f"{name} {', '.join(map(str, times))}" for name, times in result["run_s_per_round"].items()),
            "",
            f"ratio (onrecord / baseline docs/s): {result['ratio_onrecord_over_baseline']:.2f}"
            f" (per round: {', '.join(map(str, result['ratio_onrecord_over_baseline_per_round']))})",
            f"ratio (rules / baseline docs/s): {result['ratio_rules_over_baseline']:.2f}"
            f" (per round: {', '.join(map(str, result['ratio_rules_over_baseline_per_round']))})",
            TIMINGS_NOTE,
            MEMORY_NOTE,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the sides one after the other, round after round, and print the comparison."""
    args = parse_args(argv)
    try:
        paths = text_paths(args.polnear)
        if args.side:
            print(json.dumps(run_side(args.side, paths, args.docs, args.n_process)))
            return 0
        check_textacy()
        result = summary(args, measure_rounds(args))
    except BenchError as exc:
        print(f"throughput.py: error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
