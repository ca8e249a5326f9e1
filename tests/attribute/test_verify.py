"""The verifier: its arithmetic, its shipped weights, what it does to extraction, and the script that trains it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from onrecord.attribute.article import attribute_article, attributions, paragraph_texts
from onrecord.attribute.features import BASE_INTS, token_features
from onrecord.attribute.marks import find_quotes
from onrecord.attribute.mentions import Para
from onrecord.attribute.tagger import Roles, get_tagger
from onrecord.attribute.verify import Verifier, evidence, get_verifier
from onrecord.training.logistic import fit_logistic
from onrecord.nlp import get_nlp
from tests.attribute.helpers import article_of

HARBOUR = (
    "Harbour master Ilse Varga said the quay would reopen in May.",
    "“We are not worried about the tides,” she told reporters on Tuesday.",
    "Critics believe the repairs will cost twice as much as the council expects.",
)


def _verifier(threshold: float, coef: list[float]) -> Verifier:
    return Verifier(["a", "b"], np.array([1.0, 0.0]), np.array([2.0, 1.0]), np.array(coef), -0.5, threshold, {})


def test_confidence_is_the_logistic_of_the_standardised_weighted_facts() -> None:
    verifier = _verifier(0.5, [1.5, -2.0])
    z = 1.5 * (3.0 - 1.0) / 2.0 - 2.0 * 0.25 - 0.5
    assert verifier.confidence({"a": 3.0, "b": 0.25}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert verifier.confidence({"a": 5.0, "b": 0.25}) > verifier.confidence({"a": 3.0, "b": 0.25})
    assert Verifier.from_json(verifier.to_json()).confidence({"a": 3.0, "b": 0.25}) == pytest.approx(
        verifier.confidence({"a": 3.0, "b": 0.25})
    )


def test_evidence_reads_the_tagger_probabilities_of_each_part() -> None:
    doc = get_nlp()("Ilse Varga said the quay would reopen in May.")
    probs = np.zeros((len(doc), 5))
    probs[:, 0] = 1.0
    probs[0:2] = [0.0, 0.6, 0.3, 0.1, 0.0]
    probs[3:9] = [0.1, 0.0, 0.0, 0.2, 0.7]
    said = Roles((2, 3), [(0, 2)], [(3, 9)], probs)
    facts = evidence(doc, said, 0.8, True, [False] * len(doc), [])
    assert facts["cue_prob"] == 0.8 and facts["rules_agree"] == 1.0
    assert facts["source_prob"] == pytest.approx(0.9) and facts["content_prob"] == pytest.approx(0.9)
    assert facts["has_source"] == 1.0 and facts["quoted_share"] == 0.0 and facts["content_has_verb"] == 1.0
    assert facts["pos=VERB"] == 1.0 and facts["dep=ROOT"] == 1.0 and facts["pos=NOUN"] == 0.0
    assert facts["content_after_cue"] == 1.0 and facts["content_is_clause_of_cue"] == 1.0 and facts["nested"] == 0.0
    alone = evidence(doc, Roles((2, 3), [], [(3, 9)], probs), 0.8, False, [True] * len(doc), [])
    assert alone["has_source"] == 0.0 and alone["source_prob"] == 0.0 and alone["quoted_share"] == 1.0
    # "reopen" read as a cue of its own inside what Varga said: nested in another proposal's content
    inner = evidence(doc, Roles((6, 7), [(3, 5)], [(7, 9)], probs), 0.5, False, [False] * len(doc), [said])
    assert inner["nested"] == 1.0 and inner["other_proposals"] == 1.0


@pytest.mark.slow
def test_shipped_verifier_reads_every_fact_and_carries_its_provenance() -> None:
    verifier = get_verifier()
    assert verifier is not None
    tagger = get_tagger()
    doc = get_nlp()(HARBOUR[0])
    base = token_features(Para(doc, 0), find_quotes(HARBOUR[0], 0), tagger.vocab)
    roles = tagger.roles(doc, base, tagger.cues(base))
    assert roles, "the tagger reads the cue"
    facts = evidence(doc, roles[0], 0.9, True, (base.ints[:, BASE_INTS.index("quote")] > 0).tolist(), roles[1:])
    assert set(verifier.names) == set(facts)
    assert 0.0 < verifier.threshold < 1.0 and 0.0 < verifier.confidence(facts) < 1.0
    assert verifier.meta["command"].startswith("python scripts/train_verifier.py")
    assert "held-out" in verifier.meta["data"] and verifier.meta["cross_validated"]
    by_name = dict(zip(verifier.names, verifier.coef, strict=True))
    assert by_name["cue_prob"] > 0 and by_name["content_prob"] > 0, "surer parts make a surer attribution"


@pytest.mark.slow
def test_the_verifier_sets_confidence_and_drops_what_it_doubts() -> None:
    article = article_of(*HARBOUR)
    docs = list(get_nlp().pipe(paragraph_texts(article)))
    tagger, shipped = get_tagger(), get_verifier()
    unjudged = attribute_article(article, docs, tagger)
    judged = attribute_article(article, docs, tagger, shipped)
    assert {q.text for q in judged} <= {q.text for q in unjudged}
    tagged = [q for q in judged if q.confidence not in (0.9, 0.8)]
    assert tagged and all(shipped.threshold <= q.confidence < 1.0 for q in tagged)
    strict = Verifier(shipped.names, shipped.mean, shipped.scale, shipped.coef, shipped.intercept, 1.0, {})
    rules_only = attribute_article(article, docs, None)
    assert [q.text for q in attribute_article(article, docs, tagger, strict)] == [q.text for q in rules_only]


def test_attributions_give_each_quote_its_proposal_and_evidence() -> None:
    article = article_of(*HARBOUR)
    docs = list(get_nlp().pipe(paragraph_texts(article)))
    tagger, shipped = get_tagger(), get_verifier()
    found = attributions(article, docs, tagger, Verifier.accepting())
    assert [q.text for q, _ in found] == [q.text for q in attribute_article(article, docs, tagger, Verifier.accepting())]
    tagged = [(q, p) for q, p in found if p is not None and p.origin == "tagger"]
    assert tagged, "the tagger proposes in this article"
    for quote, proposal in tagged:
        assert set(proposal.evidence) == set(shipped.names)
        assert quote.confidence == 0.5  # the accepting verifier keeps every proposal at even odds
        assert quote.content_spans == proposal.content or all(
            any(p.contains(s) for p in proposal.content) for s in quote.content_spans
        )
    said = [q for q, p in tagged if q.cue == "said"]
    assert said, "the tagger reads 'said'"
    without_say = attributions(article, docs, tagger, Verifier.accepting(), rare_heads=frozenset({"say"}))
    assert not any(p is not None and p.origin == "tagger" and q.cue == "said" for q, p in without_say)


def test_training_fits_a_logistic_regression() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4000, 2))
    y = (rng.random(4000) < 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0 * x[:, 1] + 0.5)))).astype(float)
    coef, intercept = fit_logistic(x, y, 1e-6)
    assert coef == pytest.approx([2.0, -1.0], abs=0.2) and intercept == pytest.approx(0.5, abs=0.15)
    shrunk, _ = fit_logistic(x, y, 1e4)
    assert np.abs(shrunk).max() < 0.2
