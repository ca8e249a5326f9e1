"""Is every quote onrecord shows on real web pages a statement by the right speaker? Scored on labels.

`benchmarks/realweb_labels/*.jsonl` lists, for the pages of ../shared/realweb (real news and blog pages
nobody here wrote) and for pages we wrote in the styles realweb lacks (benchmarks/written_pages/:
lifestyle, tech, sport, science, court and interview transcripts; written-*.jsonl), every statement a
person or an organisation made (said or wrote) in the article body, with its speaker, as people read them
(the guide is README.md there). Figures are given for all pages and for each of the two sources. Each label's content is
found in the page's text by its first and last words. onrecord runs on the pages as `extract` does
(statements only, or every attribution with --all-attributions). For recall, each quote is paired with
the label whose content it overlaps most, one to one, when the overlap is at least half of the shorter
of the two. For precision, a quote is a statement when it is paired, or when at least half of its
content lies in one label (a statement onrecord cut in two quotes is a statement twice); it is right
when it also names that label's speaker (the same person's name, the same organisation, or both unnamed).
`statements_given_to_another` counts the statements shown with a speaker named that is not the labelled
one (the worst error: one person's words given to another); a wrong quote shown as "unknown" is not among them.

    .venv/bin/python benchmarks/realweb_statements.py            # the figures
    .venv/bin/python benchmarks/realweb_statements.py --errors   # and every wrong quote and miss
    .venv/bin/python benchmarks/realweb_statements.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.link.speakers import org_key
from onrecord.model import STATEMENT_ACTS, Article, Quote
from onrecord.names import fold, same_person, strip_honorifics
from onrecord.pipeline import process_paths

HERE = Path(__file__).resolve().parent
LABELS = HERE / "realweb_labels"
REALWEB = HERE.parents[1] / "shared" / "realweb"
WRITTEN = HERE / "written_pages"
MIN_OVERLAP = 0.5


@dataclass
class Label:
    page: str
    speaker: str | None
    as_written: str | None
    kind: str
    start: int
    end: int


def read_labels(folder: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The statement lines and the page lines of every labels file."""
    statements, pages = [], {}
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            if "lang" in item:
                pages[item["page"]] = item
            else:
                statements.append({**item, "where": f"{path.name}:{n}"})
    return statements, pages


def page_path(page: str, realweb: Path, written: Path = WRITTEN) -> Path:
    """A page we wrote (benchmarks/written_pages/<id>.html) or a realweb page (<realweb>/html/<id>.html)."""
    ours = written / f"{page}.html"
    return ours if ours.exists() else realweb / "html" / f"{page}.html"


def short(page: str) -> str:
    """A realweb page's hash cut to 8 characters; a written page's name whole."""
    return page[:8] if len(page) == 64 else page


def locate(text: str, start: str, end: str) -> tuple[int, int] | None:
    """The stretch of `text` from the first occurrence of `start` to the first `end` that closes it."""
    begin = text.find(start)
    if begin < 0:
        return None
    close = text.find(end, begin)
    if close < 0 or close + len(end) - begin > 20_000:
        return None
    return begin, close + len(end)


def _shared(quote: Quote, label: Label) -> int:
    return sum(max(0, min(s.end, label.end) - max(s.start, label.start)) for s in quote.content_spans)


def overlap(quote: Quote, label: Label) -> float:
    """Characters shared by the quote's content and the label's stretch, over the shorter of the two."""
    size = min(sum(len(s) for s in quote.content_spans), label.end - label.start)
    return _shared(quote, label) / size if size else 0.0


def within(quote: Quote, label: Label) -> float:
    """The share of the quote's content that lies in the label's stretch."""
    size = sum(len(s) for s in quote.content_spans)
    return _shared(quote, label) / size if size else 0.0


def statement_of(quote: Quote, labels: list[Label]) -> Label | None:
    """The label holding most of the quote's content (at least MIN_OVERLAP of it): a quote that is one part
    of a statement onrecord cut in two is a statement all the same."""
    best = max(labels, key=lambda label: within(quote, label), default=None)
    return best if best is not None and within(quote, best) >= MIN_OVERLAP else None


def right_speaker(label: Label, quote: Quote) -> bool:
    """Both unnamed, or the same person's name, or the same organisation."""
    shown = quote.named_speaker
    if label.speaker is None or shown is None:
        return label.speaker is None and shown is None
    return any(_same_speaker(name, shown) for name in label.speaker.split(" and "))


def _same_speaker(labelled: str, shown: str) -> bool:
    """One name of a label (a joint label, "Dale Ford and Martha Fry", is right with either) against the shown one."""
    key = org_key(labelled)
    if fold(labelled) == fold(shown) or (key and key == org_key(shown)):
        return True
    return same_person(strip_honorifics(labelled), strip_honorifics(shown))


def union_share(quote: Quote, label: Label) -> float:
    """Characters shared over the characters of either (intersection over union)."""
    shared = _shared(quote, label)
    union = sum(len(s) for s in quote.content_spans) + (label.end - label.start) - shared
    return shared / union if union else 0.0


