"""The learned tagger's proposals for one paragraph: each cue it finds (tagger.py), with its source and content.

A cue run must be said (not negated or modal), not only a date or number, not headed by a word that
almost never heads a cue, and not a phrase hung on another cue ("said [in a statement]"); content of
fewer than MIN_CONTENT_WORDS words is a tagging slip. A stretch two cues both claim goes to the nearer
one. The source is the run nearest the cue, or the agent when that run is a passive verb's subject
("Trump was asked by reporters").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.attribute import cuelex
from onrecord.attribute.acts import act_of, says_something
from onrecord.attribute.content import trim_span, widen
from onrecord.attribute.cues import unsaid
from onrecord.attribute.features import BASE_INTS, run_head, token_features
from onrecord.attribute.mentions import Para, SourceNP, describe
from onrecord.attribute.paragraphs import ParaView
from onrecord.attribute.proposal import (
    MIN_CONTENT_WORDS,
    TAGGER_CONFIDENCE,
    Proposal,
    Tagged,
    overlaps_any,
)
from onrecord.attribute.tagger import Roles, Run, Tagger, cue_runs
from onrecord.model import Span

MEASURE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def propose_tagged(view: ParaView, tagger: Tagger, folded: str, rare_heads: frozenset[str] | None = None) -> list[Proposal]:
    """The tagger's attributions in one paragraph, in cue order.

    rare_heads: the lemmas that almost never head a cue (default: the shipped lexicon's list; training
    scripts pass one counted without the articles they hold out).
    """
    base = token_features(view.para, view.quotes, tagger.vocab)
    doc = view.para.doc
    probs = tagger.cue_probs(base)
    cues = [run for run in cue_runs(probs) if _plausible_cue(doc, run, rare_heads)]
    cues = [run for run in cues if not _channel_of_another(doc, run, cues)]
    found: list[tuple[Roles, list[Span], float]] = []
    for roles in tagger.roles(doc, base, cues):
        if not _worth_keeping(roles, doc):
            continue
        widened = widen([_chars(view.para, run) for run in _filled(roles, cues)], view.quotes)
        trimmed = [trim_span(span, folded, view.quotes) for span in widened]
        if kept := _merged([span for span in trimmed if span]):
            found.append((roles, kept, float(1.0 - probs[roles.cue[0] : roles.cue[1], 0].mean())))
    quoted = (base.ints[:, BASE_INTS.index("quote")] > 0).tolist()
    return [_proposal(roles, kept, cue_prob, quoted, view) for roles, kept, cue_prob in _unshared(found, view.para)]


def _proposal(roles: Roles, content: list[Span], cue_prob: float, quoted: list[bool], view: ParaView) -> Proposal:
    source, reading, weak = _own_source(roles, view)
    return Proposal(
        origin="tagger",
        cue=_chars(view.para, roles.cue),
        content=content,
        clause=says_something(run_head(view.para.doc, *roles.cue), view.para, content),
        source=source,
        reading=reading,
        order=roles.cue[0],
        confidence=TAGGER_CONFIDENCE,
        act=act_of(run_head(view.para.doc, *roles.cue), reading),
        tagged=Tagged(roles, cue_prob, quoted),
        weak_source=weak,
    )


def _own_source(roles: Roles, view: ParaView) -> tuple[Span | None, SourceNP | None, bool]:
    """The source the tagger reads (the run nearest the cue; a passive verb's agent instead of its subject),
    how it reads, and whether it is weak: no run at all, or who did the quoting ("... [by the agency]")."""
    para, doc = view.para, view.para.doc
    run = min(roles.sources, key=lambda r: _distance(r, roles.cue)) if roles.sources else None
    if run is None:
        return None, None, True
    weak = _is_quoter(doc, run)
    if (passive := _passive_subject_source(doc, roles.cue, run)) is not None:
        agent = _agent(passive)
        if agent is None:
            return None, None, weak
        return Span(para.start(agent.left_edge), para.end(agent.right_edge)), describe(agent, para), weak
    return _chars(para, run), describe(run_head(doc, *run), para), weak


def _chars(para: Para, run: Run) -> Span:
    """The characters a token run covers."""
    return Span(para.start(para.doc[run[0]]), para.end(para.doc[run[1] - 1]))


def _merged(spans: list[Span]) -> list[Span]:
    """`spans` sorted, with those that overlap or touch merged."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _filled(roles: Roles, cues: list[Run]) -> list[Run]:
    """Content runs of one cue, with the gaps between them filled unless the gap holds a cue or its source."""
    others = [*cues, *roles.sources]
    out: list[Run] = []
    for run in sorted(roles.contents):
        if out and not any(out[-1][1] < b and a < run[0] for a, b in others):
            out[-1] = (out[-1][0], run[1])
        else:
            out.append(run)
    return out


def _plausible_cue(doc: Doc, run: Run, rare_heads: frozenset[str] | None = None) -> bool:
    """A tagger cue that is said (not negated or modal), not a measure, and headed by a word that heads cues."""
    head = run_head(doc, *run)
    lemma = head.lemma_.lower()
    rare = cuelex.rarely_a_cue(lemma) if rare_heads is None else lemma in rare_heads
    return not unsaid(head) and not _only_a_measure(doc, run) and not rare


def _is_quoter(doc: Doc, run: Run) -> bool:
    """The "by" phrase of "quoted (as saying) by": who did the quoting, a channel, not the speaker."""
    head = run_head(doc, *run)
    by = next((t for t in [head, *head.ancestors] if t.lower_ == "by" and t.dep_ in {"prep", "agent"}), None)
    return by is not None and any(t.lemma_ == "quote" for t in [by.head, *by.head.ancestors])


def _only_a_measure(doc: Doc, run: Run) -> bool:
    """A cue run made only of a date, time or number ("said on [Tuesday evening]"): not a way of saying."""
    return all(t.ent_type_ in MEASURE_ENTS or t.is_punct or t.is_space for t in doc[run[0] : run[1]])


def _channel_of_another(doc: Doc, run: Run, cues: list[Run]) -> bool:
    """A noun in a phrase hung on another cue ("said [in his Telegram channel]", "wrote in a [statement]"):
    where the other cue's words appeared, not a second way of saying."""
    head = run_head(doc, *run)
    if head.dep_ != "pobj" or head.head.dep_ != "prep":
        return False
    verb = head.head.head
    return any(other != run and run_head(doc, *other).i == verb.i for other in cues)


def _distance(run: Run, cue: Run) -> int:
    """How many tokens apart two runs are (0 when they touch or overlap)."""
    return max(cue[0] - run[1], run[0] - cue[1], 0)


def _gap(span: Span, cue: Span) -> int:
    """How many characters apart two spans are (0 when they touch or overlap)."""
    return max(cue.start - span.end, span.start - cue.end, 0)


def _unshared(found: list[tuple[Roles, list[Span], float]], para: Para) -> list[tuple[Roles, list[Span], float]]:
    """Give a stretch two cues both claim to the nearer one, unless one attribution nests in the other.

    ("A," X said. "B," he added: the tagger may read A as part of what he added too.)
    """
    cues = [_chars(para, roles.cue) for roles, _, _ in found]
    out = []
    for i, (roles, content, cue_prob) in enumerate(found):
        kept = []
        for span in content:
            rivals = [
                j for j, (_, other, _) in enumerate(found)
                if j != i and overlaps_any([span], other) and not overlaps_any([cues[j]], content)
                and not overlaps_any([cues[i]], other) and _gap(span, cues[j]) < _gap(span, cues[i])
            ]
            if not rivals:
                kept.append(span)
        if kept:
            out.append((roles, kept, cue_prob))
    return out


def _worth_keeping(roles: Roles, doc: Doc) -> bool:
    """Content of MIN_CONTENT_WORDS words or more."""
    return sum(t.is_alpha for a, b in roles.contents for t in doc[a:b]) >= MIN_CONTENT_WORDS


def _passive_subject_source(doc: Doc, cue: Run, source: Run) -> Token | None:
    """The cue's passive verb when the tagger's source is its passive subject ("Trump [was asked]", "[has
    been called]"): who was asked or called, not who asked or called. None where the cue goes on to a
    verb of its own ("was quoted as saying", "is reported to have said"), whose subject is the speaker."""
    head = run_head(doc, *cue)
    if any(t.pos_ == "VERB" and t.i != head.i for t in doc[cue[0] : cue[1]]):
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    if not subjects:
        return None
    inside = {t.i for s in subjects for t in s.subtree}
    return head if run_head(doc, *source).i in inside else None


def _agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase ("called ... [by the citizens]")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
