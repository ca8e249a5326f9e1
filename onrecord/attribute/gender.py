"""Which people of an article the text itself marks as a man or a woman, so that "she said" is never given
to a man the article calls "he".

No list of first names: the evidence is the article's own words, which work for any name ("Oluwaseun"
as well as "Helen"). A courtesy title in front of a name ("Mr Pell", "Ms Hartigan"), a gendered role
noun the article gives the person ("spokeswoman", "his wife", "the actress"), and the pronouns that
follow a person who is the only one named in a sentence ("Helena Vasquez said her team ...", and "He"
opening the next sentence, when the person is the subject) are votes; a person is marked when the votes agree by more than two to one.
Pronouns inside quotation marks are not counted (in "I told her", "her" is someone else).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from onrecord.attribute.mentions import NAME_LABELS, Para, text_of, without_titles

Gender = Literal["male", "female"]

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
TITLE_GENDER: dict[str, Gender] = {
    "mr": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male", "herr": "male",
    "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female", "queen": "female",
    "princess": "female", "mme": "female", "mlle": "female", "frau": "female", "madam": "female",
}
ROLE_GENDER: dict[str, Gender] = {
    **{w: "male" for w in (
        "spokesman", "chairman", "businessman", "congressman", "councilman", "policeman", "husband", "father",
        "son", "brother", "uncle", "nephew", "grandfather", "grandson", "boyfriend", "widower", "actor", "dad",
        "stepfather", "fiance", "sportsman", "frontman", "anchorman", "king", "prince", "duke", "monk")},
    **{w: "female" for w in (
        "spokeswoman", "chairwoman", "businesswoman", "congresswoman", "councilwoman", "policewoman", "wife",
        "mother", "daughter", "sister", "aunt", "niece", "grandmother", "granddaughter", "girlfriend", "widow",
        "actress", "mum", "mom", "stepmother", "fiancee", "sportswoman", "frontwoman", "anchorwoman", "queen",
        "princess", "duchess", "nun", "waitress", "heiress", "hostess")},
}
OPENING_QUOTES = frozenset({"“", "‘", "«"})
CLOSING_QUOTES = frozenset({"”", "’", "»"})
OPENING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
"""A sentence opening "She ..." or "His lab ...": about the person named just before."""
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | {'"', "'"}


def gender_evidence(
    paras: list[Para], full_name: Callable[[str], str], is_person: Callable[[str], bool]
) -> dict[str, Gender]:
    """Full name (as `full_name` gives it) -> the gender the article marks it with, for those it marks.
    `is_person` says whether a name the tagger did not label as a person's is one all the same."""
    votes: dict[str, Counter[Gender]] = {}
    sentences = [sent for para in paras for sent in para.doc.sents]
    people_of = [_people(sent, is_person) for sent in sentences]
    for i, (sent, people) in enumerate(zip(sentences, people_of)):
        for name, gender in _titled(sent):
            votes.setdefault(full_name(name), Counter())[gender] += 1
        if len({full_name(name) for name, _ in people}) != 1:
            continue
        name, last = people[-1]
        if not _is_subject(sent.doc[last]):
            continue
        counter = votes.setdefault(full_name(name), Counter())
        counter.update(_pronouns_after(sent, last))
        counter.update(_roles_near(sent))
        if i + 1 < len(sentences) and not people_of[i + 1]:
            opening = _opening_pronoun(sentences[i + 1])
            if opening:
                counter[opening] += 1
    return {name: gender for name, counter in votes.items() if (gender := _verdict(counter))}


def _verdict(counter: Counter[Gender]) -> Gender | None:
    male, female = counter["male"], counter["female"]
    if male > 2 * female:
        return "male"
    if female > 2 * male:
        return "female"
    return None


def _people(sent: SpacySpan, is_person: Callable[[str], bool]) -> list[tuple[str, int]]:
    """The person names of a sentence outside quotation marks, with the index of each name's last token; not
    a transcript's speaker label ("Hanne Lindqvist: ...")."""
    outside = set(_outside_quotes(sent))
    found = []
    for ent in sent.ents:
        if ent.start not in outside or ent.label_ not in NAME_LABELS | {"ORG"}:
            continue
        name = _name_of(ent)
        if ent.end < sent.end and sent.doc[ent.end].text == ":":
            continue
        if ent.label_ in NAME_LABELS or is_person(name):
            found.append((name, ent.end - 1))
    return found


def _is_subject(tok: Token) -> bool:
    """The name is a clause's subject, or in apposition to one: the one a following "he" or "she" is about."""
    head = tok if tok.dep_ != "compound" else tok.head
    return head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"))


def _name_of(ent: SpacySpan) -> str:
    return text_of(ent.doc, *without_titles(ent.doc, ent.start, ent.end))


def _titled(sent: SpacySpan) -> Iterator[tuple[str, Gender]]:
    """Names right after a gendered courtesy title ("Mr Pell", "Ms. Hartigan")."""
    doc = sent.doc
    for ent in sent.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for tok in (doc[ent.start], doc[ent.start - 1] if ent.start > sent.start else None):
            if tok is not None and (gender := TITLE_GENDER.get(tok.lower_.strip("."))):
                yield _name_of(ent), gender
                break


def _outside_quotes(sent: SpacySpan) -> Iterator[int]:
    """Indices of the sentence's tokens that are not inside quotation marks."""
    inside = False
    for tok in sent:
        text = tok.text
        if text == '"':
            inside = not inside
            continue
        if text in OPENING_QUOTES:
            inside = True
            continue
        if text in CLOSING_QUOTES and inside:
            inside = False
            continue
        if not inside:
            yield tok.i


def _pronouns_after(sent: SpacySpan, after: int) -> Iterator[Gender]:
    """Third-person subject and possessive pronouns after the name ("said he", "her plan"; an object, "told
    her", is most often someone else), up to the next quotation mark (after a quotation, "she said" is the
    next statement's source, not this person); not in an apposition ("Graham Pell, her former husband")."""
    name = sent.doc[after]
    apposition = {t.i for child in name.children if child.dep_ == "appos" for t in child.subtree}
    for tok in sent.doc[after + 1 : sent.end]:
        if tok.text in QUOTE_MARKS:
            return
        if tok.i not in apposition and (gender := PRONOUN_GENDER.get(tok.lower_)) and tok.dep_ in OPENING_DEPS:
            yield gender


def _roles_near(sent: SpacySpan) -> Iterator[Gender]:
    """Gendered role nouns of the sentence that name the one person in it ("the spokeswoman, Ana Reyes")."""
    doc = sent.doc
    for i in _outside_quotes(sent):
        tok: Token = doc[i]
        gender = ROLE_GENDER.get(tok.lemma_.lower()) or ROLE_GENDER.get(tok.lower_)
        if gender and tok.pos_ == "NOUN" and _describes_a_name(tok):
            yield gender


def _describes_a_name(tok: Token) -> bool:
    """The role noun is in apposition to a name, or a name is in apposition to it, or it is a compound of it."""
    linked = [tok.head] if tok.dep_ in ("appos", "compound") else []
    linked += [c for c in tok.children if c.dep_ in ("appos", "compound")]
    return any(t.ent_type_ in NAME_LABELS for t in linked)


def _opening_pronoun(sent: SpacySpan) -> Gender | None:
    """The gender of a sentence's first word when it is a third-person pronoun, its subject or a possessive
    ("She added ...", "His lab ..."); not the "she" of a quotation's "she said"."""
    first = next((tok for tok in sent if not tok.is_space), None)
    return PRONOUN_GENDER.get(first.lower_) if first is not None and first.dep_ in OPENING_DEPS else None
