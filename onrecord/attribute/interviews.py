"""Interviews set as questions and answers ("Q: ... / A: ..."): each answer is a statement by the person
interviewed.

A page counts as one when at least two body paragraphs open with "Q:" and two with "A:". The person
interviewed is the one person the article names in full whose name stands in its title ("Introducing
Junior Gaspard, New CEO"); with none or several, the answers' speaker stays unknown. Quotes the readers
found inside an answer (the interviewee quoting someone) stay beside it.
"""

from __future__ import annotations

import re

from onrecord.model import Article, Mention, Quote, Span, Speaker, make_quote

MARKER = re.compile(r"(?P<who>[QA])\s*[:.]\s+")
MIN_EXCHANGES = 2
ANSWER_CONFIDENCE = 0.6
"""A fixed rank, like a quote continuing the speaker around it; calibrated afterwards."""


def answer_quotes(article: Article, people: list[str], found: list[Quote]) -> list[Quote]:
    """A direct quote for each answer of a question-and-answer interview (unless a reader already took its "A:"
    as a cue); `people` are the article's full names."""
    text = article.analysis_text
    marked = [(span, MARKER.match(text, span.start)) for span in article.body_spans]
    answers = [(span, m) for span, m in marked if m and m.group("who") == "A" and m.end() < span.end]
    questions = [m for _, m in marked if m and m.group("who") == "Q"]
    if len(answers) < MIN_EXCHANGES or len(questions) < MIN_EXCHANGES:
        return []
    speaker = _interviewee(article.title or "", people)
    out = []
    for span, m in answers:
        content = Span(m.end(), span.end)
        if any(q.cue_span == Span(m.start(), m.start() + len(m.group(0).rstrip())) for q in found):
            continue
        marker = Span(m.start(), m.start() + 1)
        mention = Mention(marker, article.text[marker.start : marker.end], "role", speaker)
        cue = Span(m.start(), m.start() + len(m.group(0).rstrip()))
        quote = make_quote(article.text, "direct", [content], cue, mention)
        quote.confidence = ANSWER_CONFIDENCE
        out.append(quote)
    return out


def _interviewee(title: str, people: list[str]) -> Speaker | None:
    """The one person named in full in the article whose name is in the title."""
    named = {p for p in people if len(p.split()) > 1 and p in title}
    return Speaker(name=named.pop(), type="person") if len(named) == 1 else None
