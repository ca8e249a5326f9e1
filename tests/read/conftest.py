"""Fixtures of the reader tests."""

from __future__ import annotations

import pytest

from tests.read.pages import build_page


@pytest.fixture
def news_page() -> str:
    """A whole news page, UTF-8."""
    return build_page()
