"""Title, publication date, byline, dateline, outlet and wire: from the input's own metadata, else from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.clean import patterns as P
from onrecord.clean.boilerplate import Layout
from onrecord.clean.dates import find_dates
from onrecord.clean.lines import Line
from onrecord.clean.metaline import MetaLine
from onrecord.clean.normalize import normalize_for_analysis
from onrecord.clean.wire import agency_credit, known_agency, wire_from_lines
from onrecord.model import Document, Span


@dataclass
class Metadata:
    title: str | None = None
    title_span: Span | None = None
    published: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    wire: str | None = None


def meta_value(doc: Document, key: str) -> str | None:
    """A non-blank value the input carried for `key`, stripped."""
    value = doc.meta.get(key)
    return value.strip() or None if isinstance(value, str) else None


TITLE_PREFIX_WORDS = 4
"""A line that starts with a given title of at least this many words, and ends without a full stop, is the
title line: pages often give a shorter title than the headline ("Portmara reject second bid" for
"Portmara reject second bid as striker's father turns up the heat")."""


def find_title_line(lines: list[Line], title: str) -> int | None:
    """The line that reads as the given title (case, spacing and quote marks aside), or that starts with it
    and reads as a headline (TITLE_PREFIX_WORDS)."""
    wanted = _fold(title)
    zone = lines[: P.TITLE_ZONE_LINES * 2]
    exact = next((line.index for line in zone if _fold(line.text) == wanted), None)
    if exact is not None or len(wanted.split()) < TITLE_PREFIX_WORDS:
        return exact
    headlines = (line for line in zone if not line.text.rstrip().endswith("."))
    return next((line.index for line in headlines if _fold(line.text).startswith(wanted + " ")), None)


def _fold(text: str) -> str:
    return " ".join(normalize_for_analysis(text).casefold().split())


def extract_metadata(doc: Document, lines: list[Line], page: Layout) -> Metadata:
    """Every metadata field; values in `doc.meta` win where present."""
    text = doc.text
    found = Metadata()
    titles = page.indices("title")
    if titles:
        line = lines[titles[0]]
        found.title_span = Span(line.start, line.end)
        found.title = found.title_span.of(text)
    found.title = meta_value(doc, "title") or found.title
    found.published = _published(doc, page)
    found.byline = meta_value(doc, "byline") or _from_meta_lines(text, lines, page, "byline")
    body_dateline, agency = _body_dateline(text, lines, page)
    found.dateline = (
        meta_value(doc, "dateline") or _from_meta_lines(text, lines, page, "dateline") or body_dateline
    )
    found.outlet = (
        meta_value(doc, "outlet")
        or _masthead_outlet(text, lines, page)
        or _copyright_outlet(text, lines, page)
        or agency
        or _byline_outlet(found.byline)
    )
    found.wire = _wire(text, lines, page, agency, found.byline)
    return found


def _published(doc: Document, page: Layout) -> str | None:
    """The input's date in ISO form when it reads as one, else the first publication date of a date line."""
    given = find_dates(meta_value(doc, "published") or "")
    if given:
        return given[0].iso
    metas = [page.meta[i] for i in sorted(page.meta)]
    for meta in metas:
        for found, is_update in zip(meta.dates, meta.updated):
            if not is_update:
                return found.iso
    fallback = next((m.published() for m in metas if m.dates), None)
    return fallback.iso if fallback else None


def _from_meta_lines(text: str, lines: list[Line], page: Layout, field_name: str) -> str | None:
    """The first byline or dateline a metadata line holds, read off the document text."""
    for i in sorted(page.meta):
        meta: MetaLine = page.meta[i]
        offsets = meta.byline if field_name == "byline" else meta.dateline
        if offsets:
            start = lines[i].start
            return text[start + offsets[0] : start + offsets[1]]
    return None


def _body_dateline(text: str, lines: list[Line], page: Layout) -> tuple[str | None, str | None]:
    """Place and agency of "MOSCOW (Reuters) -" (either may be missing) opening one of the first body paragraphs."""
    for i in page.indices("body")[: P.DATELINE_PARAGRAPHS]:
        line = lines[i]
        match = P.BODY_DATELINE.match(line.head)
        if match and (match.group("place") is not None or match.group("agency") is not None):
            return _group_text(text, line, match, "place"), _group_text(text, line, match, "agency")
    return None, None


def _group_text(text: str, line: Line, match: re.Match[str], group: str) -> str | None:
    """A pattern group matched on a line, read off the document text; None when it did not take part."""
    if match.group(group) is None:
        return None
    return text[line.start + match.start(group) : line.start + match.end(group)]


def _masthead_outlet(text: str, lines: list[Line], page: Layout) -> str | None:
    """The outlet's name from a masthead first line ("RIVERSIDE DAILY - International edition" -> "RIVERSIDE DAILY")."""
    if page.masthead is None:
        return None
    start = lines[0].start
    return text[start + page.masthead[0] : start + page.masthead[1]]


def _wire(text: str, lines: list[Line], page: Layout, agency: str | None, byline: str | None) -> str | None:
    """The agency credited: in the opening dateline "(Reuters) -", else on a credit line, else as byline."""
    if agency:
        return agency_credit(agency)
    return wire_from_lines(lines, text, skip=set(page.indices("title"))) or _byline_wire(byline)


def _byline_wire(byline: str | None) -> str | None:
    """An agency as byline ("By Anadolu Agency"), or closing one ("By Jane Doe, Reuters")."""
    if not byline:
        return None
    last = byline.rsplit(",", 1)[-1]
    return known_agency(byline) or known_agency(last) or _byline_outlet(byline)


def _copyright_outlet(text: str, lines: list[Line], page: Layout) -> str | None:
    """The owner a copyright line names ("© 2023 Bloomberg L.P" -> "Bloomberg"); a photo credit names none."""
    for i in page.indices("boilerplate"):
        line = lines[i]
        if len(line.text) > P.META_MAX_CHARS or not P.COPYRIGHT_LINE.search(line.text):
            continue
        if not P.COPYRIGHT_YEAR.search(line.text):
            continue
        owner = " ".join(P.COPYRIGHT_NOISE.sub(" ", text[line.start : line.end]).split())
        owner = P.CORPORATE_SUFFIX.sub("", owner).strip(" .,;-–—")
        if owner:
            return owner
    return None


def _byline_outlet(byline: str | None) -> str | None:
    """An organisation as byline ("Anadolu Agency") is the outlet."""
    if byline and byline.endswith(P.AGENCY_SUFFIXES):
        return byline
    return None
