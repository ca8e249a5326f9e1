"""Data only: limits, suffixes, byte-order marks, encoding hints and rejection reasons of the reader."""

from __future__ import annotations

import codecs
import re

DEFAULT_MAX_BYTES = 5_000_000
MAX_BYTES_CEILING = 1_000_000_000
"""The largest --max-bytes accepted: a file is read whole into memory (and decoded: two to four times
its size), so a larger one is refused as an option error rather than by running out of memory."""

TXT_SUFFIXES: frozenset[str] = frozenset({".txt"})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
JSONL_SUFFIXES: frozenset[str] = frozenset({".jsonl"})
SUPPORTED_SUFFIXES: frozenset[str] = TXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
EXPECTED_SUFFIXES = ".txt, .html, .htm or .jsonl"

STDIN_ARG = "-"
STDIN_ID = "stdin"
STDIN_NAME = "<stdin>"

# UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers (WHATWG Encoding standard) read these labels as windows-1252; so do we,
# so that curly quotes declared as "iso-8859-1" don't turn into C1 control characters.
CHARSET_ALIASES: dict[str, str] = {"iso8859-1": "cp1252", "ascii": "cp1252"}

# The character sets of the WHATWG Encoding standard that Python has, by Python codec name. A page
# may declare any label Python's registry knows ("rot13", "base64", "undefined", "utf-7"): only
# these are read as its charset; anything else is ignored as if undeclared.
DECLARABLE_CODECS: frozenset[str] = frozenset({
    "ascii", "big5", "big5hkscs", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258", "cp866", "cp874", "cp932", "cp949", "euc_jp", "euc_kr", "gb18030", "gb2312", "gbk",
    "iso2022_jp", "iso8859-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
    "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
    "mac-cyrillic", "mac-roman", "shift_jis", "utf-8",
})

# Encodings charset-normalizer may choose from. Left out: DOS and Mac code pages and
# BOM-less UTF-16/32, which it picks for short Western text (cp852 for cp1252 quotes).
DETECTABLE_ENCODINGS: tuple[str, ...] = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_15",
    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)

# A text whose letters decode under cp1252 as at most this share of non-ASCII letters is
# Western (French has ~4% accented letters); above it (cp1251 Cyrillic decodes to ~100%
# "Ìèíèñ..."), charset-normalizer decides. cp1252 is the WHATWG default for unlabelled text.
WESTERN_MAX_NON_ASCII_LETTERS = 0.25

# Share of control characters above which an input is taken for binary data; text has
# almost none (tabs, newlines and form feeds don't count), random bytes about 11%.
BINARY_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset("\t\n\r\f\v")

HTML_SNIFF_CHARS = 1024
HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"<(html|head|body)[\s>]", re.IGNORECASE)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
META_CHARSET_BYTES = 4096

MAX_ID_CHARS = 200
"""A document id longer than this (a JSONL `id`) is cut: ids are shown in lists and URLs, not read."""

META_KEYS: tuple[str, ...] = ("title", "published", "outlet", "byline", "url")
JSONL_TEXT_FIELDS: tuple[str, ...] = ("text", "html")

REASON_EMPTY = "empty file"
REASON_BINARY = "binary file (not text)"
REASON_UNDECODABLE = "cannot decode text (tried utf-8 and detected encodings)"
REASON_MISSING = "no such file or directory"
REASON_NOT_REGULAR = "not a regular file (a pipe, a device or a socket)"
REASON_NO_HTML_TEXT = "no article text found in HTML page"
REASON_TOO_DEEP_HTML = "HTML nested too deeply to parse (more than {depth} levels of elements)"
HTML_PARSER_MAX_DEPTH = 256
"""libxml2's limit on element nesting: deeper elements are dropped, so their text is lost."""
REASON_EMPTY_DIR = f"no {EXPECTED_SUFFIXES} files in directory"
