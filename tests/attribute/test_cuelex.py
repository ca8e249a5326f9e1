"""The learned cue lexicon: how it is counted, what ships, and what it adds to attribution."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from onrecord.attribute import cuelex
from onrecord.eval.brat import GoldAttribution
from onrecord.nlp import get_nlp
from tests.attribute.helpers import find, quotes_of, speaker_name

pytestmark = pytest.mark.slow

TEXT = "The mayor said the bridge was safe. The mayor said nothing else. Engineers checked it."


def test_counting_cue_heads_and_their_content() -> None:
    doc = get_nlp()(TEXT)
    said = TEXT.index("said")
    gold = [GoldAttribution(content=[(said + 5, TEXT.index("."))], source=[(0, 9)], cue=[(said, said + 4)])]
    stats = cuelex.count([(doc, gold)])
    assert (stats["say"].n, stats["say"].total) == (1, 2)
    assert stats["say"].content["ccomp"] == 1
    assert stats["check"].n == 0


def test_thresholds_keep_only_frequent_reliable_cues() -> None:
    stats = {
        "say": cuelex.LemmaStats(n=50, total=60),
        "make": cuelex.LemmaStats(n=20, total=400),
        "quip": cuelex.LemmaStats(n=2, total=2),
    }
    kept = cuelex.to_json(stats, {"data": "test"})["cues"]
    assert list(kept) == ["say"]  # type: ignore[arg-type]


def test_shipped_lexicon_says_where_it_came_from() -> None:
    path = resources.files("onrecord.attribute").joinpath("data", cuelex.LEXICON_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "PolNeAR train" in data["data"] and data["command"].startswith("python scripts/train_cue_lexicon.py")
    assert {"say", "tell", "accuse"} <= set(data["cues"])
    assert all(entry["share"] >= data["min_share"] and entry["n"] >= data["min_count"] for entry in data["cues"].values())


def test_learned_cue_with_object_content() -> None:
    quotes = quotes_of("Harbour master Ilse Varga accused the council of ignoring the storm warnings.")
    q = find(quotes, "council")
    assert q.cue == "accused" and speaker_name(q) == "Ilse Varga"


def test_learned_cues_do_not_turn_every_verb_into_speech() -> None:
    assert quotes_of("The council repaired the bridge and opened the harbour on Monday.") == []
