"""Source noun phrases: what kind of mention a cue's subject is, and the name and role it gives."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from onrecord.attribute import lexicon as lx
from onrecord.model import MentionKind, SpeakerType

NAME_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "FAC"})
LEFT_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod", "case", "punct"})
TRAILING_CLAUSE_DEPS = frozenset({"relcl", "acl"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
MASS_GROUP_LEMMAS = frozenset({"media", "medium", "police", "people", "staff", "military"})
PARTITIVE_HEADS = frozenset({"one", "another"})
"""Heads that pick a person out of a group, named in apposition ("one of them, Mikkel Aas, said")."""


@dataclass(frozen=True)
class Para:
    """One parsed paragraph and where its text starts in the document."""

    doc: Doc
    base: int

    def start(self, tok: Token) -> int:
        return self.base + tok.idx

    def end(self, tok: Token) -> int:
        return self.base + tok.idx + len(tok.text)


@dataclass
class SourceNP:
    """A noun phrase read as a possible source, before it is resolved to a speaker."""

    head: Token
    start: int
    end: int
    kind: MentionKind
    type: SpeakerType
    name: str | None = None
    role: str | None = None
    generic: bool = False
    modifiers: set[str] = field(default_factory=set)

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()


def entity_of(tok: Token) -> tuple[int, int, str] | None:
    """(start token, end token, label) of the entity `tok` belongs to (read off the IOB tags: no list of entities built)."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end, tok.ent_type_


def text_of(doc: Doc, start: int, end: int) -> str:
    """Surface text of tokens [start, end), without a leading article or trailing possessive."""
    toks = [t for t in doc[start:end]]
    while toks and (toks[0].lower_ in {"the", "a", "an"} or toks[0].is_punct):
        toks.pop(0)
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks.pop()
    if not toks:
        return ""
    return doc[toks[0].i : toks[-1].i + 1].text


def np_tokens(head: Token) -> list[Token]:
    """The phrase headed by `head`, leaving out relative clauses and trailing participial clauses."""
    cut: set[int] = set()
    for child in head.children:
        if child.dep_ in TRAILING_CLAUSE_DEPS or (child.dep_ == "appos" and _is_clause(child)):
            cut.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in cut]
    opened = [i for i, t in enumerate(toks) if t.text == "("]
    if opened and sum(t.text == ")" for t in toks) < len(opened):
        toks = toks[: opened[-1]]
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks


