"""Score the statement matcher on an MRPC-format file (Microsoft Research Paraphrase Corpus).

The format: a header line, then one pair a line, tab-separated `Quality, #1 ID, #2 ID, #1 String,
#2 String`, where Quality is 1 (the two sentences say the same thing) or 0. The file may start
with a UTF-8 byte-order mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from onrecord.errors import ReadError

FIELDS = 5


@dataclass(frozen=True)
class LabelledPair:
    """One MRPC line: two sentences and whether they say the same thing."""

    same: bool
    first: str
    second: str


@dataclass(frozen=True)
class PairScores:
    """Binary-classification figures, with "same" as the positive class."""

    accuracy: float
    precision: float
    recall: float
    f1: float
    pairs: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _parse_line(line: str, path: Path, lineno: int) -> LabelledPair:
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) != FIELDS:
        raise ReadError(str(path), f"line {lineno}: expected {FIELDS} tab-separated fields, found {len(fields)}")
    quality, _, _, first, second = fields
    if quality.strip() not in {"0", "1"}:
        raise ReadError(str(path), f"line {lineno}: Quality must be 0 or 1, found {quality.strip()[:20]!r}")
    if not first.strip() or not second.strip():
        raise ReadError(str(path), f"line {lineno}: empty sentence")
    return LabelledPair(quality.strip() == "1", first.strip(), second.strip())


def read_mrpc(path: str | Path) -> list[LabelledPair]:
    """Every pair of an MRPC-format file; a ReadError naming file and line for anything malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReadError(str(path), "no such file") from None
    except IsADirectoryError:
        raise ReadError(str(path), "is a directory, not an MRPC file") from None
    except UnicodeDecodeError as error:
        raise ReadError(str(path), f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise ReadError(str(path), error.strerror or str(error)) from None
    lines = text.splitlines()
    if not lines or not lines[0].lower().startswith("quality\t"):
        raise ReadError(str(path), "line 1: expected the MRPC header (Quality, #1 ID, #2 ID, #1 String, #2 String)")
    pairs = [_parse_line(line, path, n) for n, line in enumerate(lines[1:], start=2) if line.strip()]
    if not pairs:
        raise ReadError(str(path), "no pairs after the header")
    return pairs


def score_predictions(gold: Sequence[bool], predicted: Sequence[bool]) -> PairScores:
    """Accuracy, precision, recall and F1 of `predicted` against `gold`."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    tp = sum(g and p for g, p in zip(gold, predicted))
    fp = sum(p and not g for g, p in zip(gold, predicted))
    fn = sum(g and not p for g, p in zip(gold, predicted))
    correct = sum(g == p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(correct / len(gold) if gold else 0.0, precision, recall, f1, len(gold))


def evaluate_mrpc(path: str | Path) -> PairScores:
    """Run `Matcher.same` on every pair of an MRPC-format file and score it."""
    from onrecord.link.match import Matcher

    pairs = read_mrpc(path)
    predicted = Matcher.load().same([(p.first, p.second) for p in pairs])
    return score_predictions([p.same for p in pairs], predicted)
