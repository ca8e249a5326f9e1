"""Bytes -> text: byte-order marks, UTF-8, a declared charset, then detection; binary data refused.

The text is kept exactly as decoded (line endings included) because every offset of the
pipeline refers to it; only a leading byte-order mark is dropped.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from onrecord.errors import ReadError
from onrecord.read.constants import (
    BINARY_CONTROL_SHARE,
    BOMS,
    CHARSET_ALIASES,
    DETECTABLE_ENCODINGS,
    REASON_BINARY,
    REASON_EMPTY,
    REASON_UNDECODABLE,
    TEXT_CONTROLS,
    WESTERN_MAX_NON_ASCII_LETTERS,
)


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode an input's bytes; raise ReadError (empty, binary, undecodable) naming `name`."""
    if not data.strip():
        raise ReadError(name, REASON_EMPTY)
    text = _decode_with_bom(data, name)
    if text is None:
        if b"\x00" in data:
            raise ReadError(name, REASON_BINARY)
        text = _decode_unmarked(data, declared)
    if text is None:
        binary = _control_share(data.decode("latin-1")) > BINARY_CONTROL_SHARE
        raise ReadError(name, REASON_BINARY if binary else REASON_UNDECODABLE)
    if _control_share(text) > BINARY_CONTROL_SHARE:
        raise ReadError(name, REASON_BINARY)
    if not text.strip():
        raise ReadError(name, REASON_EMPTY)
    return text


def normalise_charset(label: str) -> str | None:
    """The Python codec for a charset label, as a browser would read it; None if unknown."""
    try:
        codec = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return CHARSET_ALIASES.get(codec, codec)


def _decode_with_bom(data: bytes, name: str) -> str | None:
    """Decode by byte-order mark, the mark itself dropped; None when there is no mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(name, REASON_UNDECODABLE) from None
    return None


def _decode_unmarked(data: bytes, declared: str | None) -> str | None:
    """Decode bytes with no byte-order mark: UTF-8, the declared charset, cp1252, detection."""
    for encoding in ("utf-8", normalise_charset(declared) if declared else None):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    return _decode_western(data) or _decode_detected(data)


def _decode_western(data: bytes) -> str | None:
    """The cp1252 reading of mostly-ASCII text with sporadic accents or curly quotes."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for c in letters if not c.isascii())
    return text if non_ascii / len(letters) <= WESTERN_MAX_NON_ASCII_LETTERS else None


def _decode_detected(data: bytes) -> str | None:
    """The reading charset-normalizer finds most plausible, or None."""
    best = charset_normalizer.from_bytes(data, cp_isolation=list(DETECTABLE_ENCODINGS)).best()
    return str(best) if best is not None else None


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than ordinary whitespace."""
    if not text:
        return 0.0
    controls = sum(1 for c in text if (c < " " or "\x7f" <= c <= "\x9f") and c not in TEXT_CONTROLS)
    return controls / len(text)
