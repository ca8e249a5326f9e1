"""docs/SECURITY.md names the test behind each defence: every test and test file it names exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "SECURITY.md"
TEXT = DOC.read_text(encoding="utf-8")
FILES = sorted(set(re.findall(r"`(tests/[\w/]+\.py)(?:::\w+)?`", TEXT)))
TESTS = sorted(set(re.findall(r"\b(test_\w+)", TEXT)) - {Path(f).stem for f in FILES})


def _defined_tests() -> set[str]:
    found = (re.findall(r"^def (test_\w+)", path.read_text(), re.M) for path in (ROOT / "tests").rglob("test_*.py"))
    return {name for names in found for name in names}


@pytest.mark.parametrize("path", FILES)
def test_security_doc_names_test_files_that_exist(path: str) -> None:
    assert (ROOT / path).is_file()


@pytest.mark.parametrize("names", [pytest.param(TESTS, id="all")])
def test_security_doc_names_tests_that_exist(names: list[str]) -> None:
    assert names and not set(names) - _defined_tests(), "docs/SECURITY.md names tests that do not exist"
