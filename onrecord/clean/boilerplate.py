"""Line classification: which lines are the story, which are its title, headings, metadata or boilerplate.

Two passes. Each line first gets a shape from its own features (a pattern, a metadata line, a
short line without sentence punctuation, a paragraph); then its position decides: the headline
is the first short line at the top, a short line between two paragraphs is a section heading,
anything before a date line near the top is a photo caption.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from onrecord.clean import patterns as P
from onrecord.clean.lines import Line
from onrecord.clean.masthead import masthead_name
from onrecord.clean.metaline import MetaLine, parse_meta_line

Shape = Literal["boilerplate", "meta", "short", "para"]
Kind = Literal["body", "boilerplate", "heading", "title", "meta", "masthead"]


@dataclass
class Layout:
    """Each line's kind (parallel to the lines), the metadata lines parsed on the way, the masthead's name."""

    kinds: list[Kind]
    meta: dict[int, MetaLine] = field(default_factory=dict)
    masthead: tuple[int, int] | None = None
    """Offsets of the outlet's name in the masthead line (the first line), relative to that line."""

    def indices(self, kind: Kind) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == kind]


def is_boilerplate(line: Line) -> bool:
    """True for a line whose own wording marks it as page furniture, not story."""
    if P.ALWAYS_BOILERPLATE.search(line.head) or P.TAIL_BOILERPLATE.search(line.tail):
        return True
    short_enough = len(line.text) <= P.PATTERN_MAX_CHARS
    if short_enough and P.COOKIE_NOTICE.search(line.text):
        return True
    if line.words <= P.CTA_MAX_WORDS and P.CALL_TO_ACTION.search(line.head) and not P.REPORTING.search(line.text):
        return True
    if short_enough and (P.CREDIT_ONLY.match(line.text) or P.BREADCRUMB.match(line.text)):
        return True
    return _is_label(line)


def _is_label(line: Line) -> bool:
    """A section label or lone metadata word ("World", "Published", "on"), or a line with no words."""
    if line.words <= 1:
        return not (
            line.ends_sentence and len(line.text) >= P.UNSPACED_SENTENCE_MIN_CHARS and P.UNSPACED_SCRIPT.search(line.text)
        )
    if line.words > 3 or line.ends_sentence:
        return False
    tokens = line.text.lower().replace(":", " ").split()
    return all(t in P.META_WORDS for t in tokens)


def shape(line: Line) -> tuple[Shape, MetaLine | None]:
    """What a line looks like on its own."""
    meta = parse_meta_line(line.text)
    if meta is not None:
        return "meta", meta
    if is_boilerplate(line):
        return "boilerplate", None
    if not line.ends_sentence and line.words <= P.TITLE_MAX_WORDS:
        return "short", None
    return "para", None


def is_headline_like(line: Line) -> bool:
    """A short line that starts like a title: capital, digit or quote first, no credit marks."""
    first = line.text[0]
    starts_well = first.isupper() or first.isdigit() or first in "\"'"
    return starts_well and line.words >= 2 and not P.CREDIT_MARKS.search(line.head)


def is_heading_like(line: Line) -> bool:
    """A headline-like line short enough to be a section heading, and not a quotation."""
    return is_headline_like(line) and line.words <= P.HEADING_MAX_WORDS and line.text[0] not in "\"'"


def layout(lines: list[Line], title_index: int | None = None, title_known: bool = False, selected: bool = False) -> Layout:
    """Classify every line; `title_index` is the line the input's own metadata names as title.

    `selected`: the text is what an extractor already chose as the article (trafilatura's text of an HTML
    page), so its short lines are kept as list items, table rows and subheads unless their own wording
    marks them as furniture, no paragraph is taken for a photo caption, and its body is never left empty.
    """
    shapes: list[Shape] = []
    result = Layout(kinds=["boilerplate"] * len(lines))
    for line in lines:
        line_shape, meta = shape(line)
        shapes.append(line_shape)
        if meta is not None:
            result.meta[line.index] = meta
            result.kinds[line.index] = "meta"
    if not selected:
        _mark_captions(shapes)
    first_para = next((i for i, s in enumerate(shapes) if s == "para"), len(lines))
    result.masthead = _find_masthead(lines, shapes, first_para, title_index)
    if result.masthead is not None:
        shapes[0] = "boilerplate"
        result.kinds[0] = "masthead"
    if title_index is None and not title_known:
        title_index = _pick_title(lines, shapes, first_para)
    if title_index is not None:
        shapes[title_index] = "boilerplate"
        result.kinds[title_index] = "title"
    _mark_body(lines, shapes, first_para, result.kinds, selected)
    if selected and "body" not in result.kinds:
        _keep_everything_left(lines, result.kinds)
    return result


