"""Question-and-answer interviews: each answer is a statement by the person interviewed."""

from __future__ import annotations

import pytest

from onrecord.attribute import attribute
from onrecord.clean import clean
from tests.clean.articles import make_doc

pytestmark = pytest.mark.slow

INTERVIEW = """Meet Anna Lindqvist, the new harbour master of Port Ilse

Port Ilse has a new harbour master: Anna Lindqvist took up the post on Monday after twenty years at sea.

We asked her about the storm, the repairs and what comes next for the harbour.

Q: What did the storm teach you about the harbour?

A: That the eastern wall is older than anyone thought, and that we have to rebuild it before the winter.

Q: When will the quay reopen?

A: The quay will reopen in May, and the fishing boats will be the first to come back in.
"""


def _quotes(text: str) -> list:
    article = clean(make_doc(text))
    return attribute(article)


def test_each_answer_is_the_interviewee_s_statement() -> None:
    answers = [q for q in _quotes(INTERVIEW) if q.cue == "A:"]
    assert [q.text[:30] for q in answers] == ["That the eastern wall is older", "The quay will reopen in May, a"]
    assert all(q.kind == "direct" and q.act == "speech" for q in answers)
    assert all(q.speaker is not None and q.speaker.name == "Anna Lindqvist" for q in answers)


def test_answers_of_an_interview_nobody_named_in_the_title_have_no_speaker() -> None:
    text = INTERVIEW.replace("Meet Anna Lindqvist, the new harbour master of Port Ilse", "Meet the new harbour master")
    answers = [q for q in _quotes(text) if q.cue == "A:"]
    assert answers and all(q.speaker is None for q in answers)


def test_a_single_answer_is_no_interview() -> None:
    text = INTERVIEW[: INTERVIEW.index("Q: When will")]
    assert not [q for q in _quotes(text) if q.cue == "A:"]
