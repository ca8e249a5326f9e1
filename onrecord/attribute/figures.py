"""The figures a quote gives, as claims: value, unit, what is counted, the total it is out of.

Read off the paragraph's spaCy parse, inside the quote's content only. A figure is a run of number tokens
(digits or words) with its scale ("1.5 million", "18.6m"), currency symbol and percent sign; the entity
recogniser and a few word lists keep out what is no claim: dates, times, durations, ages, ordinals and
numbers in names. quantulum3 was measured for the values and not used (docs/BENCHMARKS.md, "Numeric
claims").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from onrecord.model import Claim, Quote, Span

UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = {word: 10 * (i + 2) for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
WORD_VALUES = {word: value for value, word in enumerate(UNITS)} | TENS | {"dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
GLUED_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 10**12}
"""Scales written against the number ("€18.6m", "$2bn"); "m" counts as million only glued to a money figure."""
CURRENCY_SYMBOLS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₽": "rouble", "₴": "hryvnia", "₹": "rupee"}
UNIT_WORDS = {
    "percent": "percent", "per cent": "percent", "%": "percent", "percentage point": "percentage point",
    "dollar": "dollar", "euro": "euro", "pound": "pound", "crown": "crown", "krona": "crown", "kronor": "crown",
    "rouble": "rouble", "ruble": "rouble", "yen": "yen", "yuan": "yuan", "franc": "franc", "lira": "lira",
    "rupee": "rupee", "hryvnia": "hryvnia", "zloty": "zloty", "mark": "mark", "dinar": "dinar", "peso": "peso",
    "km": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre", "metre": "metre", "meter": "metre",
    "mile": "mile", "cm": "centimetre", "centimetre": "centimetre", "mm": "millimetre", "millimetre": "millimetre",
    "tonne": "tonne", "ton": "tonne", "kg": "kilogram", "kilogram": "kilogram", "kilo": "kilogram", "gram": "gram",
    "hectare": "hectare", "acre": "acre", "square kilometre": "square kilometre", "square metre": "square metre",
    "cubic metre": "cubic metre", "litre": "litre", "liter": "litre", "barrel": "barrel", "gallon": "gallon",
    "degree": "degree", "megawatt": "megawatt", "mw": "megawatt", "gigawatt": "gigawatt", "gw": "gigawatt",
    "kilowatt": "kilowatt", "kw": "kilowatt",
}
"""A unit word after the figure (singular, lower case) and the unit's name."""
CURRENCY_NAMES = frozenset(
    "dollar euro pound crown rouble yen yuan franc lira rupee hryvnia zloty mark dinar peso".split()
)
TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days week weeks fortnight month months year years decade decades "
    "century centuries night nights weekend weekends season seasons term terms".split()
)
"""Nouns a duration counts ("for three hours", "within two years"): no claim."""
NOT_CLAIM_ENTITIES = frozenset(
    {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART", "NORP"}
)
"""Entity labels of a number that is a date, a time, an ordinal or part of a name."""
CLAIM_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY"})
"""Entity labels that make a figure a claim even where a name-like label would not."""
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)|\w+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|th)", re.I)
DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn)", re.I)
YEAR = re.compile(r"(?:1[89]|20)\d\d")
OUTCOME_WORDS = frozenset(
    "dead injured wounded killed hurt missing detained arrested rescued evacuated displaced hospitalised "
    "hospitalized infected recovered died".split()
)
"""What can follow a bare count as the counted ("31 injured"), whatever the tagger made of it."""
RATIO_BASES = frozenset("gdp output product income revenue revenues turnover budget".split())
"""What a percentage is taken of, not what it measures ("a deficit of 2.8 percent of GDP": the deficit)."""
OWNER_WORDS = frozenset("the our their its his her my your these those".split())
SPENDING_VERBS = frozenset("cost spend pay raise earn lose save invest borrow owe charge fine".split())
"""Verbs whose money object is what they name ("cost 1.5 million crowns": the cost)."""
GENERIC_COUNTED = frozenset("people persons residents civilians workers passengers children adults soldiers troops".split())
"""Nouns whose count says little without what happened to them ("people killed")."""


