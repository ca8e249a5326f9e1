"""Stories: articles about one event grouped as they arrive; the same minister on another event is another story."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from onrecord.link import stories as st
from onrecord.pipeline import process_paths
from onrecord.store import Store, queries
from onrecord.store.db import rebuild_links
from tests.link.test_record import INDIRECT, REPUBLISHED, TRANSLATED, WIRE

BUDGET = """Lakeside council passes transport budget after late-night vote

LAKESIDE, March 18, 2026 (Harbour Press Agency) - The Lakeside council approved next year's transport budget late on Tuesday, after opposition councillors walked out of the chamber over fare rises.

Transport Minister Petra Brandt said the budget would pay for forty new trams and a second tunnel under the river. "Fares will rise, but the trams will come on time," Brandt told the council.

Opposition leader Karl Wendt said the fare rise would hit commuters hardest and called the vote "a tax on the morning train".
"""

BUDGET_OTHER = """THE LAKESIDE LEDGER

Trams and tunnels: council backs Brandt's transport budget

Published: 19 March 2026

The council's vote on the transport budget ended past midnight. Councillors approved the plan for forty new trams and a second river tunnel by a narrow margin.

"This is a tax on the morning train," said Karl Wendt, who leads the opposition, after his group walked out over the fare rises. Transport Minister Petra Brandt defended the budget, saying the trams would finally come on time.
"""


def test_rarity_weighs_rare_words_over_common_ones() -> None:
    assert st.rarity("the") < st.rarity("tram") <= st.rarity("derailment") <= st.MAX_RARITY
    terms = st.terms_of("Tram derails in Lakeside", "The tram derailed near the depot, officials said.")
    assert "the" not in terms and "said" not in terms and "tram" in terms


def test_an_article_below_the_join_threshold_starts_a_story() -> None:
    fire = st.terms_of("Depot fire", "The depot fire destroyed buses; firefighters fought the blaze all night.")
    vote = st.terms_of("Budget vote", "Councillors approved the budget after a vote on fares and trams.")
    story = st.Candidate(1, fire, date(2026, 3, 4))
    assert st.best_story(vote, date(2026, 3, 18), [story]) is None
    assert st.best_story(fire, date(2026, 3, 5), [story]) == 1


def test_a_quiet_story_fades() -> None:
    assert st.fade(date(2026, 3, 10), date(2026, 3, 4)) == 1.0
    assert st.fade(date(2026, 4, 20), date(2026, 3, 4)) < 0.3
    assert st.fade(None, date(2026, 3, 4)) == 1.0


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("stories")
    texts = [("a_wire.txt", WIRE), ("b_budget.txt", BUDGET), ("c_republished.txt", REPUBLISHED),
             ("d_indirect.txt", INDIRECT), ("e_budget_ledger.txt", BUDGET_OTHER), ("f_translated.txt", TRANSLATED)]
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    store = Store.open(folder / "stories.db")
    for article in process_paths([str(folder / name) for name, _ in texts]):
        store.add_article(article)  # type: ignore[arg-type]
    yield store
    store.close()


def _grouping(store: Store) -> list[frozenset[str]]:
    stories = queries.find_stories(store.conn, limit=None)
    return sorted((frozenset(Path(a["source_path"]).name for a in s["articles"]) for s in stories), key=sorted)


@pytest.mark.slow
def test_the_same_minister_on_another_event_is_another_story(stored: Store) -> None:
    assert _grouping(stored) == [
        frozenset({"a_wire.txt", "c_republished.txt", "d_indirect.txt", "f_translated.txt"}),
        frozenset({"b_budget.txt", "e_budget_ledger.txt"}),
    ]
    budget = queries.find_stories(stored.conn, queries.StoryFilter(search="transport budget"), limit=None)
    assert len(budget) == 1 and len(budget[0]["articles"]) == 2
    assert "Petra Brandt" in {s["name"] for s in budget[0]["speakers"]}


@pytest.mark.slow
def test_quotes_carry_their_story_and_a_rebuild_keeps_the_grouping(stored: Store) -> None:
    before = _grouping(stored)
    ids = {s["id"]: {a["id"] for a in s["articles"]} for s in queries.find_stories(stored.conn, limit=None)}
    for quote in queries.find_quotes(stored.conn, limit=None):
        assert quote["article"]["id"] in ids[quote["article"]["story_id"]]
    rebuild_links(stored)
    assert _grouping(stored) == before
