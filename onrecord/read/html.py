"""HTML pages -> article text and metadata, through trafilatura.

`Document.text` is the text trafilatura extracts (its JSON output's `text`: paragraphs and
headings one per line), and every offset downstream refers to that text; the page itself
is kept as `Document.raw`.

Truncated pages: a page cut off inside its <head> has no body to extract and is refused
("no article text found in HTML page"); a page cut off mid-body is read normally, keeping
whatever article text it does hold, because refusing it would lose real statements.
"""

from __future__ import annotations

import json

import lxml.etree
import lxml.html
import trafilatura

from onrecord.errors import ReadError
from onrecord.model import Document, content_sha256
from onrecord.read.constants import (
    HTML_PARSER_MAX_DEPTH,
    META_CHARSET,
    META_CHARSET_BYTES,
    META_KEYS,
    REASON_NO_HTML_TEXT,
    REASON_TOO_DEEP_HTML,
)
from onrecord.read.decode import Decoded, decode_text


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    match = META_CHARSET.search(data[:META_CHARSET_BYTES])
    return match.group(1).decode("ascii") if match else None


def decode_html(data: bytes, name: str) -> Decoded:
    """Decode a page's bytes, honouring its <meta charset> when they aren't UTF-8."""
    return decode_text(data, name, declared=declared_charset(data))


def extract_article(html: str, name: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Article text and metadata of a page; ReadError when it has no article text."""
    try:
        found = trafilatura.extract(
            html, url=url, output_format="json", with_metadata=True, include_comments=False
        )
    # A parser failure on one odd page must not end a batch of thousands: report it as that page's.
    except Exception as exc:  # noqa: BLE001
        raise ReadError(name, f"cannot parse HTML page ({type(exc).__name__}: {exc})") from None
    fields = json.loads(found) if found else {}
    text = fields.get("text") or ""
    if not text.strip():
        too_deep = _nested_too_deeply(html)
        raise ReadError(name, REASON_TOO_DEEP_HTML.format(depth=HTML_PARSER_MAX_DEPTH) if too_deep else REASON_NO_HTML_TEXT)
    return text, _page_meta(fields)


def _nested_too_deeply(html: str) -> bool:
    """Whether the HTML parser gave up on the page's nesting (and so dropped its deeper text).

    Asked only when a page yields no text, to name the real cause instead of "no article text".
    """
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        pass
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def html_document(data: bytes, name: str, doc_id: str) -> Document:
    """A Document for one HTML file's bytes."""
    decoded = decode_html(data, name)
    text, meta = extract_article(decoded.text, name)
    return Document(
        id=doc_id,
        text=text,
        source_path=name,
        sha256=content_sha256(data),
        format="html",
        raw=decoded.text,
        meta=meta,
        warnings=list(decoded.repairs),
    )


def _page_meta(fields: dict[str, object]) -> dict[str, str | None]:
    """Map trafilatura's JSON fields onto the metadata keys of `Document.meta`."""
    # trafilatura's JSON calls the site name "source-hostname" and the page address "source".
    picked = {
        "title": fields.get("title"),
        "published": fields.get("date"),
        "outlet": fields.get("source-hostname") or fields.get("hostname"),
        "byline": fields.get("author"),
        "url": fields.get("source"),
    }
    return {key: _clean(picked[key]) for key in META_KEYS}


def _clean(value: object) -> str | None:
    """A metadata value as a non-empty string, or None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