def _is_clause(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"}


def _left_modifiers(head: Token, stop: int) -> list[Token]:
    """Left dependents of `head` before token index `stop` that qualify it (not articles)."""
    mods = [c for c in head.lefts if c.i < stop and c.dep_ in LEFT_MODIFIER_DEPS and c.lower_ not in {"the", "a", "an"}]
    return mods


def _role_before(head: Token, ent_start: int) -> str | None:
    """Role words in front of a name ("Kremlin spokesman" in "Kremlin spokesman Dmitry Peskov")."""
    inside = {t.i for t in np_tokens(head)}
    first = ent_start
    while first - 1 in inside and not head.doc[first - 1].is_punct:
        first -= 1
    return text_of(head.doc, first, ent_start) or None


def _appos_role(head: Token) -> str | None:
    """Role given in apposition ("Serhiy Popko, head of Kyiv city's military administration")."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ not in NAME_LABELS and not _is_clause(child):
            toks = np_tokens(child)
            return text_of(head.doc, toks[0].i, toks[-1].i + 1) or None if toks else None
    return None


def _appos_person(head: Token) -> Token | None:
    """A name in apposition ("The mayor of Selm, Oskar Lind,"), even one the tagger did not label.

    The parser often hangs that name on the role's "of" complement (Lind <- Selm) rather than on the
    role itself; a person's name there counts too.
    """
    found = next((c for c in head.children if c.dep_ == "appos" and _looks_like_name(c)), None)
    complements = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for pobj in complements if found is None else []:
        found = next((c for c in pobj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), found)
    return found


def _looks_like_name(tok: Token) -> bool:
    """A person's name, or a chain of proper nouns the tagger left unlabelled or read as an organisation
    ("Gwen Albery" in "The mayor, Gwen Albery,"): in apposition to a role noun, that is a person."""
    if tok.ent_type_ in NAME_LABELS:
        return True
    chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if tok.pos_ != "PROPN" or not chain or tok.ent_type_ not in ("", "ORG"):
        return False
    return tok.ent_type_ == "" or not any(t.lower_ in lx.ORG_NOUNS for t in [*chain, tok])


def _name_span(tok: Token) -> tuple[int, int]:
    """Token range of the name `tok` heads (its PERSON entity, an entity the tagger read as an organisation that
    ends with it, or its proper-noun chain), less leading titles and trailing post-nominals ("SC", "QC")."""
    ent = entity_of(tok)
    if ent and (ent[2] in NAME_LABELS or ent[2] == "ORG" and ent[1] == tok.i + 1):
        start, end = ent[0], ent[1]
    else:
        same = NAME_LABELS | {"", tok.ent_type_}
        chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in same]
        start, end = min([c.i for c in chain if _contiguous(c, tok)], default=tok.i), tok.i + 1
    while end - 1 > start + 1 and tok.doc[end - 1].lower_.rstrip(".") in lx.POST_NOMINALS:
        end -= 1
    return without_titles(tok.doc, start, end)


def without_titles(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of a name less the titles in front of it ("Minister Ines Caravel" -> "Ines Caravel")."""
    while start < end - 1 and is_title(doc[start]):
        start += 1
    return start, end


def is_title(tok: Token) -> bool:
    """"Minister", "Mr.", "Gen." in front of a name: part of the role, not of the name."""
    word = tok.lower_.rstrip(".")
    return word in lx.ROLE_NOUNS or word in lx.NAME_TITLES


def _contiguous(first: Token, last: Token) -> bool:
    """Proper nouns from `first` to `last`, hyphens between them allowed ("Ingrid Vasquez-Holm")."""
    return all(t.pos_ == "PROPN" or (t.text == "-" and not t.whitespace_) for t in first.doc[first.i : last.i + 1])


def phrase_name(head: Token) -> str:
    """Name of an organisation or group phrase: its modifiers, head and "of" complement.

    A possessive pronoun is not part of a name ("his Foreign Ministry" is the Foreign Ministry).
    """
    mods = [m for m in _left_modifiers(head, head.i) if m.tag_ != "PRP$"]
    first = min([t.i for m in mods for t in m.subtree], default=head.i)
    last = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            last = max(t.i for t in child.subtree)
        elif child.dep_ in {"compound", "flat"}:
            last = max(last, child.i)
        else:
            break
    ent = entity_of(head)
    if ent and ent[2] in ORG_LABELS:
        first, last = min(first, ent[0]), max(last, ent[1] - 1)
    return text_of(head.doc, first, last + 1)


def _base(head: Token, para: Para, kind: MentionKind, type_: SpeakerType) -> SourceNP:
    toks = np_tokens(head) or [head]
    mods = {m.lower_ for m in _left_modifiers(head, head.i) if not m.is_punct}
    generic = not mods and not _appos_person(head)
    return SourceNP(head, para.start(toks[0]), para.end(toks[-1]), kind, type_, generic=generic, modifiers=mods)


def _person(head: Token, para: Para, name_tok: Token, role_head: Token) -> SourceNP:
    np = _base(head, para, "name", "person")
    start, end = _name_span(name_tok)
    np.name = text_of(head.doc, start, end)
    if role_head is name_tok:
        np.role = _role_before(name_tok, start) or _appos_role(name_tok)
    else:
        cut = min([start, *(c.i for c in role_head.children if c.dep_ == "appos")])
        toks = [t for t in np_tokens(role_head) if t.i < cut]
        while toks and toks[-1].is_punct:
            toks.pop()
        np.role = text_of(head.doc, toks[0].i, toks[-1].i + 1) if toks else None
    return np


def describe(head: Token, para: Para) -> SourceNP | None:
    """Read a cue's subject as a source mention, or None when it cannot be one ("court records")."""
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head is not head.head:
        return _relative(head, para)
    lemma, ent = head.lemma_.lower(), entity_of(head)
    label = ent[2] if ent else ""
    if head.lower_ in lx.SPEAKER_PRONOUNS:
        return _base(head, para, "pronoun", "unknown")
    if label in NAME_LABELS or (head.pos_ == "PROPN" and _after_a_title(head)):
        return _person(head, para, head, head)
    appos = _appos_person(head)
    if appos is not None and (lemma in lx.ROLE_NOUNS | lx.PERSON_NOUNS or lemma in PARTITIVE_HEADS or _common_noun(head)):
        return _person(head, para, appos, head)
    plural = head.tag_ in {"NNS", "NNPS"} or lemma in MASS_GROUP_LEMMAS
    if lemma in lx.GROUP_NOUNS and plural and label not in ORG_LABELS and lemma != "military":
        return _named(_base(head, para, "group", "group"), phrase_name(head))
    if _speaking_noun(head, "NNS") and not label:
        return _named(_base(head, para, "group", "group"), phrase_name(head))
    run_in = _name_run_into_office(head) if lemma in lx.ROLE_NOUNS and head.pos_ != "PROPN" else None
    if run_in is not None:
        return _person_after_office(head, para, *run_in)
    if lemma in lx.ROLE_NOUNS and head.pos_ != "PROPN" or lemma in lx.GENERIC_ROLE_NOUNS:
        np = _base(head, para, "role", "person")
        np.role = text_of(head.doc, (np_tokens(head) or [head])[0].i, head.i + 1)
        return np
    if label in ORG_LABELS or lemma in lx.ORG_NOUNS:
        return _named(_base(head, para, "organization", "organization"), phrase_name(head))
    if label == "NORP":
        return _named(_base(head, para, "group", "group"), phrase_name(head))
    if lemma in lx.PERSON_NOUNS or _speaking_noun(head) or _age_description(head):
        kind: MentionKind = "description"
        return _base(head, para, kind, "person")
    if head.pos_ == "PROPN" and lemma not in lx.NON_SOURCE_NOUNS and head.text[:1].isupper():
        return _person(head, para, head, head)
    if lemma in lx.DOCUMENT_SOURCES:
        return _named(_base(head, para, "document", "unknown"), phrase_name(head))
    return None


def _name_run_into_office(head: Token) -> tuple[int, int] | None:
    """Token range of a name the parser ran into the role's "of" complement, without a comma ("The chairman of
    the Central Electoral Commission Vadime Sorokoff"): two or three capitalised words after the organisation's
    head noun, ending the phrase, none of them an organisation's or a role's word."""
    complements = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for pobj in complements:
        chain = [c for c in pobj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if pobj.pos_ != "PROPN" or not chain:
            continue
        office = [t.i for t in chain if t.lower_ in lx.ORG_NOUNS]
        name = head.doc[office[-1] + 1 : pobj.i + 1] if office else []
        if 2 <= len(name) <= 3 and all(_plain_name_word(t) for t in name):
            return name[0].i, pobj.i + 1
    return None


def _plain_name_word(tok: Token) -> bool:
    word = tok.lower_
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.is_title and word not in lx.ORG_NOUNS | lx.ROLE_NOUNS | lx.NAME_TITLES


def _person_after_office(head: Token, para: Para, start: int, end: int) -> SourceNP:
    np = _base(head, para, "name", "person")
    np.name = text_of(head.doc, start, end)
    phrase = np_tokens(head)
    toks = [t for t in phrase if t.i < start and not (t.i == phrase[0].i and t.dep_ == "det")]
    np.role = text_of(head.doc, toks[0].i, toks[-1].i + 1) if toks else None
    return np


def _common_noun(head: Token) -> bool:
    """A singular common noun that is no organisation's: with a name in apposition, a person described ("The
    agency's lunar program scientist, Dr. Femi Oduya,", "My editor, Bram Castellanos,")."""
    return head.tag_ == "NN" and head.lemma_.lower() not in lx.ORG_NOUNS | lx.NON_SOURCE_NOUNS


def _age_description(head: Token) -> bool:
    """"the 24-year-old": a person described by age, who the article has just named."""
    return head.lower_ == "old" and any(c.dep_ == "npadvmod" and c.lemma_ in ("year", "month") for c in head.children)


def _after_a_title(head: Token) -> bool:
    """A proper name right after a role noun ("City spokeswoman Maren Holt", "Fire Chief Helena Ekdal", the title
    capitalised) is a person, whatever the NER says; not an organisation's name ("Fire Chief Association")."""
    if head.lower_ in lx.ORG_NOUNS:
        return False
    chain = [t for t in head.lefts if t.dep_ == "compound"]
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.lower_ in lx.ROLE_NOUNS and t.i + 1 < head.i and t.nbor().pos_ == "PROPN"
        and t.nbor().lower_ not in lx.ROLE_NOUNS
        for t in chain
    )


def _speaking_noun(head: Token, tag: str = "NN") -> bool:
    """A common noun that tells or says something: a person described ("the longtime rival ... said"), or
    with tag NNS a group of people ("Fishermen said ...")."""
    return (
        head.pos_ == "NOUN"
        and head.tag_ == tag
        and head.lemma_.lower() not in lx.NON_SOURCE_NOUNS
        and head.head.lemma_.lower() in lx.PERSONAL_CUE_VERBS
    )


def _relative(pronoun: Token, para: Para) -> SourceNP | None:
    """"who" in "Trump, who said ...": the mention is the pronoun, the source its antecedent."""
    antecedent = describe(pronoun.head.head, para)
    if antecedent is None:
        return None
    antecedent.start, antecedent.end = para.start(pronoun), para.end(pronoun)
    return antecedent


def _named(np: SourceNP, name: str) -> SourceNP:
    np.name = name or None
    return np
