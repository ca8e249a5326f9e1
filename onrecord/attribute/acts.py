"""What kind of act an attribution reports: speech, writing, thought, intention or perception.

Read off the cue's head word (its lemma, and whether it is a noun: "noted" is speech, "in a note"
writing), then off the source: what a text or a document "says" is writing ("a statement said",
"according to the filing"). Speech is a cue word known as a way of saying: the cue lists, the cue
lexicon learned from PolNeAR and `lexicon.SPEECH_WORDS` ("said", "quipped", "in an interview"). A cue
word known as none of the five gives None, an unknown act ("offers", "focused on", "sounds like": on
real pages mostly the learned tagger's slips). Only speech and writing are what a journalist calls a
statement (`model.STATEMENT_ACTS`); the others, unknown included, are attributions in PolNeAR's wider
sense, kept with `--all-attributions`.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribute import cuelex
from onrecord.attribute import lexicon as lx
from onrecord.attribute.mentions import Para, SourceNP
from onrecord.model import Act, Span

_NOUN_ACTS: tuple[tuple[Act, frozenset[str]], ...] = (
    ("writing", lx.WRITING_NOUNS), ("thought", lx.THOUGHT_NOUNS), ("intention", lx.INTENTION_NOUNS)
)
_SPEECH = lx.CUE_VERBS | lx.SPEECH_ACT_VERBS | lx.SPEECH_WORDS | cuelex.learned_cues()
_WORD_ACTS: tuple[tuple[Act, frozenset[str]], ...] = (
    ("thought", lx.THOUGHT_WORDS), ("intention", lx.INTENTION_WORDS), ("perception", lx.PERCEPTION_WORDS),
    ("writing", lx.WRITING_VERBS),
)


def says_something(head: Token, para: Para, content: list[Span]) -> bool:
    """Whether an attribution's content says something: it holds a verb ("that the wall held", "to rebuild
    it"), or the cue's object alone is a claim ("denied any involvement", "called for an inquiry"); not
    "condemned the attack", "testified about the events" or "dubbed the combination", not a thing shown
    ("revealed the second model", `_shown_thing`), not a question put
    ("asked whether ..."), a plea ("pleaded not guilty to ..."), a thing added ("added three assists"), a
    thing agreed or declined to do ("agreed to be named") or a topic ("talking about the slogan"). Content outside the
    cue's paragraph (a quotation in the next one) does."""
    tokens = [t for t in para.doc if any(s.start <= para.start(t) < s.end for s in content)]
    if tokens and (_no_comment(head, tokens) or _question(head, tokens) or _plea(head) or _no_saying(head, tokens)):
        return False
    if _shown_thing(head, tokens):
        return False
    if not tokens or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return True
    lemma = head.lemma_.lower()
    calls_for = lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in head.children)
    return lemma in lx.NOMINAL_STATEMENT_CUES or calls_for


SHOWING_CUES = frozenset({"reveal", "release", "unveil", "publish", "post", "show", "present", "launch", "share", "upload"})
"""Cues that make a thing public: with a noun phrase as their object, a thing shown, not a statement."""


def _shown_thing(head: Token, tokens: list[Token]) -> bool:
    """The content is the object noun phrase of a cue of showing, whatever verbs modify the noun inside it
    ("revealed the second model in its range, with the Sportback making its debut", "posted a video containing
    ..."): a thing made public, not something said; unless the thing says something ("published a blog post
    that said ...")."""
    if head.lemma_.lower() not in SHOWING_CUES:
        return False
    tops = [t for t in tokens if t.head not in tokens and not t.is_punct]
    saying = any(t.dep_ in ("relcl", "acl") and t.lemma_.lower() in lx.CUE_VERBS for t in tokens)
    return bool(tops) and not saying and all(t.head == head and t.dep_ == "dobj" and t.pos_ in ("NOUN", "PROPN") for t in tops)


def _question(head: Token, tokens: list[Token]) -> bool:
    """A question put, not a statement made: "asked whether the screws would survive", "pressed on what comes
    next", "questions about how much power", or content that is itself a question ("... tips over?")."""
    first = tokens[0].lower_
    if first in ("whether", "if") or _ends_in_question_mark(tokens):
        return True
    return head.lemma_.lower() in ASKING_WORDS and first in WH_WORDS


