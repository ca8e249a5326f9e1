"""How the linker asks the statement matcher about two reports of one speaker.

Reports sharing half their rare-word weight, with no conflicting number or negation, are one statement
without the model (a near-verbatim signal, as shingles are for copies). Otherwise the matcher
(`link/match.py`, measured on MRPC by `onrecord eval mrpc`) judges two wordings. Reports of
one statement are often not paraphrases of each other as wholes: one keeps a sentence of a longer
remark, or adds the outlet's own context around it. So the linker also asks about each pair of
sentences, and about the shorter wording with the stretch of the longer that holds the rare words
they share; the reports are one statement when the matcher says so of any of these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.link.match import Matcher, decide, guarded
from onrecord.link.statements import Judge, rare_overlap, weighted_stems

ALIGN_MIN_EXTRA_WORDS = 6
MIN_EXPAND_OVERLAP = 0.2
"""Reports sharing less of their rare words are compared whole only (labelled set: 90% of the pairs that
are one statement share more)."""
MIN_WHOLE_PROBABILITY = 0.1
"""Finer pairs are asked about only when the whole wordings scored at least this (labelled set: the same
recall as asking always, one fewer false merge, a third fewer model calls)."""
MAX_REMEMBERED = 100_000
"""Verdicts kept per linker (a few MB): the oldest are forgotten first."""
MAX_SENTENCES = 3
"""Sentences of a quote compared one by one with the other quote's (the first ones)."""
_SENTENCE_END = re.compile(r"(?<=[.!?…;])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9])")
_MIN_SENTENCE_WORDS = 6


def sentences(text: str) -> list[str]:
    """The sentences of a wording (of six words or more), at most MAX_SENTENCES; the whole if it has one."""
    found = [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= _MIN_SENTENCE_WORDS]
    return found[:MAX_SENTENCES] if len(found) > 1 else [text]


def sentence_pairs(a: str, b: str) -> list[tuple[str, str]]:
    """The whole wordings; each sentence of one with each sentence of the other; and the shorter wording
    with the stretch of the longer that shares most of its rare words (a report that quotes part of a
    longer remark, or adds its own context around it)."""
    first, second = sentences(a), sentences(b)
    extra = [(x, y) for x in first for y in second] if len(first) > 1 or len(second) > 1 else []
    aligned = aligned_stretch(a, b)
    return [(a, b), *extra, *([aligned] if aligned else [])]


def comparisons(a: str, b: str) -> list[tuple[str, str]]:
    """What the matcher is asked about two reports: the whole wordings, and the finer pairs of
    `sentence_pairs` only when they share enough rare words for those to be worth the model's time."""
    if rare_overlap(weighted_stems(a), weighted_stems(b)) < MIN_EXPAND_OVERLAP:
        return [(a, b)]
    return sentence_pairs(a, b)


def aligned_stretch(a: str, b: str) -> tuple[str, str] | None:
    """(shorter, the stretch of the longer from the first to the last of the rare words they share, with a
    word either side), when that leaves out ALIGN_MIN_EXTRA_WORDS words of the longer or more; else None."""
    short, long_ = sorted((a, b), key=lambda t: len(t.split()))
    wanted = weighted_stems(short)
    words = long_.split()
    shared = [i for i, word in enumerate(words) if weighted_stems(word).keys() & wanted.keys()]
    if len(shared) < 2:
        return None
    first, last = max(0, shared[0] - 1), min(len(words), shared[-1] + 2)
    if len(words) - (last - first) < ALIGN_MIN_EXTRA_WORDS:
        return None
    return short, " ".join(words[first:last])


LEXICAL_OVERLAP = 0.5
"""Reports sharing half of the lighter one's rare-word weight are one statement without the model, unless
a number or a negation conflicts (labelled set, same-speaker pairs in the window: 116 of the 117 pairs
this high are one statement; the model accepts 106 of them)."""
LEXICAL_MIN_WORDS = 4


def lexically_same(a: str, b: str) -> bool:
    """Both of four words or more, sharing at least LEXICAL_OVERLAP of their rare-word weight."""
    shortest = min(len(a.split()), len(b.split()))
    return shortest >= LEXICAL_MIN_WORDS and rare_overlap(weighted_stems(a), weighted_stems(b)) >= LEXICAL_OVERLAP


def default_judge() -> Judge:
    """Two reports are one statement when they share half their rare-word weight with no conflicting number
    or negation, or when the matcher says so of the whole wordings, of one sentence of each (a report often
    adds a sentence of its own, or keeps one of several) or of the aligned stretch. Reports whose whole
    wordings conflict (numbers, negation) are never one statement, and the model is not asked about them.
    Verdicts are remembered (a republished wire copy, or a speaker regrouped, asks again about the same
    wordings); the model loads on first use."""
    known: dict[tuple[str, str], bool] = {}

    def judge(pairs: Sequence[tuple[str, str]]) -> list[bool]:
        asked = [pair for pair in dict.fromkeys(pairs) if pair not in known]
        conflicting = {pair for pair in asked if guarded(*pair)}
        for pair in asked:
            known[pair] = lexically_same(*pair) and pair not in conflicting
        undecided = [pair for pair in asked if not known[pair] and pair not in conflicting]
        matcher = Matcher.load()
        probabilities = matcher.probabilities(undecided)
        for pair, same in zip(undecided, decide(undecided, probabilities)):
            known[pair] = same
        hopeful = [pair for pair, p in zip(undecided, probabilities) if not known[pair] and p >= MIN_WHOLE_PROBABILITY]
        expanded = [(pair, finer) for pair in hopeful for finer in comparisons(*pair)[1:]]
        for (pair, _), same in zip(expanded, matcher.same([finer for _, finer in expanded])):
            known[pair] = known[pair] or same
        verdicts = [known[pair] for pair in pairs]
        if len(known) > MAX_REMEMBERED:
            for stale in list(known)[: len(known) - MAX_REMEMBERED]:
                del known[stale]
        return verdicts

    return judge
