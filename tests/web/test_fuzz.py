"""Property-based fuzzing of every API operation from the app's own OpenAPI schema (schemathesis).

Valid and invalid inputs alike must never give a 500, and every response must be one the schema
documents, in the shape it documents. Derandomized, so a CI failure reproduces; bounded to well under a
minute on two cores (150 generated requests per operation, 80 uploads).

Schemathesis names a generated file after its field ("files", no extension), so every upload it makes
is refused as unsupported (415) before it is read; `test_fuzz_ingest_reads_any_upload` sends generated
bytes under the names onrecord reads, so the reader and the pipeline are fuzzed too.

Each operation is its own pytest case, driven through `APIOperation.as_strategy`: schemathesis'
`from_fixture` (the lazy loader a fixture-built app would need) does not run under pytest 9.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.strategies import PAGES, TEXTS
from tests.web.conftest import FUZZ_MAX_BYTES

OPERATIONS = [
    "GET /api/quotes",
    "GET /api/quotes.csv",
    "GET /api/claims",
    "GET /api/conflicts",
    "GET /api/stories",
    "GET /api/stories/{story_id}",
    "GET /api/speakers",
    "GET /api/speakers/{speaker_id}",
    "GET /api/statements",
    "GET /api/statements/{statement_id}",
    "GET /api/articles/{article_id}",
    "POST /api/ingest",
    "GET /api/jobs/{job_id}",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
"""Not `positive_data_acceptance`: a schema-valid cursor or date can still be one the API rightly refuses (422)."""
FUZZ_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its request, and the run stays bounded
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("operations", [OPERATIONS])
def test_fuzz_covers_every_operation(fuzz_schema: Any, operations: list[str]) -> None:
    found = sorted(result.ok().label for result in fuzz_schema.get_all_operations())
    assert found == sorted(operations), "a new route must be added to OPERATIONS"


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_fuzz_operation_never_fails_its_schema(fuzz_schema: Any, label: str) -> None:
    operation = fuzz_schema.find_operation_by_label(label)
    cases = st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in GenerationMode))

    @FUZZ_SETTINGS
    @given(case=cases)
    def call(case: Case) -> None:
        case.call_and_validate(checks=CHECKS)

    call()


RECORDS = st.one_of(
    st.builds(
        lambda text, outlet: json.dumps({"text": text, "outlet": outlet}), TEXTS, st.none() | st.text(max_size=20)
    ),
    st.builds(lambda page: json.dumps({"html": page}), PAGES),
    st.text(max_size=60),
)
CONTENTS = st.one_of(
    TEXTS.map(str.encode),
    PAGES.map(str.encode),
    st.lists(RECORDS, min_size=1, max_size=4).map("\n".join).map(str.encode),
    st.sampled_from(["utf-16", "latin-1", "cp1252"]).flatmap(
        lambda codec: TEXTS.map(lambda text: text.encode(codec, errors="replace"))
    ),
    st.binary(max_size=600),
)
NAMES = st.sampled_from(["a.txt", "b.html", "c.htm", "d.jsonl", "E.TXT", "../up.txt", "C:\\x\\w.txt"])
UPLOADS = st.lists(st.tuples(NAMES, CONTENTS), min_size=1, max_size=3)
"""Only names onrecord reads: one unsupported name refuses the whole upload (415), which test_api covers."""
INGEST_SETTINGS = settings(FUZZ_SETTINGS, max_examples=80)


@pytest.mark.slow
@pytest.mark.parametrize("max_bytes", [FUZZ_MAX_BYTES])
def test_fuzz_ingest_reads_any_upload(make_client: Callable[..., TestClient], max_bytes: int) -> None:
    client = make_client(learned=False, max_bytes=max_bytes)
    documented = {int(code) for code in client.get("/openapi.json").json()["paths"]["/api/ingest"]["post"]["responses"]}

    @INGEST_SETTINGS
    @given(files=UPLOADS)
    def post(files: list[tuple[str, bytes]]) -> None:
        parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
        response = client.post("/api/ingest", files=parts)
        assert response.status_code in documented, response.text
        body = response.json()
        if response.status_code != 200:
            assert (body["status"], bool(body["error"])) == (response.status_code, True)
            return
        documents = body["documents"]
        assert body["new"] + body["unchanged"] + body["failed"] == len(documents) >= len(files)
        for document in documents:
            if document["status"] == "failed":
                assert document["article_id"] is None and document["detail"]
                continue
            article = client.get(f"/api/articles/{document['article_id']}").json()
            spans = [span for quote in article["quotes"] for span in quote["content_spans"]]
            assert all(0 <= start < end <= len(article["text"]) for start, end in spans)

    post()
