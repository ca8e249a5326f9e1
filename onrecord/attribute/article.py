"""One article's attributions: parse its body paragraphs, find cues, read their content, resolve speakers.

Two readers work on each paragraph. The learned tagger (attribute/tagger.py) finds cues and, for
each, its source and content; the rules (cues, content) read the same paragraph from the parse.
Where both read the same cue, the tagger's attribution stands, with the rules' content when the
tagger's is a piece of it cut short (see _cut_short) and the rules' source when the cue borrows
its clause's subject ("..., adding that"). Rule attributions the tagger missed are added when
their content overlaps none of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.attribute import cuelex
from onrecord.attribute.content import kind_of, raw_ranges, trim, widen
from onrecord.attribute.cues import Cue, find_cues, unsaid
from onrecord.attribute.features import BASE_INTS, Tokens, run_head, token_features
from onrecord.attribute.marks import Quoted, find_quotes
from onrecord.attribute.mentions import Para, SourceNP, describe
from onrecord.attribute.orphans import attribute_orphans
from onrecord.attribute.resolve import Resolver, build_inventory
from onrecord.attribute.tagger import Roles, Run, Tagger, cue_runs
from onrecord.attribute.verify import Verifier, evidence
from onrecord.clean.patterns import BODY_DATELINE, DATELINE_PARAGRAPHS
from onrecord.model import Article, Mention, Quote, Span, make_quote

Range = tuple[int, int]
_WORD = re.compile(r"[^\W\d_]+")
MAX_PARAGRAPH_CHARS = 20_000
"""A longer "paragraph" (a page scraped into one line, a dump) is parsed in pieces of at most this size,
cut at sentence ends: spaCy needs about 1 GB per 100,000 characters of one text, and a wall of text
must not lose its statements either."""
MAX_SENTENCE_CHARS = 2_000
"""A stretch this long without a sentence end is not prose ("He said “He said ..." a thousand times);
it is cut at a space into pieces parsed apart. Within one sentence, every cue's clause can hold every
later one, so attribution time grows with the square of a sentence's length: this bounds it."""
SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
MIN_CONTENT_WORDS = 2
"""A tagger content of fewer words is a tagging slip ("the", "this ("), not a statement."""
MEASURE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
LEARNED_CONFIDENCE = 0.85
"""A tagger attribution's confidence when no verifier ships (see attribute/verify.py)."""


@dataclass
class ParaView:
    """A parsed paragraph with its quoted stretches and its cues."""

    para: Para
    quotes: list[Quoted]
    cues: list[Cue]
    span: Span


def paragraph_spans(article: Article) -> list[Span]:
    """Body lines worth parsing, in document order; a line longer than MAX_PARAGRAPH_CHARS in pieces.

    A dateline opening one of the first body lines ("LAKESIDE, March 4 (Reuters) -") is left out: its
    place name would otherwise be parsed as the subject of the first sentence's cue.
    """
    text = article.analysis_text
    spans = [_after_dateline(s, text) if i < DATELINE_PARAGRAPHS else s for i, s in enumerate(article.body_spans)]
    return [piece for s in spans if s is not None for piece in _pieces(s, text) if piece.of(text).strip()]


def _after_dateline(span: Span, text: str) -> Span | None:
    match = BODY_DATELINE.match(span.of(text))
    if match is None or not (match.group("place") or match.group("agency")) or span.start + match.end() >= span.end:
        return span
    return Span(span.start + match.end(), span.end)


def _pieces(span: Span, text: str) -> Iterator[Span]:
    """The span cut into pieces of at most MAX_PARAGRAPH_CHARS, after the last sentence end that fits;
    a stretch of over MAX_SENTENCE_CHARS without one ends its piece at the last space that fits
    (else at the limit)."""
    start = span.start
    while start < span.end:
        window = text[start : min(span.end, start + MAX_PARAGRAPH_CHARS)]
        cut = _runaway_cut(window)
        if cut is None and start + len(window) == span.end:
            cut = len(window)
        elif cut is None:
            ends = [m.end() for m in SENTENCE_BREAK.finditer(window)]
            cut = ends[-1] if ends else _space_cut(window)
        yield Span(start, start + cut)
        start += cut


