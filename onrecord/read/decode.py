"""Bytes -> text: byte-order marks, UTF-8, a declared charset, then detection; binary data refused.

The text is kept exactly as decoded (line endings included) because every offset of the
pipeline refers to it; only a leading byte-order mark is dropped. Two repairs are made, each
reported back (`Decoded.repairs`) so the caller can warn with the file's name: stray NUL bytes
are removed, and a file whose lines mix UTF-8 with a legacy encoding is read line by line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from onrecord.errors import ReadError
from onrecord.read.constants import (
    BINARY_CONTROL_SHARE,
    BOMS,
    CHARSET_ALIASES,
    DECLARABLE_CODECS,
    DETECTABLE_ENCODINGS,
    REASON_BINARY,
    REASON_EMPTY,
    REASON_UNDECODABLE,
    TEXT_CONTROLS,
    WESTERN_MAX_NON_ASCII_LETTERS,
)

UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
"""One well-formed UTF-8 sequence of two to four bytes (RFC 3629), the evidence that a line is UTF-8."""


@dataclass(frozen=True)
class Decoded:
    """An input's text and the repairs made to read it (empty when it decoded cleanly)."""

    text: str
    repairs: tuple[str, ...] = ()


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode an input's bytes; raise ReadError (empty, binary, undecodable) naming `name`."""
    return decode_text(data, name, declared).text


def decode_text(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode an input's bytes, repairing what can be repaired; ReadError naming `name` otherwise."""
    if not data.strip():
        raise ReadError(name, REASON_EMPTY)
    repairs: list[str] = []
    text = _decode_with_bom(data, name)
    if text is None:
        text = _decode_unmarked(data, declared, repairs)
    if text is None:
        binary = _control_share(data.decode("latin-1")) > BINARY_CONTROL_SHARE
        raise ReadError(name, REASON_BINARY if binary else REASON_UNDECODABLE)
    if _control_share(text) > BINARY_CONTROL_SHARE:
        raise ReadError(name, REASON_BINARY)
    text = _without_nul(text, repairs)
    if not text.strip():
        raise ReadError(name, REASON_EMPTY)
    return Decoded(text, tuple(repairs))


def normalise_charset(label: str) -> str | None:
    """The Python codec for a charset label, as a browser would read it; None if unknown or not a web charset.

    Python's codec registry also holds transforms ("rot13", "base64", "hex") and oddities
    ("undefined", "utf-7"); a page may declare any of them, and none is a web character set.
    """
    try:
        codec = codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None
    return CHARSET_ALIASES.get(codec, codec) if codec in DECLARABLE_CODECS else None


def _decode_with_bom(data: bytes, name: str) -> str | None:
    """Decode by byte-order mark, the mark itself dropped; None when there is no mark."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], encoding)
            if text is None:
                raise ReadError(name, REASON_UNDECODABLE)
            return text
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeError, LookupError):
        return None


def _decode_unmarked(data: bytes, declared: str | None, repairs: list[str]) -> str | None:
    """Decode bytes with no byte-order mark: UTF-8, mixed lines, the declared charset, cp1252, detection."""
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    mixed = _decode_mixed_lines(data, declared)
    if mixed is not None:
        text, legacy, count = mixed
        repairs.append(f"mixed encodings: {count} line{'s' * (count != 1)} not in UTF-8 read as {legacy}")
        return text
    return _decode_legacy(data, declared)


def _decode_legacy(data: bytes, declared: str | None) -> str | None:
    """Bytes in one legacy charset: the declared one, cp1252 for Western text, else the detected one."""
    encoding = _legacy_encoding(data, declared)
    return _try_decode(data, encoding) if encoding else None


def _legacy_encoding(data: bytes, declared: str | None) -> str | None:
    """The codec to read legacy (not UTF-8) bytes with; None when nothing fits."""
    encoding = normalise_charset(declared) if declared else None
    if encoding and _try_decode(data, encoding) is not None:
        return encoding
    if _is_western(data):
        return "cp1252"
    best = charset_normalizer.from_bytes(data, cp_isolation=list(DETECTABLE_ENCODINGS)).best()
    return best.encoding if best is not None else None


def _decode_mixed_lines(data: bytes, declared: str | None) -> tuple[str, str, int] | None:
    """(text, legacy encoding, lines in it) when some lines are UTF-8 with non-ASCII and others are not UTF-8.

    Concatenated scrapes mix a UTF-8 article with a Latin-1 footer: read as one legacy encoding,
    every UTF-8 letter becomes two or three wrong ones ("â€™"). A legacy text rarely holds a line
    whose every high byte happens to form well-formed UTF-8, so such a line is the evidence.
    """
    lines = data.splitlines(keepends=True)
    utf8 = [_try_decode(line, "utf-8") for line in lines]
    if not any(text is not None and UTF8_MULTIBYTE.search(line) for text, line in zip(utf8, lines)):
        return None
    foreign = b"".join(line for line, text in zip(lines, utf8) if text is None)
    encoding = _legacy_encoding(foreign, declared)
    if encoding is None:
        return None
    parts = [text if text is not None else line.decode(encoding, "replace") for line, text in zip(lines, utf8)]
    return "".join(parts), encoding, sum(text is None for text in utf8)


def _is_western(data: bytes) -> bool:
    """Whether cp1252 reads the bytes as mostly-ASCII text with sporadic accents or curly quotes."""
    text = _try_decode(data, "cp1252")
    letters = [c for c in text if c.isalpha()] if text else []
    if not letters:
        return False
    non_ascii = sum(1 for c in letters if not c.isascii())
    return non_ascii / len(letters) <= WESTERN_MAX_NON_ASCII_LETTERS


def _without_nul(text: str, repairs: list[str]) -> str:
    """The text with stray NUL characters removed (a share too small to make it binary), noted in `repairs`."""
    count = text.count("\x00")
    if not count:
        return text
    repairs.append(f"{count} NUL byte{'s' * (count != 1)} removed")
    return text.replace("\x00", "")


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than ordinary whitespace."""
    if not text:
        return 0.0
    controls = sum(1 for c in text if (c < " " or "\x7f" <= c <= "\x9f") and c not in TEXT_CONTROLS)
    return controls / len(text)
