"""Speaker resolution: surnames, pronouns, role nouns, descriptions and short forms to who they mean.

Works over one article: an inventory of its names, roles and organisations (built once, from
every paragraph, and indexed), and a history of resolved speakers in document order. Every lookup
is a binary search or a dictionary, or goes once over the article's distinct names or roles,
never over all of its mentions: attribution time grows with the article's length (issue 13).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord.attribute import lexicon as lx
from onrecord.attribute.gender import PRONOUN_GENDER, TITLE_GENDER, Gender, gender_evidence
from onrecord.attribute.mentions import (
    NAME_LABELS,
    RELATIVE_PRONOUNS,
    Para,
    SourceNP,
    describe,
    entity_of,
    is_title,
    phrase_name,
    text_of,
    without_titles,
)
from onrecord.attribute.timeline import Backlog, Entry, NamedTracks, Track
from onrecord.model import Speaker, SpeakerType
from onrecord.names import ORG_FUNCTION_WORDS, fold, is_bare, name_words, same_person, surname_key

UNRESOLVED = ""
"""The name under which a person mention the text leaves ambiguous is remembered."""
NOT_ALIASES = lx.SPEAKER_PRONOUNS | RELATIVE_PRONOUNS
"""Words that refer to a speaker without being one of their names."""
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "pobj", "dobj"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
UNNAMED_PERSON_NOUNS = frozenset({"man", "woman", "person", "boy", "girl", "guy", "lady", "gentleman"})
"""Nouns for a person the text does not name: "the man" never refers back to a named person."""
COLLECTIVE_NOUNS = frozenset({"family", "household", "relative", "relatives", "parents", "couple"})
"""Nouns for several people ("the Hartigan family said"): never the one person named last."""
HONOUR_WORDS = frozenset({"honour", "honor"})
"""'Her Honour', 'His Honor': how courts and court reports name the judge."""
OFFICE_PREPS = frozenset({"for", "of", "at"})
"""Prepositions of a role noun's own complement: "spokesman for the police", "mayor of Selm"."""


@dataclass
class Holder:
    """A person the article describes with a role, and where."""

    pos: int
    name: str
    role: str
    words: frozenset[str] = field(init=False)
    """The words of the role (`role_words`)."""

    def __post_init__(self) -> None:
        self.words = frozenset(role_words(self.role))


def one_extending(short: str, names: Iterable[str]) -> str | None:
    """The one name of `names` that starts with this short form and goes on ("Portmara" -> "Portmara FC");
    None when there is none or several."""
    longer = {name for name in names if name.startswith(short + " ")}
    return longer.pop() if len(longer) == 1 else None


def role_words(role: str) -> set[str]:
    """The words of a role, lower-cased, without trailing periods, commas and possessive endings ("China's" -> "china")."""
    return {re.sub(r"['’]s$", "", w.lower().strip(".,")) for w in role.split()}


@dataclass
class HolderIndex:
    """The holders under each word of their roles, in the article's holder order (by position); `seq` their index in it."""

    tracks: dict[str, Track[Holder]] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)
    """A word -> the names of the holders whose role holds it."""

    @classmethod
    def of(cls, holders: list[Holder]) -> HolderIndex:
        index = cls()
        for seq, holder in enumerate(holders):
            entry = Entry(holder.pos, seq, holder.name, holder)
            for word in holder.words:
                index.tracks.setdefault(word, Track()).add(entry)
                index.names.setdefault(word, set()).add(holder.name)
        return index


