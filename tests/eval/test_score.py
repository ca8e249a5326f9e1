"""The scorer's definitions on small hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import OnrecordError
from onrecord.eval.brat import GoldAttribution, parse_ann
from onrecord.eval.errors import missed, spurious
from onrecord.eval.polnear import load_split
from onrecord.eval.score import DocResult, chars, score

TEXT = 'The mayor said "the bridge is safe." Officials added that repairs would start soon.'
#       0         1         2         3         4         5         6         7         8
ANN = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 36\t"the bridge is safe."
T4\tAttribution 10 14\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 37 46\tOfficials
T6\tCue 47 52\tadded
T7\tContent 58 71;72 82\trepairs would start soon
E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5
E3\tAttribution:T6 Cue:T6 Source:T5
"""


def gold() -> list[GoldAttribution]:
    return parse_ann(ANN)


def test_brat_events_become_attributions_and_contentless_ones_are_dropped() -> None:
    found = gold()
    assert len(found) == 2
    assert found[0].source == [(0, 9)] and found[0].cue == [(10, 14)]
    assert found[1].content == [(58, 71), (72, 82)]


def test_edge_punctuation_and_quote_marks_do_not_count() -> None:
    assert chars([(15, 36)], TEXT) == chars([(16, 34)], TEXT)


def test_perfect_prediction_scores_one() -> None:
    result = score([DocResult("d", TEXT, gold(), gold())])
    assert result.attribution.f1 == 1.0
    assert all(v.f1 == 1.0 for kinds in result.roles.values() for v in kinds.values())


def test_content_match_needs_the_source_to_overlap() -> None:
    wrong_source = [GoldAttribution(content=[(15, 36)], source=[(37, 46)], cue=[(10, 14)])]
    result = score([DocResult("d", TEXT, gold(), wrong_source)])
    assert result.attribution.precision == 0.0
    assert result.roles["content"]["exact"].precision == 1.0


def test_half_the_content_is_enough_for_a_match() -> None:
    partial = [GoldAttribution(content=[(58, 82)], source=[(37, 46)])]
    short = [GoldAttribution(content=[(58, 65)], source=[(37, 46)])]
    assert score([DocResult("d", TEXT, gold(), partial)]).attribution.recall == 0.5
    assert score([DocResult("d", TEXT, gold(), short)]).attribution.recall == 0.0


def test_each_gold_attribution_matches_once() -> None:
    twice = [GoldAttribution(content=[(15, 36)], source=[(0, 9)])] * 2
    result = score([DocResult("d", TEXT, gold(), twice)])
    assert (result.attribution.precision, result.attribution.recall) == (0.5, 0.5)


def test_errors_list_the_unmatched() -> None:
    extra = GoldAttribution(content=[(37, 82)], source=[(0, 9)])
    result = score([DocResult("d", TEXT, gold(), [gold()[0], extra])])
    assert [c.content for c in missed(result.docs)] == ["repairs would … start soon"]
    assert [c.source for c in spurious(result.docs)] == ["The mayor"]


def test_first_annotator_in_sorted_order_is_used(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "unannotated.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_b.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "doc_a.ann").write_text(ANN, encoding="utf-8")
    (doc,) = load_split(tmp_path, "dev")
    assert doc.id == "doc" and len(doc.attributions) == 2


def test_a_directory_that_is_not_polnear_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OnrecordError, match="not a PolNeAR directory"):
        load_split(tmp_path, "dev")
