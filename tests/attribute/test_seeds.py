"""Issue 2, acceptance 2: named statements in the seeds, with their speakers, kinds and spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.model import Article, Quote
from onrecord.pipeline import process_paths
from tests.test_seeds_acceptance import fold

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Article]:
    return {a.id[:3]: a for a in process_paths([str(seeds_dir)]) if isinstance(a, Article)}


def quote_with(article: Article, anchor: str) -> Quote:
    hits = [q for q in article.quotes if fold(anchor) in fold(q.text)]
    assert len(hits) == 1, f"{len(hits)} quotes contain {anchor!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("seed", "anchor", "speaker", "speaker_type", "kind", "mention"),
    [
        ("000", "We are really concerned about this situation", "Dmitry Peskov", "person", "direct", "he"),
        ("003", "It was Japan, not Russia, that initiated", "Dmitry Peskov", "person", None, "the official"),
        ("002", "We should initiate new mobilisations", "Yevgeny Prigozhin", "person", "direct", None),
        ("001", "Several residential buildings were damaged", "Sergei Sobyanin", "person", "indirect", None),
        ("004", "This is what fundamentally distinguishes our military", "Dmitry Peskov", "person", "direct", None),
        ("002", "Between January and May, Russian military courts dealt with", "British Ministry of Defence",
         "organization", None, None),
    ],
)
def test_seed_statement_speaker(
    seeds: dict[str, Article], seed: str, anchor: str, speaker: str, speaker_type: str, kind: str | None,
    mention: str | None,
) -> None:
    quote = quote_with(seeds[seed], anchor)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.type) == (speaker, speaker_type)
    if kind:
        assert quote.kind == kind
    if mention:
        assert quote.source is not None and quote.source.text == mention


def test_description_naming_someone_else_is_not_that_person(seeds: dict[str, Article]) -> None:
    quote = quote_with(seeds["002"], "We should initiate new mobilisations")
    assert quote.source is not None and "confidant" in quote.source.text


def test_channel_is_not_the_speaker(seeds: dict[str, Article]) -> None:
    quote = quote_with(seeds["002"], "until it has asserted its interests")
    assert quote.speaker is not None and quote.speaker.name == "Dmitry Peskov"
    assert quote.cue == "was quoted as saying"


def test_roles_from_the_text_are_kept(seeds: dict[str, Article]) -> None:
    sobyanin = quote_with(seeds["001"], "Several residential buildings were damaged").speaker
    cleverly = quote_with(seeds["001"], "legitimate right to defend itself").speaker
    assert sobyanin is not None and sobyanin.role == "Moscow Mayor"
    assert cleverly is not None and cleverly.role == "U.K. Foreign Secretary"


def test_scare_quotes_are_not_statements(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        for quote in article.quotes:
            if quote.kind == "direct":
                assert len(quote.text.split()) > 2, f"{article.id}: {quote.text!r} is a phrase, not a statement"
    assert not any("contingent" in q.text and q.kind == "direct" for q in seeds["003"].quotes)


def test_continuation_after_attribution(seeds: dict[str, Article]) -> None:
    quote = quote_with(seeds["001"], "We will do it")
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"


def test_quotes_lie_in_the_body_and_point_at_their_text(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        for quote in article.quotes:
            assert quote.text == " ".join(s.of(article.text) for s in quote.content_spans)
            assert any(b.contains(s) for s in quote.content_spans for b in article.body_spans)
