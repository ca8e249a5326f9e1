"""Every quote's `confidence`: the probability that it is a statement by the speaker it names.

The readers' own scores are ranks, not probabilities: the verifier's estimates whether PolNeAR's annotators
marked an attribution, and the rules give fixed ranks (0.9, 0.8, 0.6). A logistic model over a few facts of
the finished quote (that score and whether it is a rule's rank, the kind, the act, whether the speaker is
named and how the text refers to it, the length, a plain verb of saying) turns them into the probability
that a reader of real web pages would call the quote a statement with the right speaker. It is fitted by
`scripts/train_calibration.py` on the labelled pages of ../shared/realweb (benchmarks/realweb_labels); the
weights, the cross-validated reliability table and the threshold the default output keeps ship in
`data/calibration.json` (docs/BENCHMARKS.md). Without that file the readers' scores stand.
"""

from __future__ import annotations

import functools
import math

from onrecord.attribute.verify import Verifier, load_shipped
from onrecord.model import Quote

CALIBRATION = "calibration.json"
RULE_RANKS = (0.9, 0.8, 0.6)
PLAIN_CUES = frozenset({"said", "says", "say", "told", "tells", "added", "according to"})


def facts(quote: Quote) -> dict[str, float]:
    """What the calibration reads of a quote (its readers' confidence before calibration)."""
    mention = quote.source.kind if quote.source else "none"
    return {
        "confidence": quote.confidence,
        "rule_rank": float(quote.confidence in RULE_RANKS),
        "direct": float(quote.kind == "direct"),
        "mixed": float(quote.kind == "mixed"),
        "writing": float(quote.act == "writing"),
        "named": float(quote.named_speaker is not None),
        "pronoun": float(mention == "pronoun"),
        "role": float(mention == "role"),
        "described": float(mention in ("description", "group", "document")),
        "no_source": float(mention == "none"),
        "log_words": math.log1p(len(quote.text.split())),
        "plain_cue": float((quote.cue or "").lower() in PLAIN_CUES),
    }


@functools.cache
def get_calibration() -> Verifier | None:
    """The shipped calibration (a logistic model like the verifier's), loaded once; None when none ships."""
    return load_shipped(CALIBRATION)


def calibrate(quotes: list[Quote], model: Verifier | None) -> None:
    """Set each quote's confidence to the model's probability (rounded to 3 places); nothing without a model."""
    if model is None:
        return
    for quote in quotes:
        quote.confidence = round(model.confidence(facts(quote)), 3)


def default_threshold() -> float:
    """The confidence the default output keeps (chosen when the calibration was fitted), 0 without one."""
    model = get_calibration()
    return model.threshold if model is not None else 0.0
