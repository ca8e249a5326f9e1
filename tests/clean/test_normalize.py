"""normalize_for_analysis: same length, exotic spaces and quote marks folded, look-alikes only inside Latin words."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.clean import normalize_for_analysis
from onrecord.clean import patterns as P


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u00a0b\u2009c\u202fd\u3000e\u205ff\u2002g", "a b c d e f g"),
        ("“Yes,” „no“ «maybe» ‟x” 5″", '"Yes," "no" "maybe" "x" 5"'),
        ("‘Yes’ it’s ‚so‛ 5′", "'Yes' it's 'so' 5'"),
    ],
)
def test_normalize_folds_spaces_and_quotes(text: str, expected: str) -> None:
    assert normalize_for_analysis(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''It has the virtue,'' Leonard said.", '" It has the virtue, " Leonard said.'),
        ("voters,\u2019\u2019 Will Moy told the BBC", 'voters, " Will Moy told the BBC'),
        ("was ''taking a close look'' at", 'was " taking a close look " at'),
        ("a 12'' pipe and it's fine", "a 12'' pipe and it's fine"),
    ],
)
def test_normalize_reads_two_single_marks_as_one_double_mark(text: str, expected: str) -> None:
    """NYT copy in PolNeAR and AP copy write a double quotation mark as two single ones: one mark and one
    space, never two spaces side by side."""
    folded = normalize_for_analysis(text)
    assert folded == expected and len(folded) == len(text) and "  " not in folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Defense \u041cinistry said", "the Defense Ministry said"),
        ("P\u0435sk\u043ev told reporters", "Peskov told reporters"),
        ("\u039aremlin and NAT\u039f", "Kremlin and NATO"),
        ("T\u00fcrkiy\u0435", "T\u00fcrkiye"),
    ],
)
def test_normalize_latin_word_with_lookalike_becomes_latin(text: str, expected: str) -> None:
    assert normalize_for_analysis(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Москва заявила", "СМИ и МОСКВА", "Αθήνα και ΟΗΕ", "Μ", "Мoсква"],
)
def test_normalize_cyrillic_and_greek_words_stay(text: str) -> None:
    assert normalize_for_analysis(text) == text


@pytest.mark.parametrize("text", ["Kyiv — Moscow – Minsk…", "a-b ‐ c ‑ d ― e"])
def test_normalize_keeps_dashes_and_ellipsis(text: str) -> None:
    assert normalize_for_analysis(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\r\t",
        "plain ascii",
        "\ufeffBOM and zero\u200bwidth and soft\u00adhyphen",
        "emoji 👍🏽 and flags 🇺🇦 and e\u0301 combining",
        "\ud800 lone surrogate",
        "Мinistry’s «Кремль» \u00a0 ΚΑΙ x\u041c\u0418y",
        "\x00\x01\x7f\x80\ufffd",
        "العربية עברית 中文",
    ],
)
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize_for_analysis(text)) == len(text)


@pytest.mark.parametrize("table", [P.HOMOGLYPHS, {ch: " " for ch in P.EXOTIC_SPACES}])
def test_normalize_tables_map_one_char_to_one(table: dict[str, str]) -> None:
    assert all(len(k) == 1 and len(v) == 1 for k, v in table.items())


@pytest.mark.parametrize(("seed", "expected"), [("000", "Russian Defense Ministry")])
def test_normalize_seed_lookalike_folded(seed_paths: dict[str, Path], seed: str, expected: str) -> None:
    text = seed_paths[seed].read_text(encoding="utf-8")
    folded = normalize_for_analysis(text)
    assert expected not in text and expected in folded


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_normalize_seed_same_length_and_only_mapped_changes(seed_paths: dict[str, Path], seed: str) -> None:
    text = seed_paths[seed].read_text(encoding="utf-8")
    folded = normalize_for_analysis(text)
    assert len(folded) == len(text)
    mapped = set(P.HOMOGLYPHS) | set(P.EXOTIC_SPACES) | set(P.DOUBLE_QUOTES) | set(P.SINGLE_QUOTES)
    assert all(a == b or a in mapped for a, b in zip(text, folded))
