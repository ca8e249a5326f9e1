"""Interviews and transcripts set as labelled turns: each turn is a direct statement of the person its label
names.

Two layouts are read. Questions and answers ("Q: ... / A: ...", "Q. / A."): a page counts as one when at
least two body paragraphs open with "Q" and two with "A"; each answer is a statement by the person
answering, who is the one the questions address by name ("Q. Dr. Achterberg, ..."), else the one person
named in full in the title ("Introducing Junior Gaspard, New CEO"); with none or several, unknown. Speaker
labels ("THE COURT:", "MS. ADEYEMI:", "THE WITNESS:", "Hanne Lindqvist:", "OV:"): a page counts as one
when at least three paragraphs open with a label that names a person of the article (a surname, a full or
given name, initials, "THE COURT" for the one judge named, "THE WITNESS" for the person answering) and
someone speaks more than once; a turn whose label names no one, or that asks a question, is not a
statement, nor is any turn of a label whose turns are mostly questions (the interviewer's). "Containers: 1 Green" names no one, and a list of people each with one line ("Jane Roe:
possession of ...", a police log) is no transcript.

A reader's quote of the turn itself (the label taken for a cue, or no cue) gives way to the turn; a quote
the readers found inside a turn with its own cue (the interviewee quoting someone: "Dad said, '...'")
stays beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from onrecord.attribute import lexicon as lx
from onrecord.model import Article, Mention, Quote, Span, Speaker, make_quote
from onrecord.names import fold, is_bare, name_words, same_person, surname_key

QA = re.compile(r"(?P<who>[QA])\s*[:.]\s+")
LABEL = re.compile(
    r"(?P<who>(?:(?:THE|MR\.?|MS\.?|MRS\.?|DR\.?|JUDGE) )?[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}"
    r"|[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){0,3}):\s+"
)
MIN_EXCHANGES = 2
MIN_TURNS = 3
ANSWER_CONFIDENCE = 0.6
"""A fixed rank, like a quote continuing the speaker around it; calibrated afterwards."""
ANSWERER_LABELS = frozenset({"A", "THE WITNESS", "WITNESS"})
JUDGE_LABELS = frozenset({"THE COURT", "COURT", "THE JUDGE"})
JUDGE_TITLES = tuple(f"{word.capitalize()} " for word in sorted(lx.JUDGE_WORDS))
COURTESY = re.compile(
    r"(?:(?:thank you|thanks|nothing further|no further questions)(?: at this time)?[,.]?\s*(?:your honou?r)?[.!]?\s*)+",
    re.IGNORECASE,
)
HONORIFIC_LABEL = re.compile(r"^(?:MR|MS|MRS|DR|JUDGE)\.? ")


@dataclass
class Turn:
    line: Span
    label: Span
    who: str
    content: Span
    speaker: Speaker | None = None
    """The person the label names (`_speaker_of`)."""


@dataclass
class Transcript:
    quotes: list[Quote] = field(default_factory=list)
    replaced: set[int] = field(default_factory=set)
    """id() of the readers' quotes that were the turns themselves."""


def transcript_quotes(article: Article, people: list[str], found: list[Quote]) -> Transcript:
    """The turns of a question-and-answer interview or a labelled transcript as direct quotes; `people` are
    the article's names, `found` the readers' quotes."""
    text = article.analysis_text
    turns = [turn for span in article.body_spans if (turn := _turn(text, span))]
    answerer = _answerer(article, people, [t for t in turns if t.who == "Q"])
    speakers = {who: _speaker_of(who, people, answerer, article.text) for who in {t.who for t in turns}}
    for turn in turns:
        turn.speaker = speakers[turn.who]
    qa = _is_interview(turns)
    if not qa and not _is_transcript(turns):
        return Transcript()
    out = Transcript()
    askers = _interviewers(text, turns)
    for turn in turns:
        if turn.who == "Q" or (turn.who == "A" and not qa) or (turn.who != "A" and turn.speaker is None):
            continue
        if _asks(text, turn) or _courtesy(text, turn) or turn.who in askers:
            continue
        out.replaced |= {id(q) for q in found if _is_the_turn(q, turn)}
        out.quotes.append(_turn_quote(article, turn))
    return out


def _is_interview(turns: list[Turn]) -> bool:
    """At least two questions and two answers."""
    whos = Counter(t.who for t in turns)
    return whos["Q"] >= MIN_EXCHANGES and whos["A"] >= MIN_EXCHANGES


def _is_transcript(turns: list[Turn]) -> bool:
    """At least three turns whose labels name a person of the article, and someone speaking more than once."""
    named = Counter(t.speaker.name for t in turns if t.who not in ("Q", "A") and t.speaker is not None)
    return sum(named.values()) >= MIN_TURNS and max(named.values()) > 1


