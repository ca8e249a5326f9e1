"""How the linker asks the matcher about two reports (`onrecord/link/compare.py`)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from onrecord.link.compare import default_judge
from onrecord.link.match import Matcher

TWELVE = "Twelve people were killed in the fire. The blaze started in the kitchen of the restaurant on the ground floor."
FIFTEEN = "Fifteen people were killed in the fire. The blaze started in the kitchen of the restaurant on the ground floor."


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The pairs the model is asked about."""
    seen: list[tuple[str, str]] = []
    real = Matcher.probabilities

    def spy(self: Matcher, pairs: Sequence[tuple[str, str]]) -> list[float]:
        seen.extend(pairs)
        return real(self, pairs)

    monkeypatch.setattr(Matcher, "probabilities", spy)
    return seen


def test_reports_whose_numbers_conflict_are_not_one_statement_even_where_a_sentence_matches(
    asked: list[tuple[str, str]],
) -> None:
    """The second sentences are the same words, but twelve dead and fifteen dead are two claims; the model
    is not asked about the whole wordings."""
    assert default_judge()([(TWELVE, FIFTEEN)]) == [False]
    assert (TWELVE, FIFTEEN) not in asked


def test_a_report_keeping_one_sentence_of_a_longer_remark_is_one_statement() -> None:
    longer = "The blaze started in the kitchen of the restaurant on the ground floor. We will publish our report next week."
    shorter = "The blaze started in the kitchen of the restaurant on the ground floor."
    assert default_judge()([(longer, shorter)]) == [True]