def pair(quotes: list[Quote], labels: list[Label]) -> dict[int, int]:
    """Quote index -> label index, one to one, by the largest overlaps first (at least MIN_OVERLAP); on a tie
    the label the quote matches more closely (intersection over union): an interview answer pairs with the
    answer's label, not with the label of a remark it quotes inside it."""
    scored = sorted(
        ((overlap(q, lab), union_share(q, lab), i, j) for i, q in enumerate(quotes) for j, lab in enumerate(labels)),
        reverse=True,
    )
    paired: dict[int, int] = {}
    taken: set[int] = set()
    for score, _, i, j in scored:
        if score >= MIN_OVERLAP and i not in paired and j not in taken:
            paired[i] = j
            taken.add(j)
    return paired


COUNTS = ("shown", "statements", "right", "other_person", "labels", "found", "found_right", "unlocated", "shown_not_english")


def figures(found: dict[str, int]) -> dict[str, Any]:
    """Precision and recall (statements; statements with the right speaker) from the counts of one set of pages."""
    shown_all = found["shown"] + found["shown_not_english"]
    return {
        "labels": found["labels"],
        "unlocated_labels": found["unlocated"],
        "quotes_shown": shown_all,
        "quotes_on_non_english_pages": found["shown_not_english"],
        "precision_statement": round(found["statements"] / shown_all, 4) if shown_all else None,
        "precision_right_speaker": round(found["right"] / shown_all, 4) if shown_all else None,
        "recall_statement": round(found["found"] / found["labels"], 4) if found["labels"] else None,
        "recall_right_speaker": round(found["found_right"] / found["labels"], 4) if found["labels"] else None,
        "statements_given_to_another": found["other_person"],
    }


def score(realweb: Path, labels_dir: Path, all_attributions: bool) -> dict[str, Any]:
    statements, pages = read_labels(labels_dir)
    english = sorted(p for p, item in pages.items() if item.get("lang") == "en")
    paths = [str(page_path(p, realweb)) for p in sorted(pages)]
    acts = None if all_attributions else STATEMENT_ACTS
    articles = {a.document.id: a for a in process_paths(paths, acts=acts) if isinstance(a, Article)}
    counts = {group: dict.fromkeys(COUNTS, 0) for group in ("realweb", "written")}
    errors: list[str] = []
    for page in sorted(pages):
        found = counts["written" if page_path(page, realweb).parent == WRITTEN else "realweb"]
        article = articles.get(page)
        quotes = article.quotes if article else []
        if page not in english:
            found["shown_not_english"] += len(quotes)
            errors += [f"{short(page)} shown on a {pages[page].get('lang')} page: {q.cue!r} {q.text[:90]!r}" for q in quotes]
            continue
        text = article.text if article else ""
        labels = []
        for item in (s for s in statements if s["page"] == page):
            where = locate(text, item["start"], item["end"])
            if where is None:
                found["unlocated"] += 1
                errors.append(f"{short(page)} label not found in the text ({item['where']}): {item['start']!r}")
                continue
            labels.append(Label(page, item.get("speaker"), item.get("speaker_as_written"), item.get("kind", ""), *where))
        paired = pair(quotes, labels)
        found["shown"] += len(quotes)
        found["labels"] += len(labels)
        for i, quote in enumerate(quotes):
            shown = quote.named_speaker
            label = labels[paired[i]] if i in paired else statement_of(quote, labels)
            if label is None:
                errors.append(f"{short(page)} not a statement: [{quote.act}] {shown!r} {quote.cue!r} {quote.text[:100]!r}")
                continue
            found["statements"] += 1
            if right_speaker(label, quote):
                found["right"] += 1
            else:
                found["other_person"] += shown is not None
                errors.append(f"{short(page)} wrong speaker: shown {shown!r}, labelled {label.speaker!r} ({label.as_written!r}): {quote.text[:80]!r}")
        matched = set(paired.values())
        for j, label in enumerate(labels):
            if j not in matched:
                errors.append(f"{short(page)} missed: {label.speaker!r} ({label.kind}) {text[label.start:label.end][:100]!r}")
        found["found"] += len(matched)
        found["found_right"] += sum(right_speaker(labels[j], quotes[i]) for i, j in paired.items())
    total = {key: counts["realweb"][key] + counts["written"][key] for key in COUNTS}
    return {
        "pages": len(pages),
        "english_pages": len(english),
        **figures(total),
        "by_source": {group: {k: v for k, v in figures(found).items() if k != "unlocated_labels"}
                      for group, found in counts.items()},
        "errors": errors,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realweb", type=Path, default=REALWEB, help="the realweb folder (html/)")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the folder of label files (*.jsonl)")
    parser.add_argument("--all-attributions", action="store_true", help="score every attribution, not statements only")
    parser.add_argument("--errors", action="store_true", help="also list every wrong quote, wrong speaker and miss")
    parser.add_argument("--json", action="store_true", help="one JSON line of figures")
    args = parser.parse_args(argv)
    result = score(args.realweb, args.labels, args.all_attributions)
    errors = result.pop("errors")
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<28} {value}")
    if args.errors:
        print("\n".join(errors), file=sys.stdout)


if __name__ == "__main__":
    main()
