"""The learned cue lexicon: how it is counted, what ships, and what it adds to attribution."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from onrecord.attribute import cuelex
from onrecord.training import cue_lexicon
from onrecord.eval.brat import GoldAttribution
from onrecord.nlp import get_nlp
from tests.attribute.helpers import find, quotes_of, speaker_name

pytestmark = pytest.mark.slow

TEXT = "The mayor said the bridge was safe. The mayor said nothing else. Engineers checked it."


def test_counting_cue_heads_and_their_content() -> None:
    doc = get_nlp()(TEXT)
    said = TEXT.index("said")
    gold = [GoldAttribution(content=[(said + 5, TEXT.index("."))], source=[(0, 9)], cue=[(said, said + 4)])]
    stats = cue_lexicon.count([(doc, gold)])
    assert (stats["say"].n, stats["say"].total) == (1, 2)
    assert stats["say"].content["ccomp"] == 1
    assert stats["check"].n == 0


def test_thresholds_keep_only_frequent_reliable_cues() -> None:
    stats = {
        "say": cue_lexicon.LemmaStats(n=50, total=60),
        "make": cue_lexicon.LemmaStats(n=20, total=400),
        "quip": cue_lexicon.LemmaStats(n=2, total=2),
    }
    kept = cue_lexicon.to_json(stats, {"data": "test"})["cues"]
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


def test_counting_how_often_any_lemma_heads_a_cue() -> None:
    text = "According to the mayor, the bridge was safe. The mayor said so."
    doc = get_nlp()(text)
    gold = [GoldAttribution(content=[(24, 43)], source=[(13, 22)], cue=[(0, 12)])]
    heads = cue_lexicon.count_heads([(doc, gold)])
    assert (heads["accord"].n, heads["accord"].total) == (1, 1)
    assert (heads["the"].n, heads["the"].total) == (0, 3)
    assert heads["say"].n == 0


def test_rarely_a_cue_needs_many_occurrences_and_a_tiny_share() -> None:
    heads = {
        "of": cue_lexicon.LemmaStats(n=2, total=5000),
        "be": cue_lexicon.LemmaStats(n=400, total=17000),
        "quip": cue_lexicon.LemmaStats(n=0, total=5),
        "say": cue_lexicon.LemmaStats(n=4000, total=5000),
    }
    assert cue_lexicon.rare_heads(heads) == ["of"]
    assert cue_lexicon.to_json({}, {"data": "test"}, heads)["rare_heads"] == ["of"]


def test_shipped_lexicon_lists_function_words_as_rarely_a_cue_and_no_cue_lemma() -> None:
    assert all(cuelex.rarely_a_cue(word) for word in ("of", "would", "not", "out"))
    assert not any(cuelex.rarely_a_cue(word) for word in ("say", "accord", "tell", "believe", "be"))
    assert not any(cuelex.rarely_a_cue(lemma) for lemma in cuelex.load())


def test_a_tagger_cue_headed_by_a_word_that_heads_no_cues_is_dropped() -> None:
    from onrecord.attribute.learned import _plausible_cue

    doc = get_nlp()("Most of the voters said they would stay home.")
    words = [t.text for t in doc]
    assert _plausible_cue(doc, (words.index("said"), words.index("said") + 1))
    assert not _plausible_cue(doc, (words.index("of"), words.index("of") + 1))
    assert not _plausible_cue(doc, (words.index("would"), words.index("would") + 1))
