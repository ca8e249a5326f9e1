"""Question-and-answer interviews: each answer is a statement by the person interviewed."""

from __future__ import annotations

import pytest

from onrecord.attribute import attribute
from onrecord.clean import clean
from onrecord.model import STATEMENT_ACTS
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


HEARING = """Harbour board hearing: the engineer's evidence

The following is an excerpt from the transcript of Tuesday's hearing before Judge Mara Quist in Port Ilse Harbour Board v. Selm Marine. The engineer Oskar Vidal was examined by the board's counsel, Ruth Adeyemi.

THE COURT: Please be seated. Mr. Vidal, you remain under oath.

MS. ADEYEMI: Thank you, Your Honor.

Q. Mr. Vidal, who inspected the eastern wall in 2021?

A. Two divers from our Selm office. I was not on site that week.

Q. Did anyone ask you to change the report?

A. Nobody asked me to change it. I changed one sentence myself.

MR. LUND: Objection. The question has been answered.

THE COURT: Sustained. Move on, counsel.

THE WITNESS: I would like to add that the divers' photographs were clear.
"""


def test_each_turn_of_a_court_transcript_is_the_statement_of_the_person_its_label_names() -> None:
    quotes = _quotes(HEARING.replace("Ruth Adeyemi.", "Ruth Adeyemi. Tomas Lund appeared for Selm Marine."))
    by_cue = {}
    for q in quotes:
        by_cue.setdefault(q.cue, []).append(q.speaker.name if q.speaker else None)
    assert by_cue["THE COURT:"] == ["Mara Quist", "Mara Quist"]
    assert by_cue["A."] == ["Oskar Vidal", "Oskar Vidal"]
    assert by_cue["THE WITNESS:"] == ["Oskar Vidal"]
    assert by_cue["MR. LUND:"] == ["Tomas Lund"]
    assert "Q." not in by_cue


def test_a_courtesy_formula_is_no_statement() -> None:
    quotes = _quotes(HEARING)
    assert not [q for q in quotes if q.cue == "MS. ADEYEMI:"]


def test_a_label_that_names_nobody_in_the_article_is_no_statement() -> None:
    quotes = _quotes(HEARING)
    assert not [q for q in quotes if q.cue == "MR. LUND:" and q.speaker is not None]


POLICE_LOG = """Arrests on Friday

The following people were arrested by the county sheriff's office on Friday.

Jane Roe: Possession of methamphetamine, held in jail in lieu of $5,000 bond.

John Doe: Theft, released on his own recognizance.

Mary Major: Driving while suspended, held in jail in lieu of $2,500 bond.
"""


def test_a_list_of_people_each_with_one_line_is_no_transcript() -> None:
    shown = [q for q in _quotes(POLICE_LOG) if q.act in STATEMENT_ACTS]
    assert not [q for q in shown if q.cue and q.cue.endswith(":")]


BOOK_TALK = """Odile Varga’s third novel opens with an auditor

Odile Varga’s third novel, The Salt Ledger, opens with an auditor arriving in a fishing town.

NK: Where did the book start?

OV: With my father’s accounts, honestly. He kept two ledgers for the chandlery.

NK: Was the move to the novel deliberate?

OV: Not at all. I tried to write it as stories, and it refused.

NK: What comes next?

OV: A novel set entirely during one lifeboat launch.
"""


def test_turns_labelled_with_initials_are_the_statements_of_the_one_name_with_those_initials() -> None:
    turns = [q for q in _quotes(BOOK_TALK) if q.cue == "OV:"]
    assert [q.text[:12] for q in turns] == ["With my fath", "Not at all. ", "A novel set "]
    assert {q.speaker.name for q in turns if q.speaker} == {"Odile Varga"}
    assert not [q for q in _quotes(BOOK_TALK) if q.cue == "NK:"]


FARM_TALK = """Siblings who build weeding robots on what comes next

Hanne Lindqvist and her brother Tobias Lindqvist run Furrow Labs, which builds weeding robots. Marcus Feld spoke to them.

Marcus Feld: Let's start with the lettuce.

Hanne Lindqvist: The lettuce was where it all began, in our father's field outside Kessing.

Marcus Feld: How did the first robot work?

Tobias Lindqvist: Badly. It pulled up half the lettuce and left the weeds standing.

Marcus Feld: That was fast. What changed?

Hanne Lindqvist: We stopped trying to see weeds and started learning what lettuce looks like.
"""


def test_the_interviewer_s_remarks_between_questions_are_no_statements() -> None:
    shown = [q for q in _quotes(FARM_TALK) if q.act in STATEMENT_ACTS]
    assert not [q.text for q in shown if q.speaker and q.speaker.name == "Marcus Feld"]
    assert any(q.text.startswith("Badly.") and q.speaker and q.speaker.name == "Tobias Lindqvist" for q in shown)
