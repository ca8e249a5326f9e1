"""Fixtures for the web tests: stores built from hand-written articles and from the seeds, and clients over them.

`web_db` is small and exact: every quote is placed by hand, so a test can say which quotes a filter
must return. `seed_db` runs the real pipeline (spaCy and the learned tagger) over ../shared/seeds,
once per session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from onrecord.model import Article
from onrecord.store import Store, ingest
from onrecord.web import upload
from onrecord.web.app import create_app
from tests.store.builders import article, quote
from tests.stores import stored

PESKOV_TEXT = (
    'Kremlin spokesman Dmitry Peskov said: "We saw the reaction from both London and Washington." '
    "Peskov added that Russia's air defense system will continue to improve."
)
CLEVERLY_TEXT = (
    "British Foreign Secretary James Cleverly argued Ukraine does have the legitimate right to project "
    "force beyond its borders. The Ministry of Defence (MoD) reported that the café was destroyed."
)
UNDATED_TEXT = (
    'Officials met at a crossing. "All is calm tonight," he said. '
    "James Cleverly warned that talks would resume in the spring."
)
NUNEZ_TEXT = (
    'Mayor José Núñez said the plan was "a victory for the whole city". '
    '"Peskov is wrong about the peacekeepers," Núñez told reporters. '
    "Dmitry Peskov replied that the peacekeepers were not needed."
)

WEB_QUOTES = {
    "peskov-direct": "We saw the reaction from both London and Washington.",
    "peskov-indirect": "Russia's air defense system will continue to improve",
    "cleverly-indirect": "Ukraine does have the legitimate right to project force beyond its borders",
    "mod-indirect": "the café was destroyed",
    "he-direct": "All is calm tonight,",
    "cleverly-undated": "talks would resume in the spring",
    "nunez-mixed": 'the plan was "a victory for the whole city"',
    "nunez-direct": "Peskov is wrong about the peacekeepers,",
    "peskov-peacekeepers": "the peacekeepers were not needed",
}
"""Every quote in `web_db`, by a tag the tests use to say which quotes a query must return."""

PESKOV = {"name": "Dmitry Peskov", "role": "Kremlin spokesman"}
CLEVERLY = {"name": "James Cleverly", "role": "British Foreign Secretary"}
NUNEZ = {"name": "José Núñez", "role": "Mayor"}


def web_articles() -> list[Article]:
    """Four articles: two outlets and one without, one undated, an alias, accents, an unresolved 'he', all kinds."""
    q = WEB_QUOTES
    anadolu = article(
        PESKOV_TEXT,
        [
            quote(PESKOV_TEXT, q["peskov-direct"], mention="Dmitry Peskov", aliases=("Peskov",), **PESKOV),
            quote(PESKOV_TEXT, q["peskov-indirect"], kind="indirect", cue="added", mention="Peskov", **PESKOV),
        ],
        doc_id="anadolu-1", published="2023-05-31", outlet="Anadolu Agency", title="Kremlin wants condemnation",
    )
    bloomberg = article(
        CLEVERLY_TEXT,
        [
            quote(CLEVERLY_TEXT, q["cleverly-indirect"], kind="indirect", cue="argued", mention="James Cleverly",
                  **CLEVERLY),
            quote(CLEVERLY_TEXT, q["mod-indirect"], kind="indirect", cue="reported",
                  mention="The Ministry of Defence (MoD)", name="Ministry of Defence", speaker_type="organization",
                  mention_kind="organization", aliases=("MoD",)),
        ],
        doc_id="bloomberg-1", published="2023-05-30T18:00:00+00:00", outlet="Bloomberg", title="Cleverly on Ukraine",
    )
    undated = article(
        UNDATED_TEXT,
        [
            quote(UNDATED_TEXT, q["he-direct"], mention="he", name=None, speaker_type="unknown",
                  mention_kind="pronoun"),
            quote(UNDATED_TEXT, q["cleverly-undated"], kind="indirect", cue="warned", mention="James Cleverly",
                  name="James Cleverly"),
        ],
        doc_id="undated-1",
    )
    nunez = article(
        NUNEZ_TEXT,
        [
            quote(NUNEZ_TEXT, q["nunez-mixed"], kind="mixed", mention="José Núñez", **NUNEZ),
            quote(NUNEZ_TEXT, q["nunez-direct"], cue="told reporters", mention="Núñez", name="José Núñez"),
            quote(NUNEZ_TEXT, q["peskov-peacekeepers"], kind="indirect", cue="replied", mention="Dmitry Peskov",
                  **PESKOV),
        ],
        doc_id="anadolu-2", published="2023-06-12", outlet="Anadolu Agency", title="Mayor answers the Kremlin",
    )
    return [anadolu, bloomberg, undated, nunez]


@pytest.fixture
def web_quotes() -> dict[str, str]:
    return dict(WEB_QUOTES)


@pytest.fixture
def web_db(tmp_path: Path) -> Path:
    """A fresh SQLite store holding `web_articles()`."""
    return stored(tmp_path / "web.db", web_articles())


TEST_HOST = "testserver"
"""The Host header of Starlette's TestClient: allowed explicitly, as `--allow-host testserver` would."""
TEST_OPTIONS: dict[str, Any] = {"allow_hosts": [TEST_HOST], "upload_worker": "thread", "upload_wait": 60.0}
"""What every test app gets unless a test says otherwise: the TestClient's host, the pipeline in a thread
of the test process (so a test can stall it with `stalled_pipeline`), and a small upload answered with
its results (a first upload loads the models, which can take more than the default wait on busy cores)."""
STALL_LIMIT_S = 60.0


