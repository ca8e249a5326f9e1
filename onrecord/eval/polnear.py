"""A PolNeAR-format split: `text/<doc>.txt` with `attributions/<doc>_<annotator>.ann` beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import OnrecordError
from onrecord.eval.brat import GoldAttribution, first_annotation, parse_ann

SPLITS = ("train", "dev")
HELD_OUT_EVERY = 10
"""Every tenth train article (file-name order, so all seven outlets alike) is held out of the tagger's training."""


@dataclass
class GoldDocument:
    id: str
    path: Path
    text: str
    attributions: list[GoldAttribution]


def split_dir(root: Path, split: str | None) -> Path:
    """The directory holding `text/` and `attributions/`: ROOT/SPLIT, or ROOT itself when it is one."""
    if (root / "text").is_dir() and (root / "attributions").is_dir():
        return root
    if split and (root / split / "text").is_dir():
        return root / split
    wanted = f"{root}/{split}" if split else str(root)
    raise OnrecordError(f"{wanted}: not a PolNeAR directory (expected text/ and attributions/ inside)")


def load_split(root: Path, split: str | None = "dev") -> list[GoldDocument]:
    """Every annotated document of a split, in file-name order; texts without annotations are skipped."""
    where = split_dir(root, split)
    docs = []
    for path in sorted((where / "text").glob("*.txt")):
        ann = first_annotation(where, path.stem)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        docs.append(GoldDocument(path.stem, path, text, parse_ann(ann.read_text(encoding="utf-8"))))
    return docs


def held_out(index: int) -> bool:
    """Whether the train article at this place in `load_split` order is one the tagger is not trained on."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