def add_claims(quotes: Iterable[Quote], docs: Sequence[Doc], starts: Sequence[int]) -> None:
    """Fill each quote's `claims` from the paragraph parses (`docs`, starting at `starts` in the document text)."""
    offsets = {id(doc): start for doc, start in zip(docs, starts, strict=True)}
    for quote in quotes:
        quote.claims = claims_in(content_tokens(quote, docs, starts), offsets)


def content_tokens(quote: Quote, docs: Sequence[Doc], starts: Sequence[int]) -> list[Token]:
    """The tokens of the paragraph parses (`docs`, starting at `starts`, in order) wholly inside the quote's
    content, in text order; only the paragraphs the content touches are looked at."""
    tokens: list[Token] = []
    for span in quote.content_spans:
        k = max(0, bisect.bisect_right(starts, span.start) - 1)
        while k < len(docs) and starts[k] < span.end:
            doc, start = docs[k], starts[k]
            piece = doc.char_span(max(0, span.start - start), min(len(doc.text), span.end - start), alignment_mode="contract")
            if piece is not None:
                tokens += list(piece)
            k += 1
    return tokens


def claims_in(tokens: list[Token], offsets: dict[int, int]) -> list[Claim]:
    """The claims among one quote's content tokens (in order); `offsets` maps id(doc) to where its text starts."""
    claims: list[Claim] = []
    out_of: set[tuple[int, int]] = set()
    i = 0
    while i < len(tokens):
        run = _figure_run(tokens, i)
        if not run:
            i += 1
            continue
        i += len(run)
        if (id(run[0].doc), run[0].i) in out_of:
            continue  # the 54 of "52 out of 54"
        claim = _claim(run, offsets[id(run[0].doc)])
        if claim is not None:
            if claim.counts is None and claims and _compared(run) and claims[-1].unit == claim.unit:
                claim = replace(claim, counts=claims[-1].counts)  # "1.2 percent, down from 1.6 percent"
            claims.append(claim)
            if claim.total is not None:
                doc = run[0].doc
                out_of.update((id(doc), k) for k in range(run[-1].i + 1, min(run[-1].i + 10, len(doc))))
    return claims


def _compared(run: list[Token]) -> bool:
    """The figure is what another is compared with: "down from 1.6 percent", "up from", "than 40"."""
    top = _top(run)
    return top.dep_ == "pobj" and top.head.lower_ in ("from", "than", "against")


def _number_word(token: Token) -> bool:
    word = token.lower_
    return word in WORD_VALUES or word in SCALES or word.rstrip("s") in SCALES


def _numeric(token: Token) -> bool:
    """A token that writes (part of) a number: digits, a number word, a scale word, a glued scale."""
    return bool(DIGITS.fullmatch(token.text) or GLUED.fullmatch(token.text)) or _number_word(token)


