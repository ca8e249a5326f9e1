"""Hypothesis strategies for hostile input: texts, encodings, JSON and HTML structures, file names.

Built from pieces of attributions ("X said ...") so that the pipeline finds quotes in much of what
is generated, mixed with what an attacker or a broken scraper sends: deep nesting, charsets that
are no charsets, stray NUL bytes, lines in two encodings, names that are not UTF-8.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def reproducible(max_examples: int) -> settings:
    """Derandomized, no example database, no deadline: a CI failure reproduces, and the run is bounded."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


WORDS = ["the", "talks", "were", "useful", "Kremlin", "that", "on", "Monday", "caf\u00e9", "\u00a0", "\u2014", "'", ",",
         ".", "(", ")", "&amp;", "<p>", "\u201c", '"', "\n", "said", "he"]
PEOPLE = st.sampled_from(
    ["Dmitry Peskov", "Kremlin spokesman Peskov", "He", "they", "Mayor Jos\u00e9 N\u00fa\u00f1ez", "a source", ""]
)
PHRASES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=16).map(" ".join)
SENTENCES = st.one_of(
    st.builds('{} said: "{}."'.format, PEOPLE, PHRASES),
    st.builds('\u201c{},\u201d {} told reporters.'.format, PHRASES, PEOPLE),
    st.builds("{} added that {}.".format, PEOPLE, PHRASES),
    st.builds("According to {}, {}.".format, PEOPLE, PHRASES),
    st.text(max_size=80),
)
TEXTS = st.one_of(st.lists(SENTENCES, min_size=1, max_size=8).map(" ".join),
                  st.lists(SENTENCES, min_size=1, max_size=8).map("\n\n".join), st.text(max_size=300))
PAGES = TEXTS.map(
    lambda text: f"<html><head><title>{text[:40]}</title></head><body><article><p>{text}</p></article></body></html>"
)

ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251", "koi8-r", "shift_jis", "gb18030"]
)
CHARSET_LABELS = st.one_of(
    st.sampled_from(["utf-8", "windows-1251", "rot13", "base64", "hex", "zlib", "undefined", "utf-7", "unicode_escape",
                     "x-user-defined", "", "utf-16"]),
    st.text(max_size=20),
)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def _with_nuls(data: bytes, places: list[int]) -> bytes:
    """`data` with a NUL byte at each place (taken modulo its length)."""
    out = bytearray(data)
    for place in sorted({p % (len(out) + 1) for p in places}, reverse=True):
        out[place:place] = b"\x00"
    return bytes(out)


ENCODED_TEXTS = st.one_of(
    st.builds(_encode, TEXTS, ENCODINGS),
    st.builds(_with_nuls, TEXTS.map(str.encode), st.lists(st.integers(0, 10_000), max_size=4)),
    st.lists(st.tuples(TEXTS, ENCODINGS), min_size=2, max_size=4).map(
        lambda parts: b"\n".join(_encode(text, encoding) for text, encoding in parts)
    ),
)
"""Article bytes in one encoding, with stray NULs, or with lines in several encodings."""

def _with_lone_surrogate(text: str, code: int) -> str:
    """A JSON line whose text holds the escape of a lone surrogate: valid JSON, not valid text."""
    return json.dumps({"text": text})[: -len('"}')] + f'\\u{code:04x}"}}'


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40) | TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
NESTED_JSON = st.integers(1, 4_000).map(lambda depth: "[" * depth + "]" * depth)
RECORD_KEYS = st.sampled_from(["text", "html", "id", "title", "published", "outlet", "byline", "url"]) | st.text(max_size=8)
RECORDS = st.one_of(
    st.builds(lambda text, outlet: json.dumps({"text": text, "outlet": outlet}), TEXTS, st.none() | st.text(max_size=20)),
    st.builds(lambda page: json.dumps({"html": page}), PAGES),
    st.dictionaries(RECORD_KEYS, JSON_VALUES, max_size=6).map(json.dumps),
    st.builds(lambda nested, text: f'{{"text": {json.dumps(text)}, "extra": {nested}}}', NESTED_JSON, TEXTS),
    st.builds(lambda text: json.dumps({"id": "x" * 5_000, "text": text}), TEXTS),
    st.builds(_with_lone_surrogate, TEXTS, st.integers(0xD800, 0xDFFF)),
    st.builds(lambda text, digits: f'{{"text": {json.dumps(text)}, "n": {"9" * digits}}}', TEXTS, st.integers(4_000, 6_000)),
    st.text(max_size=60),
)
JSONL = st.lists(RECORDS, min_size=1, max_size=4).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\u2028"]).map(lambda sep: sep.join(lines).encode())
)

TAGS = st.sampled_from(["div", "p", "article", "span", "script", "style", "h1", "table", "tr", "td", "li", "a", "main"])
HTML_NODES = st.recursive(
    TEXTS.map(lambda text: text.replace("<", "&lt;")),
    lambda inner: st.builds(lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>", TAGS, st.lists(inner, max_size=3)),
    max_leaves=10,
)
HTML_PAGES = st.one_of(
    PAGES,
    st.builds(
        lambda charset, title, body: (
            f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>{body}</body></html>'
        ),
        CHARSET_LABELS, st.text(max_size=30), HTML_NODES,
    ),
    st.builds(lambda depth, text: "<html><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth, st.integers(1, 3_000), TEXTS),
    st.builds(lambda page, cut: page[:cut], PAGES, st.integers(0, 200)),
)
HTML_BYTES = st.one_of(HTML_PAGES.map(str.encode), st.builds(_encode, HTML_PAGES, ENCODINGS))

CONTENTS = st.one_of(ENCODED_TEXTS, HTML_BYTES, JSONL, st.binary(max_size=600))
"""Whatever a file may hold: any of the above, or plain random bytes."""

SUFFIXES = st.sampled_from([b".txt", b".html", b".htm", b".jsonl", b".TXT", b".Html", b""])
NAME_STEMS = st.binary(min_size=1, max_size=300).filter(lambda b: b"/" not in b and b"\x00" not in b)
FILE_NAMES = st.builds(lambda stem, suffix: stem + suffix, NAME_STEMS, SUFFIXES).filter(lambda b: b not in (b".", b".."))
"""File names as the file system has them: bytes, maybe not UTF-8, with newlines, maybe too long."""
