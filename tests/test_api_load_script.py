"""The API load benchmark's synthetic store (synth_store.py) and query mix (api_load.py), on a tiny store."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from onrecord.store import Store, queries

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "api_load.py"
QUOTES = 300


def load_script() -> ModuleType:
    """The benchmark script, imported by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("api_load", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_load"] = module
    spec.loader.exec_module(module)
    return module


api_load = load_script()
synth = sys.modules["synth_store"]
"""The synthesis half of the benchmark (benchmarks/synth_store.py), which api_load imports."""


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("api_load") / "tiny.db"
    synth.build_store(db, synth.SynthConfig(quotes=QUOTES, speakers=200, seed=7))
    return db


@pytest.fixture(scope="module")
def quote_rows(tiny_db: Path) -> list[tuple[int, str, str]]:
    """(article id, kind, text) of every stored quote."""
    with Store.open(tiny_db, create=False) as store:
        return [(int(a), str(k), str(t)) for a, k, t in store.conn.execute("SELECT article_id, kind, text FROM quotes")]


def test_api_load_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for option in ("--quotes", "--clients", "--seconds", "--workers", "--db", "--json"):
        assert option in proc.stdout


@pytest.mark.parametrize("table, expected", [("quotes", QUOTES)])
def test_api_load_store_holds_exactly_the_quotes_asked_for(tiny_db: Path, table: str, expected: int) -> None:
    facts = synth.store_facts(tiny_db)
    assert facts[table] == expected
    assert 1 < facts["speakers"] <= 200
    assert synth.build_info_path(tiny_db).exists()


@pytest.mark.parametrize("low, high", [synth.ARTICLE_QUOTES])
def test_api_load_articles_hold_eight_to_twelve_quotes(quote_rows: list[tuple[int, str, str]], low: int, high: int) -> None:
    per_article = Counter(article for article, _, _ in quote_rows)
    last = max(per_article)
    assert all(low <= n <= high for article, n in per_article.items() if article != last)
    assert 1 <= per_article[last] <= high


@pytest.mark.parametrize("low, high", [(10, 60)])
def test_api_load_quotes_have_realistic_lengths(quote_rows: list[tuple[int, str, str]], low: int, high: int) -> None:
    lengths = [len(re.findall(r"[^\W_]+", text)) for _, _, text in quote_rows]
    assert all(low <= n <= high for n in lengths)
    assert 20 <= sum(lengths) / len(lengths) <= 40
    assert {kind for _, kind, _ in quote_rows} == {"direct", "indirect", "mixed"}


@pytest.mark.parametrize("common, rare", [("the", "sanctions")])
def test_api_load_words_follow_a_zipf_like_distribution(tiny_db: Path, common: str, rare: str) -> None:
    with Store.open(tiny_db, create=False) as store:
        hits_common = queries.count_quotes(store.conn, queries.QuoteFilter(search=common))
        hits_rare = queries.count_quotes(store.conn, queries.QuoteFilter(search=rare))
    assert QUOTES // 2 < hits_common < QUOTES
    assert hits_rare < hits_common // 5


@pytest.mark.parametrize("kind, parameter", [("full_text", "q"), ("speaker", "speaker")])
def test_api_load_query_pool_is_half_each_kind(tiny_db: Path, kind: str, parameter: str) -> None:
    pool = api_load.query_pool(tiny_db, seed=3, size=200)
    mine = [query for query in pool if query.kind == kind]
    assert len(mine) == 100
    assert all(set(query.params) == {parameter, "limit"} and query.params["limit"] == "20" for query in mine)


@pytest.mark.parametrize("seed", [3])
def test_api_load_full_text_queries_find_quotes(tiny_db: Path, seed: int) -> None:
    pool = api_load.query_pool(tiny_db, seed=seed, size=200)
    searches = [query.params["q"] for query in pool if query.kind == "full_text"]
    phrases = [q for q in searches if q.startswith('"')]
    with Store.open(tiny_db, create=False) as store:
        hits = {q: queries.count_quotes(store.conn, queries.QuoteFilter(search=q)) for q in searches}
    assert phrases and all(hits[q] >= 1 for q in phrases)
    assert sum(1 for n in hits.values() if n) > len(searches) // 4
    assert max(hits.values()) < QUOTES


@pytest.mark.parametrize("seed", [3])
def test_api_load_speaker_queries_find_quotes(tiny_db: Path, seed: int) -> None:
    pool = api_load.query_pool(tiny_db, seed=seed, size=100)
    with Store.open(tiny_db, create=False) as store:
        for query in (q for q in pool if q.kind == "speaker"):
            where = queries.QuoteFilter(speaker=query.params["speaker"])
            assert queries.count_quotes(store.conn, where) >= 1, query.params


@pytest.mark.parametrize("n", [500])
def test_api_load_roster_names_are_distinct_people_and_organizations(n: int) -> None:
    roster = synth.make_roster(random.Random(1), n)
    assert len({speaker.name for speaker in roster}) == n
    orgs = sum(speaker.type == "organization" for speaker in roster)
    assert 0.05 * n < orgs < 0.3 * n
    assert all(speaker.role and speaker.surname for speaker in roster if speaker.type == "person")


@pytest.mark.parametrize("values, p, expected", [([1.0, 2.0, 3.0, 4.0], 50, 2.0), ([1.0, 2.0, 3.0, 4.0], 95, 4.0)])
def test_api_load_percentile_is_nearest_rank(values: list[float], p: float, expected: float) -> None:
    assert api_load.percentile(values, p) == expected


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("onrecord.web") is None, reason="the web app is not there")
@pytest.mark.parametrize("clients", [2])
def test_api_load_runs_against_the_real_server_without_errors(tiny_db: Path, clients: int) -> None:
    command = [sys.executable, str(SCRIPT), "--db", str(tiny_db), "--seconds", "1", "--warmup", "0"]
    command += ["--clients", str(clients), "--json"]
    proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["store"]["quotes"] == QUOTES and not result["store"]["built_now"]
    assert result["overall"]["requests"] > 0 and result["overall"]["errors"] == 0
    assert result["full_text"]["requests"] and result["speaker"]["requests"]
