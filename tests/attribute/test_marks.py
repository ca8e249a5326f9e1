from __future__ import annotations

from onrecord.attribute.marks import find_quotes, fold_quotes


def inner(text: str) -> list[str]:
    folded = fold_quotes(text)
    return [folded[q.inner_start : q.inner_end] for q in find_quotes(folded)]


def test_every_double_glyph_pairs_into_quotes() -> None:
    assert inner("“One,” he said, «two», and \"three\".") == ["One,", "two", "three"]


def test_mismatched_opening_mark_still_pairs() -> None:
    assert inner("”We will not stop,” the minister said.") == ["We will not stop,"]


def test_single_quotes_pair_but_apostrophes_do_not() -> None:
    assert inner("The mayor's aide said 'we're ready' and left. It's the city's plan.") == ["we're ready"]


def test_unclosed_quote_runs_to_the_paragraph_end() -> None:
    quotes = find_quotes(fold_quotes('She said: "We will rebuild the bridge by May.'))
    assert len(quotes) == 1 and not quotes[0].closed


def test_folding_keeps_length() -> None:
    text = "«Да» ‘ok’ “fine” \u00a0"
    assert len(fold_quotes(text)) == len(text)


def test_offsets_shift_by_base() -> None:
    (q,) = find_quotes('x "yes" y', base=100)
    assert (q.start, q.end) == (102, 107)
