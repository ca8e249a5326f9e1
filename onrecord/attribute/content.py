"""Content: which characters a cue attributes, and whether they are quoted, reported or both."""

from __future__ import annotations

import re

from spacy.tokens import Token

from onrecord.attribute import cuelex
from onrecord.attribute import lexicon as lx
from onrecord.attribute.cues import Cue
from onrecord.attribute.marks import Quoted
from onrecord.attribute.mentions import Para
from onrecord.model import QuoteKind, Span

EDGE_STRIP = " \t\n,;:.-\u2013\u2014"
LEAD_STRIP = " \t\n,;:-\u2013\u2014"
COMPLEMENTISERS = frozenset({"that", "whether", "if"})
OBJECT_COMPLEMENT_DEPS = frozenset({"prep", "oprd", "xcomp", "advcl", "ccomp"})
"""What follows an object and belongs to the content: "blamed Ukraine [for the assault]", "called him [a liar]"."""


def _right_complements(cue: Cue) -> list[Token]:
    """Clauses after the cue that it reports: that-clauses, their conjuncts, non-finite complements."""
    lemma = cue.anchor.lemma_.lower()
    heads = [cue.anchor, *[t for t in cue.tokens if t.dep_ == "pcomp"]]
    found: list[Token] = []
    for head in heads:
        for child in head.rights:
            if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in lx.NONFINITE_CONTENT_CUES):
                found.append(child)
            elif child.dep_ in {"xcomp", "dobj"} and cuelex.takes_content(lemma, child.dep_):
                found.append(child)
                if child.dep_ == "dobj":
                    found += [c for c in head.rights if c.i > child.i and c.dep_ in OBJECT_COMPLEMENT_DEPS and not _own_clause(c)]
            elif child.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                found.append(child)
    return found


def _own_clause(tok: Token) -> bool:
    """A clause with a subject of its own ("..., as the ministry warned ..."): beside the object, not about it."""
    return tok.dep_ in {"advcl", "ccomp"} and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in tok.children)


def _excluded(cue: Cue, others: list[Cue]) -> set[int]:
    """Tokens of nested subjectless cues ("..., saying that ...") and of the cue block itself."""
    start, end = cue.block()
    out = set(range(start, end))
    for other in others:
        if other is not cue and other.inherited and other.anchor.i > cue.anchor.i:
            out.update(t.i for t in other.anchor.subtree)
            left = other.anchor.left_edge.i - 1
            if left >= 0 and other.anchor.doc[left].is_punct:
                out.add(left)
    return out


def _span_if_any(start: int, end: int) -> Span | None:
    """The span `[start, end)`, or None when it is empty."""
    return Span(start, end) if end > start else None


def _token_runs(tokens: list[Token], para: Para) -> list[Span]:
    """Character spans of the runs of consecutive tokens."""
    runs: list[Span] = []
    last = None
    for tok in sorted(tokens, key=lambda t: t.i):
        if runs and tok.i - 1 == last:
            runs[-1] = Span(runs[-1].start, para.end(tok))
        else:
            runs.append(Span(para.start(tok), para.end(tok)))
        last = tok.i
    return runs


def _clause_spans(cue: Cue, comps: list[Token], others: list[Cue], para: Para) -> list[Span]:
    """Character spans of the complements, less nested cues, the cue block and leading marks or "that"."""
    skip = _excluded(cue, others)
    toks: list[Token] = []
    for comp in comps:
        sub = [t for t in comp.subtree if t.i not in skip]
        while sub and (sub[0].is_punct or (sub[0].dep_ == "mark" and sub[0].lower_ in COMPLEMENTISERS)):
            sub.pop(0)
        toks += sub
    return _token_runs(toks, para)


def _sentence_start(tok: Token, para: Para, floor: int) -> int:
    return max(para.start(tok.sent[0]), floor)


def _has_object(cue: Cue) -> bool:
    """A cue with a direct object ("declared a state of war") does not report the clause before it; "told X" does."""
    if cue.anchor.lemma_.lower() == "tell":
        return False
    return any(c.dep_ == "dobj" and c not in cue.tokens for c in cue.anchor.children)


def _before_block(cue: Cue, para: Para, quotes: list[Quoted], floor: int) -> Span | None:
    """Content in front of a postposed attribution ("..., X said"), back to its sentence start."""
    doc = para.doc
    start_tok, _ = cue.block()
    if start_tok == 0 or _has_object(cue):
        return None
    prev = doc[start_tok - 1]
    if not (prev.text in {",", '"', "'"} or (prev.is_punct and prev.i > 0 and doc[prev.i - 1].text == ",")):
        return None
    end = para.end(prev) if prev.text in {'"', "'"} else para.start(prev)
    begin = _sentence_start(prev, para, floor)
    for _ in range(3):
        inside = next((q for q in quotes if q.start < begin < q.end), None)
        if inside is None:
            break
        begin = _sentence_start(_token_at(para, inside.start), para, floor)
    return _span_if_any(begin, end)