def _figure_run(tokens: list[Token], i: int) -> list[Token]:
    """The figure starting at tokens[i]: [symbol] [a | half a] number words/digits [scale] [% | percent], or []."""
    j = i
    if tokens[j].text in CURRENCY_SYMBOLS:
        j += 1
    if j < len(tokens) and tokens[j].lower_ == "half" and j + 1 < len(tokens) and tokens[j + 1].lower_ == "a":
        j += 2
    elif j < len(tokens) and tokens[j].lower_ == "a" and j + 1 < len(tokens) and (
        _scale_word(tokens[j + 1]) or tokens[j + 1].lower_ == "dozen"
    ):
        j += 1
    first = j
    while j < len(tokens) and (
        _numeric(tokens[j])
        or (tokens[j].text == "-" and j > first and j + 1 < len(tokens) and tokens[j + 1].lower_ in WORD_VALUES)
        or (tokens[j].lower_ == "and" and j > first and tokens[j - 1].lower_ == "hundred" and j + 1 < len(tokens) and _numeric(tokens[j + 1]))
        or (tokens[j].lower_ in ("m", "bn") and j > first and tokens[j - 1].whitespace_ == "" and _money_glue(tokens, i, j))
    ):
        j += 1
    if j == first or not any(_numeric(t) and not _scale_word(t) for t in tokens[first:j]) and not (
        j - first == 1 and _scale_word(tokens[first]) and first > i
    ):
        return []
    if j < len(tokens) and tokens[j].text == "%":
        j += 1
    elif j < len(tokens) and tokens[j].lower_ == "percent":
        j += 1
    elif j + 1 < len(tokens) and tokens[j].lower_ == "per" and tokens[j + 1].lower_ == "cent":
        j += 2
    return tokens[i:j]


def _money_glue(tokens: list[Token], i: int, j: int) -> bool:
    """A glued "m" or "bn" is a scale when the figure is money: a currency symbol before it ("€18.6m") or a
    currency word after it ("45m crowns"); else "m" may be metres."""
    after = tokens[j + 1].lower_ if j + 1 < len(tokens) else ""
    return tokens[i].text in CURRENCY_SYMBOLS or UNIT_WORDS.get(_singular(after)) in CURRENCY_NAMES


def _scale_word(token: Token) -> bool:
    word = token.lower_
    return word in SCALES or word.rstrip("s") in SCALES


def value_of(run: Sequence[Token]) -> float | None:
    """The number a figure writes ("twenty-eight" 28, "1.5 million" 1500000, "€18.6m" 18600000, "half a million")."""
    total, current, seen = 0.0, 0.0, False
    factor = 0.5 if any(t.lower_ == "half" for t in run[:2]) else 1.0  # "half a million", "$half a billion"
    for token in run:
        word, text = token.lower_, token.text
        glued = GLUED.fullmatch(text)
        if DIGITS.fullmatch(text):
            current += float(text.replace(",", "")) if not text.startswith(".") else float(text)
            seen = True
        elif glued and not DIGITS.fullmatch(text):
            current += float(glued.group(1).replace(",", "")) * GLUED_SCALES[glued.group(2).lower()]
            seen = True
        elif word in ("m", "bn") and seen:
            current *= GLUED_SCALES[word]
        elif word == "dozen":
            current, seen = (current or 1.0) * 12, True  # "a dozen", "two dozen"
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
            seen = True
        elif word == "a":
            current = current or 1.0
        elif _scale_word(token):
            scale = SCALES[word if word in SCALES else word.rstrip("s")]
            current = (current or 1.0) * scale
            if scale >= 1_000:
                total, current = total + current, 0.0
            seen = True
    return (total + current) * factor if seen else None


def _is_not_a_claim(run: Sequence[Token], numbers: Sequence[Token]) -> bool:
    """A date, time, duration, age, ordinal, number in a name, a year, or a bare "one"/"a"."""
    labels = {t.ent_type_ for t in run if t.ent_type_}
    if labels & NOT_CLAIM_ENTITIES and not labels & CLAIM_ENTITIES:
        return True
    if any(ORDINAL.fullmatch(t.text) for t in numbers):
        return True
    if len(numbers) == 1 and numbers[0].lower_ == "one" and numbers[0].head.lower_ not in SCALES:
        return True
    last = run[-1]
    after = last.nbor(1) if last.i + 1 < len(last.doc) else None
    if after is not None and (after.lower_ in TIME_NOUNS or after.text == "-" and _year_old(last)):
        return True
    if last.head.lower_ in TIME_NOUNS and last.dep_ in ("nummod", "compound"):
        return True
    head = numbers[-1].head
    if numbers[-1].dep_ == "nummod" and head.pos_ == "PROPN" and head.i < numbers[-1].i:
        return True  # "Platform 4", "Route 9"
    if numbers[-1].dep_ == "appos" and head.pos_ == "PROPN":
        return True  # "Pia Holm, 34,"
    text = "".join(t.text_with_ws for t in run).strip()
    return bool(YEAR.fullmatch(text))


