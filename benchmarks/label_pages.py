"""Helpers for labelling statements on pages (the guide is benchmarks/realweb_labels/README.md).

    .venv/bin/python benchmarks/label_pages.py show PAGE_ID_OR_PATH   # the text onrecord reads, numbered by line
    .venv/bin/python benchmarks/label_pages.py check LABELS.jsonl     # every label's start/end found in its page?

A page id is a file stem of benchmarks/written_pages/ (pages we wrote) or of ../shared/realweb/html/.
Only the reader runs (no attribution), so labelling never sees what onrecord extracts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from onrecord.read import read_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realweb_statements import REALWEB, locate, page_path  # noqa: E402


def page_text(page: str) -> str:
    """The document text onrecord reads from the page (trafilatura's text for HTML)."""
    path = Path(page) if page.endswith((".html", ".htm")) else page_path(page, REALWEB)
    return read_file(path)[0].text


def show(page: str) -> None:
    for number, line in enumerate(page_text(page).splitlines(), 1):
        print(f"{number:4d}  {line}")


def check(labels: Path) -> int:
    """Print each label whose start or end is not found in its page; the number of problems."""
    problems = 0
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    declared: dict[str, int] = {}
    for number, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        page = item["page"]
        if "lang" in item:
            declared[page] = item.get("statements", 0)
            continue
        counts[page] = counts.get(page, 0) + 1
        text = texts.setdefault(page, page_text(page))
        if locate(text, item["start"], item["end"]) is None:
            problems += 1
            print(f"{labels.name}:{number} not found in {page}: start {item['start']!r} end {item['end']!r}")
    for page in sorted(set(counts) | set(declared)):
        if counts.get(page, 0) != declared.get(page):
            problems += 1
            print(f"{page}: {counts.get(page, 0)} statement lines, page line says {declared.get(page)}")
    print(f"{sum(counts.values())} statements on {len(set(counts) | set(declared))} pages, {problems} problems")
    return problems


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("show", help="print a page's text, numbered by line").add_argument("page")
    sub.add_parser("check", help="find every label of a file in its page").add_argument("labels", type=Path)
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.page)
    else:
        sys.exit(1 if check(args.labels) else 0)


if __name__ == "__main__":
    main()