@dataclass
class Inventory:
    """What the whole article says about who is who."""

    people: dict[str, list[str]] = field(default_factory=dict)
    """A surname (folded) -> the people bearing it, one fullest name each, in order of first mention.
    Two of them differ in a given name ("Petra Brandt", "Jonas Brandt"): a bare "Brandt" is ambiguous."""
    person_tracks: NamedTracks[str] = field(default_factory=NamedTracks)
    """Every mention of a person by a name with a given name, under the person's fullest name, by position."""
    bare_spots: dict[str, list[int]] = field(default_factory=dict)
    """A surname (folded) -> where it is named alone, in order."""
    referents: dict[str, str] = field(default_factory=dict)
    """A surname several people bear -> the one it names alone, where the article makes that clear
    (`_find_referents`: the article's "Cruz" stays Ted Cruz after "Heidi Cruz" is named once)."""
    paragraph_starts: list[int] = field(default_factory=list)
    holders: list[Holder] = field(default_factory=list)
    org_aliases: dict[str, str] = field(default_factory=dict)
    org_names: list[tuple[int, str]] = field(default_factory=list)
    subjects: list[tuple[int, str, SpeakerType]] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    """Lower-cased place names (GPE, LOC): a one-word "name" among them is a country or city speaking."""
    demonyms: set[str] = field(default_factory=set)
    """Lower-cased one-word nationalities the article uses (NORP, or a capitalised word in -an: "Kestravan",
    "Russian")."""
    roles: dict[str, str] = field(default_factory=dict)
    """A holder's name -> the role of its first holder in position order."""
    initials: dict[str, str] = field(default_factory=dict)
    """Lower-cased initials, with and without function words -> the first organisation name of several words."""
    subject_tracks: dict[str, NamedTracks[str]] = field(default_factory=dict)
    """A speaker type -> its main-clause subjects by position, under their names."""
    org_tracks: NamedTracks[str] = field(default_factory=NamedTracks)
    """The organisation names by position."""
    holder_index: HolderIndex = field(default_factory=HolderIndex)
    """The holders by the words of their roles."""
    genders: dict[str, Gender] = field(default_factory=dict)
    """A person's fullest name -> the gender the article's own words mark them with (`gender.py`)."""

    def not_of_gender(self, gender: Gender) -> frozenset[str]:
        """The people the article marks with another gender: never what "he" or "she" means."""
        return frozenset(name for name, marked in self.genders.items() if marked != gender)

    def of_gender(self, gender: Gender) -> frozenset[str]:
        return frozenset(name for name, marked in self.genders.items() if marked == gender)

    def full_org(self, name: str, pos: int) -> str:
        """The one longer organisation name, named before `pos`, that starts with this short form ("Halvard"
        -> "Halvard Mobile", "Portmara" -> "Portmara FC"); `name` itself when there is none or several."""
        named = (
            org for org, track in self.org_tracks.names.items()
            if track.positions[0] < pos and org.split()[-1][:1].isupper()
        )
        return one_extending(name, named) or name

    def is_place(self, name: str) -> bool:
        """A one-word name the tagger read as a place, or whose nationality the article uses ("Kestrava" beside
        "Kestravan", "Ukraine" beside "Ukrainian"): a country speaking, not a person."""
        word = name.lower()
        if word in self.places:
            return True
        stem = word[:-1]
        return len(word) >= 4 and any(d.startswith(stem) and len(d) <= len(word) + 3 and d != word for d in self.demonyms)

    def names_a_person(self, name: str) -> bool:
        """Whether the tagger's "organisation" `name` is a person of the article: one of their names, or a
        given name before the surname of a person it names ("Helena Vasquez" beside "Marco Vasquez")."""
        words = name.split()
        if not words or not all(w[:1].isupper() for w in words) or len(words) > 3:
            return False
        if {w.lower() for w in words} & lx.ORG_NOUNS:
            return False
        if len(words) == 1:
            return bool(self.bearers(name))
        return any(b != name for b in self.bearers(words[-1]))

    def full_name(self, name: str) -> str:
        """The fullest name in the article of the person `name` names ("Peskov" -> "Dmitry Peskov"); `name`
        itself for a bare surname that several people bear."""
        if not name.split():
            return name
        key = surname_key(name)
        bearers = self.people.get(key, [])
        if is_bare(name):
            if bearers in ([], [name]) and (first := self.by_first_name(name)) is not None:
                return first
            return bearers[0] if len(bearers) == 1 else self.referents.get(key, name)
        same = [b for b in bearers if same_person(name, b) and len(b.split()) > len(name.split())]
        return same[0] if same else name

    def by_first_name(self, word: str) -> str | None:
        """The one person of the article whose name starts with this word, when the word is nobody's surname:
        a given name alone ("Dale" for Dale Ford) or a family name written first ("Liu" for Liu Xiaming). Not an
        acronym ("VW" is not the "VW Atlas Cross Sport SUV" the parser took for a person)."""
        if not word.istitle():
            return None
        key = name_words(word)
        found = {p for people in self.people.values() for p in people if len(name_words(p)) > 1 and name_words(p)[:1] == key}
        return found.pop() if len(found) == 1 else None

    def bearers(self, surname: str) -> list[str]:
        """The people of the article with this surname."""
        return self.people.get(surname_key(surname), [])

    def shared(self, name: str) -> bool:
        """A bare surname that several people of the article bear."""
        return is_bare(name) and len(self.bearers(name)) > 1

    def ambiguous(self, name: str) -> bool:
        """A bare surname that several people bear and that the article has not used for one of them."""
        return self.shared(name) and surname_key(name) not in self.referents

    def paragraph_of(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos)

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name)

    def subjects_of(self, type_: str) -> NamedTracks[str]:
        return self.subject_tracks.get(type_) or NamedTracks()


NAME_PARTICLES = frozenset("de da di du del della des van von der den ter ten bin ibn al el le la dos das".split())
"""Lower-case words that begin a name ("de Gaulle", "van Dijk"); any other lower-case word before a name is
the tagger's error ("rang Taylor")."""


def _proper_part(name: str) -> str:
    """The name without lower-case words the tagger took in front of it ("rang Taylor" -> "Taylor")."""
    words = name.split()
    while len(words) > 1 and words[0][:1].islower() and words[0] not in NAME_PARTICLES:
        words.pop(0)
    return " ".join(words)


def _add_person(inv: Inventory, name: str) -> None:
    """Record a person's name: a fuller form of a known bearer of its surname replaces it, another given name
    is another person, a bare surname adds someone only when nobody bears it yet."""
    name = _proper_part(name)
    if not name.split():
        return
    bearers = inv.people.setdefault(surname_key(name), [])
    if is_bare(name):
        if not bearers:
            bearers.append(name)
        return
    for i, known in enumerate(bearers):
        if same_person(name, known):
            if len(name.split()) > len(known.split()):
                bearers[i] = name
            return
    bearers.append(name)


def _add_person_mention(inv: Inventory, pos: int, name: str) -> None:
    """A mention of a person by a name with a given name, for the context a bare surname is read in."""
    name = _proper_part(name)
    if name.split() and not is_bare(name):
        full = inv.full_name(name)
        inv.person_tracks.add(pos, full, full)


