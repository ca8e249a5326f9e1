"""Are two quotes of one speaker reports of the same statement?

A paraphrase, a translation, a truncation or the indirect version of the other is the same
statement; another claim, a negated claim or one with other numbers is not. `Matcher.same` decides
in three steps: the same words (normalised, or one quote contained in the other) -> same; a hard
guard (conflicting numbers, one side negating what the other asserts) -> not the same; else a
MiniLM cross-encoder fine-tuned on MRPC (int8 ONNX, in data/) with the threshold `THRESHOLD`,
chosen by cross-validation (docs/BENCHMARKS.md, "Statement matcher").
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from onrecord.errors import OnrecordError

DATA = Path(__file__).resolve().parent / "data"
MODEL_FILE = "matcher-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 128
BATCH = 1  # one pair a run is the fastest measured (no padding); any BATCH gives the same probabilities
THRESHOLD = 0.53
MIN_CONTAINED_WORDS = 4
NEGATION_WINDOW = 4
NEGATED_WORDS = 2

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"} | {c: "-" for c in "‐‑‒–—―−"})
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# "one" is left out: "one of the victims", "no one" are not numbers.
_NUMBER_WORDS = {word: value for value, word in enumerate(_UNITS) if word != "one"} | {
    word: 10 * (i + 2) for i, word in enumerate(_TENS)
}
_NEGATIONS = {"not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "cannot", "deny", "denies", "denied", "denying"} | {
    f"{stem}nt" for stem in "do does did is was are were ca could would should wo has have had must".split()
}
_NEGATIVE_WORDS = _NEGATIONS | {
    "without", "refuse", "refused", "refuses", "refusal", "reject", "rejected", "rejects", "fail", "failed", "fails",
    "failing", "failure", "unable", "lack", "lacked", "lacks", "rather", "instead", "only", "except", "exception",
    "decline", "declined", "declines", "unless",
}
_STOPWORDS = set(
    "a an the of to in on at for by with from and or but that this these those it its is are was were be been "
    "being has have had do does did will would shall should can could may might must he she they we i you his her "
    "their our my your him them us me said says say told tell as than then so if there here who which what".split()
)


class MatcherError(OnrecordError):
    """The matcher's model files are missing or unreadable."""


def normalise(text: str) -> str:
    """Casefolded, quote marks and dashes unified, punctuation dropped (but "2,500.50"), spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"[.,](?!\d)|(?<!\d)[.,]|[^\w\s.,]", " ", text)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return normalise(text).split()


_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_SCALE_SUFFIXES = {"k": "thousand", "m": "million", "mn": "million", "bn": "billion", "b": "billion", "tn": "trillion"}
_SUFFIXED = re.compile(r"[a-z]*?(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn)?")
"""A number as one token, perhaps after a currency ("us51") and before a scale ("1.76bn", "5m")."""


def _scale(word: str | None) -> str | None:
    """The scale word a token is ("million", "millions") or None."""
    if word is None:
        return None
    return word if word in _SCALES else word[:-1] if word.endswith("s") and word[:-1] in _SCALES else None


def _value(token: str, following: str | None) -> tuple[float, str | None] | None:
    """The number a token writes and the scale its own suffix gives ("1.76bn" -> (1.76, "billion")); "one" and
    "a" only before a scale word ("one million", "a billion")."""
    if token in ("one", "a") and _scale(following):
        return 1.0, None
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token]), None
    match = _SUFFIXED.fullmatch(token)
    if match is None:
        return None
    return float(match.group(1).replace(",", "")), _SCALE_SUFFIXES.get(match.group(2) or "")


def _joined_tens(tokens: list[str]) -> list[str]:
    """A tens word and the unit word after it as one number token ("twenty eight" -> "28")."""
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1] in _TENS and token in _UNITS[1:10]:
            joined[-1] = str(_NUMBER_WORDS[joined[-1]] + _UNITS.index(token))
        else:
            joined.append(token)
    return joined


def numbers(text: str) -> set[str]:
    """The numbers a text mentions, digits or words ("twelve" -> "12", "twenty-eight" -> "28"), a number and
    its scale as one ("300 thousand", "300,000" -> "300000"; "1.76bn", "1.76 billion" -> "1.76e+09"), with
    the scale words as well ("million"), so that "more than a million" and "1 million" do not conflict; a
    vague plural alone ("thousands of people") is no number."""
    found: set[str] = set()
    tokens = _joined_tens(normalise(text).replace("-", " ").split())
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        read = _value(token, following)
        if read is not None:
            value, suffix = read
            scale_word = suffix or _scale(following)
            found.add(f"{value * _SCALES[scale_word]:g}" if scale_word else f"{value:g}")
            if scale_word:
                found.add(scale_word)
        elif token in _SCALES:
            found.add(token)
        else:
            found.update(f"{float(digits.replace(',', '')):g}" for digits in _NUMBER.findall(token))
    return found


_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?![,.]\d)")


def years(text: str) -> set[str]:
    """The years a text writes in digits ("2001"; not "2,001" nor "2001.5")."""
    return set(_YEAR.findall(normalise(text)))


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _plain(number: str) -> bool:
    """A number written out in digits (not a scale word, not in exponent form)."""
    return number[0].isdigit() and "e" not in number


def _rounds_to(number: str, others: set[str]) -> bool:
    """Another number is this one with fewer decimals, at least one kept ("1.23" -> "1.2")."""
    return _plain(number) and any(
        _plain(other) and 0 < _decimals(other) < _decimals(number) and round(float(number), _decimals(other)) == float(other)
        for other in others
    )


def _unmatched(first: set[str], second: set[str]) -> set[str]:
    """The numbers of `first` that `second` neither has nor rounds ("1.2" rounds "1.23")."""
    return {n for n in first - second if not _rounds_to(n, second)}


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts mention numbers and each mentions one the other does not (12 dead vs 15 dead). Years are
    compared with years only ("a 2001 agreement" against "the two friends" is no conflict, 2001 against 2003
    is), and a number matches its own rounding ("1.23 percent" and "1.2 percent")."""
    first_years, second_years = years(a), years(b)
    first, second = numbers(a) - first_years, numbers(b) - second_years
    years_differ = bool(first_years and second_years and first_years - second_years and second_years - first_years)
    return years_differ or bool(first and second and _unmatched(first, second) and _unmatched(second, first))