def _year_old(token: Token) -> bool:
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 2].lower_ in ("year", "years")


def _claim(run: list[Token], offset: int) -> Claim | None:
    numbers = [t for t in run if _numeric(t) or t.lower_ in ("m", "bn")]
    if not numbers or _is_not_a_claim(run, numbers):
        return None
    value = value_of(run)
    if value is None:
        return None
    unit, unit_tokens = _unit(run)
    total, counted_from = _total(run)
    counts = _counts(run, unit, unit_tokens, counted_from)
    span = Span(offset + run[0].idx, offset + run[-1].idx + len(run[-1]))
    return Claim(span=span, value=value, unit=unit, counts=counts, total=total)


def _unit(run: list[Token]) -> tuple[str | None, list[Token]]:
    """The unit and the tokens after the figure that write it."""
    if run[0].text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[run[0].text], []
    if run[-1].text == "%" or run[-1].lower_ in ("percent", "cent"):
        return "percent", []
    doc, last = run[-1].doc, run[-1]
    following = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    skip = 1 if (_scale_word(last) and following == "of") or following == "-" else 0
    for width in (2, 1):
        if last.i + skip + width < len(doc):
            words = doc[last.i + 1 + skip : last.i + 1 + skip + width]
            name = " ".join(_singular(t.lower_) for t in words)
            if name in UNIT_WORDS:
                return UNIT_WORDS[name], list(words)
    return None, []


def _singular(word: str) -> str:
    if word in ("metres", "meters", "litres", "liters", "degrees", "crowns", "marks", "miles", "acres"):
        return word[:-1]
    if word.endswith("es") and word[:-2] in UNIT_WORDS:
        return word[:-2]
    return word[:-1] if word.endswith("s") and word[:-1] in UNIT_WORDS else word


def _total(run: list[Token]) -> tuple[float | None, Token | None]:
    """The number the figure is out of ("52 out of 54", "three of the five", "nine of the country's 14", "one in
    ten"), and the total's last token."""
    doc, last = run[-1].doc, run[-1].i
    words = [t.lower_ for t in doc[last + 1 : last + 3]]
    lead = 2 if words == ["out", "of"] else 1 if words[:1] in (["of"], ["in"]) else 0
    if not lead:
        return None, None
    at = _past_owner(doc, last + 1 + lead)
    tail = _figure_run(list(doc[at : at + 6]), 0)
    if not tail or (words[0] == "of" and lead == 1 and at == last + 2 and not doc[at].like_num):
        return None, None
    other = value_of(tail)
    if other is None or other < (value_of(run) or 0):
        return None, None
    return other, doc[tail[-1].i]


def _past_owner(doc: Doc, at: int) -> int:
    """Past a determiner and an owner between "of" and a total: "the", "our", "the country's", "the bridge's"."""
    if at < len(doc) and doc[at].lower_ in OWNER_WORDS:
        at += 1
    if at + 1 < len(doc) and doc[at].pos_ in ("NOUN", "PROPN") and doc[at + 1].tag_ == "POS":
        at += 2
    return at


def _phrase(noun: Token) -> str:
    """A noun with the modifiers written right before it ("pre-tax loss", "main rate")."""
    start = noun.i
    while start > 0 and (
        noun.doc[start - 1].dep_ in ("amod", "compound", "nmod", "npadvmod")
        or (noun.doc[start - 1].text == "-" and start > 1 and noun.doc[start - 1].whitespace_ == "")
    ) and noun.doc[start - 1].head.i >= start:
        before = noun.doc[start - 1]
        if before.like_num or before.text in CURRENCY_SYMBOLS or before.lower_ in ("%", "percent", "cent"):
            break
        start -= 1
    return noun.doc[start : noun.i + 1].text