def _bare_surnames(inv: Inventory, para: Para, shared: set[str]) -> None:
    """Where a surname of `shared` (several people bear it) is used alone: a proper noun with no name beside it."""
    doc = para.doc
    for tok in doc:
        if tok.pos_ != "PROPN" or (key := surname_key(tok.text)) not in shared:
            continue
        beside = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
        if not any(t.pos_ == "PROPN" and not is_title(t) for t in beside):
            inv.bare_spots.setdefault(key, []).append(para.start(tok))


def _find_referents(inv: Inventory) -> None:
    """For each surname several people bear, the one it means alone, if the article makes that clear: the
    first person named with it, when the surname was used alone before anyone else with it was named, or
    when that person is named in full more often than any other bearer."""
    for key, bearers in inv.people.items():
        named = {name: track.positions for name in bearers if (track := inv.person_tracks.names.get(name))}
        if len(bearers) < 2 or len(named) < 2:
            continue
        (_, person), (second, _) = sorted((spots[0], name) for name, spots in named.items())[:2]
        most = max(len(spots) for name, spots in named.items() if name != person)
        if any(spot < second for spot in inv.bare_spots.get(key, [])) or len(named[person]) > most:
            inv.referents[key] = person


def _acronym_after(para: Para, end_tok: int) -> str | None:
    """An acronym in parentheses right after an organisation's name ("(MoD)")."""
    doc = para.doc
    if end_tok + 2 < len(doc) and doc[end_tok].text == "(" and doc[end_tok + 2].text == ")":
        word = doc[end_tok + 1].text
        if word[:1].isupper() and sum(c.isupper() for c in word) >= 2:
            return word
    return None


def _scan_entity(inv: Inventory, para: Para, start: int, end: int, label: str) -> None:
    doc = para.doc
    root = doc[start:end].root
    if label in NAME_LABELS:
        _add_person_mention(inv, para.start(doc[start]), text_of(doc, *without_titles(doc, start, end)))
        np = describe(root, para)
        if np and np.role and np.name:
            inv.holders.append(Holder(para.start(root), inv.full_name(np.name), np.role))
        return
    if label == "ORG":
        name = phrase_name(root) or text_of(doc, start, end)
        inv.org_names.append((para.start(doc[start]), name))
        acronym = _acronym_after(para, end)
        if acronym:
            inv.org_aliases[acronym.lower()] = name


def _appos_holders(inv: Inventory, para: Para) -> None:
    """Roles whose name follows in apposition ("The head of ..., Yevgeny Prigozhin,")."""
    for tok in para.doc:
        if tok.dep_ == "appos" and tok.ent_type_ in NAME_LABELS and tok.head.lemma_.lower() in lx.ROLE_NOUNS:
            np = describe(tok.head, para)
            if np and np.name and np.role:
                inv.holders.append(Holder(para.start(tok.head), inv.full_name(np.name), np.role))


def _scan_subjects(inv: Inventory, para: Para) -> None:
    """Named subjects of main clauses (and people a copula introduces): the people and bodies a later pronoun
    most likely means."""
    for tok in para.doc:
        if _main_subject(tok):
            np = describe(tok, para)
            if np and np.name and np.kind == "name":
                inv.subjects.append((np.start, inv.full_name(np.name), "person"))
            elif np and np.name and np.kind == "organization":
                inv.subjects.append((np.start, np.name, "organization"))


def _main_subject(tok: Token) -> bool:
    """The subject of a main clause, or the person a copula introduces ("The first witness was Janet Pell"):
    who a following "she" is most likely about."""
    if tok.head.dep_ != "ROOT":
        return False
    return tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.ent_type_ in NAME_LABELS)


def _unlabelled_names(inv: Inventory, para: Para) -> None:
    """Full names the tagger did not label ("Foreign Minister Ines Caravel" read as ORG or nothing), and the
    roles they come with ("the city's fire chief" before "Fire Chief Helena Brask")."""
    for tok in para.doc:
        office = tok.pos_ == "NOUN" and tok.dep_ in NAME_DEPS and tok.lemma_.lower() in lx.ROLE_NOUNS
        if office or (tok.pos_ == "PROPN" and tok.dep_ in NAME_DEPS and tok.ent_type_ in {"", "PERSON", "ORG"}):
            np = describe(tok, para)
            if np and np.kind == "name" and np.name and len(np.name.split()) > 1 and not np.name.isupper():
                if tok.ent_type_ != "ORG" or np.role:
                    _add_person(inv, np.name)
                    if tok.ent_type_ != "PERSON":
                        _add_person_mention(inv, np.start, np.name)
                if np.role and tok.ent_type_ != "PERSON":
                    inv.holders.append(Holder(para.start(tok), np.name, np.role))


def _people_read_as_organisations(inv: Inventory, para: Para) -> None:
    """A given name and the surname of a person the article names, tagged as an organisation ("Helena
    Vasquez" beside "Marco Vasquez"): another person of that surname."""
    for ent in para.doc.ents:
        if ent.label_ == "ORG":
            name = text_of(para.doc, *without_titles(para.doc, ent.start, ent.end))
            if len(name.split()) > 1 and inv.names_a_person(name):
                _add_person(inv, name)
                _add_person_mention(inv, para.start(ent[0]), name)


