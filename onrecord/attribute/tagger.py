"""The learned attribution tagger: finds cues, then, for each cue, its source and content tokens.

Two small convolutional taggers trained on PolNeAR train (scripts/train_tagger.py) and run here
in plain numpy, so the package needs no deep-learning framework at run time:

    cue model   paragraph tokens -> O / B / I of cue words
    role model  paragraph tokens + their place relative to one cue -> O / source / content

Both read the features of attribute/features.py. The weights and label lists ship in
attribute/data/tagger.npz, with the data, command and scores they were trained to in its "meta".
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc

from onrecord.attribute.features import Tokens, Vocab, cue_features
from onrecord.threads import limit_native_threads

WEIGHTS = "tagger.npz"
CUE_TAGS = ("O", "B", "I")
ROLE_TAGS = ("O", "B-S", "I-S", "B-C", "I-C")
Run = tuple[int, int]


@dataclass
class Net:
    """Weights of one tagger: embeddings, input layer, residual dilated convolutions, output layer."""

    embeddings: list[np.ndarray]
    w_in: np.ndarray
    b_in: np.ndarray
    convs: list[tuple[np.ndarray, np.ndarray, int]]
    w_out: np.ndarray
    b_out: np.ndarray

    @classmethod
    def from_arrays(cls, arrays: Any, prefix: str, dilations: list[int]) -> Net:
        n_emb = sum(1 for k in arrays.files if k.startswith(f"{prefix}.emb."))
        return cls(
            embeddings=[arrays[f"{prefix}.emb.{k}"] for k in range(n_emb)],
            w_in=arrays[f"{prefix}.in.w"],
            b_in=arrays[f"{prefix}.in.b"],
            convs=[(arrays[f"{prefix}.conv.{k}.w"], arrays[f"{prefix}.conv.{k}.b"], d) for k, d in enumerate(dilations)],
            w_out=arrays[f"{prefix}.out.w"],
            b_out=arrays[f"{prefix}.out.b"],
        )

    def __post_init__(self) -> None:
        # The input layer over [embeddings..., floats] is folded into one projection table per
        # embedding (looked up, not multiplied) and a matrix for the floats; each convolution's
        # three taps sit side by side in one matrix, so a layer is one product whose three column
        # blocks are then added shifted by the dilation. Same function, fewer and smaller steps.
        widths = np.cumsum([0, *(t.shape[1] for t in self.embeddings)])
        self._tables = [
            t @ self.w_in[:, a:b].T for t, a, b in zip(self.embeddings, widths[:-1], widths[1:], strict=True)
        ]
        self._w_floats = np.ascontiguousarray(self.w_in[:, widths[-1] :].T)
        self._taps = [(np.concatenate([w[:, :, k].T for k in range(3)], axis=1), b, d) for w, b, d in self.convs]

    def partial_input(self, ints: np.ndarray, floats: np.ndarray, first_int: int = 0, first_float: int = 0) -> np.ndarray:
        """The input layer's sum over some columns: ints from `first_int`, floats from `first_float` on."""
        out = floats @ self._w_floats[first_float : first_float + floats.shape[-1]]
        for k in range(ints.shape[-1]):
            out = out + self._tables[first_int + k][ints[..., k]]
        return out

    def from_input(self, pre: np.ndarray) -> np.ndarray:
        """Tag scores from the input layer's sum over all columns (bias not yet added)."""
        h = np.maximum(pre + self.b_in, 0.0)
        *lead, n, width = h.shape
        for taps, b, d in self._taps:
            taps_out = (h.reshape(-1, width) @ taps).reshape(*lead, n, 3 * width)
            out = taps_out[..., width : 2 * width] + b
            if d < n:
                out[..., d:, :] += taps_out[..., : n - d, :width]
                out[..., : n - d, :] += taps_out[..., d:, 2 * width :]
            h = h + np.maximum(out, 0.0)
        return h @ self.w_out.T + self.b_out

    def logits(self, ints: np.ndarray, floats: np.ndarray) -> np.ndarray:
        """Tag scores for tokens (..., n) given ints (..., n, k) and floats (..., n, f)."""
        return self.from_input(self.partial_input(ints, floats))


def runs(tags: np.ndarray, begin: int, inside: int) -> list[Run]:
    """Token runs [start, end) tagged begin-then-inside; an inside tag with no begin before it opens a run."""
    found: list[Run] = []
    start = None
    for i, tag in enumerate(tags.tolist()):
        if tag == begin or (tag == inside and start is None):
            if start is not None:
                found.append((start, i))
            start = i
        elif tag != inside and start is not None:
            found.append((start, i))
            start = None
    if start is not None:
        found.append((start, len(tags)))
    return found


def cue_runs(probs: np.ndarray) -> list[Run]:
    """Cue word runs from cue-tag probabilities: each token's likeliest tag."""
    return runs(probs.argmax(-1), CUE_TAGS.index("B"), CUE_TAGS.index("I")) if len(probs) else []


