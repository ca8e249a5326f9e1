"""Explicit date expressions -> ISO strings. Only full dates (day, month, year) count; no guessing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from onrecord.clean import patterns as P


@dataclass(frozen=True)
class DateMatch:
    """A date (with its time when one sits next to it) found at `[start, end)` of a string."""

    start: int
    end: int
    iso: str


def find_dates(text: str) -> list[DateMatch]:
    """Every explicit date in `text`, in order, with an adjacent time folded in."""
    found: list[DateMatch] = []
    for match in P.DATE.finditer(text):
        day = _calendar_date(match)
        if day is None:
            continue
        found.append(_with_time(text, match, day))
    return found


def _calendar_date(match: re.Match[str]) -> date | None:
    """The date a DATE match names, or None when it is not a real day."""
    g = match.groupdict()
    if g["mdy_m"]:
        parts = (g["mdy_y"], str(_month(g["mdy_m"])), g["mdy_d"])
    elif g["dmy_m"]:
        parts = (g["dmy_y"], str(_month(g["dmy_m"])), g["dmy_d"])
    elif g["iso_y"]:
        parts = (g["iso_y"], g["iso_m"], g["iso_d"])
    else:
        parts = _numeric_parts(g["num_a"], g["num_b"], g["num_y"], g["num_sep"])
    year, month, day = (int(p) for p in parts)
    if not P.YEAR_RANGE[0] <= year <= P.YEAR_RANGE[1]:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return P.MONTHS[name[:3].lower()]


def _numeric_parts(a: str, b: str, year: str, sep: str) -> tuple[str, str, str]:
    """Year, month, day of "29.11.2024" (dots: day first) or "05/31/2023" (slashes: month first)."""
    day_first = sep == "." or int(a) > 12
    return (year, b, a) if day_first else (year, a, b)


def _with_time(text: str, match: re.Match[str], day: date) -> DateMatch:
    """The date of `match` extended by the time right after or right before it."""
    if match.group("iso_t"):
        return _iso_match(match, day)
    after = P.TIME_AFTER_DATE.match(text, match.end())
    gap_end = after.end() if after else match.end()
    following = P.TIME.match(text, gap_end)
    if following:
        stamp = _timestamp(day, following)
        if stamp is not None:
            return DateMatch(match.start(), following.end(), stamp)
    preceding = _time_before(text, match.start())
    if preceding:
        stamp = _timestamp(day, preceding)
        if stamp is not None:
            return DateMatch(preceding.start(), match.end(), stamp)
    return DateMatch(match.start(), match.end(), day.isoformat())


def _time_before(text: str, date_start: int) -> re.Match[str] | None:
    """A time ending just before a date ("11:22 GMT 29.11.2024"), or None."""
    window_start = max(0, date_start - P.TIME_BEFORE_WINDOW)
    last: re.Match[str] | None = None
    for candidate in P.TIME.finditer(text, window_start, date_start):
        last = candidate
    if last and P.TIME_BEFORE_DATE_GAP.match(text[last.end() : date_start]):
        return last
    return None


def _iso_match(match: re.Match[str], day: date) -> DateMatch:
    """An ISO 8601 date-time ("2023-05-31T10:00:00Z") read by datetime itself."""
    stamp = f"{day.isoformat()}T{match.group('iso_t')}{match.group('iso_tz') or ''}"
    try:
        parsed = datetime.fromisoformat(stamp)
    except ValueError:
        return DateMatch(match.start(), match.end(), day.isoformat())
    return DateMatch(match.start(), match.end(), parsed.replace(microsecond=0).isoformat())


def _timestamp(day: date, match: re.Match[str]) -> str | None:
    """ISO date-time of `day` at the TIME `match`, with its offset when it names a zone."""
    hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
    if match["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    zone = _zone(match["tz"], match["off"])
    return datetime.combine(day, time(hour, minute, second), tzinfo=zone).isoformat()


def _zone(name: str | None, offset: str | None) -> timezone | None:
    """The fixed offset of "GMT", "MSK", "GMT+3", "UTC-05:30"; None when no zone is named."""
    if name is None:
        return None
    minutes = P.TZ_OFFSET_MINUTES[name]
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, mins = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        minutes += sign * (int(hours) * 60 + int(mins))
    if abs(minutes) >= 24 * 60:
        return None
    return timezone(timedelta(minutes=minutes))
