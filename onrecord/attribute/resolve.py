"""Speaker resolution: surnames, pronouns, role nouns, descriptions and short forms to who they mean.

Works over one article: an inventory of its names, roles and organisations (built once, from
every paragraph, and indexed), and a history of resolved speakers in document order. Every lookup
is a binary search or a dictionary, or goes once over the article's distinct names or roles,
never over all of its mentions: attribution time grows with the article's length (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from onrecord.attribute import lexicon as lx
from onrecord.attribute.mentions import (
    NAME_LABELS,
    RELATIVE_PRONOUNS,
    Para,
    SourceNP,
    describe,
    phrase_name,
    text_of,
    without_titles,
)
from onrecord.attribute.timeline import Backlog, Entry, NamedTracks, Track
from onrecord.model import Speaker, SpeakerType

NOT_ALIASES = lx.SPEAKER_PRONOUNS | RELATIVE_PRONOUNS
"""Words that refer to a speaker without being one of their names."""
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "pobj", "dobj"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
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


def role_words(role: str) -> set[str]:
    """The words of a role, lower-cased, without trailing periods and commas."""
    return {w.lower().strip(".,") for w in role.split()}


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

    full_names: dict[str, str] = field(default_factory=dict)
    holders: list[Holder] = field(default_factory=list)
    org_aliases: dict[str, str] = field(default_factory=dict)
    org_names: list[tuple[int, str]] = field(default_factory=list)
    subjects: list[tuple[int, str, SpeakerType]] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    """Lower-cased place names (GPE, LOC): a one-word "name" among them is a country or city speaking."""
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

    def full_name(self, name: str) -> str:
        """The fullest name in the article for `name` ("Peskov" -> "Dmitry Peskov")."""
        return self.full_names.get(name.split()[-1].lower(), name) if name else name

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name)

    def subjects_of(self, type_: str) -> NamedTracks[str]:
        return self.subject_tracks.get(type_) or NamedTracks()


def _add_person(inv: Inventory, name: str) -> None:
    key = name.split()[-1].lower()
    if len(name.split()) > len(inv.full_names.get(key, "").split()):
        inv.full_names[key] = name


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
        _add_person(inv, text_of(doc, *without_titles(doc, start, end)))
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
    """Named subjects of main clauses: the people and bodies a later pronoun most likely means."""
    for tok in para.doc:
        if tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "ROOT":
            np = describe(tok, para)
            if np and np.name and np.kind == "name":
                inv.subjects.append((np.start, inv.full_name(np.name), "person"))
            elif np and np.name and np.kind == "organization":
                inv.subjects.append((np.start, np.name, "organization"))


def _unlabelled_names(inv: Inventory, para: Para) -> None:
    """Full names the tagger did not label ("Foreign Minister Ines Caravel" read as ORG or nothing)."""
    for tok in para.doc:
        if tok.pos_ == "PROPN" and tok.dep_ in NAME_DEPS and tok.ent_type_ in {"", "PERSON", "ORG"}:
            np = describe(tok, para)
            if np and np.kind == "name" and np.name and len(np.name.split()) > 1 and not np.name.isupper():
                if tok.ent_type_ != "ORG" or np.role:
                    _add_person(inv, np.name)


def build_inventory(paras: list[Para]) -> Inventory:
    """Collect the article's names, role holders, organisations and main-clause subjects."""
    inv = Inventory()
    for para in paras:
        for ent in para.doc.ents:
            if ent.label_ in NAME_LABELS:
                _add_person(inv, text_of(para.doc, *without_titles(para.doc, ent.start, ent.end)))
            elif ent.label_ in PLACE_LABELS:
                inv.places.add(ent.text.lower())
        _unlabelled_names(inv, para)
    for para in paras:
        for ent in para.doc.ents:
            _scan_entity(inv, para, ent.start, ent.end, ent.label_)
        _appos_holders(inv, para)
        _scan_subjects(inv, para)
    inv.holders.sort(key=lambda h: h.pos)
    inv.subjects = [(p, inv.full_name(n) if t == "person" else n, t) for p, n, t in inv.subjects]
    _index(inv)
    return inv


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


