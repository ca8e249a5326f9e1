"""The wire credit: the agency or distributor a credit line names ("(Reuters) -", "Distributed by X", "©AFP").

A known agency is recorded under its usual name (patterns.WIRE_AGENCIES: "Associated Press" -> "AP");
a distributor named by "Distributed by" or "This story was provided by" is kept as written, clipped.
Lines that only may be credits ("Source: ...", "© ...", "(...)", "— ...") count only for a known agency.
"""

from __future__ import annotations

import re

from onrecord.clean import patterns as P
from onrecord.clean.lines import Line

_KEY_NOISE = re.compile(r"[\W_]+")


def _agency_key(name: str) -> str:
    """A name compared without case, punctuation, spaces or a leading "The"."""
    name = name.strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    return _KEY_NOISE.sub("", name.casefold())


_KNOWN: dict[str, str] = {_agency_key(form): usual for usual, forms in P.WIRE_AGENCIES.items() for form in forms}


def known_agency(name: str) -> str | None:
    """The usual name of a known agency ("Agence France-Presse" -> "AFP"); None for any other name."""
    return _KNOWN.get(_agency_key(name))


def agency_credit(name: str) -> str:
    """An agency credited by name: its usual name when known, else the name as written."""
    return known_agency(name) or name.strip()


def wire_from_lines(lines: list[Line], text: str, skip: set[int]) -> str | None:
    """The first agency a credit line names, in text order; lines in `skip` (the title) are not read."""
    for line in lines:
        if line.index in skip:
            continue
        found = _whole_line_credit(line, text) if len(line.text) <= P.META_MAX_CHARS else None
        found = found or _closing_credit(line)
        if found:
            return found
    return None


def _whole_line_credit(line: Line, text: str) -> str | None:
    """A short line that credits a distributor (as written) or a known agency."""
    written = P.WIRE_AS_WRITTEN.match(line.text)
    if written:
        start = line.start + (written.start("name") if written.group("name") else written.start("name2"))
        name = text[start : line.end]
        return known_agency(name) or _clip(name)
    credit = P.WIRE_KNOWN_ONLY.match(line.text)
    if not credit:
        return None
    name = next(value for value in credit.groups() if value is not None)
    name = P.CORPORATE_SUFFIX.sub("", P.COPYRIGHT_NOISE.sub(" ", name)).strip(" .,;:-–—()")
    parts = [part for part in P.WIRE_NAME_SPLIT.split(name) if part]
    return known_agency(parts[0]) if parts else None


def _closing_credit(line: Line) -> str | None:
    """A known agency at the end of a line: "... the ministry said. (AFP)"."""
    match = P.WIRE_TAIL.search(line.tail)
    return known_agency(match.group("name")) if match else None


def _clip(name: str) -> str | None:
    """A distributor's name as written: no corporate suffix or final punctuation, at most WIRE_MAX_CHARS."""
    name = " ".join(name.split())
    name = P.CORPORATE_SUFFIX.sub("", name.rstrip(" .,;:")).strip(" .,;:-–—")
    if len(name) > P.WIRE_MAX_CHARS:
        name = name[: P.WIRE_MAX_CHARS].rsplit(" ", 1)[0]
    return name or None
