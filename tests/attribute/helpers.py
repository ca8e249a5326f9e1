"""Build articles from hand-written paragraphs, so attribution is tested without the cleaner's choices."""

from __future__ import annotations

from onrecord.attribute import attribute
from onrecord.clean import normalize_for_analysis
from onrecord.model import Article, Document, Quote, Span, content_sha256


def article_of(*paragraphs: str) -> Article:
    """An article whose body is exactly these paragraphs, one per line."""
    text = "\n".join(paragraphs) + "\n"
    doc = Document(id="t", text=text, source_path="t.txt", sha256=content_sha256(text))
    spans, pos = [], 0
    for para in paragraphs:
        spans.append(Span(pos, pos + len(para)))
        pos += len(para) + 1
    return Article(document=doc, analysis_text=normalize_for_analysis(text), body_spans=spans)


def quotes_of(*paragraphs: str, learned: bool = True) -> list[Quote]:
    article = article_of(*paragraphs)
    article.quotes = attribute(article, learned=learned)
    article.validate()
    return article.quotes


def find(quotes: list[Quote], fragment: str) -> Quote:
    """The one quote whose content contains `fragment`."""
    hits = [q for q in quotes if fragment in q.text]
    assert len(hits) == 1, f"{len(hits)} quotes contain {fragment!r}: {[q.text for q in quotes]}"
    return hits[0]


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None