def _token_at(para: Para, pos: int) -> Token:
    rel = pos - para.base
    return next((t for t in para.doc if t.idx <= rel < t.idx + len(t.text)), para.doc[0])


def _quote_after(pos: int, quotes: list[Quoted], text: str, gap: str = " \t\n,:") -> Quoted | None:
    """The quote that opens right after `pos` with only spaces and punctuation between."""
    for q in quotes:
        if q.start >= pos and not text[pos : q.start].strip(gap):
            return q
    return None


def _according_spans(cue: Cue, para: Para) -> list[Span]:
    """The rest of the cue's sentence, before and after "according to X"."""
    sent, doc = cue.anchor.sent, cue.anchor.doc
    start, end = cue.block()
    sides = [_span_if_any(para.start(sent[0]), para.start(doc[start])), _span_if_any(para.end(doc[end - 1]), para.end(sent[-1]))]
    return [side for side in sides if side is not None]


def _has_left_clause(cue: Cue) -> bool:
    """A reported clause in front of the cue as well as after it ("A," she said, "but B.")."""
    return any(c.dep_ == "ccomp" for c in cue.anchor.lefts)


def _quote_span(q: Quoted | None) -> list[Span]:
    """The whole of a quote, marks included, as a one-span list (empty for no quote)."""
    return [Span(q.start, q.end)] if q else []


def raw_spans(cue: Cue, others: list[Cue], para: Para, quotes: list[Quoted], text: str, floor: int) -> list[Span]:
    """Unnormalised content spans of one cue (document offsets)."""
    if cue.according:
        return _according_spans(cue, para)
    if cue.label:
        rest = _span_if_any(para.end(cue.anchor), para.base + len(para.doc.text))
        return [rest] if rest else []
    if cue.quotation is not None:
        return _quote_span(cue.quotation)
    comps = _right_complements(cue)
    found = _clause_spans(cue, comps, others, para) if comps else []
    if cue.anchor.lemma_.lower() not in lx.CUE_VERBS:
        return found  # a learned cue ("blamed", "hoped") reports only its own complement
    _, block_end = cue.block()
    after = para.end(cue.anchor.doc[block_end - 1])
    if found and _has_left_clause(cue):
        before = _before_block(cue, para, quotes, floor)
        found = [before, *found] if before else found
    if not found:
        before = _before_block(cue, para, quotes, floor)
        found = [before] if before else []
        if found and text[after : after + 1] == ",":
            found += _quote_span(_quote_after(after, quotes, text))
    if not found and cue.anchor.lemma_.lower() not in lx.CLAUSE_ONLY_CUES | {"continue"}:
        found = _quote_span(_quote_after(after, quotes, text))
    return found


def widen(spans: list[Span], quotes: list[Quoted]) -> list[Span]:
    """Widen each span to whole quotes wherever it cuts into one."""
    out: list[Span] = []
    for span in spans:
        start, end = span.start, span.end
        for q in quotes:
            if q.start < end and start < q.end:
                start, end = min(start, q.start), max(end, q.end)
        out.append(Span(start, end))
    return out


def trim_span(span: Span, text: str, quotes: list[Quoted]) -> Span | None:
    """Strip spaces and edge punctuation; a span that is one quote becomes its inside, less a trailing comma."""
    start, end = span.start, span.end
    while start < end and text[start] in LEAD_STRIP:
        start += 1
    while end > start and text[end - 1] in EDGE_STRIP and not any(q.end == end and q.closed for q in quotes):
        end -= 1
    whole = next((q for q in quotes if q.start == start and q.end in (end, end + 1)), None)
    if whole is not None:
        start, end = whole.inner_start, whole.inner_end
        while end > start and text[end - 1] in " \t\n,":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
    return _span_if_any(start, end)


def kind_of(spans: list[Span], text: str, quotes: list[Quoted]) -> QuoteKind:
    """direct when every content character is quoted, indirect when none is, else mixed."""
    inside = outside = 0
    for span in spans:
        for pos in range(span.start, span.end):
            if text[pos].isspace() or text[pos] in "\"'.,":
                continue
            if any(q.start <= pos < q.end for q in quotes):
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


_TRAILING_CONTEXT = re.compile(r'",\s+(?:as|amid|while)\s')


def without_trailing_context(spans: list[Span], text: str, quotes: list[Quoted]) -> list[Span]:
    """The content without the writer's own clause after its closing quotation mark ('his troops "will not cross
    the line", as tension over the border continues': the parser may hang the clause on the quoted verb).
    `text` is the analysis text, its quote glyphs folded."""
    if not spans:
        return spans
    last = spans[-1]
    found = _TRAILING_CONTEXT.search(text, last.start, last.end)
    if found is None or any(q.start > found.start() and q.start < last.end for q in quotes):
        return spans
    closing = found.start() + 1
    if not any(q.closed and q.end == closing and q.start >= last.start for q in quotes):
        return spans
    return [*spans[:-1], Span(last.start, closing)]