def _negated_phrases(words: list[str]) -> list[list[str]]:
    """For each negation cue, the first NEGATED_WORDS content words within NEGATION_WINDOW words after it."""
    phrases = []
    for i, word in enumerate(words):
        if word in _NEGATIONS:
            following = [w for w in words[i + 1 : i + 1 + NEGATION_WINDOW] if w not in _STOPWORDS and w not in _NEGATIONS]
            if following:
                phrases.append(following[:NEGATED_WORDS])
    return phrases


def negation_mismatch(a: str, b: str) -> bool:
    """One text negates words the other asserts, and the other holds no negative word at all.

    Measured, not to lose paraphrases: the content words right after the cue ("not [safe] to [use]")
    must all occur in the other text, and a negative word there ("refused", "failing", "only")
    means the two may say the same thing in other words, so it does not fire.
    """
    first, second = _words(a), _words(b)
    for negating, plain in ((first, second), (second, first)):
        plain_set = set(plain)
        if plain_set & _NEGATIVE_WORDS:
            continue
        if any(set(phrase) <= plain_set for phrase in _negated_phrases(negating)):
            return True
    return False


def _negated_before(words: list[str], start: int) -> bool:
    return any(w in _NEGATIONS for w in words[max(0, start - NEGATION_WINDOW + 1) : start])


def same_words(a: str, b: str) -> bool:
    """Normalised-equal, or the shorter (>= 4 words) is contained in the longer, not right after a negation."""
    first, second = _words(a), _words(b)
    if first == second:
        return bool(first)
    short, long = sorted((first, second), key=len)
    if len(short) < MIN_CONTAINED_WORDS:
        return False
    return any(
        long[i : i + len(short)] == short and not _negated_before(long, i) for i in range(len(long) - len(short) + 1)
    )


def guarded(a: str, b: str) -> bool:
    """A hard reason the two cannot be one statement: conflicting numbers or a negation mismatch."""
    return numbers_conflict(a, b) or negation_mismatch(a, b)


def decide(pairs: Sequence[tuple[str, str]], probabilities: Sequence[float], threshold: float = THRESHOLD) -> list[bool]:
    """The decision of `Matcher.same`, given the model's probabilities for the pairs."""
    return [same_words(a, b) or (not guarded(a, b) and p >= threshold) for (a, b), p in zip(pairs, probabilities)]


class Matcher:
    """The cross-encoder (int8 ONNX) and its tokenizer; `Matcher.load()` loads them once."""

    def __init__(self, model_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise MatcherError(f"{path}: matcher model file missing (scripts/train_matcher.py --final makes it)")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    @classmethod
    def load(cls) -> Matcher:
        """The shared matcher: weights are read on the first call only."""
        return _load_shared()

    def _batch_probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(pairs))
        feed = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (logits,) = self.session.run(["logit"], feed)
        return 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """The model's probability that each pair is one statement, in runs of BATCH pairs of similar length."""
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        result = np.zeros(len(pairs))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            result[chosen] = self._batch_probabilities([(pairs[i][0], pairs[i][1]) for i in chosen])
        return result.tolist()

    def same(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        """Same words -> True; conflicting numbers or negation -> False; else probability >= THRESHOLD."""
        decided = [True if same_words(a, b) else False if guarded(a, b) else None for a, b in pairs]
        undecided = [i for i, decision in enumerate(decided) if decision is None]
        for i, probability in zip(undecided, self.probabilities([pairs[i] for i in undecided])):
            decided[i] = probability >= THRESHOLD
        return [bool(decision) for decision in decided]


@functools.cache
def _load_shared() -> Matcher:
    return Matcher(DATA / MODEL_FILE, DATA / TOKENIZER_FILE)
