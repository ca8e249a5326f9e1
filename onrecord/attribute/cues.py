"""Cues: the verbs and phrases that attribute content to a source, found in the dependency parse."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from onrecord.attribute import cuelex
from onrecord.attribute import lexicon as lx
from onrecord.attribute.marks import Quoted
from onrecord.attribute.mentions import Para, SourceNP, describe, np_tokens
from onrecord.model import Span

LABEL_MAX_WORDS = 5
"""A line's label ("Sen. Ted Cruz:", "Wash Post Fact-Check:") is at most this many words..."""
LABEL_MIN_CONTENT_WORDS = 3
"""...and what follows its colon at least this many."""
LABEL_POS = frozenset({"PROPN", "NOUN"})
"""A label is names and nouns only: not "The Latest:", "So:", "Revealed:", "FIX IS IN:"."""
PLACE_ENTS = frozenset({"GPE", "LOC"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""What follows a speaker's label says something when it has a finite verb ("Trump Would Put Liberals On
Court"), unlike a product line, a price or a charge sheet ("New Price Drop: Apple Watch for $169.99", "John
Doe: possession of marijuana, held in jail"), and when the label holds no digits ("6A:", a results table's
class). Otherwise the line is no statement (its act unknown), though still an attribution."""
CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp", "parataxis", "dep"})
"""Dependencies by which a subjectless cue ("saying", "adding") hangs off the clause whose subject it shares."""


@dataclass
class Cue:
    """One attributing verb or phrase, with the head of its source phrase."""

    anchor: Token
    tokens: list[Token]
    source: Token
    np: SourceNP
    inherited: bool = False
    according: bool = False
    label: bool = False
    says: bool = True
    """For a label: whether the line after it reads as something said (FINITE_TAGS); a price line or a charge
    sheet stays an attribution in PolNeAR's sense, but no statement."""
    quotation: Quoted | None = None
    """For a clause whose colon opens a quotation, that quotation: all of its content (see _colon_cues)."""

    def span(self, para: Para) -> Span:
        """Characters of the cue words ("told reporters", "was quoted as saying", "according to")."""
        return Span(para.start(min(self.tokens, key=lambda t: t.i)), para.end(max(self.tokens, key=lambda t: t.i)))

    def block(self) -> tuple[int, int]:
        """Token range covering the cue words and, unless inherited, the source phrase."""
        toks = list(self.tokens)
        if not self.inherited:
            toks += np_tokens(self.source) or [self.source]
        return min(t.i for t in toks), max(t.i for t in toks) + 1


@functools.cache
def cue_lemmas() -> frozenset[str]:
    """The hand-written verbs of saying and the cue lemmas learned from annotated news."""
    return lx.CUE_VERBS | cuelex.learned_cues()


def _subject(verb: Token) -> Token | None:
    deps = {"nsubj", "nsubjpass"} if verb.lemma_.lower() == "quote" else {"nsubj"}
    found = next((c for c in verb.children if c.dep_ in deps), None)
    if found is None and _misparsed_subject(verb):
        return verb.head
    return found


def _name_just_before(verb: Token) -> Token | None:
    """A subject the parser hung elsewhere: a person's name right before a sentence's subjectless finite verb,
    post-nominals and commas between ("Opening the case, Priya Castellane, KC, said ...", Castellane read as a conjunct)."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and (doc[i].text == "," or doc[i].lower_.rstrip(".") in lx.POST_NOMINALS):
        i -= 1
    if i < 0 or i == verb.i - 1 or doc[i].ent_type_ != "PERSON" or doc[i].sent != verb.sent:
        return None
    return doc[i]


def _misparsed_subject(verb: Token) -> bool:
    """A past-tense verb parsed as a clause on the noun before it ("..., the MoD announced on Twitter") has that noun as subject."""
    return verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.i < verb.i and verb.i - verb.head.i <= 2


def _has_modal(verb: Token) -> bool:
    """"must declare", "will say": a statement not (yet) made."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.lefts)


def _quoted_as_saying(verb: Token) -> list[Token]:
    """The words of "was quoted as saying" after "quoted", or [] when the phrase is not there."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            saying = next((c for c in prep.children if c.lemma_.lower() in cue_lemmas()), None)
            if saying is not None:
                return [prep, saying]
    return []


def _cue_words(verb: Token) -> list[Token] | None:
    """The verb with its auxiliaries, particle and audience ("has said", "pointed out", "told reporters")."""
    lemma = verb.lemma_.lower()
    words = [verb]
    particle = lx.PARTICLE_CUES.get(lemma)
    if particle:
        prt = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == particle), None)
        if prt is None:
            return None
        words.append(prt)
    if lemma == "quote":
        extra = _quoted_as_saying(verb)
        if not extra:
            return None
        words += extra
    words += [c for c in verb.lefts if c.dep_ in {"aux", "auxpass"} and verb.i - c.i <= 2]
    if lemma == "tell":
        words += [c for c in verb.rights if c.dep_ in {"dobj", "dative"} and c.lemma_.lower() in lx.AUDIENCE_NOUNS]
    return words


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def unsaid(verb: Token) -> bool:
    """"did not say", "will announce": speech that was not made, or not yet.

    Only acts of saying (lexicon.SPEECH_ACT_VERBS): a negated or modal attitude ("does not want",
    "would rather vote for") is still the source's position, and PolNeAR annotates it as one.
    """
    return verb.lemma_.lower() in lx.SPEECH_ACT_VERBS and (_is_negated(verb) or _has_modal(verb))


def _inside_quote(tok: Token, para: Para, quotes: list[Quoted]) -> bool:
    pos = para.start(tok)
    return any(q.start < pos < q.end for q in quotes)


def _governing_subject(verb: Token, direct: dict[int, Cue]) -> tuple[Token, bool] | None:
    """Source of a subjectless cue: the nearest governing cue's source, else the governing clause's subject.

    A verb of saying passes over a governing cue of thinking to a cue of saying above it: in "Pompeo said
    that Washington had concluded ..., saying he trusted the courts" the parser hangs "saying" on
    "concluded", but Pompeo is saying it."""
    node, fallback, thinking = verb, None, None
    saying = verb.lemma_.lower() in lx.CUE_VERBS and verb.lemma_.lower() not in lx.THOUGHT_WORDS
    while node.dep_ in CLAUSE_DEPS and node.head is not node:
        node = node.head
        if node.i in direct:
            if saying and node.lemma_.lower() in lx.THOUGHT_WORDS and thinking is None:
                thinking = direct[node.i].source
                continue
            return direct[node.i].source, True
        if thinking is not None:
            continue
        subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subj is not None and fallback is None:
            fallback = subj
    if thinking is not None:
        return thinking, True
    return (fallback, True) if fallback is not None else None


def _according(tok: Token, para: Para) -> Cue | None:
    """"according to X": the source is the object of "to"."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    np = describe(obj, para) if obj is not None else None
    if np is None or obj is None or to is None:
        return None
    return Cue(tok, [tok, to], obj, np, according=True)


def _in_the_words_of(tok: Token, para: Para) -> Cue | None:
    """"in the words of X": read as "according to X" (the source is the object of "of")."""
    if tok.lower_ != "words" or tok.head.lower_ != "in" or tok.head.dep_ != "prep":
        return None
    of = next((c for c in tok.children if c.lower_ == "of" and c.dep_ == "prep"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    np = describe(obj, para) if obj is not None else None
    if np is None or obj is None or of is None:
        return None
    return Cue(tok, [tok.head, *(c for c in tok.lefts if c.dep_ == "det"), tok, of], obj, np, according=True)


def _verb_cue(verb: Token, para: Para, direct: dict[int, Cue]) -> Cue | None:
    if verb.lemma_.lower() not in cue_lemmas() or verb.pos_ not in {"VERB", "AUX"}:
        return None
    if unsaid(verb):
        return None
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() == "quote":
        return None
    words = _cue_words(verb)
    if words is None:
        return None
    subj, inherited = _subject(verb) or _name_just_before(verb), False
    if subj is None:
        found = _governing_subject(verb, direct)
        if found is None:
            return None
        subj, inherited = found
    np = describe(subj, para)
    if np is None:
        return None
    return Cue(verb, words, subj, np, inherited=inherited)


def _only_a_place(label: SpacySpan) -> bool:
    """"Iowa:", "New Hampshire:": a list's heading, not a speaker."""
    return all(t.ent_type_ in PLACE_ENTS for t in label if not t.is_punct)


def _label_cue(para: Para) -> Cue | None:
    """A paragraph that opens with a speaker's name and a colon ("Cruz: Trump Would Put Liberals On Court",
    "TAPPER: And obviously, ..."): a headline's or a transcript's way of attributing what follows."""
    doc = para.doc
    colon = next((t for t in doc[: LABEL_MAX_WORDS + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0:
        return None
    label = doc[: colon.i]
    words = [t for t in label if not t.is_punct]
    after = [t for t in doc[colon.i + 1 :] if t.is_alpha]
    if not words or len(after) < LABEL_MIN_CONTENT_WORDS or label.text.count('"') or any(t.like_num for t in label):
        return None
    if not all((t.is_title or t.is_upper) and t.pos_ in LABEL_POS for t in words):
        return None
    if any(t.lower_.rstrip(".") in lx.LABEL_WORDS for t in words) or _only_a_place(label):
        return None
    says = not any(ch.isdigit() for ch in label.text) and any(t.tag_ in FINITE_TAGS for t in doc[colon.i + 1 :])
    head = label.root
    start, end = para.start(label[0]), para.end(label[-1])
    np = describe(head, para)
    if np is None:  # a capitalised label the tagger read as a common noun ("TAPPER", "Cruz"): a name all the same
        np = SourceNP(head, start, end, "name", "unknown", name=label.text)
    return Cue(colon, [colon], head, dataclasses.replace(np, start=start, end=end), label=True, says=says)


def _quote_opened_by(colon: Token, para: Para, quotes: list[Quoted]) -> Quoted | None:
    """The quotation that opens right after a colon, with only spaces between."""
    end = para.end(colon)
    return next((q for q in quotes if q.start >= end and not para.doc.text[end - para.base : q.start - para.base].strip()), None)


def _verb_before(colon: Token) -> Token | None:
    """The verb heading the words before a colon in its sentence: the one that hangs from the colon's side,
    or from nothing (the parser often makes it a clause of the quoted verb after the colon)."""
    for tok in colon.doc[colon.sent.start : colon.i]:
        if tok.pos_ == "VERB" and (tok.head.i >= colon.i or tok.head.i == tok.i):
            return tok
    return None


def _colon_cues(para: Para, quotes: list[Quoted], cues: list[Cue]) -> list[Cue]:
    """A clause whose colon opens a quotation gives it to its subject: "The officer put it more bluntly:
    “...”", "Rubio fired back forcefully: “...”", "Hoff's letter makes a libertarian-style case: “...”"."""
    found = []
    for colon in para.doc:
        quotation = _quote_opened_by(colon, para, quotes) if colon.text == ":" else None
        if quotation is None:
            continue
        verb = _verb_before(colon)
        if verb is None:
            continue
        if _inside_quote(verb, para, quotes) or _is_negated(verb) or _has_modal(verb):
            continue
        if any(verb.i <= c.anchor.i < colon.i or c.anchor.i == verb.i for c in cues):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        np = describe(subj, para) if subj is not None else None
        if subj is not None and np is not None:
            found.append(Cue(verb, [verb], subj, np, quotation=quotation))
    return found


def find_cues(para: Para, quotes: list[Quoted]) -> list[Cue]:
    """Every cue in a paragraph whose source could be a speaker, outside quoted speech."""
    lemmas = cue_lemmas()
    candidates = [
        t
        for t in para.doc
        if (t.lemma_.lower() in lemmas or t.lower_ in ("according", "words")) and not _inside_quote(t, para, quotes)
    ]
    direct: dict[int, Cue] = {}
    for tok in candidates:
        if tok.lower_ not in ("according", "words") and _subject(tok) is not None:
            cue = _verb_cue(tok, para, direct)
            if cue is not None:
                direct[tok.i] = cue
    cues = list(direct.values())
    for tok in candidates:
        if tok.i in direct:
            continue
        cue = _according(tok, para) or _in_the_words_of(tok, para)
        cue = cue or (_verb_cue(tok, para, direct) if _subject(tok) is None and tok.lower_ != "words" else None)
        if cue is not None:
            cues.append(cue)
    cues += _colon_cues(para, quotes, cues)
    label = _label_cue(para)
    if label is not None and not any(c.anchor.i < label.anchor.i for c in cues):
        cues.append(label)
    return sorted(cues, key=lambda c: c.anchor.i)