def _initials(name: str, keep_function_words: bool) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not keep_function_words:
        words = [w for w in words if w.lower() not in lx.ORG_FUNCTION_WORDS]
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

    def speaker(self, name: str | None, type_: SpeakerType, role: str | None = None, alias: str = "") -> Speaker:
        """The article's one Speaker object for this name and type."""
        key = (name, type_)
        if key not in self.speakers or name is None:
            self.speakers[key] = Speaker(name=name, type=type_, role=role)
        found = self.speakers[key]
        found.role = found.role or role
        if alias and alias != name and alias not in found.aliases and alias.lower() not in NOT_ALIASES:
            found.aliases.append(alias)
        return found

    def record(self, pos: int, speaker: Speaker | None) -> None:
        if speaker is not None and speaker.name is not None:
            self._said(speaker.type).add(pos, speaker.name, speaker)

    def _said(self, type_: str) -> NamedTracks[Speaker]:
        return self.said.setdefault(type_, NamedTracks())

    def _named(self, name: str, type_: SpeakerType) -> Speaker:
        """The Speaker of a subject or organisation the inventory names."""
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
        if np.kind in {"organization", "group"} and self._is_known_person(np.name or alias):
            return self._name(np, alias)
        return handlers[np.kind](np, alias)

    def _is_known_person(self, name: str) -> bool:
        """A one-word "organisation" that is the surname of a person the article names (a mislabelled entity)."""
        return " " not in name.strip() and name.strip().lower() in self.inv.full_names

    def _name(self, np: SourceNP, alias: str) -> Speaker:
        name = np.name or alias
        acronym = self._acronym(name)
        if acronym:
            return self.speaker(acronym, "organization", alias=alias)
        full = self.inv.full_name(name)
        if full == name and " " not in name and name.lower() in self.inv.places:
            return self.speaker(name, "organization", alias=alias)
        if full == name and " " not in name and np.head.ent_type_ not in NAME_LABELS:
            return self.speaker(name, "unknown", np.role, alias)
        return self.speaker(full, "person", np.role or self.inv.role_of(full), alias)

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
            found = self._recent(np.start, "person")
        elif word in lx.ORG_PRONOUNS:
            found = self._recent(np.start, "organization")
        elif word in lx.GROUP_PRONOUNS:
            found = self._recent(np.start, "group", include_subjects=False)
        return found or Speaker(name=None, type="unknown")

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
        described = _strip_article(alias)
        return self.speaker(described, "person", described, alias)

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
        if _definite(np.head):
            found = self._recent_excluding(np)
            if found:
                return found
        return self.speaker(_strip_article(alias), "person", _strip_article(alias), alias)

    def _recent_excluding(self, np: SourceNP) -> Speaker | None:
        """Most recent person before the mention who is not named inside the description itself."""
        inside = frozenset(self.inv.full_name(t.text) for t in np.head.subtree if t.ent_type_ in NAME_LABELS)
        return self._recent(np.start, "person", skip=inside)

    def _organization(self, np: SourceNP, alias: str) -> Speaker:
        name = np.name or alias
        acronym = self._acronym(np.head.text)
        if acronym and np.generic:
            return self.speaker(acronym, "organization", alias=alias)
        if np.generic and np.lemma in lx.ORG_NOUNS and np.head.pos_ != "PROPN" and _definite(np.head):
            found = self._generic_org(np)
            if found:
                return found
        return self.speaker(name, "organization", alias=alias)

    def _generic_org(self, np: SourceNP) -> Speaker | None:
        """'the ministry' / 'the newspaper': the latest organisation that fits, speakers first."""
        said = [e for e in self._said("organization").latest_each(np.start) if _org_fits(np.lemma, e.name)]
        self._make_before(self.org_log, np.start, "organization")
        named = [e for e in self.inv.org_tracks.latest_each(np.start) if _org_fits(np.lemma, e.name)]
        if said:
            return max(said, key=lambda e: (e.pos, -e.seq)).item
        if named:
            return self._named(max(named, key=lambda e: (e.pos, -e.seq)).name, "organization")
        return None

    def _document(self, np: SourceNP, alias: str) -> Speaker:
        """A poll or a report: the text's own words for it, never a person's name."""
        return Speaker(name=np.name or _strip_article(alias), type="unknown")

    def _group(self, np: SourceNP, alias: str) -> Speaker:
        return self.speaker(np.name or _strip_article(alias), "group", alias=alias)


def _dominance(count: int, track: Track[Speaker]) -> tuple[int, int, int, int]:
    """How often a person was quoted before a mention, how lately, then how early first (the first on a tie)."""
    first = track.entries[0]
    return count, track.positions[count - 1], -first.pos, -first.seq


def _org_fits(lemma: str, name: str) -> bool:
    words = {w.lower() for w in name.split()}
    if lemma in words or lemma.capitalize() in name:
        return True
    return lemma in lx.NEWS_NOUNS and bool(words & lx.NEWS_NAME_WORDS)


def _qualified(head: Token) -> bool:
    """A role noun with its own complement ("the spokesman for the regional police") names its own office."""
    return any(c.dep_ == "prep" and c.lower_ in OFFICE_PREPS for c in head.children)


def _office_words(head: Token) -> set[str]:
    """Content words of a role noun's own complement ("for the regional police" -> {"regional", "police"})."""
    return {
        t.lower_
        for c in head.children if c.dep_ == "prep" and c.lower_ in OFFICE_PREPS
        for t in c.subtree if t is not c and t.is_alpha and not t.is_stop
    }


def _definite(head: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_DETS | {"his", "her", "its", "their"} for c in head.children)


def _strip_article(text: str) -> str:
    for article in ("the ", "a ", "an ", "The ", "A ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text

