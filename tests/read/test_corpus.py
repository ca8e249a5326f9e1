"""The bundled sample corpus reads cleanly and keeps the traps other stages are tested on."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.model import Document
from onrecord.read import read_file, read_paths


@pytest.mark.parametrize(("count", "formats"), [(13, {"txt": 7, "html": 3, "jsonl": 3})])
def test_corpus_reads_without_errors(corpus_dir: Path, count: int, formats: dict[str, int]) -> None:
    items = list(read_paths([str(corpus_dir)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(items) == len(docs) == count
    assert {fmt: sum(d.format == fmt for d in docs) for fmt in formats} == formats
    assert len({d.id for d in docs}) == count


@pytest.mark.parametrize(
    ("name", "snippet"),
    [
        ("meridian_briefing_drones.txt", "1:18 pmDORNHOLM"),
        ("meridian_briefing_drones.txt", "Defence \u041cinistry"),
        ("meridian_briefing_drones.txt", "12\u00a0drones"),
        ("eastgate_bulletin_talks_cp1252.txt", "«Our door is open"),
        ("eastgate_bulletin_talks_cp1252.txt", "“in any town, on any date the two sides choose,”"),
        ("veritas_wire_strikes_not_retaliation.txt", "\n”That is the whole difference"),
        ("lumeria_today_verrin_harbour.txt", 'so-called "observer contingent"'),
        ("dornholm_courier_reservists_analysis.html", "“We cannot hold three hundred kilometres"),
    ],
)
def test_corpus_keeps_its_traps(corpus_dir: Path, name: str, snippet: str) -> None:
    [doc] = read_file(corpus_dir / name)
    assert snippet in doc.text


@pytest.mark.parametrize("name", ["eastgate_bulletin_talks_cp1252.txt", "dornholm_courier_reservists_analysis.html"])
def test_corpus_legacy_files_are_not_utf8(corpus_dir: Path, name: str) -> None:
    with pytest.raises(UnicodeDecodeError):
        (corpus_dir / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    ("doc_id", "outlet", "byline"),
    [("wire-prisoner-swap", "Lumerian News Agency", None), ("wire-ravik-market-denial", "Lumeria Today", "Sven Ilves")],
)
def test_corpus_jsonl_carries_metadata(corpus_dir: Path, doc_id: str, outlet: str, byline: str | None) -> None:
    docs = {d.id: d for d in read_file(corpus_dir / "wire_feed_three_articles.jsonl")}
    assert (docs[doc_id].meta["outlet"], docs[doc_id].meta["byline"]) == (outlet, byline)
