"""Document -> Article: the body, headings and title selected as spans, the metadata read; the text never rewritten.

    normalize   same-length analysis copy (spaces, quote marks, look-alike letters)
    lines       the text as trimmed non-blank lines
    boilerplate line classification: body, title, heading, metadata, boilerplate
    metaline    byline and date lines
    dates       explicit dates -> ISO strings
    masthead    the outlet's masthead as first line
    metadata    title, published, byline, dateline, outlet, wire
    wire        credit lines naming an agency
    patterns    data only: tables, patterns, word lists, thresholds
"""

from __future__ import annotations

from onrecord.clean.boilerplate import layout
from onrecord.clean.lines import split_lines
from onrecord.clean.metadata import extract_metadata, find_title_line, meta_value
from onrecord.clean.normalize import normalize_for_analysis
from onrecord.model import Article, Document, Span

__all__ = ["clean", "normalize_for_analysis"]


def clean(doc: Document) -> Article:
    """Find the body, headings, title and metadata of a document, every item a span of its text."""
    analysis = normalize_for_analysis(doc.text)
    lines = split_lines(analysis)
    given_title = meta_value(doc, "title")
    title_index = find_title_line(lines, given_title) if given_title else None
    page = layout(lines, title_index=title_index, title_known=given_title is not None, selected=doc.format == "html")
    meta = extract_metadata(doc, lines, page)
    return Article(
        document=doc,
        analysis_text=analysis,
        body_spans=[Span(lines[i].start, lines[i].end) for i in page.indices("body")],
        headings=[Span(lines[i].start, lines[i].end) for i in page.indices("heading")],
        title=meta.title,
        title_span=meta.title_span,
        published=meta.published,
        outlet=meta.outlet,
        byline=meta.byline,
        dateline=meta.dateline,
        wire=meta.wire,
    )