def _turn_quote(article: Article, turn: Turn) -> Quote:
    """The turn as a direct quote, its label the cue and the mention (a name, or a role: "THE COURT:")."""
    label = turn.label.of(article.text)
    speaker = turn.speaker
    kind = "name" if speaker is not None and fold(speaker.name or "") in fold(label) else "role"
    quote = make_quote(article.text, "direct", [turn.content], turn.label, Mention(turn.label, label, kind, speaker))
    quote.confidence = ANSWER_CONFIDENCE
    return quote


def _turn(text: str, span: Span) -> Turn | None:
    """The paragraph as a labelled turn, if it opens with "Q."/"A:" or a speaker label."""
    m = QA.match(text, span.start) or LABEL.match(text, span.start)
    if not m or m.end() >= span.end:
        return None
    who = m.group("who")
    label = Span(m.start(), m.start() + len(m.group(0).rstrip()))
    return Turn(span, label, who, Span(m.end(), span.end))


def _asks(text: str, turn: Turn) -> bool:
    """An interviewer's turn: a question."""
    return text[turn.content.start : turn.content.end].rstrip().endswith("?")


def _interviewers(text: str, turns: list[Turn]) -> set[str]:
    """The labels whose turns are mostly questions (at least MIN_EXCHANGES of them, and half): the
    interviewer's remarks between questions ("Let's start with the lettuce.", "That was fast.") frame the
    answers, they are not statements."""
    asked, spoke = Counter(t.who for t in turns if _asks(text, t)), Counter(t.who for t in turns)
    return {who for who, n in asked.items() if n >= MIN_EXCHANGES and 2 * n >= spoke[who]}


def _courtesy(text: str, turn: Turn) -> bool:
    """A formula that says nothing ("Thank you, Your Honor.", "Nothing further.", "No further questions.")."""
    return COURTESY.fullmatch(turn.content.of(text).strip()) is not None


def _is_the_turn(quote: Quote, turn: Turn) -> bool:
    """A reader's quote of the turn itself: its content in the turn, its cue the label or none or outside."""
    starts_inside = turn.content.start <= quote.content_spans[0].start < turn.content.end
    cue = quote.cue_span
    own_cue = cue is not None and turn.content.start <= cue.start < turn.content.end
    return starts_inside and not own_cue


def _speaker_of(who: str, people: list[str], answerer: Speaker | None, text: str) -> Speaker | None:
    """The person a turn's label names, or None."""
    if who == "Q":
        return None
    if who in ANSWERER_LABELS:
        return answerer
    if who in JUDGE_LABELS:
        return _person(_judge(people, text))
    if who.isupper():
        words = HONORIFIC_LABEL.sub("", who)
        if HONORIFIC_LABEL.match(who) or " " in words:
            return _person(_one(p for p in people if _same_surname(words, p)))
        return _person(_one(p for p in people if _initials(p) == words) or _one(_names_with_initials(words, text)))
    return _person(_one(p for p in people if same_person(who, p) or name_words(p)[:1] == name_words(who)))


def _names_with_initials(initials: str, text: str) -> Iterator[str]:
    """Runs of capitalised words in the text with these initials ("OV": "Odile Varga"), for the interviewee
    the tagger did not read as a person."""
    pattern = r"\b" + r"[\w’'-]* ".join(re.escape(c) for c in initials) + r"[\w’'-]*\b"
    for m in re.finditer(pattern, text):
        name = m.group(0)
        if all(w[:1].isupper() and len(w) > 1 for w in name.split()):
            yield name.removesuffix("’s").removesuffix("'s")


def _same_surname(label: str, person: str) -> bool:
    return len(person.split()) > 1 and surname_key(label.title()) == surname_key(person)


def _initials(person: str) -> str:
    return "".join(w[0] for w in person.replace("-", " ").split() if w[:1].isupper())


def _one(names: Iterable[str]) -> str | None:
    """The name when exactly one distinct name is given, else None."""
    found = set(names)
    return found.pop() if len(found) == 1 else None


def _person(name: str | None) -> Speaker | None:
    return Speaker(name=name, type="person") if name else None


def _judge(people: list[str], text: str) -> str | None:
    """The one person the article calls a judge ("Judge Harriet Lindqvist")."""
    return _one(p for p in people if any(f"{title}{p}" in text or f"{title}{p.split()[-1]}" in text for title in JUDGE_TITLES))


def _addressed(surname: str, question: str) -> bool:
    """The question names the person with a courtesy title ("Dr. Achterberg, you left ...", "to Mr. Dunmore")."""
    return re.search(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\.? {re.escape(surname)}\b", question) is not None


def _answerer(article: Article, people: list[str], questions: list[Turn]) -> Speaker | None:
    """The person the questions address by name most often, else the one person named in full in the title."""
    asked = Counter(
        p for q in questions for p in people
        if len(p.split()) > 1 and _addressed(p.split()[-1], article.text[q.content.start : q.content.end])
    )
    if asked:
        (top, count), *rest = asked.most_common(2)
        if not rest or rest[0][1] < count:
            return _person(top)
    named = {p for p in people if len(p.split()) > 1 and not is_bare(p) and p in (article.title or "")}
    return _person(named.pop()) if len(named) == 1 else None
