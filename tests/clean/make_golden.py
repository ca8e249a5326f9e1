"""Regenerate tests/clean/golden/<seed>.json from the current cleaner; review the diff before keeping it.

    .venv/bin/python -m tests.clean.make_golden

Golden files hold spans and short metadata values only, never the seeds' text.
"""

from __future__ import annotations

import json
from pathlib import Path

from onrecord.model import Article
from tests.clean.articles import clean_seed
from tests.conftest import SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden"


def summary(article: Article) -> dict[str, object]:
    """What the cleaner decided for one article: spans as [start, end] and the metadata fields."""
    return {
        "body_spans": [s.to_list() for s in article.body_spans],
        "headings": [s.to_list() for s in article.headings],
        "title_span": article.title_span.to_list() if article.title_span else None,
        "title": article.title,
        "published": article.published,
        "byline": article.byline,
        "dateline": article.dateline,
        "outlet": article.outlet,
        "wire": article.wire,
    }


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        out = GOLDEN / f"{path.name[:3]}.json"
        fields = summary(clean_seed(path)).items()
        rows = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields)
        out.write_text("{\n" + rows + "\n}\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
