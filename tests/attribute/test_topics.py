"""Topics: the section heading a quote sits under and the entities it names, never its own speaker."""

from __future__ import annotations

from onrecord.attribute import attribute
from onrecord.model import Span
from tests.attribute.helpers import article_of, find


def test_a_quote_is_labelled_with_its_heading_and_the_places_it_names() -> None:
    heading = "On the Harbour Dispute"
    article = article_of(
        "Foreign Minister Jonas Brecht spoke to reporters in Selmouth on Friday.",
        heading,
        '"Kestrava must withdraw its boats from the Selm harbour," Brecht said.',
    )
    start = article.text.index(heading)
    article.headings = [Span(start, start + len(heading))]
    article.body_spans = [s for s in article.body_spans if s.start != start]
    article.quotes = attribute(article)
    quote = find(article.quotes, "withdraw its boats")
    assert quote.topics[0] == heading
    assert "Kestrava" in quote.topics
    assert not any("Brecht" in t for t in quote.topics)


def test_a_quote_before_any_heading_has_entity_topics_only() -> None:
    article = article_of('"The talks in Geneva were useful," Dmitry Peskov told reporters on Monday.')
    article.quotes = attribute(article)
    quote = find(article.quotes, "talks in Geneva")
    assert quote.topics == ["Geneva"]
