"""The statement-cluster scorer's pure parts: pairwise precision/recall, label matching, the data's own consistency.

Nothing here runs the pipeline or the linker; the articles and labels are only read.
"""

from __future__ import annotations

import json

import pytest

from tests.scripts import load_benchmark

sc = load_benchmark("statement_clusters")


def _quote(qid: int, text: str, path: str, speaker: int | None = 1, **extra) -> dict:
    return {"id": qid, "text": text, "speaker": {"id": speaker, "name": "x"}, "article": {"source_path": path}, **extra}


def test_pairwise_counts_gold_predicted_and_true_pairs() -> None:
    # gold clusters {0,1,2} {3}; predicted {0,1} {2,3}: gold pairs 3, predicted 2, true 1
    score = sc.pairwise(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert (score.gold_pairs, score.predicted_pairs, score.true_pairs) == (3, 2, 1)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)
    assert score.false_merges == [(2, 3)]
    assert score.misses == [(0, 2), (1, 2)]


def test_pairwise_none_is_never_the_same_as_anything() -> None:
    score = sc.pairwise(["a", "a"], [None, None])
    assert (score.gold_pairs, score.predicted_pairs, score.true_pairs) == (1, 0, 0)
    assert score.precision is None and score.recall == 0.0 and score.f1 is None


def test_pairwise_perfect_and_empty() -> None:
    perfect = sc.pairwise(["a", "a", "b"], ["x", "x", "y"])
    assert perfect.precision == perfect.recall == perfect.f1 == 1.0
    nothing = sc.pairwise(["a", "b"], [1, 2])
    assert nothing.precision is None and nothing.recall is None
    with pytest.raises(ValueError):
        sc.pairwise(["a"], [1, 2])


def test_match_labels_by_file_and_substring_preferring_the_shortest() -> None:
    quotes = [
        _quote(1, "The fire was not arson, and the sprinklers were off", "x/articles/a.txt"),
        _quote(2, "the fire was not arson", "a.txt"),  # nested: the more specific one wins
        _quote(3, "The fire was not arson", "b.txt"),
        _quote(4, "spread  over\ntwo lines", "b.txt"),
    ]
    labels = [
        {"file": "a.txt", "contains": "fire was not arson", "speaker": "S", "statement": "S1"},
        {"file": "b.txt", "contains": "fire was not arson", "speaker": "S", "statement": "S1"},
        {"file": "a.txt", "contains": "sprinklers were off", "speaker": "S", "statement": "S2"},
        {"file": "c.txt", "contains": "fire was not arson", "speaker": "S", "statement": "S1"},
        {"file": "b.txt", "contains": "spread over two lines", "speaker": "S", "statement": "S3"},
    ]
    found = sc.match_labels(labels, quotes)
    assert [q["id"] if q else None for q in found] == [2, 3, 1, None, 4]


def test_score_labels_reports_null_statements_without_statement_ids() -> None:
    labels = [
        {"file": "a.txt", "contains": "alpha", "speaker": "Ann", "statement": "S1"},
        {"file": "b.txt", "contains": "alpha", "speaker": "Ann", "statement": "S1"},
        {"file": "b.txt", "contains": "gamma", "speaker": "Bob", "statement": "S2"},
        {"file": "b.txt", "contains": "never said", "speaker": "Bob", "statement": "S3"},
    ]
    quotes = [_quote(1, "alpha", "a.txt", 7), _quote(2, "alpha beta", "b.txt", 7), _quote(3, "gamma", "b.txt", 7)]
    result = sc.score_labels(labels, quotes)
    out = sc.summary(result)
    assert result.statements is None and out["statement_precision"] is None and "note" in out
    assert (out["labels"], out["matched"], out["not_extracted"], out["pairs_gold"]) == (4, 3, 1, 1)
    assert out["speaker_precision"] == pytest.approx(1 / 3, abs=1e-4) and out["speaker_recall"] == 1.0
    assert "not extracted (1)" in sc.report(result, errors=True)

    linked = [dict(q, statement_id=sid) for q, sid in zip(quotes, [10, 10, None])]
    out = sc.summary(sc.score_labels(labels, linked))
    assert out["statement_precision"] == 1.0 and out["statement_recall"] == 1.0 and out["pairs_predicted"] == 1


def test_load_labels_rejects_malformed_lines() -> None:
    good = json.dumps({"file": "a.txt", "contains": "x y z w", "speaker": "Ann", "statement": "S1"})
    assert len(sc.load_labels([good, "", good])) == 2
    with pytest.raises(ValueError, match="line 2"):
        sc.load_labels([good, "{not json"])
    with pytest.raises(ValueError, match="speaker"):
        sc.load_labels([json.dumps({"file": "a.txt", "contains": "x", "statement": "S1"})])


def test_the_shipped_labels_point_once_into_their_articles() -> None:
    labels = sc.load_labels(sc.DEFAULT_LABELS.read_text(encoding="utf-8").splitlines())
    assert len(labels) >= 150
    for label in labels:
        text = (sc.DEFAULT_ARTICLES / label["file"]).read_text(encoding="utf-8")
        assert text.count(label["contains"]) == 1, label
        assert 4 <= len(label["contains"].split()) <= 10, label
    by_statement: dict[str, set[str]] = {}
    for label in labels:
        by_statement.setdefault(label["statement"], set()).add(label["speaker"])
    assert all(len(speakers) == 1 for speakers in by_statement.values()), "one speaker per statement"