def _runaway_cut(window: str) -> int | None:
    """Where to cut the first stretch of `window` longer than MAX_SENTENCE_CHARS without a sentence end."""
    last = 0
    for end in [m.end() for m in SENTENCE_BREAK.finditer(window)] + [len(window)]:
        if end - last > MAX_SENTENCE_CHARS:
            return last + _space_cut(window[last : last + MAX_SENTENCE_CHARS])
        last = end
    return None


def _space_cut(window: str) -> int:
    """After the last space of `window`, else its whole length."""
    return window.rfind(" ") + 1 or len(window)


def paragraph_texts(article: Article) -> Iterator[str]:
    """The analysis text of each paragraph (quote glyphs already folded by the cleaner)."""
    for span in paragraph_spans(article):
        yield span.of(article.analysis_text)


def _views(article: Article, docs: list[Doc], folded: str) -> list[ParaView]:
    views = []
    for span, doc in zip(paragraph_spans(article), docs, strict=True):
        para = Para(doc, span.start)
        quotes = find_quotes(span.of(folded), span.start)
        views.append(ParaView(para, quotes, find_cues(para, quotes), span))
    return views


def _content(cue: Cue, view: ParaView, text: str, floor: int) -> list[Range]:
    ranges = raw_ranges(cue, view.cues, view.para, view.quotes, text, floor)
    trimmed = [trim(r, text, view.quotes) for r in widen(ranges, view.quotes)]
    merged: list[Range] = []
    for rng in sorted(r for r in trimmed if r):
        if merged and rng[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], rng[1]))
        else:
            merged.append(rng)
    return merged


def _quote(
    article: Article, cue: Cue, view: ParaView, ranges: list[Range], resolver: Resolver, folded: str, marks: list[Quoted]
) -> Quote:
    text = article.text
    np = cue.np
    alias = text[np.start : np.end]
    speaker = resolver.resolve(np, alias)
    resolver.record(np.start, speaker)
    mention = Mention(Span(np.start, np.end), alias, np.kind, speaker)
    start, end = cue.span(view.para)
    quote = make_quote(text, kind_of(ranges, folded, marks), [Span(a, b) for a, b in ranges],
                       Span(start, end), mention)
    quote.confidence = 0.8 if cue.inherited else 0.9
    return quote


def _overlaps_any(ranges: list[Range], taken: list[Range]) -> bool:
    return any(a < d and c < b for a, b in ranges for c, d in taken)


def _candidates(
    view: ParaView, folded: str, skip: frozenset[int] = frozenset(), floors: bool = True
) -> list[tuple[Cue, list[Range]]]:
    """Each cue of a paragraph with its content, in order; with `floors`, a postposed cue's content starts after the one before."""
    floor = view.para.base
    found = []
    for cue in view.cues:
        if cue.anchor.i in skip:
            continue
        ranges = _content(cue, view, folded, floor)
        if ranges:
            found.append((cue, ranges))
            if floors:
                floor = max(floor, ranges[-1][1], view.para.end(cue.anchor))
    return found


def _nested(view: ParaView, candidates: list[tuple[Cue, list[Range]]]) -> frozenset[int]:
    """Cues inside another cue's content ("X said that, until it has asserted its interests, ...")."""
    found = set()
    for cue, _ in candidates:
        pos = view.para.start(cue.anchor)
        if any(_inside(pos, ranges) for other, ranges in candidates if other is not cue):
            found.add(cue.anchor.i)
    return frozenset(found)


