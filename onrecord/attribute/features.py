"""Token features for the learned attribution tagger: what each token is, and where it sits relative to a cue.

The same functions feed training (scripts/train_tagger.py) and inference (attribute/tagger.py), so the
model always sees features computed the same way. Categorical features are small integers (indices
into a vocabulary stored with the weights, 0 = unknown); the rest are floats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, IDX, IS_PUNCT, IS_TITLE, IS_UPPER, LEMMA, LENGTH, LIKE_NUM, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from onrecord.attribute.cues import cue_lemmas
from onrecord.attribute.marks import Quoted
from onrecord.attribute.mentions import Para

HASH_BUCKETS = 8192
"""Word and lemma hashes are folded into this many embedding rows."""
CATEGORIES = ("pos", "tag", "dep", "ent")
"""Categorical token attributes whose label lists are stored with the weights."""
REL_CLIP = 12
"""Token distance to the cue is exact up to this many tokens, then bucketed as "far"."""
SENT_CLIP = 2
"""Sentence distance to the cue is exact up to this many sentences."""
BASE_INTS = ("lower", "lemma", "pos", "tag", "dep", "ent", "quote")
CUE_INTS = ("rel", "branch", "sent", "cue_lemma")
BASE_FLOATS = 6
CUE_FLOATS = 4
QUOTE_STATES = 4
"""0 outside quotation marks, 1 inside, 2 an opening mark, 3 a closing mark."""


@dataclass
class Vocab:
    """Label lists of the categorical attributes, index 0 kept for labels the model never saw."""

    labels: dict[str, list[str]]

    def __post_init__(self) -> None:
        self._index = {name: {lab: i + 1 for i, lab in enumerate(labs)} for name, labs in self.labels.items()}
        self.branch_index = {lab: i + 1 for i, lab in enumerate(self.branch_labels)}

    def index(self, name: str, label: str) -> int:
        return self._index[name].get(label, 0)

    def size(self, name: str) -> int:
        return len(self.labels[name]) + 1

    @property
    def branch_labels(self) -> list[str]:
        """Where a token sits relative to the cue's head: one of its dependents' labels, or a position word."""
        return ["CUE", "ANCESTOR", "OUTSIDE", *self.labels["dep"]]

    def int_sizes(self, with_cue: bool) -> list[int]:
        sizes = [HASH_BUCKETS, HASH_BUCKETS, *(self.size(c) for c in CATEGORIES), QUOTE_STATES]
        if with_cue:
            sizes += [2 * REL_CLIP + 3, len(self.branch_labels) + 1, 2 * SENT_CLIP + 1, HASH_BUCKETS]
        return sizes


@dataclass
class Tokens:
    """One paragraph's base features: ints (n, len(BASE_INTS)), floats (n, BASE_FLOATS + tensor width)."""

    ints: np.ndarray
    floats: np.ndarray
    sent: np.ndarray


def _quote_states(para: Para, quotes: list[Quoted]) -> np.ndarray:
    starts = para.base + para.doc.to_array([IDX]).astype(np.int64).reshape(len(para.doc))
    states = np.zeros(len(para.doc), dtype=np.int64)
    for q in quotes:
        states[(starts >= q.inner_start) & (starts < q.inner_end)] = 1
        states[starts == q.start] = 2
        if q.closed:
            states[starts == q.end - 1] = 3
    return states


def _categories(doc: Doc, vocab: Vocab) -> np.ndarray:
    arr = doc.to_array([POS, TAG, DEP, ENT_TYPE])
    strings = doc.vocab.strings
    cols = []
    for j, name in enumerate(CATEGORIES):
        lookup = {h: vocab.index(name, strings[int(h)]) for h in set(arr[:, j].tolist())}
        cols.append([lookup[int(h)] for h in arr[:, j]])
    return np.array(cols, dtype=np.int64).T.reshape(len(doc), len(CATEGORIES))


