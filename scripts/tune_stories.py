"""Sweep the story grouping's constants on the labelled story set: `python scripts/tune_stories.py`.

Ingests benchmarks/statements/articles and benchmarks/stories/articles into a temporary store once, then
replays the grouping of `onrecord.link.stories` in memory (the same functions the linker calls) for each
setting of JOIN, STATEMENT_BONUS and QUIET_DAYS, over five arrival orders (file names, dates, three
seeded shuffles), and prints the mean and worst BCubed F1 of each. This is how the shipped constants
were chosen (docs/BENCHMARKS.md, "Stories"); the held-out set (benchmarks/stories/heldout) is not read.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord.link import stories as st  # noqa: E402
from onrecord.store import linking as sql  # noqa: E402
from tests.scripts import load_benchmark  # noqa: E402

bench = load_benchmark("stories")


@dataclass
class Item:
    name: str
    terms: st.Terms
    published: date | None
    statements: set[int]


def stored_items(db: Path) -> list[Item]:
    conn = sqlite3.connect(db)
    items = []
    for article_id, path in conn.execute("SELECT id, source_path FROM articles ORDER BY id"):
        title, published = sql.title_and_date(conn, article_id)
        body = sql.body_text(conn, article_id)
        found = conn.execute("SELECT statement_id FROM quotes WHERE article_id = ? AND statement_id IS NOT NULL", (article_id,))
        items.append(Item(Path(path).name, st.terms_of(title, body), st.parse_date(published), {r[0] for r in found}))
    return items


def replay(items: list[Item]) -> dict[str, int]:
    """Each item's story, grouping them in this order as the linker would."""
    terms: list[st.Terms] = []
    last: list[date | None] = []
    statements: list[set[int]] = []
    found: dict[str, int] = {}
    for item in items:
        candidates = [st.Candidate(i, terms[i], last[i], bool(item.statements & statements[i])) for i in range(len(terms))]
        story = st.best_story(item.terms, item.published, candidates)
        if story is None:
            terms.append({})
            last.append(None)
            statements.append(set())
            story = len(terms) - 1
        terms[story] = st.added(terms[story], item.terms)
        dates = [d for d in (last[story], item.published) if d]
        last[story] = max(dates) if dates else None
        statements[story] |= item.statements
        found[item.name] = story
    return found


def main() -> None:
    gold = bench.read_gold([bench.LABELS])
    files = sorted((p for folder in bench.FOLDERS for p in folder.glob("*.txt")), key=lambda p: p.name)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tune.db"
        subprocess.run([sys.executable, "-m", "onrecord", "ingest", "--db", str(db), *map(str, files)], check=True, capture_output=True)
        items = stored_items(db)
    by_name = {i.name: i for i in items}
    orders = [
        sorted(items, key=lambda i: i.name),
        sorted(items, key=lambda i: (i.published or date.min, i.name)),
        *(random.Random(seed).sample(sorted(items, key=lambda i: i.name), len(items)) for seed in bench.SEEDS),
    ]
    assert set(by_name) == set(gold)
    print("join  bonus  quiet  mean BCubed F1  worst")
    for join, bonus, quiet in itertools.product((0.2, 0.22, 0.25, 0.28, 0.3, 0.32, 0.35), (0.0, 0.15), (7, 10, 14)):
        st.JOIN, st.STATEMENT_BONUS, st.QUIET_DAYS = join, bonus, quiet
        scores = [bench.bcubed(gold, replay(order))["f1"] for order in orders]
        print(f"{join:.2f}  {bonus:.2f}  {quiet:5d}  {sum(scores) / len(scores):.3f}           {min(scores):.3f}")


if __name__ == "__main__":
    main()
