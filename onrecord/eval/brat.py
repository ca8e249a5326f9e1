"""brat standoff annotations (PolNeAR's format): text-bound spans and Attribution events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Ranges = list[tuple[int, int]]
ROLES = ("source", "cue", "content")


@dataclass
class GoldAttribution:
    """One annotated attribution: the spans of its source, cue and content (each may be empty)."""

    content: Ranges
    source: Ranges = field(default_factory=list)
    cue: Ranges = field(default_factory=list)

    def role(self, name: str) -> Ranges:
        return getattr(self, name)


def _ranges(field_text: str) -> Ranges:
    """"12 20;25 30" -> [(12, 20), (25, 30)] (a discontinuous brat span)."""
    out = []
    for part in field_text.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def parse_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one .ann file; events without content are left out, as the reference scorer does."""
    spans: dict[str, Ranges] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            _, _, where = cols[1].partition(" ")
            spans[cols[0]] = _ranges(where)
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split(" ") if ":" in arg))
    found = []
    for args in events:
        content = spans.get(args.get("Content", ""))
        if content is None:
            continue
        found.append(
            GoldAttribution(
                content=content,
                source=spans.get(args.get("Source", ""), []),
                cue=spans.get(args.get("Cue", ""), []),
            )
        )
    return found


def first_annotation(root: Path, doc_id: str) -> Path | None:
    """The first annotator's file for a document, in sorted order (PolNeAR has several for some)."""
    files = sorted((root / "attributions").glob(f"{doc_id}_*.ann"))
    return files[0] if files else None