def _flags(doc: Doc) -> np.ndarray:
    lemmas = doc.to_array([LEMMA]).reshape(len(doc)).tolist()
    arr = doc.to_array([IS_PUNCT, IS_TITLE, IS_UPPER, LIKE_NUM, SENT_START, LENGTH]).astype(np.int64)
    cues, strings = cue_lemmas(), doc.vocab.strings
    is_cue = {h: strings[h].lower() in cues for h in set(lemmas)}
    flags = np.stack(
        [arr[:, 0], arr[:, 1], arr[:, 2] * (arr[:, 5] > 1), arr[:, 3], arr[:, 4] == 1, [is_cue[h] for h in lemmas]],
        axis=1,
    ).astype(np.float32)
    if len(doc):
        flags[0, 4] = 1.0
    return flags.reshape(len(doc), BASE_FLOATS)


def token_features(para: Para, quotes: list[Quoted], vocab: Vocab) -> Tokens:
    """Base features of every token in a parsed paragraph."""
    doc = para.doc
    hashes = doc.to_array([LOWER, LEMMA]).astype(np.uint64) % np.uint64(HASH_BUCKETS)
    ints = np.concatenate(
        [hashes.astype(np.int64).reshape(len(doc), 2), _categories(doc, vocab), _quote_states(para, quotes)[:, None]],
        axis=1,
    )
    tensor = doc.tensor if doc.tensor.shape[0] == len(doc) else np.zeros((len(doc), 0), dtype=np.float32)
    floats = np.concatenate([_flags(doc), tensor.astype(np.float32)], axis=1)
    sent = np.zeros(len(doc), dtype=np.int64)
    for k, s in enumerate(doc.sents):
        sent[s.start : s.end] = k
    return Tokens(ints, floats, sent)


def run_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose syntactic head lies outside it ("according" in "according to")."""
    for tok in doc[start:end]:
        if not start <= tok.head.i < end or tok.head.i == tok.i:
            return tok
    return doc[start]


def _branches(head: Token, start: int, end: int, vocab: Vocab) -> np.ndarray:
    """For each token, the label of the cue head's dependent whose subtree holds it (or CUE / ANCESTOR / OUTSIDE)."""
    labels = vocab.branch_index
    doc = head.doc
    out = np.full(len(doc), labels["OUTSIDE"], dtype=np.int64)
    for anc in head.ancestors:
        out[anc.i] = labels["ANCESTOR"]
    for child in head.children:
        label = labels.get(child.dep_, 0)
        for tok in child.subtree:
            out[tok.i] = label
    out[start:end] = labels["CUE"]
    return out


def cue_features(doc: Doc, base: Tokens, start: int, end: int, vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """Features of every token relative to the cue on tokens [start, end): distance, branch, sentence."""
    n = len(doc)
    head = run_head(doc, start, end)
    idx = np.arange(n)
    rel = np.where(idx < start, idx - start, np.where(idx >= end, idx - end + 1, 0))
    rel_bucket = np.clip(rel, -REL_CLIP - 1, REL_CLIP + 1) + REL_CLIP + 1
    sent_delta = np.clip(base.sent - base.sent[head.i], -SENT_CLIP, SENT_CLIP) + SENT_CLIP
    lemma = np.full(n, base.ints[head.i, 1], dtype=np.int64)
    ints = np.stack([rel_bucket, _branches(head, start, end, vocab), sent_delta, lemma], axis=1)
    subtree = np.zeros(n, dtype=np.float32)
    subtree[[t.i for t in head.subtree]] = 1.0
    ancestor = np.zeros(n, dtype=np.float32)
    ancestor[[t.i for t in head.ancestors]] = 1.0
    is_cue = ((idx >= start) & (idx < end)).astype(np.float32)
    same = (base.sent == base.sent[head.i]).astype(np.float32)
    return ints, np.stack([is_cue, subtree, ancestor, same], axis=1)