@dataclass
class Roles:
    """What the role model gives one cue: its source runs and content runs (token ranges)."""

    cue: Run
    sources: list[Run]
    contents: list[Run]
    probs: np.ndarray | None = None
    """The averaged role-tag probabilities of the paragraph's tokens for this cue (tokens x ROLE_TAGS)."""


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


@dataclass
class Tagger:
    """One or more trained (cue model, role model) pairs; with several, their tag probabilities are averaged."""

    vocab: Vocab
    cue_nets: list[Net]
    role_nets: list[Net]
    meta: dict[str, Any]

    def cues(self, base: Tokens) -> list[Run]:
        """Cue word runs of one paragraph."""
        return cue_runs(self.cue_probs(base))

    def cue_probs(self, base: Tokens) -> np.ndarray:
        """The members' averaged cue-tag probabilities of each token of one paragraph (tokens x CUE_TAGS)."""
        if not len(base.ints):
            return np.zeros((0, len(CUE_TAGS)))
        return sum(softmax(net.logits(base.ints, base.floats)) for net in self.cue_nets) / len(self.cue_nets)

    def roles(self, doc: Doc, base: Tokens, cues: list[Run]) -> list[Roles]:
        """Source and content runs for each cue, all cues of the paragraph in one batch."""
        if not cues:
            return []
        cue_parts = [cue_features(doc, base, start, end, self.vocab) for start, end in cues]
        ints = np.stack([c_ints for c_ints, _ in cue_parts])
        floats = np.stack([c_floats for _, c_floats in cue_parts])
        probs = sum(self._role_probs(net, base, ints, floats) for net in self.role_nets) / len(self.role_nets)
        source_tags, content_tags = well_formed_tags(probs), probs.argmax(-1)
        return [
            Roles(cue, runs(s_row, ROLE_TAGS.index("B-S"), ROLE_TAGS.index("I-S")),
                  runs(c_row, ROLE_TAGS.index("B-C"), ROLE_TAGS.index("I-C")), cue_probs)
            for cue, s_row, c_row, cue_probs in zip(cues, source_tags, content_tags, probs, strict=True)
        ]

    @staticmethod
    def _role_probs(net: Net, base: Tokens, ints: np.ndarray, floats: np.ndarray) -> np.ndarray:
        shared = net.partial_input(base.ints, base.floats)
        pre = shared + net.partial_input(ints, floats, base.ints.shape[1], base.floats.shape[1])
        return softmax(net.from_input(pre))


def _follows(before: str, after: str) -> bool:
    """Whether role tag `after` may follow `before`: an inside tag only after its own begin or inside."""
    return not after.startswith("I-") or before[2:] == after[2:]


_TRANSITIONS = np.array([[0.0 if _follows(a, b) else -np.inf for b in ROLE_TAGS] for a in ROLE_TAGS])
_FIRST = np.array([-np.inf if tag.startswith("I-") else 0.0 for tag in ROLE_TAGS])


def well_formed_tags(probs: np.ndarray) -> np.ndarray:
    """For each cue's row of role-tag probabilities (cues x tokens x ROLE_TAGS), the likeliest tag sequence
    in which every inside tag follows its own begin or inside (Viterbi). Sources are read from these: per-token
    argmax can split one name into pieces ("[Glenn] O [Beck]") where the sequence keeps it whole."""
    logp = np.log(np.maximum(probs, 1e-12))
    n_rows, n, k = logp.shape
    if n == 0:
        return np.zeros((n_rows, 0), dtype=np.int64)
    trans, start = _TRANSITIONS, _FIRST
    score = logp[:, 0] + start
    back = np.zeros((n_rows, n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, :, None] + trans[None]
        back[:, i] = cand.argmax(1)
        score = cand.max(1) + logp[:, i]
    tags = np.zeros((n_rows, n), dtype=np.int64)
    tags[:, -1] = score.argmax(-1)
    for i in range(n - 1, 0, -1):
        tags[:, i - 1] = back[np.arange(n_rows), i, tags[:, i]]
    return tags


def member_prefix(model: str, k: int) -> str:
    """Key prefix of ensemble member k's cue or role model in the weights file ("cue", "cue1", ...)."""
    return model if k == 0 else f"{model}{k}"


def load_tagger(arrays: Any) -> Tagger:
    """A Tagger from the arrays of a weights file (numpy's npz mapping)."""
    meta = json.loads(str(arrays["meta"]))
    dilations = meta["dilations"]
    members = range(meta.get("members", 1))
    return Tagger(
        Vocab(meta["labels"]),
        [Net.from_arrays(arrays, member_prefix("cue", k), dilations) for k in members],
        [Net.from_arrays(arrays, member_prefix("role", k), dilations) for k in members],
        meta,
    )


@functools.cache
def get_tagger() -> Tagger | None:
    """The shipped tagger, loaded once per process; None when the package carries no weights."""
    path = resources.files("onrecord.attribute") / "data" / WEIGHTS
    if not path.is_file():
        return None
    limit_native_threads()
    with resources.as_file(path) as real, np.load(real, allow_pickle=False) as arrays:
        return load_tagger(arrays)