def build_inventory(paras: list[Para]) -> Inventory:
    """Collect the article's names, role holders, organisations and main-clause subjects."""
    inv = Inventory(paragraph_starts=[para.base for para in paras])
    for para in paras:
        for ent in para.doc.ents:
            if ent.label_ in NAME_LABELS:
                _add_person(inv, text_of(para.doc, *without_titles(para.doc, ent.start, ent.end)))
            elif ent.label_ in PLACE_LABELS:
                inv.places.add(ent.text.lower())
            elif ent.label_ == "NORP" and len(ent) == 1:
                inv.demonyms.add(ent.text.lower())
        inv.demonyms |= {t.lower_ for t in para.doc if t.is_title and t.is_alpha and t.lower_.endswith("an")}
        _unlabelled_names(inv, para)
    for para in paras:
        _people_read_as_organisations(inv, para)
    shared = {key for key, bearers in inv.people.items() if len(bearers) > 1}
    for para in paras:
        for ent in para.doc.ents:
            _scan_entity(inv, para, ent.start, ent.end, ent.label_)
        _appos_holders(inv, para)
        _scan_subjects(inv, para)
        if shared:
            _bare_surnames(inv, para, shared)
    _find_referents(inv)
    inv.genders = gender_evidence(paras, inv.full_name, inv.names_a_person)
    distinct = {(h.pos, inv.full_name(h.name), h.role) for h in inv.holders if not inv.ambiguous(h.name)}
    inv.holders = [Holder(*h) for h in sorted(distinct)]
    inv.subjects = [(p, _subject_name(inv, n) if t == "person" else n, t) for p, n, t in inv.subjects]
    _index(inv)
    return inv


def _subject_name(inv: Inventory, name: str) -> str:
    """A person subject's fullest name; UNRESOLVED for a surname several people bear, so that a pronoun
    after it is left unresolved rather than given to someone named before."""
    return UNRESOLVED if inv.ambiguous(name) else inv.full_name(name)


def _index(inv: Inventory) -> None:
    """The inventory's lookups, built once from its lists (which keep their order: ties follow it)."""
    for holder in inv.holders:
        inv.roles.setdefault(holder.name, holder.role)
    inv.holder_index = HolderIndex.of(inv.holders)
    for pos, name in inv.org_names:
        if len(name.split()) > 1:
            inv.initials.setdefault(_initials(name, True), name)
            inv.initials.setdefault(_initials(name, False), name)
        inv.org_tracks.add(pos, name, name)
    for pos, name, type_ in inv.subjects:
        inv.subject_tracks.setdefault(type_, NamedTracks()).add(pos, name, name)


NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "bin", "al", "el", "ibn", "ter", "ten", "dos", "das"})
"""Lower-case words that belong to a name ("van der Beek", "de Gaulle")."""


def _without_role_words(name: str) -> str:
    """A name without the lower-case words the parser left in front of it ("judge Inaba" -> "Inaba"), nor a
    courtesy title ("Dr Okafor" -> "Okafor": the title is no given name)."""
    words = name.split()
    while len(words) > 1 and (
        (words[0][:1].islower() and words[0] not in NAME_PARTICLES) or words[0].lower().strip(".") in lx.NAME_TITLES
    ):
        words.pop(0)
    return " ".join(words)


def _initials(name: str, keep_function_words: bool) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not keep_function_words:
        words = [w for w in words if w.lower() not in ORG_FUNCTION_WORDS]
    return "".join(w[0] for w in words).lower()


