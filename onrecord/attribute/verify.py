"""The verifier: how likely one of the tagger's attributions is to be one a PolNeAR annotator marked.

The tagger proposes (a cue, its source and content); the verifier decides. It is a logistic
regression over a few facts about the proposal: how sure the tagger was of each part (its averaged
tag probabilities), whether the rules read the same cue, the cue head's part of speech and
dependency, how long the content is and how much of it is quoted. Its probability becomes the
quote's `confidence`, and a proposal under the threshold is dropped.

Trained by `scripts/train_verifier.py` on the tagger's held-out train articles (the tagger never
learned from them, so its mistakes there are the ones it makes on new text); the weights, the data,
the command and the cross-validated scores ship in `data/verifier.json`.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc

from onrecord.attribute.features import run_head
from onrecord.attribute.proposal import Proposal
from onrecord.attribute.tagger import ROLE_TAGS, Roles, Run

WEIGHTS = "verifier.json"
POS = ("VERB", "NOUN", "ADJ", "AUX", "ADP", "PROPN")
DEPS = ("ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "pobj", "dobj", "nsubj", "acl", "advmod", "amod", "prep", "pcomp")
_SOURCE_TAGS = [ROLE_TAGS.index("B-S"), ROLE_TAGS.index("I-S")]
_CONTENT_TAGS = [ROLE_TAGS.index("B-C"), ROLE_TAGS.index("I-C")]


def _mean_prob(probs: np.ndarray, runs: list[Run], tags: list[int]) -> float:
    rows = [i for start, end in runs for i in range(start, end)]
    return float(probs[rows][:, tags].sum(-1).mean()) if rows else 0.0


def evidence(
    doc: Doc, roles: Roles, cue_prob: float, agrees: bool, quoted: list[bool], others: list[Roles]
) -> dict[str, float]:
    """What the verifier reads of one proposal; `quoted[i]` says whether token i is inside quotation marks,
    `others` are the paragraph's other proposals."""
    assert roles.probs is not None, "the role model's probabilities are needed"
    head = run_head(doc, *roles.cue)
    content = [i for start, end in roles.contents for i in range(start, end)]
    first = doc[content[0]] if content else head
    facts = {
        "cue_prob": cue_prob,
        "content_prob": _mean_prob(roles.probs, roles.contents, _CONTENT_TAGS),
        "source_prob": _mean_prob(roles.probs, roles.sources, _SOURCE_TAGS),
        "has_source": float(bool(roles.sources)),
        "rules_agree": float(agrees),
        "log_content_tokens": math.log1p(len(content)),
        "cue_tokens": float(min(roles.cue[1] - roles.cue[0], 6)),
        "quoted_share": sum(quoted[i] for i in content) / max(len(content), 1),
        "cue_quoted": float(quoted[head.i]),
        "content_has_verb": float(any(doc[i].pos_ in ("VERB", "AUX") for i in content)),
        "content_runs": float(min(len(roles.contents), 4)),
        "source_runs": float(min(len(roles.sources), 3)),
        "log_paragraph_tokens": math.log1p(len(doc)),
        "nested": float(any(a <= head.i < b for o in others for a, b in o.contents)),
        "other_proposals": float(min(len(others), 4)),
        "content_after_cue": float(bool(content) and content[0] > head.i),
        "content_opens_that": float(first.lower_ in ("that", "to", "whether", "if")),
        "content_is_clause_of_cue": float(any(doc[i].head.i == head.i and doc[i].dep_ in ("ccomp", "xcomp") for i in content)),
        "content_is_object_of_cue": float(any(doc[i].head.i == head.i and doc[i].dep_ in ("dobj", "pobj", "prep") for i in content)),
    }
    facts.update({f"pos={pos}": float(head.pos_ == pos) for pos in POS})
    facts.update({f"dep={dep}": float(head.dep_ == dep) for dep in DEPS})
    return facts


@dataclass
class Verifier:
    """Logistic regression weights over standardised evidence, and the confidence a proposal must reach."""

    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    meta: dict[str, Any]

    def confidence(self, facts: dict[str, float]) -> float:
        """The probability that the proposal these facts describe is an annotated attribution."""
        x = (np.array([facts[name] for name in self.names]) - self.mean) / self.scale
        return 1.0 / (1.0 + math.exp(-(float(x @ self.coef) + self.intercept)))

    def to_json(self) -> dict[str, Any]:
        return {
            "names": self.names, "mean": self.mean.round(6).tolist(), "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(), "intercept": round(self.intercept, 6),
            "threshold": self.threshold, "meta": self.meta,
        }

    @classmethod
    def accepting(cls) -> Verifier:
        """A verifier that keeps every proposal (confidence 0.5): training scripts collect the evidence with it."""
        return cls([], np.zeros(0), np.ones(0), np.zeros(0), 0.0, 0.0, {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Verifier:
        return cls(data["names"], np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                   float(data["intercept"]), float(data["threshold"]), data.get("meta", {}))


def verified(proposals: list[Proposal], doc: Doc, verifier: Verifier | None) -> list[Proposal]:
    """The tagger's proposals in one paragraph (parsed as `doc`) the verifier believes, each with the evidence
    it read and its confidence; all of them, as they are, when there is no verifier."""
    if verifier is None:
        return proposals
    kept = []
    for proposal in proposals:
        assert proposal.tagged is not None, "only the tagger's proposals are verified"
        tagged = proposal.tagged
        others = [p.tagged.roles for p in proposals if p is not proposal and p.tagged is not None]
        proposal.evidence = evidence(doc, tagged.roles, tagged.cue_prob, proposal.partner is not None, tagged.quoted, others)
        proposal.confidence = round(verifier.confidence(proposal.evidence), 3)
        if proposal.confidence >= verifier.threshold:
            kept.append(proposal)
    return kept


def load_shipped(file_name: str) -> Verifier | None:
    """A logistic model shipped in attribute/data (the verifier, the calibration); None when the package lacks it."""
    path = resources.files("onrecord.attribute") / "data" / file_name
    if not path.is_file():
        return None
    return Verifier.from_json(json.loads(path.read_text(encoding="utf-8")))


@functools.cache
def get_verifier() -> Verifier | None:
    """The shipped verifier, loaded once per process; None when the package carries none."""
    return load_shipped(WEIGHTS)
