"""Property-based fuzzing of the whole pipeline (issue 13): generated folders of hostile files go
through `onrecord extract` and `onrecord ingest` (read, clean, attribute, store) with no traceback,
one `error:`/`warning:` line per problem, a sound store, and a rerun that adds nothing.

Derandomized and bounded (well under a minute on two cores) so a CI failure reproduces.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from onrecord.cli import cli
from tests.strategies import CONTENTS, FILE_NAMES, reproducible

PIPELINE_FUZZ = reproducible(30)
BATCHES = st.dictionaries(FILE_NAMES, CONTENTS, min_size=1, max_size=4)


def _run(*args: str) -> Result:
    result = CliRunner(env={"COLUMNS": "200", "ONRECORD_DB": None}).invoke(cli, list(args))
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _problem_lines_only(result: Result) -> None:
    """Every line on stderr is one `error:` or `warning:` line (a file name cannot forge more)."""
    for line in result.stderr.splitlines():
        assert line.startswith(("error: ", "warning: ")), line


def _write_batch(root: bytes, files: dict[bytes, bytes]) -> None:
    os.makedirs(root)
    for name, data in files.items():
        try:
            with open(os.path.join(root, name), "wb") as handle:
                handle.write(data)
        except OSError:
            pass  # a name the file system refuses (too long) is simply not there


@pytest.mark.slow
@PIPELINE_FUZZ
@given(files=BATCHES, rules_only=st.booleans())
def test_fuzz_pipeline_extract_and_ingest_any_batch(files: dict[bytes, bytes], rules_only: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(os.fsencode(tmp), b"batch")
        _write_batch(root, files)
        db = os.path.join(tmp, "store.db")
        flags = ["--rules-only"] if rules_only else []
        extracted = _run("extract", "--jsonl", *flags, os.fsdecode(root))
        first = _run("ingest", "--db", db, *flags, os.fsdecode(root))
        again = _run("ingest", "--db", db, *flags, os.fsdecode(root))
        for result in (extracted, first, again):
            _problem_lines_only(result)
        lines = [json.loads(line) for line in extracted.stdout.split("\n") if line]  # not splitlines: U+2028 is JSON text
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    assert (0 < stored <= len(lines)) if lines else stored == 0, "each article extracted is stored (once per content)"
    assert " 0 new (0 quotes), " in again.stdout
