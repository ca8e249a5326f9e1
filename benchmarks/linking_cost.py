"""What linking costs per article: ingest with and without the cross-article linker, side by side.

Two measurements, each run against its baseline in the same process, in alternating order:

1. On the 200,000-quote synthetic store of benchmarks/api_load.py (built once and cached), linked once
   by a rebuild whose matcher says "different" to every pair (speakers, families and one statement
   per quote: the store a year of ingest leaves, without hours of model time on made-up words; timed):
   new synthetic articles are stored into two copies of it, one with the real linker and one
   without, alternately; the difference is the linking cost per article.
2. Ingest as a user runs it, on real text (`--real PATH...`; default the articles of benchmarks/statements/): read, cleaned and
   attributed once, then stored with and without linking; the ratio to the pipeline's own time is
   how much slower ingest gets.

    .venv/bin/python benchmarks/linking_cost.py                 # both, quiet machine
    .venv/bin/python benchmarks/linking_cost.py --busy --json   # with one core kept busy

Results vary 10-30% on a shared machine; the busy-core run shows what a user with a loaded machine sees.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from busy_core import busy_core  # noqa: E402
from synth_store import Synth, SynthConfig, default_db_path, ensure_store  # noqa: E402
from onrecord.link.linker import Linker  # noqa: E402
from onrecord.model import Article  # noqa: E402
from onrecord.pipeline import process_paths  # noqa: E402
from onrecord.store import Store  # noqa: E402
from onrecord.store.db import rebuild_links  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "statements" / "articles"


class NoLinker:
    """Stores articles without linking them: the baseline."""

    judge = None

    def link_article(self, conn: object, article_id: int) -> None:
        return None


def store_copy(source: Path, folder: Path, name: str, linker: object) -> Store:
    target = folder / name
    shutil.copy(source, target)
    store = Store.open(target)
    store.linker = linker  # type: ignore[assignment]
    return store


def timed_adds(stores: dict[str, Store], articles: list[Article]) -> dict[str, list[float]]:
    """Seconds to store each article in each store, alternating which store goes first."""
    times: dict[str, list[float]] = {name: [] for name in stores}
    names = list(stores)
    for i, article in enumerate(articles):
        for name in names[i % 2 :] + names[: i % 2]:
            start = time.perf_counter()
            stores[name].add_article(article)
            times[name].append(time.perf_counter() - start)
    return times


def synthetic(args: argparse.Namespace, folder: Path) -> dict[str, object]:
    """Per-article linking cost on the big synthetic store."""
    config = SynthConfig(args.quotes, args.speakers, args.seed)
    db = default_db_path(config)
    built = ensure_store(db, config)
    linked = folder / "linked.db"
    shutil.copy(db, linked)
    with Store.open(linked) as store:
        store.linker = Linker(judge=lambda pairs: [False] * len(pairs))
        start = time.perf_counter()
        rebuild_links(store)
        rebuild_s = time.perf_counter() - start
    synth = Synth(config)
    fresh = [synth.article(10_000_000 + i, 10) for i in range(args.articles)]
    stores = {"store only": store_copy(linked, folder, "plain.db", NoLinker()), "store + link": store_copy(linked, folder, "link.db", Linker())}
    stores["store + link"].add_article(synth.article(9_999_999, 10))  # models loaded before timing
    try:
        times = timed_adds(stores, fresh)
    finally:
        for store in stores.values():
            store.close()
    plain, link = statistics.median(times["store only"]), statistics.median(times["store + link"])
    return {
        "store_quotes": args.quotes,
        "store_built_now": built["built_now"],
        "rebuild_without_model_s": round(rebuild_s, 1),
        "articles": args.articles,
        "store_only_ms": round(plain * 1000, 1),
        "store_and_link_ms": round(link * 1000, 1),
        "link_ms_per_article": round((link - plain) * 1000, 1),
    }


def real_ingest(folder: Path, rounds: int, paths: list[str]) -> dict[str, object]:
    """Ingest of real articles: pipeline time (models already loaded), and storing with and without linking."""
    list(process_paths(paths[:1]))  # load the models outside the timed pipeline run
    start = time.perf_counter()
    articles = [a for a in process_paths(paths) if isinstance(a, Article)]
    pipeline_s = time.perf_counter() - start
    Linker().link_article  # noqa: B018 - the classes import; models load on first use below
    warm = Store.open(folder / "warm.db")
    for article in articles[:3]:
        warm.add_article(article)
    warm.close()
    runs: dict[str, list[float]] = {"store only": [], "store + link": []}
    for turn in range(rounds):
        order = list(runs) if turn % 2 == 0 else list(reversed(runs))
        for name in order:
            store = Store.open(folder / f"{name.replace(' ', '')}-{turn}.db")
            store.linker = Linker() if name == "store + link" else NoLinker()  # type: ignore[assignment]
            start = time.perf_counter()
            for article in articles:
                store.add_article(article)
            runs[name].append(time.perf_counter() - start)
            store.close()
    plain, link = statistics.median(runs["store only"]), statistics.median(runs["store + link"])
    return {
        "articles": len(articles),
        "quotes": sum(len(a.quotes) for a in articles),
        "pipeline_s": round(pipeline_s, 2),
        "store_only_s": round(plain, 2),
        "store_and_link_s": round(link, 2),
        "ingest_slowdown": round((pipeline_s + link) / (pipeline_s + plain) - 1, 3),
        "rounds": {k: [round(v, 2) for v in vs] for k, vs in runs.items()},
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quotes", type=int, default=200_000, help="synthetic store size in quotes (default 200000)")
    parser.add_argument("--speakers", type=int, default=3000, help="synthetic speaker roster (default 3000)")
    parser.add_argument("--seed", type=int, default=1, help="synthesis seed (default 1)")
    parser.add_argument("--articles", type=int, default=60, help="new synthetic articles to time (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the real-text ingest (default 3)")
    parser.add_argument(
        "--real",
        nargs="+",
        default=[str(ARTICLES)],
        metavar="PATH",
        help="files or folders for the real-text ingest (default: the labelled story set, benchmarks/statements/articles)",
    )
    parser.add_argument("--skip-synthetic", action="store_true", help="only the real-text ingest")
    parser.add_argument("--skip-real", action="store_true", help="only the synthetic store")
    parser.add_argument("--busy", action="store_true", help="keep one other core busy while measuring")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, busy_core(args.busy):
        folder = Path(tmp)
        result: dict[str, object] = {"busy_core": args.busy, "load_before": os.getloadavg()[0]}
        if not args.skip_real:
            result["real_ingest"] = real_ingest(folder, args.rounds, args.real)
        if not args.skip_synthetic:
            result["synthetic_store"] = synthetic(args, folder)
    if args.json:
        print(json.dumps(result))
        return
    real = result.get("real_ingest")
    if real:
        print(f"real text ({real['articles']} articles, {real['quotes']} quotes): pipeline {real['pipeline_s']} s, "  # type: ignore[index]
              f"storing {real['store_only_s']} s, storing + linking {real['store_and_link_s']} s: "  # type: ignore[index]
              f"ingest {100 * real['ingest_slowdown']:+.1f}%")  # type: ignore[index]
    if "synthetic_store" in result:
        synth = result["synthetic_store"]
        print(f"synthetic store ({synth['store_quotes']:,} quotes, rebuilt in {synth['rebuild_without_model_s']} s): "  # type: ignore[index]
              f"{synth['store_only_ms']} ms to store an article, {synth['store_and_link_ms']} ms with linking, "  # type: ignore[index]
              f"linking {synth['link_ms_per_article']} ms per article")  # type: ignore[index]


if __name__ == "__main__":
    main()
