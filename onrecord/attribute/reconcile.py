"""Where the rules and the tagger read one paragraph differently, what stands.

Each tagger proposal is paired with the rules' proposal of the same cue, if any. The tagger's reading
stands, with the rules' cue words (and the act they report), the rules' content when the tagger's is a piece of it cut short
(`_cut_short`), and the rules' source when the cue borrows its clause's subject ("..., adding that"),
the tagger's own source is weak, or the rules read a name that ends the tagger's longer, nameless run. A
rules' content that runs on over a tagger's trailing ", according to X" ends there (`_before_channel`). A rules' proposal the tagger did not read is added when its content
overlaps none of the tagger's, or sits with its cue inside one ("X said ..., Tass reported"), or when
it labels a line.
"""

from __future__ import annotations

from dataclasses import replace

from onrecord.attribute.content import trim_span
from onrecord.attribute.proposal import Proposal, inside, overlaps_any
from onrecord.model import Span


def pair(tagged: list[Proposal], rules: list[Proposal]) -> None:
    """Set each tagger proposal's `partner`: the first rules' proposal whose cue head lies in its cue run."""
    for proposal in tagged:
        assert proposal.tagged is not None
        start, end = proposal.tagged.roles.cue
        proposal.partner = next((rule for rule in rules if start <= rule.order < end), None)


def settle(tagged: list[Proposal], rules: list[Proposal], text: str) -> list[Proposal]:
    """The proposals that stand: the tagger's, settled with their partners, then the rules' it did not read.

    `text` is the analysis text (quote glyphs folded), in which content is measured.
    """
    return [_settled(p, text) for p in tagged] + _unmatched([_before_channel(r, tagged, text) for r in rules], tagged)


def _settled(proposal: Proposal, text: str) -> Proposal:
    partner = proposal.partner
    if partner is None:
        return proposal
    rules_source = partner.borrowed or proposal.weak_source or _name_within(partner, proposal)
    source, reading = (partner.source, partner.reading) if rules_source else (proposal.source, proposal.reading)
    if _cut_short(proposal.content, partner.content, text):
        proposal = replace(proposal, content=partner.content, clause=partner.clause)
    return replace(proposal, cue=partner.cue, act=partner.act, source=source, reading=reading)


def _name_within(rule: Proposal, tagged: Proposal) -> bool:
    """The rules read a name at the end of the tagger's longer source run, which reads as no name ("Opening the
    Crown's case at Eastmoor Crown Court, Priya Castellane, KC"): the name is the source."""
    if rule.source is None or tagged.source is None or rule.reading is None or rule.reading.kind != "name":
        return False
    within = tagged.source.start < rule.source.start and rule.source.end == tagged.source.end
    return within and (tagged.reading is None or tagged.reading.kind != "name")


def _before_channel(rule: Proposal, tagged: list[Proposal], text: str) -> Proposal:
    """A rules' content that runs on over a tagger's "according to X" after it ("the agency said it had ...,
    according to Sui-Lee Wee of the New York Times") ends where that cue starts: the outer one is the channel."""
    if len(rule.content) != 1:
        return rule
    (span,) = rule.content
    cuts = [t.cue.start for t in tagged if rule.head_at < span.start < t.cue.start and _trailing(t, span, text)]
    if not cuts:
        return rule
    cut = trim_span(Span(span.start, min(cuts)), text, [])
    return replace(rule, content=[cut]) if cut is not None else rule


def _trailing(channel: Proposal, span: Span, text: str) -> bool:
    """The proposal's cue and source close `span` after a comma (", according to X", ", X reported")."""
    if channel.source is None or not span.start < channel.cue.start < span.end:
        return False
    close = max(channel.cue.end, channel.source.end)
    return close >= span.end - 1 and text[span.start : channel.cue.start].rstrip().endswith(",")


def _unmatched(rules: list[Proposal], tagged: list[Proposal]) -> list[Proposal]:
    """The rules' proposals no tagger proposal is paired with, whose content overlaps none of the tagger's or
    sits, with its cue, inside one ("X said ..., Tass reported"), or a line's label whose content holds the
    tagger's ("Cruz: Trump Would Put Liberals On Court, 'I Fear ...'")."""
    used = {id(p.partner) for p in tagged if p.partner is not None}
    taken = [span for p in tagged for span in p.content]
    kept = []
    for rule in rules:
        content, pos = rule.content, rule.head_at
        hit = [t for t in taken if overlaps_any(content, [t])]
        nested = all(inside(pos, [t]) and all(t.contains(span) for span in content) for t in hit)
        if id(rule) not in used and (nested or rule.label):
            kept.append(rule)
    return kept


def _length(found: list[Span]) -> int:
    """How many characters `found` covers."""
    return sum(len(span) for span in found)


def _cut_short(learned: list[Span], rule: list[Span], text: str) -> bool:
    """The tagger's content lies inside the rules' and is a piece of it cut short: the rules' starts
    earlier and ends where it ends (the tagger kept the tail of a sentence before "..., X said"), or
    the tagger's starts or ends between two of its words with no punctuation between ("into the
    Moscow" for "into the Moscow attacks"). Otherwise a longer rules' content mostly runs on past
    the statement ("..., while the other side said ..."), and the tagger's stands."""
    if _length(rule) <= _length(learned) or not all(inside(s.start, rule) and inside(s.end - 1, rule) for s in learned):
        return False
    start, end = learned[0].start, learned[-1].end
    if rule[0].start < start and rule[-1].end <= end:
        return True
    before = len(text[:start].rstrip())
    after = end + len(text[end:]) - len(text[end:].lstrip())
    cut_left = 0 < before < start and text[before - 1].isalnum() and inside(before - 1, rule)
    cut_right = end < after < len(text) and text[after].isalnum() and inside(after, rule)
    return cut_left or cut_right
