"""Output shapes other tools read: the fixed JSON of `onrecord extract --jsonl`, the stored quote record (CLI
`--json` and the API), and quotes as CSV. Both quote shapes build what was said (`_said`) and the source's words
(`_mention`) with the same two functions; each adds its own speaker fields (a name in `extract`, the linked
speaker in the store). Statements and speakers are served as the query layer gives them."""

from __future__ import annotations

import csv
import io
from typing import Any

from onrecord.model import Article, Claim, Quote, Span


def _pair(span: Span | None) -> list[int] | None:
    return span.to_list() if span else None


def _said(
    kind: str, text: str, act: str, cue: str | None, cue_span: list[int] | None, content_spans: list[list[int]]
) -> dict[str, Any]:
    """What was said, as every quote shape gives it (`extract --jsonl`, CLI `--json`, the API)."""
    return {"kind": kind, "text": text, "act": act, "cue": cue, "cue_span": cue_span, "content_spans": content_spans}


def _mention(span: list[int] | None = None, words: str | None = None, kind: str | None = None) -> dict[str, Any]:
    """The words the text uses for the source, as every quote shape gives them: span, words, kind (null: none)."""
    return {"speaker_mention_span": span, "speaker_mention": words, "speaker_mention_kind": kind}


def figure_text(value: float, unit: str | None) -> str:
    """A claim's value as a reader writes it: 1500000 -> "1,500,000", 2.8 percent -> "2.8 percent"."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    return f"{number} {unit}" if unit else number


def claim_to_dict(claim: Claim, text: str) -> dict[str, Any]:
    """One figure of a quote in `extract --jsonl`: its words and span, value, unit, what it counts, total."""
    return {
        "text": claim.span.of(text),
        "span": claim.span.to_list(),
        "value": claim.value,
        "unit": claim.unit,
        "counts": claim.counts,
        "total": claim.total,
    }


def quote_to_dict(quote: Quote, text: str) -> dict[str, Any]:
    """One quote of `extract --jsonl`: `speaker` is a name or null (an unnamed source's words are in
    `speaker_mention`, as in the stored quote record)."""
    speaker, source = quote.speaker, quote.source
    content_spans = [s.to_list() for s in quote.content_spans]
    return {
        **_said(quote.kind, quote.text, quote.act, quote.cue, _pair(quote.cue_span), content_spans),
        "speaker": quote.named_speaker,
        "speaker_type": speaker.type if speaker else "unknown",
        "speaker_role": speaker.role if speaker else None,
        **(_mention(source.span.to_list(), source.text, source.kind) if source else _mention()),
        "claims": [claim_to_dict(claim, text) for claim in quote.claims],
        "topics": quote.topics,
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
        "quotes": [quote_to_dict(q, doc.text) for q in article.quotes],
    }


RECORD_FIELDS = ("speaker", "confidence", "statement_id", "topics")
"""What a stored quote adds to what was said: its linked speaker ({id, name, type, role}), confidence, statement,
topics."""
ARTICLE_REF_FIELDS = ("id", "doc_id", "title", "outlet", "published", "source_path", "story_id")


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quote (a `queries` row) as every interface gives it: `onrecord quotes --json`, `show --json`,
    `/api/quotes` and `/api/articles/{id}` (the source mention as its span, words and kind)."""
    mention, article = row["mention"], row["article"]
    spoken_as = _mention([mention["start"], mention["end"]], mention["text"], mention["kind"]) if mention else _mention()
    return {
        "id": row["id"],
        **_said(row["kind"], row["text"], row["act"], row["cue"], row["cue_span"], row["content_spans"]),
        **{key: row[key] for key in RECORD_FIELDS},
        "article": {key: article[key] for key in ARTICLE_REF_FIELDS},
        **spoken_as,
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
