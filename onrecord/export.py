"""The fixed JSON shape of `onrecord extract --jsonl`, which other tools read."""

from __future__ import annotations

from typing import Any

from onrecord.model import Article, Quote, Span


def _pair(span: Span | None) -> list[int] | None:
    return span.to_list() if span else None


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "kind": quote.kind,
        "text": quote.text,
        "content_spans": [s.to_list() for s in quote.content_spans],
        "cue": quote.cue,
        "cue_span": _pair(quote.cue_span),
        "speaker": speaker.name if speaker else None,
        "speaker_type": speaker.type if speaker else "unknown",
        "speaker_role": speaker.role if speaker else None,
        "speaker_mention_span": _pair(quote.source.span if quote.source else None),
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
        "body_spans": [s.to_list() for s in article.body_spans],
        "quotes": [quote_to_dict(q) for q in article.quotes],
    }
