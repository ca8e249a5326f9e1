"""`extract` gives the reviewed output on the seeds, the sample corpus and PolNeAR dev (regenerate:
.venv/bin/python -m tests.attribute.make_golden, after checking why the output changed).

The attribution core is restructured under this test: moving code must not move a character of output
or a confidence."""

from __future__ import annotations

import json

import pytest

from tests.attribute.make_golden import GOLDEN, SETS, set_digests

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(SETS))
def test_extract_output_is_unchanged(name: str) -> None:
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    found = set_digests(folder)
    assert sorted(found) == sorted(expected), "articles read differ"
    changed = {doc_id: [k for k in expected[doc_id] if found[doc_id][k] != expected[doc_id][k]] for doc_id in expected}
    assert not {doc_id: what for doc_id, what in changed.items() if what}, "output changed for these articles"