def _keep_everything_left(lines: list[Line], kinds: list[Kind]) -> None:
    """Every line of two or more words not already the title, masthead or metadata is body."""
    for i, line in enumerate(lines):
        if kinds[i] == "boilerplate" and line.words >= 2:
            kinds[i] = "body"


def _mark_captions(shapes: list[Shape]) -> None:
    """Paragraphs before a date line near the top are photo captions (seed 001's stands before its date)."""
    zone = shapes[: P.META_ZONE_LINES]
    last_meta = max((i for i, s in enumerate(zone) if s == "meta"), default=-1)
    captions = [i for i in range(last_meta) if shapes[i] == "para"]
    if len(captions) > P.CAPTION_MAX_PARAGRAPHS:
        return
    for i in captions:
        shapes[i] = "boilerplate"


def _find_masthead(
    lines: list[Line], shapes: list[Shape], first_para: int, title_index: int | None
) -> tuple[int, int] | None:
    """The outlet's name when the first line reads as a masthead and a headline-like line follows it at the top."""
    if not lines or shapes[0] not in ("short", "boilerplate") or lines[0].ends_sentence or title_index == 0:
        return None
    name = masthead_name(lines[0].text)
    if name is None or not (title_index is not None or _title_follows(lines, shapes, first_para)):
        return None
    return name


def _title_follows(lines: list[Line], shapes: list[Shape], first_para: int) -> bool:
    """A line after the first, at the top, that could be the headline (short, headline-like, 3+ words)."""
    zone = range(1, min(first_para, P.TITLE_ZONE_LINES, len(lines)))
    return any(
        shapes[i] == "short" and is_headline_like(lines[i]) and lines[i].words >= P.TITLE_MIN_WORDS for i in zone
    )


def _pick_title(lines: list[Line], shapes: list[Shape], first_para: int) -> int | None:
    """The headline: the first headline-like short line at the top, preferring one of 3+ words."""
    zone = range(min(first_para, P.TITLE_ZONE_LINES, len(lines)))
    candidates = [i for i in zone if shapes[i] == "short" and is_headline_like(lines[i])]
    for i in candidates:
        if lines[i].words >= P.TITLE_MIN_WORDS:
            return i
    return candidates[0] if candidates else None


def _mark_body(lines: list[Line], shapes: list[Shape], first_para: int, kinds: list[Kind], selected: bool = False) -> None:
    """Paragraphs are body; a short line is a heading between paragraphs, body when long (or when the text
    was `selected` as the article already), else boilerplate."""
    next_shape = _next_text_shapes(shapes)
    seen_body = False
    for i in range(0 if selected else first_para, len(lines)):
        if shapes[i] == "para":
            kinds[i] = "body"
            seen_body = True
        elif shapes[i] == "short":
            if seen_body and next_shape[i] == "para" and is_heading_like(lines[i]):
                kinds[i] = "heading"
            elif lines[i].words > P.HEADING_MAX_WORDS or (selected and seen_body):
                kinds[i] = "body"
                seen_body = True


def _next_text_shapes(shapes: list[Shape]) -> list[Shape | None]:
    """For each line, the shape of the next paragraph or short line after it (None at the end)."""
    following: list[Shape | None] = [None] * len(shapes)
    upcoming: Shape | None = None
    for i in range(len(shapes) - 1, -1, -1):
        following[i] = upcoming
        if shapes[i] in ("para", "short"):
            upcoming = shapes[i]
    return following
