"""Bytes -> text: byte-order marks, UTF-8, declared and detected legacy encodings, rejections."""

from __future__ import annotations

import codecs

import pytest

from onrecord.errors import ReadError
from onrecord.read.decode import decode_bytes, decode_text, normalise_charset

CAFE = "Le café de la place est fermé depuis lundi, a dit le maire.\n"
QUOTES = "“We will rebuild the bridge,” the mayor said. It’s a promise – not a plan.\r\n"
CYRILLIC = "Министерство обороны заявило, что все беспилотники были сбиты над столицей.\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CAFE.encode("utf-8"), CAFE),
        (codecs.BOM_UTF8 + CAFE.encode("utf-8"), CAFE),
        (codecs.BOM_UTF16_LE + QUOTES.encode("utf-16-le"), QUOTES),
        (codecs.BOM_UTF16_BE + QUOTES.encode("utf-16-be"), QUOTES),
        (codecs.BOM_UTF32_LE + QUOTES.encode("utf-32-le"), QUOTES),
        (codecs.BOM_UTF32_BE + QUOTES.encode("utf-32-be"), QUOTES),
        (CAFE.encode("latin-1"), CAFE),
        ("café".encode("latin-1"), "café"),
        (QUOTES.encode("cp1252"), QUOTES),
        (CYRILLIC.encode("cp1251"), CYRILLIC),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom",
         "latin1", "latin1-short", "cp1252-quotes", "cp1251"],
)
def test_decode_reads_every_encoding(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "a.txt") == expected


@pytest.mark.parametrize("text", [QUOTES])
def test_decode_keeps_line_endings_and_drops_only_the_bom(text: str) -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt")
    assert decoded == text
    assert decoded.endswith("\r\n") and not decoded.startswith("\ufeff")


@pytest.mark.parametrize(
    ("text", "declared"),
    [("Новости: “Мост откроют в мае,” сказал мэр города Port Мирный на брифинге.", "windows-1251")],
)
def test_decode_honours_a_declared_charset(text: str, declared: str) -> None:
    assert decode_bytes(text.encode("cp1251"), "a.html", declared=declared) == text


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset"])
def test_decode_ignores_a_declared_charset_that_does_not_fit(declared: str) -> None:
    assert decode_bytes(QUOTES.encode("cp1252"), "a.html", declared=declared) == QUOTES


@pytest.mark.parametrize(
    ("label", "codec"),
    [("ISO-8859-1", "cp1252"), ("us-ascii", "cp1252"), ("UTF8", "utf-8"), ("windows-1251", "cp1251"), ("bogus", None),
     ("rot13", None), ("base64", None), ("hex", None), ("undefined", None), ("utf-7", None), ("unicode_escape", None),
     ("cp037", None), ("", None), ("utf-8\x00", None)],
)
def test_decode_normalises_charset_labels_like_a_browser(label: str, codec: str | None) -> None:
    assert normalise_charset(label) == codec


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n ", "empty file"),
        (codecs.BOM_UTF8 + b"  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (not text)"),
        (b"\x00".join([b"nul"] * 40), "binary file (not text)"),
        (bytes(range(1, 9)) * 20 + b"some text", "binary file (not text)"),
        (bytes(range(0x80, 0x100)) * 3, "binary file (not text)"),
        (codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8", "cannot decode text"),
    ],
    ids=["empty", "whitespace", "bom-whitespace", "png", "nul", "controls", "high-bytes", "bad-utf16"],
)
def test_decode_rejects_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode_bytes(data, "in.txt")
    assert caught.value.path == "in.txt"
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("text", ["Plain text.\fNew page after a form feed.\tTabbed.\n"])
def test_decode_accepts_ordinary_whitespace_controls(text: str) -> None:
    assert decode_bytes(text.encode("ascii"), "a.txt") == text


@pytest.mark.parametrize("declared", ["rot13", "base64", "hex", "undefined", "utf-7", "zlib", "no-such-charset"])
def test_decode_a_declared_codec_that_is_no_charset_is_ignored_not_fatal(declared: str) -> None:
    """Issue 13: <meta charset="rot13"> (also base64, hex, an undefined name) ended the batch with LookupError."""
    assert decode_bytes(QUOTES.encode("cp1252"), "a.html", declared=declared) == QUOTES


@pytest.mark.parametrize(
    ("data", "expected", "repair"),
    [
        (b"The mayor said the\x00 road was closed for repairs on Monday.\n",
         "The mayor said the road was closed for repairs on Monday.\n", "1 NUL byte removed"),
        (b"\x00Two\x00 stray bytes in a line of ordinary text that is long enough.",
         "Two stray bytes in a line of ordinary text that is long enough.", "2 NUL bytes removed"),
    ],
    ids=["one", "two"],
)
def test_decode_removes_stray_nul_bytes_and_says_so(data: bytes, expected: str, repair: str) -> None:
    """Issue 13: one stray NUL byte rejected a whole article as "binary"."""
    decoded = decode_text(data, "a.txt")
    assert (decoded.text, decoded.repairs) == (expected, (repair,))


@pytest.mark.parametrize(
    ("parts", "expected_repair"),
    [
        ([("“We will rebuild the bridge,” the mayor said.\n", "utf-8"), ("Le maire a dit que la route était fermée.\n", "latin-1")],
         "mixed encodings: 1 line not in UTF-8 read as cp1252"),
        ([("Le café est fermé.\n", "cp1252"), ("Mr Müller said “no”.\n", "utf-8"), ("Déjà vu, dit-il.\n", "cp1252")],
         "mixed encodings: 2 lines not in UTF-8 read as cp1252"),
    ],
    ids=["utf8-then-latin1", "latin1-around-utf8"],
)
def test_decode_reads_each_line_of_a_mixed_file_in_its_own_encoding(parts: list[tuple[str, str]], expected_repair: str) -> None:
    """Issue 13: a file mixing UTF-8 and Latin-1 was stored garbled ("â€œ") with no warning."""
    decoded = decode_text(b"".join(text.encode(encoding) for text, encoding in parts), "a.txt")
    assert decoded.text == "".join(text for text, _ in parts)
    assert decoded.repairs == (expected_repair,)


@pytest.mark.parametrize("text", [CAFE, QUOTES, CYRILLIC])
def test_decode_a_file_in_one_encoding_needs_no_repair(text: str) -> None:
    for encoding in ("utf-8", "cp1252" if text != CYRILLIC else "cp1251"):
        assert decode_text(text.encode(encoding), "a.txt").repairs == ()