@pytest.fixture
def make_client(web_db: Path) -> Iterator[Callable[..., TestClient]]:
    """A factory: a TestClient over create_app(web_db, **TEST_OPTIONS, **options) (db=: another store), closed after."""
    opened: list[TestClient] = []

    def make(db: Path | None = None, **options: Any) -> TestClient:
        test_client = TestClient(create_app(db or web_db, **{**TEST_OPTIONS, **options}))
        opened.append(test_client.__enter__())
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def read_only_client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client(read_only=True)


@dataclass(frozen=True)
class Stall:
    """A pipeline held up: `entered` is set once an upload reaches it, `release` lets every upload go on."""

    entered: threading.Event
    release: threading.Event


@pytest.fixture
def stalled_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stall]:
    """Uploads stop inside the pipeline until the test sets `release` (set again at teardown).

    Patches `onrecord.web.upload._documents`, so it reaches a worker thread of the test process, not a
    worker process: use it with the default `upload_worker="thread"` of `make_client`.
    """
    stall = Stall(threading.Event(), threading.Event())
    real = upload._documents

    def stalled(*args: Any, **kwargs: Any) -> Any:
        stall.entered.set()
        if not stall.release.wait(STALL_LIMIT_S):
            raise RuntimeError("the test never released the stalled pipeline")
        return real(*args, **kwargs)

    monkeypatch.setattr(upload, "_documents", stalled)
    yield stall
    stall.release.set()


FUZZ_MAX_BYTES = 4096
"""Uploads the fuzzer generates stay small: anything larger is refused (413) before the pipeline runs."""


@pytest.fixture
def fuzz_schema(web_db: Path) -> Any:
    """The app's OpenAPI schema, loaded in-process by schemathesis: web_db, every route, ingest with the rules only."""
    import schemathesis  # only the fuzz tests need it

    app = create_app(web_db, learned=False, max_bytes=FUZZ_MAX_BYTES, **TEST_OPTIONS)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="session")
def seed_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds through the real pipeline (default, learned attribution), as users get them."""
    from onrecord.pipeline import process_paths  # spaCy: imported only when a test needs the seeds

    path = tmp_path_factory.mktemp("seed-store") / "seeds.db"
    with Store.open(path) as store:
        summary = ingest(store, process_paths([str(seeds_dir)]))
    assert summary.failed == 0, summary.failures
    return path


@pytest.fixture(scope="session")
def seed_client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db, read_only=True, allow_hosts=[TEST_HOST])) as test_client:
        yield test_client
