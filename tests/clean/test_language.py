"""Only English prose is attributed: other languages get a warning and no quotes, never misread fragments."""

from __future__ import annotations

import pytest

from onrecord.clean.language import reads_as_english
from onrecord.model import Article
from onrecord.pipeline import NOT_ENGLISH, extract
from tests.clean.articles import make_doc

ENGLISH = (
    "The harbour of Port Ilse reopened on Thursday after three days of closure, the port authority said. "
    "Harbour master Ilse Varga told reporters that nobody was hurt and that the repairs would take a month."
)
GERMAN = (
    "Der Hafen von Port Ilse wurde am Donnerstag nach drei Tagen wieder geöffnet, teilte die Hafenbehörde mit. "
    "Hafenmeisterin Ilse Varga sagte den Journalisten, niemand sei verletzt worden und die Reparaturen "
    "würden einen Monat dauern."
)
PORTUGUESE = (
    "O porto de Port Ilse reabriu na quinta-feira depois de três dias fechado, disse a autoridade portuária. "
    "A capitã do porto, Ilse Varga, disse aos jornalistas que ninguém ficou ferido e que os reparos levariam um mês."
)
JAPANESE = "ポートイルセの港は木曜日に三日間の閉鎖の後、再開したと港湾当局が発表した。けが人はいなかったという。"


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (GERMAN, False), (PORTUGUESE, False), (JAPANESE, False)])
def test_reads_as_english(text: str, english: bool) -> None:
    assert reads_as_english(text) is english


def test_a_text_too_short_to_tell_is_taken_as_english() -> None:
    assert reads_as_english("Ja, sagte er.")


@pytest.mark.slow
def test_an_article_in_another_language_gets_a_warning_and_no_quotes() -> None:
    docs = [make_doc(f"Hafen wieder offen\n\n{GERMAN}\n\n{GERMAN}\n"), make_doc(f"Harbour reopens\n\n{ENGLISH}\n")]
    german, english = extract(docs)
    assert isinstance(german, Article) and isinstance(english, Article)
    assert german.quotes == [] and NOT_ENGLISH in german.document.warnings
    assert english.quotes and NOT_ENGLISH not in english.document.warnings