def _select(view: ParaView, folded: str) -> list[tuple[Cue, list[Range]]]:
    """Outer attributions first; then attributions nested inside their content ("X said, Tass reported")."""
    nested = _nested(view, _candidates(view, folded, floors=False))
    outer: list[tuple[Cue, list[Range]]] = []
    outer_ranges: list[Range] = []
    for cue, ranges in _candidates(view, folded, skip=nested):
        if not _overlaps_any(ranges, outer_ranges):
            outer.append((cue, ranges))
            outer_ranges += ranges
    chosen = list(outer)
    taken: list[Range] = []
    not_nested = frozenset(c.anchor.i for c in view.cues) - nested
    for cue, ranges in _candidates(view, folded, skip=not_nested):
        if cue.inherited:
            continue  # a subjectless cue inside someone's words has no source of its own
        inside = any(a <= s and e <= b for s, e in ranges for a, b in outer_ranges)
        if (inside or not _overlaps_any(ranges, outer_ranges)) and not _overlaps_any(ranges, taken):
            chosen.append((cue, ranges))
            taken += ranges
    return sorted(chosen, key=lambda c: c[0].anchor.i)


def _introducing(
    view: ParaView, following: ParaView | None, folded: str, taken: set[int]
) -> list[tuple[Cue, list[Range]]]:
    """A cue that ends its paragraph with a colon ("He said:") introduces the next paragraph."""
    if following is None or not view.cues:
        return []
    cue = view.cues[-1]
    _, block_end = cue.block()
    after = folded[view.para.end(cue.anchor.doc[block_end - 1]) : view.span.end]
    if cue.anchor.i in taken or after.strip() != ":":
        return []
    rng = trim((following.span.start, following.span.end), folded, following.quotes)
    return [(cue, [rng])] if rng else []


def _chars(para: Para, run: Run) -> Range:
    return para.start(para.doc[run[0]]), para.end(para.doc[run[1] - 1])


def _merged(ranges: list[Range]) -> list[Range]:
    merged: list[Range] = []
    for rng in sorted(ranges):
        if merged and rng[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], rng[1]))
        else:
            merged.append(rng)
    return merged


def _filled(roles: Roles, cues: list[Run]) -> list[Run]:
    """Content runs of one cue, with the gaps between them filled unless the gap holds a cue or its source."""
    others = [*cues, *roles.sources]
    out: list[Run] = []
    for run in sorted(roles.contents):
        if out and not any(out[-1][1] < b and a < run[0] for a, b in others):
            out[-1] = (out[-1][0], run[1])
        else:
            out.append(run)
    return out


@dataclass
class Learned:
    """One attribution the tagger found, with the rules' reading of the same cue when they have one."""

    roles: Roles
    ranges: list[Range]
    rule: tuple[Cue, list[Range]] | None = None
    cue_prob: float = 1.0
    """The tagger's mean probability, over the cue's tokens, that each is part of a cue."""
    confidence: float = LEARNED_CONFIDENCE


def _plausible_cue(doc: Doc, run: Run) -> bool:
    """A tagger cue that is said (not negated or modal), not a measure, and headed by a word that heads cues."""
    head = run_head(doc, *run)
    return not unsaid(head) and not _only_a_measure(doc, run) and not cuelex.rarely_a_cue(head.lemma_.lower())


def _learned(
    view: ParaView, tagger: Tagger, verifier: Verifier | None, folded: str, rules: list[tuple[Cue, list[Range]]]
) -> list[Learned]:
    """The tagger's attributions in one paragraph: each cue it finds with the content it reads for it."""
    base = token_features(view.para, view.quotes, tagger.vocab)
    found = []
    doc = view.para.doc
    probs = tagger.cue_probs(base)
    cues = [run for run in cue_runs(probs) if _plausible_cue(doc, run)]
    cues = [run for run in cues if not _channel_of_another(doc, run, cues)]
    for roles in tagger.roles(doc, base, cues):
        if not _worth_keeping(roles, doc):
            continue
        runs = widen([_chars(view.para, run) for run in _filled(roles, cues)], view.quotes)
        ranges = [trim(r, folded, view.quotes) for r in runs]
        if kept := _merged([r for r in ranges if r]):
            rule = next((r for r in rules if roles.cue[0] <= r[0].anchor.i < roles.cue[1]), None)
            found.append(Learned(roles, kept, rule, float(1.0 - probs[roles.cue[0] : roles.cue[1], 0].mean())))
    return _verified(_unshared(found, view.para), base, doc, verifier)