@dataclass
class Resolver:
    """Resolves source mentions in document order, remembering who has spoken."""

    inv: Inventory
    said: dict[str, NamedTracks[Speaker]] = field(default_factory=dict)
    """A speaker type -> the named speakers resolved so far, at their mentions' positions."""
    speakers: dict[tuple[str | None, str], Speaker] = field(default_factory=dict)
    subject_logs: dict[str, Backlog] = field(init=False)
    """A speaker type -> its main-clause subjects still to be made."""
    org_log: Backlog = field(init=False)
    """The organisation names still to be made."""

    def __post_init__(self) -> None:
        self.subject_logs = {t: Backlog(tracks.all) for t, tracks in self.inv.subject_tracks.items()}
        self.org_log = Backlog(self.inv.org_tracks.all)

    def speaker(
        self, name: str | None, type_: SpeakerType, role: str | None = None, alias: str = "", described: bool = False
    ) -> Speaker:
        """The article's one Speaker object for this name and type (`described`: made from a description)."""
        key = (name, type_)
        if key not in self.speakers or name is None:
            self.speakers[key] = Speaker(name=name, type=type_, role=role, described=described)
        found = self.speakers[key]
        found.role = found.role or role
        if alias and alias != name and alias not in found.aliases and alias.lower() not in NOT_ALIASES:
            found.aliases.append(alias)
        return found

    def record(self, pos: int, speaker: Speaker | None) -> None:
        """Remember who spoke at `pos`; a person left unresolved is remembered too, so that a pronoun
        after "Brandt said" (two Brandts) stays unresolved instead of going to someone earlier."""
        if speaker is not None and speaker.name is not None:
            self._said(speaker.type).add(pos, speaker.name, speaker)
        elif speaker is not None and speaker.type == "person":
            self._said("person").add(pos, UNRESOLVED, speaker)

    def _said(self, type_: str) -> NamedTracks[Speaker]:
        return self.said.setdefault(type_, NamedTracks())

    def _named(self, name: str, type_: SpeakerType) -> Speaker:
        """The Speaker of a subject or organisation the inventory names (nobody's for UNRESOLVED)."""
        if name == UNRESOLVED:
            return Speaker(name=None, type="person")
        return self.speaker(name, type_, self.inv.role_of(name) if type_ == "person" else None)

    def _make_before(
        self, log: Backlog | None, pos: int, type_: SpeakerType, skip: frozenset[str] = frozenset()
    ) -> None:
        """Make the Speaker of each name of `log` before `pos` not in `skip`, unless an earlier lookup made it.

        The full scans these lookups replaced made the Speaker of every candidate they went over, and
        whichever call makes a Speaker first gives it its role: so the Speakers are made at the same moments.
        """
        for name in log.due(pos, skip) if log else []:
            self._named(name, type_)

    def resolve(self, np: SourceNP, alias: str) -> Speaker:
        """Who `np` (a mention starting at np.start) refers to; unnamed when the text does not say."""
        handlers = {
            "pronoun": self._pronoun,
            "name": self._name,
            "role": self._role,
            "description": self._description,
            "organization": self._organization,
            "group": self._group,
            "document": self._document,
        }
        misread = np.kind in {"organization", "group"} or (np.kind == "description" and np.head.text[:1].isupper())
        if misread and self._is_known_person(_without_role_words(np.name or alias)):
            return self._name(np, alias)
        return handlers[np.kind](np, alias)

    def _is_known_person(self, name: str) -> bool:
        """An "organisation" that is the surname, the one first name or the full name of a person the article
        names (a mislabelled entity)."""
        if not is_bare(name):
            return self.inv.names_a_person(name)
        return bool(self.inv.bearers(name)) or self.inv.by_first_name(name) is not None

    def _name(self, np: SourceNP, alias: str) -> Speaker:
        name = _without_role_words(np.name or alias)
        acronym = self._acronym(name)
        if acronym:
            return self.speaker(acronym, "organization", alias=alias)
        if self.inv.shared(name):
            return self._bearer_in_context(np, name, alias)
        full = self.inv.full_name(name)
        if full != name and is_bare(name) and self._introduced_anew(np, full):
            return Speaker(name=None, type="person")
        if full == name and " " not in name and self.inv.is_place(name):
            return self.speaker(name, "organization", alias=alias)
        if full == name and " " not in name and np.head.ent_type_ not in NAME_LABELS:
            org = self.inv.full_org(name, np.start)
            if org != name:
                return self.speaker(org, "organization", alias=alias)
            return self.speaker(name, "unknown", np.role, alias)
        return self.speaker(full, "person", np.role or self.inv.role_of(full), alias)

    def _introduced_anew(self, np: SourceNP, full: str) -> bool:
        """A bare surname the text introduces as someone new ("Solvang, a crane operator who ...", the tagger
        having missed the given name) with words the known bearer's role does not share: another person."""
        appos = next((c for c in np.head.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if appos is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.children):
            return False
        known = self.inv.role_of(full)
        described = {t.lower_ for t in [*appos.lefts, appos] if t.is_alpha and not t.is_stop}
        return not known or not role_words(known) & described

    def _bearer_in_context(self, np: SourceNP, surname: str, alias: str) -> Speaker:
        """Which of several people with this surname a bare "Brandt" means: the one whose role the mention
        gives ("Transport Minister Brandt"), or the one bearer a gendered courtesy title fits ("Mrs Pell": the
        bearer the article does not mark as a man), else the only one the article has named before the mention
        (a reader knows no other yet; only when the article's mentions of every bearer were found), else the
        one the article uses the surname for (`referents`) if the title fits them, unless another bearer was
        named earlier in the same paragraph or since the article last mentioned that one ("Tom Laird (no
        relation) ..." and then "Dr Laird said").
        Otherwise unresolved, never guessed."""
        bearers = self.inv.bearers(surname)
        titled = TITLE_GENDER.get(fold(alias.split()[0]).strip(".")) if alias.split() else None
        if titled:
            fitting = [b for b in bearers if self.inv.genders.get(b, titled) == titled]
            if len(fitting) == 1:
                return self.speaker(fitting[0], "person", np.role or self.inv.role_of(fitting[0]), alias)
            bearers_of_title = set(fitting)
        else:
            bearers_of_title = set(bearers)
        if np.role:
            wanted = role_words(np.role)
            fits = [b for b in bearers if (role := self.inv.role_of(b)) and wanted <= role_words(role)]
            if len(fits) == 1:
                return self.speaker(fits[0], "person", self.inv.role_of(fits[0]), alias)
        introduced = [b for b in bearers if self._last_named(b, np.start) is not None]
        placed = all(b in self.inv.person_tracks.names for b in bearers)
        if placed and len(introduced) == 1 and introduced[0] in bearers_of_title:
            return self.speaker(introduced[0], "person", np.role or self.inv.role_of(introduced[0]), alias)
        referent = self.inv.referents.get(surname_key(surname))
        if referent is None or referent not in bearers_of_title:
            return Speaker(name=None, type="person")
        if any(self._named_in_paragraph(b, np.start) for b in bearers if b != referent):
            return Speaker(name=None, type="person")
        since = self._last_mention(referent, np.start)
        if since is not None and any((self._last_named(b, np.start) or -1) > since for b in bearers if b != referent):
            return Speaker(name=None, type="person")
        return self.speaker(referent, "person", np.role or self.inv.role_of(referent), alias)

    def _last_mention(self, person: str, pos: int) -> int | None:
        """Where the person was last mentioned before `pos`: named, or a role or pronoun resolved to them."""
        tracks = (self._said("person").names.get(person), self.inv.person_tracks.names.get(person))
        return max((entry.pos for track in tracks if track and (entry := track.latest(pos))), default=None)

    def _last_named(self, person: str, pos: int) -> int | None:
        """Where the person was last named in full before `pos`; None when not yet."""
        track = self.inv.person_tracks.names.get(person)
        last = track.latest(pos) if track else None
        return last.pos if last else None

    def _named_in_paragraph(self, person: str, pos: int) -> bool:
        """Whether the person was named in full earlier in the paragraph of `pos`."""
        last = self._last_named(person, pos)
        return last is not None and self.inv.paragraph_of(last) == self.inv.paragraph_of(pos)

    def _acronym(self, word: str) -> str | None:
        """Full organisation name for an acronym the article spells out ("MoD", "NYT")."""
        if " " in word or sum(c.isupper() for c in word) < 2:
            return None
        key = word.lower()
        if key in self.inv.org_aliases:
            return self.inv.org_aliases[key]
        return self.inv.initials.get(key)

    def _recent(
        self, pos: int, type_: SpeakerType, include_subjects: bool = True, skip: frozenset[str] = frozenset()
    ) -> Speaker | None:
        """The most recent speaker (or main-clause subject) of `type_` before `pos`, none of those named in `skip`.

        On a tie of position the speaker goes before the subject, and the earlier recorded before the later.
        """
        said = self._said(type_).latest(pos, skip)
        if not include_subjects:
            return said.item if said else None
        subject = self.inv.subjects_of(type_).latest(pos, skip)
        self._make_before(self.subject_logs.get(type_), pos, type_, skip)
        if said and (subject is None or said.pos >= subject.pos):
            return said.item
        return self._named(subject.name, type_) if subject else None

    def _pronoun(self, np: SourceNP, alias: str) -> Speaker:
        word = np.head.lower_
        found = None
        if word in lx.PERSON_PRONOUNS:
            found = self._person_of_gender(np.start, PRONOUN_GENDER[word])
        elif word in lx.ORG_PRONOUNS:
            found = self._recent(np.start, "organization")
        elif word in lx.GROUP_PRONOUNS:
            found = self._recent(np.start, "group", include_subjects=False)
        return found or Speaker(name=None, type="unknown")

    def _person_of_gender(self, pos: int, gender: Gender) -> Speaker | None:
        """The most recent person, unless the article marks them with the other gender: then the most recent
        person it marks with this one ("she" after a man is a woman named before him), else no one."""
        found = self._recent(pos, "person")
        other = self.inv.not_of_gender(gender)
        if found is None or found.name not in other:
            return found
        unmarked = {*self._said("person").names, *self.inv.subjects_of("person").names} - self.inv.of_gender(gender)
        return self._recent(pos, "person", skip=frozenset(unmarked))

    def _dominant(self, pos: int) -> Speaker | None:
        """The person quoted most often so far among those recently quoted (the most recent on a tie; then the
        one quoted first)."""
        counted = [(k, track) for track in self._said("person").recent_tracks(pos) if (k := track.count(pos))]
        if not counted:
            return None
        k, track = max(counted, key=lambda kt: _dominance(*kt))
        return track.entries[k - 1].item

    def _role(self, np: SourceNP, alias: str) -> Speaker:
        if np.lemma in lx.GENERIC_ROLE_NOUNS and np.generic:
            found = self._dominant(np.start) or self._recent(np.start, "person", include_subjects=False)
            if found:
                return found
        holder = self._holder(np)
        if holder and holder.pos < np.start:
            return self.speaker(holder.name, "person", holder.role, alias)
        earlier = self._same_role_before(np)
        if earlier:
            return earlier
        if holder:
            return self.speaker(holder.name, "person", holder.role, alias)
        represented = self._represented(np, alias)
        if represented:
            return represented
        named = _name_closing(np)
        if named:
            full = self.inv.full_name(named)
            return self.speaker(full, "person", np.role or self.inv.role_of(full), alias)
        words = _strip_article(alias)
        return self.speaker(words, "person", words, alias, described=True)

    def _represented(self, np: SourceNP, alias: str) -> Speaker | None:
        """An unnamed spokesperson speaks for the organisation the text gives them ("a spokesperson for the
        Harrowgate Paint Company", "a Castlemere spokesman", "a university spokesman", "the company's
        spokeswoman"): the organisation is the speaker, its short form or common noun read as for any mention."""
        if np.lemma not in lx.SPOKESPERSON_NOUNS:
            return None
        for child in np.head.children:
            owner = child
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                owner = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ not in ("compound", "poss"):
                continue
            if owner is None or owner.is_stop:
                continue
            if owner.pos_ == "PROPN":
                name = _strip_article(phrase_name(owner)).removesuffix("'s").removesuffix("’s")
                return self.speaker(self.inv.full_org(name, np.start), "organization", alias=alias)
            if owner.lemma_.lower() in lx.ORG_NOUNS:
                return self._org_fitting(owner.lemma_.lower(), np.start)
        return None

    def _same_role_before(self, np: SourceNP) -> Speaker | None:
        """The latest speaker before the mention whose role has this role noun and its qualifiers."""
        wanted = {np.lemma} | _office_words(np.head)
        lasts = (track.last(np.start) for track in self._said("person").recent_tracks(np.start))
        fits = [e for e in lasts if e and e.item.role and wanted <= role_words(e.item.role)]
        return max(fits, key=lambda e: (e.pos, e.seq)).item if fits else None

    def _holder(self, np: SourceNP) -> Holder | None:
        """The person last described with this role before the mention, else the first after it; among the
        RECENT holders of the role noun on either side of the mention."""
        index = self.inv.holder_index
        near = index.tracks[np.lemma].around(np.start) if np.lemma in index.tracks else []
        wanted = np.modifiers | _office_words(np.head)
        fits = [e for e in near if wanted <= e.item.words | {np.lemma}]
        if not fits and not _qualified(np.head) and len(index.names.get(np.lemma, ())) == 1:
            fits = near
        before = [e for e in fits if e.pos < np.start]
        if before:
            return max(before, key=lambda e: e.seq).item
        return min(fits, key=lambda e: e.seq).item if fits else None

    def _description(self, np: SourceNP, alias: str) -> Speaker:
        """A definite description refers back to the latest person ("the doctor"); "the man", "the woman" do
        not: news names a person it has named by name, and uses these for someone it has not; nor does "the
        family", several people. A description by a tie to someone ("his former business partner") is the name
        in apposition inside it, else the one holder of that role, else unresolved: never the latest person,
        who is most often the one the possessive means."""
        if _of_someone(np.head):
            named = _named_in_apposition(np.head)
            if named:
                full = self.inv.full_name(named)
                return self.speaker(full, "person", self.inv.role_of(full), alias)
            holder = self._holder(np)
            if holder:
                return self.speaker(holder.name, "person", holder.role, alias)
        elif _definite(np.head) and np.lemma not in UNNAMED_PERSON_NOUNS | COLLECTIVE_NOUNS:
            found = self._recent_excluding(np)
            if found:
                return found
        return self.speaker(_strip_article(alias), "person", _strip_article(alias), alias, described=True)

    def _recent_excluding(self, np: SourceNP) -> Speaker | None:
        """Most recent person before the mention who is not named inside the description itself."""
        inside = frozenset(self.inv.full_name(t.text) for t in np.head.subtree if t.ent_type_ in NAME_LABELS)
        return self._recent(np.start, "person", skip=inside)

    def _the_judge(self) -> Speaker | None:
        """The one person the article gives a judge's role or title ("Judge Rosalind Tiernan")."""
        judges = {name for name, role in self.inv.roles.items() if role_words(role) & lx.JUDGE_WORDS}
        if len(judges) != 1:
            return None
        (name,) = judges
        return self.speaker(name, "person", self.inv.role_of(name))

    def _organization(self, np: SourceNP, alias: str) -> Speaker:
        if np.head.lower_ in HONOUR_WORDS and any(c.tag_ == "PRP$" for c in np.head.children):
            return self._the_judge() or Speaker(name=None, type="person")
        name = np.name or alias
        acronym = self._acronym(np.head.text)
        if acronym and np.generic:
            return self.speaker(acronym, "organization", alias=alias)
        if np.generic and np.lemma in lx.ORG_NOUNS and np.head.pos_ != "PROPN" and _definite(np.head):
            found = self._reported_subject(np, alias) or self._org_fitting(np.lemma, np.start)
            if found:
                return found
        return self.speaker(self.inv.full_org(name, np.start), "organization", alias=alias)

    def _reported_subject(self, np: SourceNP, alias: str) -> Speaker | None:
        """The organisation that is the subject of what the mention's sentence reports before it: "Kestrel
        Grid, a start-up ..., has raised £6.5m in a round led by Saltmarsh Ventures, the company said" is
        Kestrel Grid's word, not the latest company's; not one that names another kind of body."""
        head = np.head
        for tok in head.sent:
            if tok.i >= head.i:
                return None
            if tok.dep_ not in SUBJECT_DEPS or tok.head.i >= head.head.i:
                continue
            if tok.ent_type_ != "ORG" and not _said_to_be_a_body(tok):
                continue
            found = entity_of(tok)
            if found is None:
                continue
            start, end, _ = found
            name = phrase_name(tok.doc[start:end].root) or text_of(tok.doc, start, end)
            another_body = {w.lower() for w in name.split()} & (lx.ORG_NOUNS | lx.NEWS_NAME_WORDS)
            if self._is_known_person(name) or (another_body and not _org_fits(np.lemma, name)):
                return None
            return self.speaker(self.inv.full_org(name, np.start), "organization", alias=alias)
        return None

    def _org_fitting(self, lemma: str, pos: int) -> Speaker | None:
        """'the ministry' / 'the newspaper': the latest organisation before `pos` that fits, speakers first."""
        said = [e for e in self._said("organization").latest_each(pos) if _org_fits(lemma, e.name)]
        self._make_before(self.org_log, pos, "organization")
        named = [e for e in self.inv.org_tracks.latest_each(pos) if _org_fits(lemma, e.name)]
        if said:
            return max(said, key=lambda e: (e.pos, -e.seq)).item
        if named:
            name = self.inv.full_org(max(named, key=lambda e: (e.pos, -e.seq)).name, pos)
            return self._said_in_full(name, pos) or self._named(name, "organization")
        return None

    def _said_in_full(self, name: str, pos: int) -> Speaker | None:
        """The one organisation quoted before `pos` under a longer name starting with this short form ("Kestrel"
        -> "Kestrel Grid", which the tagger read as a person's name and the inventory does not hold)."""
        said = {e.name: e.item for e in self._said("organization").latest_each(pos)}
        longer = one_extending(name, said)
        return said[longer] if longer else None

    def _document(self, np: SourceNP, alias: str) -> Speaker:
        """A poll or a report: the text's own words for it, never a person's name."""
        return Speaker(name=np.name or _strip_article(alias), type="unknown")

    def _group(self, np: SourceNP, alias: str) -> Speaker:
        """A group in the text's own words; a common noun ("Officials said") is a description, not a name."""
        return self.speaker(np.name or _strip_article(alias), "group", alias=alias, described=np.head.pos_ == "NOUN")


def _dominance(count: int, track: Track[Speaker]) -> tuple[int, int, int, int]:
    """How often a person was quoted before a mention, how lately, then how early first (the first on a tie)."""
    first = track.entries[0]
    return count, track.positions[count - 1], -first.pos, -first.seq


def _org_fits(lemma: str, name: str) -> bool:
    """Whether 'the <lemma>' can be the organisation `name`: its own head noun, a news outlet for "the
    newspaper", for "the company" a one-word name or one with a business word ("Northwind Foods"; never a
    person's name the tagger read as an organisation), and never an office of state, a force or an outlet."""
    words = {w.lower() for w in name.split()}
    if lemma in words or lemma.capitalize() in name:
        return True
    if lemma in lx.COMPANY_NOUNS:
        business = len(words) == 1 or bool(words & (lx.BUSINESS_NAME_WORDS | lx.COMPANY_NOUNS))
        return business and not words & (lx.ORG_NOUNS - lx.COMPANY_NOUNS | lx.NEWS_NAME_WORDS)
    return lemma in lx.NEWS_NOUNS and bool(words & lx.NEWS_NAME_WORDS)


def _of_someone(head: Token) -> bool:
    """A description of someone by their tie to another ("her husband", "his lawyer"): never the person the
    possessive refers to, who is most often the person just named."""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in head.children)