def _counts(run: list[Token], unit: str | None, unit_tokens: list[Token], counted_from: Token | None) -> str | None:
    """What the figure counts or measures, in the text's words."""
    doc = run[-1].doc
    anchor = counted_from or (unit_tokens[-1] if unit_tokens else run[-1])
    after = anchor.nbor(1) if anchor.i + 1 < len(doc) else None
    if unit is None:
        if counted_from is not None and counted_from.dep_ == "nummod" and counted_from.head.pos_ == "NOUN":
            return _with_event(counted_from.head)  # "29 out of 31 Iranian-made drones": the total's noun
        modified = [t.head for t in run if t.dep_ in ("nummod", "quantmod") and t.head.pos_ == "NOUN" and t.head.i > run[-1].i]
        if modified and counted_from is None:
            return _with_event(modified[0])
        if after is not None and after.pos_ in ("NOUN", "PROPN") and after.lower_ not in TIME_NOUNS:
            return _with_event(_noun_end(after))
        if after is not None and after.lower_ == "of":
            objects = [c for c in after.children if c.dep_ == "pobj" and (c.pos_ == "NOUN" or c.lower_ in OUTCOME_WORDS)]
            if objects:
                return _with_event(objects[0])  # "three of the missing workers", "19 of the injured"
        if after is not None and after.dep_ == "amod" and after.head.pos_ == "NOUN" and after.head.i > after.i:
            return _with_event(after.head)  # "three of the five biggest ministries"
        if after is not None and (after.tag_ in ("JJ", "VBN") or after.lower_ in OUTCOME_WORDS):
            return after.text
        state = _state_of_subject(_top(run))
        if state is not None:
            return state  # "31 are injured", "two were killed"
        return _measured(run, [])  # "the toll has risen to fifteen"
    last = unit_tokens[-1] if unit_tokens else run[-1]
    if after is not None and after.pos_ == "NOUN" and after.lower_ not in TIME_NOUNS and (after.dep_ != "pobj" or last.head == after):
        return _phrase(_noun_end(after))  # "a 12 percent cut", "the 95 percent coverage"
    top = _top(run + unit_tokens)
    if top.dep_ == "pobj" and top.head.lower_ in ("of", "at") and top.head.head.pos_ == "NOUN":
        return _phrase(top.head.head)  # "a deficit of 2.8 percent of GDP", "debt at 61 percent of output"
    if after is not None and after.lower_ == "of" and after.i + 1 < len(doc):
        objects = [c for c in after.children if c.dep_ == "pobj"]
        if objects and objects[0].pos_ in ("NOUN", "PROPN") and objects[0].lower_ not in RATIO_BASES:
            return _phrase(objects[0])
    measured = _measured(run, unit_tokens)
    return None if measured is None or measured.split()[-1].lower() in TIME_NOUNS else measured


def _state_of_subject(top: Token) -> str | None:
    """What a bare count that is a clause's subject is said to be: "31 are injured", "two were killed"."""
    if top.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = top.head
    if verb.tag_ == "VBN" or verb.lower_ in OUTCOME_WORDS:
        return verb.text
    states = [c for c in verb.children if c.dep_ == "acomp" and (c.tag_ in ("JJ", "VBN") or c.lower_ in OUTCOME_WORDS)]
    if states:
        return states[0].text
    places = [c for c in verb.children if c.dep_ == "prep" and c.i > top.i and c.lower_ in ("in", "on")]
    if verb.lemma_ == "be" and places and any(o.dep_ == "pobj" for o in places[0].children):
        obj = next(o for o in places[0].children if o.dep_ == "pobj")
        return top.doc[places[0].i : obj.i + 1].text  # "four were in a critical condition"
    return None