def _is_quoter(doc: Doc, run: Run) -> bool:
    """The "by" phrase of "quoted (as saying) by": who did the quoting, a channel, not the speaker."""
    head = run_head(doc, *run)
    by = next((t for t in [head, *head.ancestors] if t.lower_ == "by" and t.dep_ in {"prep", "agent"}), None)
    return by is not None and any(t.lemma_ == "quote" for t in [by.head, *by.head.ancestors])


def _only_a_measure(doc: Doc, run: Run) -> bool:
    """A cue run made only of a date, time or number ("said on [Tuesday evening]"): not a way of saying."""
    return all(t.ent_type_ in MEASURE_ENTS or t.is_punct or t.is_space for t in doc[run[0] : run[1]])


def _channel_of_another(doc: Doc, run: Run, cues: list[Run]) -> bool:
    """A noun in a phrase hung on another cue ("said [in his Telegram channel]", "wrote in a [statement]"):
    where the other cue's words appeared, not a second way of saying."""
    head = run_head(doc, *run)
    if head.dep_ != "pobj" or head.head.dep_ != "prep":
        return False
    verb = head.head.head
    return any(other != run and run_head(doc, *other).i == verb.i for other in cues)


def _distance(rng: Range, cue: Range) -> int:
    """How far apart two ranges are (0 when they touch or overlap), in whatever unit they count."""
    return max(cue[0] - rng[1], rng[0] - cue[1], 0)


def _unshared(found: list[Learned], para: Para) -> list[Learned]:
    """Give a stretch two cues both claim to the nearer one, unless one attribution nests in the other.

    ("A," X said. "B," he added: the tagger may read A as part of what he added too.)
    """
    cues = [_chars(para, f.roles.cue) for f in found]
    out = []
    for i, f in enumerate(found):
        kept = []
        for rng in f.ranges:
            rivals = [
                j for j, g in enumerate(found)
                if j != i and _overlaps_any([rng], g.ranges) and not _overlaps_any([cues[j]], f.ranges)
                and not _overlaps_any([cues[i]], g.ranges) and _distance(rng, cues[j]) < _distance(rng, cues[i])
            ]
            if not rivals:
                kept.append(rng)
        if kept:
            out.append(Learned(f.roles, kept, f.rule, f.cue_prob))
    return out


def _verified(found: list[Learned], base: Tokens, doc: Doc, verifier: Verifier | None) -> list[Learned]:
    """The attributions the verifier believes, each with its confidence; all of them when there is no verifier."""
    if verifier is None:
        return found
    quoted = (base.ints[:, BASE_INTS.index("quote")] > 0).tolist()
    kept = []
    for f in found:
        others = [g.roles for g in found if g is not f]
        f.confidence = round(verifier.confidence(evidence(doc, f.roles, f.cue_prob, f.rule is not None, quoted, others)), 3)
        if f.confidence >= verifier.threshold:
            kept.append(f)
    return kept


def _worth_keeping(roles: Roles, doc: Doc) -> bool:
    """Content of MIN_CONTENT_WORDS words or more."""
    return sum(t.is_alpha for a, b in roles.contents for t in doc[a:b]) >= MIN_CONTENT_WORDS