def _name_closing(np: SourceNP) -> str | None:
    """A full name that ends a role phrase the parser did not read as a name ("chairman, CEO and president
    Craig Menear")."""
    doc, last = np.head.doc, np.head.right_edge.i
    found = entity_of(doc[last]) if doc[last].ent_type_ in NAME_LABELS else None
    if found is None or found[1] - 1 != last or found[1] - found[0] < 2 or found[0] <= np.head.left_edge.i:
        return None
    if _under_a_preposition(doc[last], np.head):
        return None
    return text_of(doc, *without_titles(doc, found[0], found[1]))


def _under_a_preposition(tok: Token, head: Token) -> bool:
    """Whether `tok` hangs from `head` through a preposition ("lawyers for ... Ivana Trump": the lawyers'
    client, not the lawyers)."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ in ("pobj", "prep", "pcomp"):
            return True
        tok = tok.head
    return False


def _named_in_apposition(head: Token) -> str | None:
    """The person's name in apposition to a description ("His former business partner at Lenox, Lawrence
    Cummings": the parser may hang it on the description's last word)."""
    for child in head.subtree:
        found = entity_of(child) if child.dep_ == "appos" else None
        if found and found[2] in NAME_LABELS:
            return text_of(child.doc, *without_titles(child.doc, found[0], found[1]))
    return None


