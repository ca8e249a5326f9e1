"""Output shapes other tools read: the fixed JSON of `onrecord extract --jsonl`, and quotes as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from onrecord.model import Article, Quote, Span


def _pair(span: Span | None) -> list[int] | None:
    return span.to_list() if span else None


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """One quote of `extract --jsonl`: `speaker` is a name or null (an unnamed source's words are in
    `speaker_mention`, as in the stored quote record)."""
    speaker, source = quote.speaker, quote.source
    return {
        "kind": quote.kind,
        "text": quote.text,
        "content_spans": [s.to_list() for s in quote.content_spans],
        "cue": quote.cue,
        "cue_span": _pair(quote.cue_span),
        "speaker": quote.named_speaker,
        "speaker_type": speaker.type if speaker else "unknown",
        "speaker_role": speaker.role if speaker else None,
        "speaker_mention_span": _pair(source.span if source else None),
        "speaker_mention": source.text if source else None,
        "speaker_mention_kind": source.kind if source else None,
        "act": quote.act,
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """One line of `extract --jsonl` output."""
    doc = article.document
    return {
        "id": doc.id,
        "source_path": doc.source_path,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "byline": article.byline,
        "dateline": article.dateline,
        "wire": article.wire,
        "body_spans": [s.to_list() for s in article.body_spans],
        "quotes": [quote_to_dict(q) for q in article.quotes],
    }


QUOTE_FIELDS = ("id", "text", "kind", "act", "speaker", "cue", "cue_span", "content_spans", "confidence", "statement_id")
ARTICLE_REF_FIELDS = ("id", "doc_id", "title", "outlet", "published", "source_path")


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quote (a `queries` row) as every interface gives it: `onrecord quotes --json`, `show --json`,
    `/api/quotes` and `/api/articles/{id}` (the source mention as its span, words and kind)."""
    mention, article = row["mention"], row["article"]
    return {
        **{key: row[key] for key in QUOTE_FIELDS},
        "article": {key: article[key] for key in ARTICLE_REF_FIELDS},
        "speaker_mention_span": [mention["start"], mention["end"]] if mention else None,
        "speaker_mention": mention["text"] if mention else None,
        "speaker_mention_kind": mention["kind"] if mention else None,
    }


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored article (`queries.get_article`) with its quotes as quote records."""
    return {**row, "quotes": [quote_record(q) for q in row["quotes"]]}


CSV_COLUMNS = (
    "quote_id", "speaker", "speaker_role", "speaker_type", "source_words", "cue", "kind", "text",
    "outlet", "published", "title", "article_id", "source_path", "content_spans",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)")."""


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: article text is hostile, so no cell may start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def quote_csv_row(row: dict[str, Any]) -> list[str]:
    """One `queries.find_quotes` row as the cells of CSV_COLUMNS (unknown is an empty cell)."""
    speaker, article, mention = row["speaker"], row["article"], row["mention"]
    values = (
        row["id"], speaker["name"], speaker["role"], speaker["type"], mention["text"] if mention else None,
        row["cue"], row["kind"], row["text"], article["outlet"], article["published"], article["title"],
        article["id"], article["source_path"], " ".join(f"{a}-{b}" for a, b in row["content_spans"]),
    )
    return [_cell(value) for value in values]


def quotes_csv(rows: list[dict[str, Any]]) -> str:
    """Quotes as CSV with a header line, for spreadsheets (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(quote_csv_row(row) for row in rows)
    return out.getvalue()
