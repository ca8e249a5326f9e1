"""JSON Lines -> Documents: one article per line, a bad line reported without stopping the rest.

A line holds `text` (taken exactly as given) or `html` (extracted like an HTML page; with
both, `text` is the article and `html` is kept as `raw`), and optionally `id`, `url`,
`title`, `published`, `outlet` and `byline`. Its hash is over the line's UTF-8 bytes
without the line break, so the same record hashes alike in any file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from onrecord.errors import ReadError
from onrecord.model import Document, content_sha256
from onrecord.read.constants import MAX_ID_CHARS, META_KEYS
from onrecord.read.html import extract_article

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_INT_DIGITS = 4_000
"""Python refuses to turn longer digit strings into integers (sys.get_int_max_str_digits(), 4,300)."""


def iter_jsonl(text: str, name: str, stem: str, repairs: tuple[str, ...] = ()) -> Iterator[Document | ReadError]:
    """A Document per non-blank line of a decoded JSONL file, or the ReadError of a bad line.

    `repairs` the file's decoding needed are reported once, with its first document.
    """
    pending = list(repairs)
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            doc = line_document(line, name, number, stem)
        except ReadError as exc:
            yield exc
            continue
        except Exception as exc:  # noqa: BLE001 - one hostile line must not end the file
            yield ReadError(f"{name}:{number}", f"cannot read the line ({type(exc).__name__}: {exc})")
            continue
        doc.warnings = [*pending, *doc.warnings]
        pending = []
        yield doc


def line_document(line: str, name: str, number: int, stem: str) -> Document:
    """The Document of line `number` of JSONL file `name`; ReadError naming `name:number` if it is bad."""
    where = f"{name}:{number}"
    record, warnings = _without_lone_surrogates(_parse(line, where))
    meta = {key: _string(record.get(key)) for key in META_KEYS}
    text, html = _field(record, "text", where), _field(record, "html", where)
    if text is None and html is None:
        raise ReadError(where, "no 'text' or 'html' field")
    if text is None:
        text, meta = _from_html(html or "", where, meta)
    if not text.strip():
        raise ReadError(where, "empty text")
    doc_id, id_warnings = _doc_id(record, f"{stem}:{number}")
    return Document(
        id=doc_id,
        text=text,
        source_path=name,
        sha256=content_sha256(line),
        format="jsonl",
        raw=html,
        line=number,
        meta=meta,
        warnings=warnings + id_warnings,
    )


def load_json(line: str) -> object:
    """A JSON value; an integer too long for Python (over 4,300 digits) stays its digits, as text."""
    return json.loads(line, parse_int=_integer)


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def _without_lone_surrogates(record: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """The record with lone surrogates (`"\\ud800"`: valid JSON, not text) in its string fields replaced by U+FFFD.

    Nothing can print or store such a string as UTF-8; a pair that makes one character is joined by
    the JSON parser and stays as it is.
    """
    count = 0
    repaired: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value, found = LONE_SURROGATE.subn("\ufffd", value)
            count += found
        repaired[key] = value
    return repaired, [f"{count} lone surrogate escape{'s' * (count != 1)} replaced by U+FFFD"] if count else []


def _doc_id(record: dict[str, object], default: str) -> tuple[str, list[str]]:
    """The line's `id` (else `default`), cut to MAX_ID_CHARS with a warning when longer."""
    given = _string(record.get("id"))
    if given is None:
        return default, []
    if len(given) <= MAX_ID_CHARS:
        return given, []
    return given[:MAX_ID_CHARS], [f"'id' of {len(given):,} characters cut to {MAX_ID_CHARS}"]


def _from_html(html: str, where: str, meta: dict[str, str | None]) -> tuple[str, dict[str, str | None]]:
    """Article text of a line's `html`, its metadata filling the fields the line leaves out."""
    if not html.strip():
        raise ReadError(where, "empty html")
    text, page_meta = extract_article(html, where, url=meta["url"])
    return text, {key: meta[key] or page_meta[key] for key in META_KEYS}


def _parse(line: str, where: str) -> dict[str, object]:
    """The JSON object a line holds."""
    try:
        record = load_json(line)
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ReadError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise ReadError(where, "not a JSON object")
    return record


def _field(record: dict[str, object], key: str, where: str) -> str | None:
    """A text field of a record: a string, or None when absent or null."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ReadError(where, f"'{key}' is not a string")


def _string(value: object) -> str | None:
    """A metadata value (string or number) as a non-empty string, or None."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    return text or None