def _said_to_be_a_body(name: Token) -> bool:
    """A name with an apposition that calls it an organisation ("Kestrel Grid, a Brackwater start-up whose
    ...": the words up to the apposition's head)."""
    for appos in (c for c in name.children if c.dep_ == "appos"):
        words = re.split(r"[^\w-]+", "".join(t.text_with_ws for t in appos.subtree if t.i <= appos.i).lower())
        if set(words) & lx.ORG_NOUNS:
            return True
    return False


def _qualified(head: Token) -> bool:
    """A role noun with its own complement ("the spokesman for the regional police") or the name it belongs to
    ("Morrison's lawyer") names its own office."""
    return any((c.dep_ == "prep" and c.lower_ in OFFICE_PREPS) or (c.dep_ == "poss" and c.pos_ == "PROPN") for c in head.children)


def _office_words(head: Token) -> set[str]:
    """Content words of a role noun's own complement ("for the regional police" -> {"regional", "police"}), and
    the name it belongs to ("Morrison's lawyer" -> {"morrison"}): a holder must have them in its role."""
    words = {
        t.lower_
        for c in head.children if c.dep_ == "prep" and c.lower_ in OFFICE_PREPS
        for t in c.subtree if t is not c and t.is_alpha and not t.is_stop
    }
    return words | {c.lower_ for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"}


def _definite(head: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_DETS | {"his", "her", "its", "their"} for c in head.children)


def _strip_article(text: str) -> str:
    for article in ("the ", "a ", "an ", "The ", "A ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text

