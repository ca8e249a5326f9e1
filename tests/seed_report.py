"""Print the seed statement score (issue 2, acceptance 4): `python -m tests.seed_report [-v]`."""

from __future__ import annotations

import sys

from onrecord.model import Article
from onrecord.pipeline import process_paths
from tests.conftest import SEEDS
from tests.data.seed_statements import SEED_STATEMENTS
from tests.test_seeds_acceptance import score_seeds


def main(verbose: bool) -> None:
    articles = {a.id[:3]: a for a in process_paths([str(SEEDS)]) if isinstance(a, Article)}
    score = score_seeds(articles, SEED_STATEMENTS)
    print(f"recall    {score.recall:.3f}  ({score.found} of {score.required} required statements, right speaker)")
    print(f"precision {score.precision:.3f}  ({score.real} of {score.extracted} extractions are listed statements)")
    for label, items in (("missed", score.misses), ("spurious", score.spurious)):
        for item in items:
            print(f"{label}: {item}")
    if verbose:
        for seed, article in sorted(articles.items()):
            for q in article.quotes:
                who = q.speaker.name if q.speaker and q.speaker.name else "unknown"
                print(f"{seed} {q.kind:8} {who} | {q.cue} | {q.text[:100]}")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