def _learned_source(found: Learned, view: ParaView) -> tuple[Range, SourceNP | None] | None:
    """The source the tagger reads (nearest run to the cue), or the rules' when the cue borrows its clause's
    subject, or when the tagger's source is who did the quoting ("..., Varga was quoted as saying [by the
    agency]")."""
    roles, rule = found.roles, found.rule
    run = min(roles.sources, key=lambda r: _distance(r, roles.cue)) if roles.sources else None
    if rule and (rule[0].inherited or run is None or _is_quoter(view.para.doc, run)):
        return (rule[0].np.start, rule[0].np.end), rule[0].np
    if run is not None and (passive := _passive_subject_source(view.para.doc, roles.cue, run)) is not None:
        agent = _agent(passive)
        if agent is None:
            return None
        return (view.para.start(agent.left_edge), view.para.end(agent.right_edge)), describe(agent, view.para)
    if run is None:
        return None
    return _chars(view.para, run), describe(run_head(view.para.doc, *run), view.para)


def _passive_subject_source(doc: Doc, cue: Run, source: Run) -> Token | None:
    """The cue's passive verb when the tagger's source is its passive subject ("Trump [was asked]", "[has
    been called]"): who was asked or called, not who asked or called. None where the cue goes on to a
    verb of its own ("was quoted as saying", "is reported to have said"), whose subject is the speaker."""
    head = run_head(doc, *cue)
    if any(t.pos_ == "VERB" and t.i != head.i for t in doc[cue[0] : cue[1]]):
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    if not subjects:
        return None
    inside = {t.i for s in subjects for t in s.subtree}
    return head if run_head(doc, *source).i in inside else None


def _agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase ("called ... [by the citizens]")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _learned_quote(article: Article, found: Learned, view: ParaView, resolver: Resolver, marks: list[Quoted]) -> Quote:
    text, para = article.text, view.para
    mention = None
    if source := _learned_source(found, view):
        (start, end), np = source
        speaker = resolver.resolve(np, text[np.start : np.end]) if np else None
        resolver.record(start, speaker)
        mention = Mention(Span(start, end), text[start:end], np.kind if np else "description", speaker)
    ranges = found.ranges
    if found.rule and _cut_short(ranges, found.rule[1], article.analysis_text):
        ranges = found.rule[1]
    cue_start, cue_end = found.rule[0].span(para) if found.rule else _chars(para, found.roles.cue)
    quote = make_quote(text, kind_of(ranges, article.analysis_text, marks), [Span(a, b) for a, b in ranges],
                       Span(cue_start, cue_end), mention)
    quote.confidence = found.confidence
    return quote


