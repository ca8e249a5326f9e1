"""benchmarks/realweb_statements.py's pairing of quotes shown with labelled statements."""

from __future__ import annotations

from onrecord.model import Quote, Span
from tests.scripts import load_benchmark

scorer = load_benchmark("realweb_statements")


def _quote(start: int, end: int) -> Quote:
    return Quote(kind="direct", content_spans=[Span(start, end)], text="x" * (end - start))


def _label(start: int, end: int, speaker: str) -> object:
    return scorer.Label("page", speaker, speaker, "direct", start, end)


def test_an_answer_pairs_with_its_own_label_not_with_a_remark_it_quotes() -> None:
    """An interview answer (0-400) quoting someone else inside it (100-180): both labels lie wholly in the
    quote, so the tie goes to the label that matches it more closely."""
    labels = [_label(100, 180, "the mother"), _label(0, 400, "the novelist")]
    assert scorer.pair([_quote(0, 400)], labels) == {0: 1}
    assert scorer.pair([_quote(0, 400), _quote(100, 180)], labels) == {0: 1, 1: 0}


def test_a_quote_sharing_too_little_with_a_label_pairs_with_none() -> None:
    assert scorer.pair([_quote(0, 100)], [_label(80, 300, "someone")]) == {}
