"""Regenerate tests/attribute/golden/extract-digests.json from the current pipeline; review why before keeping it.

    .venv/bin/python -m tests.attribute.make_golden

For every article of the seeds, the sample corpus and PolNeAR dev, every attribution kept (`extract
--all-attributions`): the SHA-256 of its `extract --jsonl` line (source path left out, so the digest
does not depend on where the files lie; the quotes' `act`, added after the restructuring, left out too,
so "extract" still compares with the output from before it), of its quotes' acts and of their
confidences, by document id. Digests only: no text of the shared data goes into the repository. The attribution core's
restructuring must leave every digest as it is (tests/attribute/test_extract_golden.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from onrecord.export import article_to_dict
from onrecord.model import Article
from onrecord.pipeline import process_paths
from tests.conftest import CORPUS, POLNEAR, SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden" / "extract-digests.json"
READABLE = {".txt", ".html", ".htm", ".jsonl"}
SETS = {"seeds": SEEDS, "corpus": CORPUS, "polnear-dev": POLNEAR / "dev" / "text"}


def _sha(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def digests(article: Article) -> dict[str, str]:
    """The digests of the article's extract line (without its source path and the quotes' acts), acts and confidences."""
    line = {k: v for k, v in article_to_dict(article).items() if k != "source_path"}
    line["quotes"] = [{k: v for k, v in quote.items() if k != "act"} for quote in line["quotes"]]
    return {
        "extract": _sha(line),
        "act": _sha([q.act for q in article.quotes]),
        "confidence": _sha([q.confidence for q in article.quotes]),
    }


def set_digests(folder: Path) -> dict[str, dict[str, str]]:
    """Each article's digests, by its document id."""
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in READABLE)
    out: dict[str, dict[str, str]] = {}
    for item in process_paths([str(p) for p in files], acts=None):
        if not isinstance(item, Article):
            raise SystemExit(f"{item.path}: {item.reason}")
        out[item.document.id] = digests(item)
    return out


def main() -> None:
    GOLDEN.parent.mkdir(exist_ok=True)
    found = {name: set_digests(folder) for name, folder in SETS.items()}
    GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {sum(len(v) for v in found.values())} articles")


if __name__ == "__main__":
    main()