def _inside(pos: int, ranges: list[Range]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _cut_short(learned: list[Range], rule: list[Range], text: str) -> bool:
    """The tagger's content lies inside the rules' and is a piece of it cut short: the rules' starts
    earlier and ends where it ends (the tagger kept the tail of a sentence before "..., X said"), or
    the tagger's starts or ends between two of its words with no punctuation between ("into the
    Moscow" for "into the Moscow attacks"). Otherwise a longer rules' content mostly runs on past
    the statement ("..., while the other side said ..."), and the tagger's stands."""
    if _length(rule) <= _length(learned) or not all(_inside(a, rule) and _inside(b - 1, rule) for a, b in learned):
        return False
    start, end = learned[0][0], learned[-1][1]
    if rule[0][0] < start and rule[-1][1] <= end:
        return True
    before = len(text[:start].rstrip())
    after = end + len(text[end:]) - len(text[end:].lstrip())
    cut_left = 0 < before < start and text[before - 1].isalnum() and _inside(before - 1, rule)
    cut_right = end < after < len(text) and text[after].isalnum() and _inside(after, rule)
    return cut_left or cut_right


def _length(ranges: list[Range]) -> int:
    return sum(b - a for a, b in ranges)


def _rule_pairs(view: ParaView, following: ParaView | None, folded: str) -> list[tuple[Cue, list[Range]]]:
    chosen = _select(view, folded)
    return chosen + _introducing(view, following, folded, {c.anchor.i for c, _ in chosen})


def _unmatched(
    rules: list[tuple[Cue, list[Range]]], learned: list[Learned], view: ParaView
) -> list[tuple[Cue, list[Range]]]:
    """The rules' attributions the tagger did not find: another cue, and content that overlaps none of
    the tagger's or sits, with its cue, inside one ("X said ..., Tass reported"), or a line's label
    whose content holds the tagger's ("Cruz: Trump Would Put Liberals On Court, 'I Fear ...'")."""
    used = {id(found.rule) for found in learned if found.rule}
    taken = [r for found in learned for r in found.ranges]
    kept = []
    for pair in rules:
        cue, ranges = pair
        pos = view.para.start(cue.anchor)
        hit = [t for t in taken if _overlaps_any(ranges, [t])]
        nested = all(a <= pos < b and all(a <= s and e <= b for s, e in ranges) for a, b in hit)
        if id(pair) not in used and (nested or cue.label):
            kept.append(pair)
    return kept


def _cut(ranges: list[Range], holes: list[Span]) -> list[Range]:
    """`ranges` with every hole taken out (a range a hole splits becomes its two sides)."""
    for hole in holes:
        ranges = [
            piece
            for start, end in ranges
            for piece in ((start, min(end, hole.start)), (max(start, hole.end), end))
            if piece[0] < piece[1]
        ]
    return ranges


def _without_own_parts(quote: Quote, article: Article, marks: list[Quoted]) -> Quote | None:
    """The quote with its own source and cue cut out of its content, where a reading swallowed them.

    ("The deployment ... conflict, Dmitry Peskov said, commenting on ...": "commenting" read the
    stretch before it, source and "said" included.) None when too little content is left.
    """
    holes = [span for span in (quote.cue_span, quote.source.span if quote.source else None) if span]
    if not any(hole.overlaps(span) for hole in holes for span in quote.content_spans):
        return quote
    pieces = [trim(r, article.analysis_text, marks) for r in _cut([(s.start, s.end) for s in quote.content_spans], holes)]
    ranges = [r for r in pieces if r and len(_WORD.findall(article.text[r[0] : r[1]])) >= MIN_CONTENT_WORDS]
    if not ranges:
        return None
    cut = make_quote(article.text, quote.kind, [Span(a, b) for a, b in ranges], quote.cue_span, quote.source)
    cut.confidence = quote.confidence
    return cut


def _distinct(quotes: list[Quote]) -> list[Quote]:
    """The quotes less any that repeats an earlier one's content and source under another cue."""
    seen: set[tuple[tuple[Span, ...], Span | None]] = set()
    out = []
    for quote in quotes:
        key = (tuple(quote.content_spans), quote.source.span if quote.source else None)
        if key not in seen:
            seen.add(key)
            out.append(quote)
    return out


def attribute_article(
    article: Article, docs: list[Doc], tagger: Tagger | None, verifier: Verifier | None = None
) -> list[Quote]:
    """Every attribution in an article whose body paragraphs were parsed into `docs`; rules alone when `tagger` is None.

    With a `verifier`, the tagger's attributions it doubts are dropped and the rest carry its confidence.
    """
    folded = article.analysis_text
    views = _views(article, docs, folded)
    resolver = Resolver(build_inventory([v.para for v in views]))
    quotes: list[Quote] = []
    for i, view in enumerate(views):
        following = views[i + 1] if i + 1 < len(views) else None
        marks = view.quotes + (following.quotes if following else [])
        rules = _rule_pairs(view, following, folded)
        learned = _learned(view, tagger, verifier, folded, rules) if tagger else []
        found = [(f.roles.cue[0], _learned_quote(article, f, view, resolver, marks)) for f in learned]
        for cue, ranges in _unmatched(rules, learned, view):
            found.append((cue.anchor.i, _quote(article, cue, view, ranges, resolver, folded, marks)))
        ordered = [_without_own_parts(q, article, marks) for _, q in sorted(found, key=lambda f: f[0])]
        quotes += _distinct([q for q in ordered if q])
    quotes += attribute_orphans(article, views, quotes, folded)
    return sorted(quotes, key=lambda q: q.content_spans[0].start)