def _noun_end(token: Token) -> Token:
    """The noun a modifier belongs to ("grain" in "grain warehouses" -> "warehouses"); the token if it is one."""
    end = token
    while end.dep_ in ("compound", "amod") and end.head.i > end.i and end.head.pos_ in ("NOUN", "PROPN"):
        end = end.head
    return end


def _with_event(noun: Token) -> str:
    """A counted noun and, for people and the like, what happened to them ("people killed", "drones shot down")."""
    phrase = _phrase(noun)
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "nsubj") and verb.pos_ == "VERB":
        particles = [c.text for c in verb.children if c.dep_ == "prt"]
        return " ".join([phrase, verb.text, *particles, *_where_to(verb)])
    if noun.dep_ == "nsubj" and verb.pos_ == "AUX":
        states = [c.text for c in verb.children if c.dep_ == "acomp" and c.i > noun.i]
        if states:
            return f"{phrase} {states[0]}"  # "nine people are dead"
    if noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].tag_ == "VBN" and noun.lower_ in GENERIC_COUNTED:
        return f"{phrase} {noun.doc[noun.i + 1].text}"
    return phrase


def _where_to(verb: Token) -> list[str]:
    """A passive verb's destination written right after it: "taken to hospital", "moved to shelters"."""
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if after is None or after.dep_ != "prep" or after.head != verb or after.lower_ not in ("to", "into"):
        return []
    objects = [c for c in after.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return [after.text, objects[0].text] if objects and objects[0].i == after.i + 1 else []


def _measured(run: list[Token], unit_tokens: list[Token]) -> str | None:
    """What a money, percent or measure figure is of: "a loss of €18.6m", "inflation would fall below 3 percent"."""
    top = _top(run + unit_tokens)
    governor = top.head
    if top.dep_ == "pobj" and governor.dep_ == "prep":
        owner = governor.head
        if governor.lower_ == "of" and owner.pos_ == "NOUN":
            return _phrase(owner)
        if owner.pos_ == "NOUN" and governor.lower_ in ("at", "to", "by", "from"):
            return _phrase(owner)
        objects = [c for c in owner.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < governor.i]
        if objects and governor.lower_ in ("at", "to", "from", "by"):
            return _phrase(objects[0])  # "kept its main rate at 4.5 percent", "cut the budget by 22 percent"
        return _subject(owner)
    if top.dep_ == "dobj" and governor.pos_ == "VERB":
        purposes = [c for c in governor.children if c.dep_ == "prep" and c.lower_ in ("into", "for", "on") and c.i > top.i]
        objects = [o for p in purposes for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
        if objects and objects[0].lower_ not in TIME_NOUNS:
            return _phrase(objects[0])  # "put 500,000 crowns into a fund", "paid 310,000 crowns for inspections"
    if top.dep_ == "dobj" and governor.lemma_ in SPENDING_VERBS:
        return governor.text  # "would cost 1.5 million crowns", "lost €2m"
    if top.dep_ in ("dobj", "attr", "npadvmod", "advmod", "oprd"):
        return _subject(governor)
    if top.dep_ in ("nsubj", "nsubjpass") and governor.pos_ in ("VERB", "AUX"):
        for child in governor.children:
            if child.dep_ in ("attr", "dobj") and child.pos_ == "NOUN":
                return _phrase(child)
    if top.dep_ == "appos" and governor.pos_ == "NOUN":
        return _phrase(governor)
    return None


def _counted_by(noun: Token) -> str | None:
    """What "the number of X" or "the total of X" counts: X, with what happened to it ("people killed")."""
    if noun.lower_ not in ("number", "total", "count"):
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    events = [c.text for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"]
                    return " ".join([_phrase(obj), *events[:1]])
    return None


def _top(tokens: list[Token]) -> Token:
    """The token of the figure whose head lies outside it."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head.i == token.i:
            return token
    return tokens[-1]


def _subject(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return _counted_by(child) or _phrase(child)
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None
