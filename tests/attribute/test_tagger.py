"""The learned tagger: its numpy forward pass, its decoding, its shipped weights, and what it finds in text."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from onrecord.attribute.learned import _channel_of_another, _filled
from onrecord.attribute.reconcile import _cut_short
from onrecord.attribute.features import BASE_FLOATS, BASE_INTS, CUE_FLOATS, CUE_INTS, Tokens, Vocab, cue_features, token_features
from onrecord.attribute.marks import find_quotes
from onrecord.attribute.mentions import Para
from onrecord.attribute.tagger import CUE_TAGS, ROLE_TAGS, Net, Roles, Tagger, get_tagger, runs, softmax, well_formed_tags
from onrecord.model import Span
from onrecord.nlp import get_nlp
from tests.attribute.helpers import find, quotes_of


def test_runs_reads_begin_inside_tags() -> None:
    tags = np.array([0, 1, 2, 2, 0, 2, 2, 1, 1, 2])
    assert runs(tags, 1, 2) == [(1, 4), (5, 7), (7, 8), (8, 10)]
    assert runs(np.array([0, 0]), 1, 2) == []


def test_content_runs_are_joined_unless_the_cue_or_source_sits_between() -> None:
    # "there are [currently no] indications": a word the tagger skipped inside a content stays in it
    assert _filled(Roles(cue=(0, 2), sources=[(2, 3)], contents=[(4, 6), (8, 12)]), [(0, 2)]) == [(4, 12)]
    # '"A," he said, "B."': the cue and the source between two quoted parts keep them apart
    assert _filled(Roles(cue=(6, 7), sources=[(5, 6)], contents=[(0, 4), (8, 12)]), [(6, 7)]) == [(0, 4), (8, 12)]
    # "A," X said. "B," he added: another cue between two runs keeps them apart too
    assert _filled(Roles(cue=(9, 10), sources=[(8, 9)], contents=[(0, 3), (5, 8)]), [(4, 5), (9, 10)]) == [(0, 3), (5, 8)]


def _well_formed(tags: tuple[int, ...]) -> bool:
    names = ["O", *(ROLE_TAGS[t] for t in tags)]
    return all(not b.startswith("I-") or a[2:] == b[2:] for a, b in zip(names, names[1:]))


def test_well_formed_tags_are_the_likeliest_sequence_without_an_orphan_inside_tag() -> None:
    rng = np.random.default_rng(5)
    probs = softmax(rng.normal(size=(3, 5, len(ROLE_TAGS))) * 2)
    best = well_formed_tags(probs)
    for row, tags in zip(probs, best, strict=True):
        candidates = [t for t in itertools.product(range(len(ROLE_TAGS)), repeat=len(row)) if _well_formed(t)]
        expected = max(candidates, key=lambda t: sum(np.log(row[i, k]) for i, k in enumerate(t)))
        assert tuple(tags.tolist()) == expected
    assert well_formed_tags(np.zeros((2, 0, len(ROLE_TAGS)))).shape == (2, 0)


def test_a_name_the_argmax_splits_stays_one_source() -> None:
    o, b_s, i_s = (ROLE_TAGS.index(t) for t in ("O", "B-S", "I-S"))
    probs = np.full((1, 4, len(ROLE_TAGS)), 0.01)
    probs[0, 0, b_s] = 0.9  # "Glenn"
    probs[0, 1, [o, i_s]] = [0.5, 0.45]  # "W.": the argmax says O
    probs[0, 2, [o, b_s, i_s]] = [0.3, 0.1, 0.6]  # "Beck": inside a source, says the argmax, after an O
    probs[0, 3, o] = 0.9  # "said"
    assert runs(probs.argmax(-1)[0], b_s, i_s) == [(0, 1), (2, 3)]
    assert runs(well_formed_tags(probs)[0], b_s, i_s) == [(0, 3)]


def _naive_logits(net: Net, ints: np.ndarray, floats: np.ndarray) -> np.ndarray:
    """The same network written token by token, as the definition the vectorised pass must match."""
    x = np.concatenate([*(t[ints[:, k]] for k, t in enumerate(net.embeddings)), floats], axis=1)
    h = np.maximum(x @ net.w_in.T + net.b_in, 0.0)
    for w, b, d in net.convs:
        out = np.zeros_like(h)
        for i in range(len(h)):
            acc = b.copy()
            for k, j in enumerate((i - d, i, i + d)):
                if 0 <= j < len(h):
                    acc += w[:, :, k] @ h[j]
            out[i] = np.maximum(acc, 0.0)
        h = h + out
    return h @ net.w_out.T + net.b_out


@pytest.mark.parametrize("n", [9, 3, 1])
def test_vectorised_forward_pass_matches_the_token_by_token_definition(n: int) -> None:
    rng = np.random.default_rng(0)
    width = 6
    net = Net(
        embeddings=[rng.normal(size=(5, 3)), rng.normal(size=(4, 2))],
        w_in=rng.normal(size=(width, 3 + 2 + 4)),
        b_in=rng.normal(size=width),
        convs=[(rng.normal(size=(width, width, 3)), rng.normal(size=width), d) for d in (1, 2, 4)],
        w_out=rng.normal(size=(3, width)),
        b_out=rng.normal(size=3),
    )
    ints = np.stack([rng.integers(0, 5, n), rng.integers(0, 4, n)], axis=1)
    floats = rng.normal(size=(n, 4))
    expected = _naive_logits(net, ints, floats)
    assert np.allclose(net.logits(ints, floats), expected)
    batched = net.logits(np.stack([ints, ints]), np.stack([floats, floats]))
    assert np.allclose(batched[1], expected)


def _random_net(rng: np.random.Generator, n_in: int, n_tags: int, width: int = 6) -> Net:
    return Net(
        embeddings=[rng.normal(size=(5, 3))],
        w_in=rng.normal(size=(width, 3 + n_in)),
        b_in=rng.normal(size=width),
        convs=[(rng.normal(size=(width, width, 3)), rng.normal(size=width), 1)],
        w_out=rng.normal(size=(n_tags, width)),
        b_out=rng.normal(size=n_tags),
    )


def test_an_ensemble_tags_by_its_members_mean_probabilities() -> None:
    rng = np.random.default_rng(1)
    n = 12
    base = Tokens(rng.integers(0, 5, (n, 1)), rng.normal(size=(n, 4)), np.zeros(n, dtype=np.int64))
    nets = [_random_net(rng, 4, len(CUE_TAGS)) for _ in range(2)]
    alone = Tagger(Vocab({"dep": []}), nets[:1], [], {})
    assert alone.cues(base) == runs(nets[0].logits(base.ints, base.floats).argmax(-1), 1, 2)
    pair = Tagger(Vocab({"dep": []}), nets, [], {})
    mean = sum(softmax(net.logits(base.ints, base.floats)) for net in nets) / 2
    assert pair.cues(base) == runs(mean.argmax(-1), 1, 2)
    assert Tagger(Vocab({"dep": []}), [nets[0], nets[0]], [], {}).cues(base) == alone.cues(base)


@pytest.mark.slow
def test_shipped_weights_carry_their_provenance() -> None:
    tagger = get_tagger()
    assert tagger is not None
    assert "PolNeAR train" in tagger.meta["data"]
    assert tagger.meta["command"].startswith("python scripts/train_tagger.py")
    members = tagger.meta["held_out_members"]
    assert len(members) == tagger.meta["members"] == len(tagger.cue_nets)
    assert all({"seed", "cue_epoch", "role_epoch"} <= set(m) for m in members)
    if "--all-data" in tagger.meta["command"]:
        assert tagger.meta["held_out"] is None and "all " in tagger.meta["data"]
    else:
        assert set(tagger.meta["held_out"]) >= {"cue_run_f1", "role_run_f1"}


@pytest.mark.slow
def test_features_have_one_row_per_token() -> None:
    tagger = get_tagger()
    text = 'The mayor said "the bridge will reopen in May," according to a statement.'
    para = Para(get_nlp()(text), 100)
    base = token_features(para, find_quotes(text, 100), tagger.vocab)
    assert base.ints.shape == (len(para.doc), len(BASE_INTS))
    assert base.floats.shape[1] == BASE_FLOATS + para.doc.tensor.shape[1]
    assert base.ints[[t.i for t in para.doc if t.text == "bridge"], -1].tolist() == [1]
    ints, floats = cue_features(para.doc, base, 2, 3, tagger.vocab)
    assert ints.shape == (len(para.doc), len(CUE_INTS)) and floats.shape == (len(para.doc), CUE_FLOATS)
    assert floats[2, 0] == 1.0 and floats[:, 0].sum() == 1.0


@pytest.mark.slow
def test_tagger_reads_beliefs_and_reports_the_rules_do_not_list() -> None:
    quotes = quotes_of(
        "Officials in Harlow believe the new levy will pay for the flood wall within a decade.",
        "The harbour authority expects shipping to recover by spring, its annual report shows.",
    )
    belief = find(quotes, "levy will pay")
    assert belief.source is not None and belief.source.text == "Officials in Harlow"
    assert belief.cue == "believe"
    by_cue = {q.cue: q for q in quotes}
    report = by_cue["shows"]
    assert report.source is not None and report.source.text == "its annual report"
    assert report.text.startswith("The harbour authority expects")


@pytest.mark.slow
def test_rules_only_leaves_the_tagger_out() -> None:
    text = "The mayor is confident that the bridge will reopen in May."
    assert [(q.cue, q.text) for q in quotes_of(text)] == [("is confident", "that the bridge will reopen in May")]
    assert quotes_of(text, learned=False) == []


@pytest.mark.slow
@pytest.mark.parametrize("learned", [True, False])
@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "A ceasefire is possible only with the consent of both sides, Anna Berg said, "
            "commenting on reports about the harbour plan.",
            "Anna Berg",
        ),
    ],
)
def test_content_never_holds_its_own_source_or_cue(paragraph: str, speaker: str, learned: bool) -> None:
    quotes = quotes_of(paragraph, learned=learned)
    assert quotes, "the statement is found"
    for quote in quotes:
        for own in (quote.cue_span, quote.source.span if quote.source else None):
            assert own is None or not any(own.overlaps(span) for span in quote.content_spans), quote.text
        assert f"{speaker} said" not in quote.text
    keys = [(tuple(q.content_spans), q.source.span if q.source else None) for q in quotes]
    assert len(keys) == len(set(keys)), "no attribution repeats another's content and source"


@pytest.mark.slow
def test_where_words_appeared_is_not_a_second_cue() -> None:
    doc = get_nlp()("Ilse Varga said in her Telegram channel that the quay would reopen.")
    said, channel = (2, 3), (6, 7)
    assert _channel_of_another(doc, channel, [said, channel])
    assert not _channel_of_another(doc, said, [said, channel])
    assert not _channel_of_another(doc, channel, [channel]), "alone, the tagger's reading stands"


def test_rules_content_replaces_a_tagger_content_cut_between_two_words() -> None:
    text = "The committee said it had opened an investigation into the Moscow attacks, Tass reported."
    rule = [Span(text.index("it had"), text.index(", Tass"))]
    assert _cut_short([Span(rule[0].start, text.index(" attacks"))], rule, text)
    assert _cut_short([Span(text.index("an investigation"), rule[0].end)], rule, text)
    assert not _cut_short(rule, rule, text)
    text = "The port will stay shut until the repairs end, either in May or “at the latest by June,” Varga said."
    rule = [Span(0, text.index(" Varga"))]
    assert _cut_short([Span(text.index("either"), rule[0].end)], rule, text)
    clause = "the cranes would be fixed by May"
    text = f"Keller said {clause}, and the port would reopen in June."
    whole = [Span(text.index(clause), len(text) - 1)]
    assert not _cut_short([Span(text.index(clause), text.index(clause) + len(clause))], whole, text)


def test_a_passive_subject_is_who_was_asked_not_who_asked() -> None:
    quotes = quotes_of("At the hearing, the minister was asked whether the harbour would reopen before winter.")
    q = find(quotes, "whether the harbour would reopen")
    assert q.cue == "was asked"
    assert q.source is None and q.speaker is None


def test_a_passive_cue_that_goes_on_to_say_keeps_its_subject_as_the_source() -> None:
    quotes = quotes_of("Ilse Varga was quoted by the agency as saying that the quay would reopen.")
    q = find(quotes, "the quay would reopen")
    assert q.source is not None and q.source.text == "Ilse Varga"


def test_a_passive_cue_with_a_by_phrase_has_the_agent_as_its_source() -> None:
    quotes = quotes_of("The mayor was urged by the fishermen to reopen the quay before winter.")
    q = find(quotes, "to reopen the quay")
    assert q.source is not None and q.source.text == "the fishermen"

