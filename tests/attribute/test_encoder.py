"""The tagger's transformer encoder: word pieces as BERT cuts them, windows, pooling, and its numpy forward pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from onrecord.attribute.encoder import MAX_PIECES, WIDTH, basic_words, doc_pieces, piece_vocab, pool_tokens, token_pieces, windows
from onrecord.attribute.tagger import get_tagger

GOLDEN = Path(__file__).parent / "golden" / "encoder_states.npz"


def _pieces(text: str) -> list[str]:
    names = {i: p for p, i in piece_vocab().items()}
    return [names[i] for i in token_pieces(text)]


def test_words_are_lowered_stripped_of_accents_and_split_at_punctuation() -> None:
    assert basic_words("Élysée") == ["elysee"]
    assert basic_words("didn't") == ["didn", "'", "t"]
    assert basic_words("U.S.-backed") == ["u", ".", "s", ".", "-", "backed"]
    assert basic_words("“peacekeepers”") == ["“", "peacekeepers", "”"]
    assert basic_words("a\u200bb\x00") == ["ab"], "format and control characters are dropped"
    assert basic_words("\u00a0 \n") == []


def test_word_pieces_take_the_longest_known_prefix_first() -> None:
    assert _pieces("unaffordable") == ["una", "##ff", "##ord", "##able"]
    assert _pieces("said") == ["said"]
    assert _pieces("x" * 101) == ["[UNK]"], "an overlong word is one unknown piece"
    assert _pieces("\u00a0") == [], "whitespace has no pieces"


def test_each_piece_knows_its_token() -> None:
    doc = spacy.blank("en")("Peskov said \u00a0 it")
    ids, owner = doc_pieces(doc)
    assert len(ids) == len(owner)
    assert sorted(set(owner.tolist())) == [t.i for t in doc if t.text.strip()]
    assert owner.tolist() == sorted(owner.tolist())


def test_long_paragraphs_are_read_in_windows() -> None:
    assert windows(0) == [(0, 0)]
    assert windows(MAX_PIECES) == [(0, MAX_PIECES)]
    assert windows(2 * MAX_PIECES + 7) == [(0, MAX_PIECES), (MAX_PIECES, 2 * MAX_PIECES), (2 * MAX_PIECES, 2 * MAX_PIECES + 7)]


def test_a_token_gets_the_mean_of_its_pieces_and_a_pieceless_token_zeros() -> None:
    states = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)
    pooled = pool_tokens(states, np.array([0, 0, 2]), 3)
    assert pooled.tolist() == [[2.0, 3.0], [0.0, 0.0], [5.0, 6.0]]


@pytest.mark.slow
def test_numpy_encoder_matches_the_torch_twin_it_was_trained_as() -> None:
    """The golden states were written by scripts/train_encoder.py's torch model from the shipped weights."""
    tagger = get_tagger()
    assert tagger is not None and tagger.encoder is not None
    with np.load(GOLDEN, allow_pickle=False) as golden:
        text, expected = str(golden["text"]), golden["states"]
    doc = spacy.blank("en")(text)
    states = tagger.encoder.token_states(doc)
    assert states.shape == (len(doc), WIDTH)
    assert np.allclose(states, expected, atol=2e-3), float(np.abs(states - expected).max())


@pytest.mark.slow
def test_a_paragraph_longer_than_one_window_gets_a_state_for_every_token() -> None:
    tagger = get_tagger()
    doc = spacy.blank("en")(" ".join(["The minister said the harbour would reopen."] * 90))
    assert len(doc_pieces(doc)[0]) > MAX_PIECES
    states = tagger.encoder.token_states(doc)
    assert states.shape == (len(doc), WIDTH)
    assert np.isfinite(states).all() and (np.abs(states).sum(1) > 0).all()