def _ends_in_question_mark(tokens: list[Token]) -> bool:
    """The content's last mark is "?", or "?" before a closing quotation mark."""
    last = tokens[-1]
    return last.text == "?" or (last.is_punct and len(tokens) > 1 and tokens[-2].text == "?")


def _no_saying(head: Token, tokens: list[Token]) -> bool:
    """A verb of saying used for something else: adding a thing ("added three assists"), agreeing or
    declining to do something ("agreed to be named", "declined to send arms"), or talking about a topic
    ("were talking about the new slogan")."""
    lemma = head.lemma_.lower()
    if lemma == "add" and any(c.dep_ == "dobj" for c in head.children):
        return True
    if lemma in ACTION_CUES and any(c.dep_ in ("xcomp", "prep") and c.i > head.i for c in head.children):
        return tokens[0].lower_ == "to"
    before = tokens[0].i - 1
    return tokens[0].lower_ == "about" or (before >= 0 and tokens[0].doc[before].lower_ == "about")


def _plea(head: Token) -> bool:
    """A plea entered in court ("pleaded not guilty to fraud"): the record of a plea, not a statement."""
    return head.lemma_.lower() == "plead" and any(t.lower_ == "guilty" for t in head.subtree)


def _no_comment(head: Token, tokens: list[Token]) -> bool:
    """"declined to comment", "refused to discuss it": a refusal to say anything."""
    words = [t.lower_ for t in tokens]
    return head.lemma_.lower() in NO_COMMENT_CUES and words[:1] == ["to"] and words[1:2] in ([w] for w in NO_COMMENT_WORDS)


ACTION_CUES = frozenset({"agree", "decline", "refuse"})
"""Verbs of saying that, with "to" and a verb, tell of doing or not doing something ("agreed to be named")."""
ASKING_WORDS = frozenset({"ask", "press", "question", "inquire", "enquire", "query", "quiz", "wonder"})
WH_WORDS = frozenset({"what", "why", "how", "when", "where", "who", "whom", "whose", "which"})
NO_COMMENT_CUES = frozenset({"decline", "refuse"})
NO_COMMENT_WORDS = frozenset(
    {"comment", "discuss", "say", "speak", "elaborate", "answer", "confirm", "respond", "talk", "state", "disclose",
     "reveal", "specify", "give", "provide", "identify", "name"}
)
HEARSAY_EXCEPTIONS = frozenset({"quote", "report", "tell", "ask"})
"""Passive cues that still have a speaker: "was quoted as saying", "is reported to have said", "was told by"."""


def _hearsay(head: Token) -> bool:
    """A passive cue with no one saying it ("was said to be", "it is written", "are warned"): hearsay, no speaker."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
    return passive and head.lemma_.lower() not in HEARSAY_EXCEPTIONS and not any(c.dep_ == "agent" for c in head.children)


def _refused(head: Token) -> bool:
    """A verb of saying someone declined or refused ("declined to say when", "refused to state"): nothing said."""
    return head.dep_ == "xcomp" and head.head.lemma_.lower() in NO_COMMENT_CUES


def _stems(word: str) -> set[str]:
    """Base forms of an inflected word, for when the tagger's lemma is wrong ("hoping" -> "hop"): "hope"."""
    for ending, bases in (("ing", ("e", "")), ("ed", ("e", "")), ("es", ("e", "")), ("s", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return {word[: -len(ending)] + base for base in bases}
    return {word}


def act_of(head: Token, reading: SourceNP | None) -> Act | None:
    """The act of an attribution whose cue is headed by `head` and whose source reads as `reading`; None when
    the cue word is not known as a way of saying, writing, thinking, wanting or perceiving ("offers",
    "focused on", "sounds like": the tagger's slips more often than attributions)."""
    lemma = head.lemma_.lower()
    if _hearsay(head) or _refused(head):
        return None
    forms = {lemma} | _stems(head.lower_)
    for act, words in _NOUN_ACTS if head.pos_ in ("NOUN", "PROPN") else _WORD_ACTS:
        if forms & words:
            return act
    if reading is not None and (reading.kind == "document" or reading.lemma in lx.WRITING_NOUNS):
        return "writing"
    return "speech" if lemma in _SPEECH or head.lower_ in _SPEECH else None
