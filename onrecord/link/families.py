"""Article families: near-identical bodies (one wire story republished by several outlets) are one family.

MinHash over word 5-gram shingles, with locality-sensitive bands so a new article is compared only
with the stored articles that share a band. Two bodies are one family when their estimated Jaccard
similarity reaches `FAMILY_JACCARD`; a republished copy keeps almost every sentence of the wire's
text, while two outlets' own reports of one event share a few quotes and little else.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16
"""16 bands of 4 rows: pairs at Jaccard 0.8 share a band with probability > 0.999, pairs at 0.3 with 0.12."""
FAMILY_JACCARD = 0.7
MIN_SHINGLES = 20
"""A body shorter than this (about 25 words) is too short to call a copy of another: its own family."""
_PRIME = np.uint64((1 << 31) - 1)
_RNG = np.random.default_rng(20261207)
_A = _RNG.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Hashes of the body's word 5-grams, case and punctuation ignored."""
    words = _WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=7).digest(), "little") for g in grams}


def signature(hashes: set[int]) -> np.ndarray | None:
    """The MinHash signature (PERMUTATIONS values below 2**31); None for a body too short to compare."""
    if len(hashes) < MIN_SHINGLES:
        return None
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes)) % _PRIME
    # a, b and x are below 2**31, so a*x + b stays below 2**63: exact in unsigned 64-bit integers.
    return ((values[None, :] * _A[:, None] + _B[:, None]) % _PRIME).min(axis=1)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One hash per band (a signed 63-bit integer, as SQLite stores it)."""
    rows = PERMUTATIONS // BANDS
    return [
        int.from_bytes(hashlib.blake2b(sig[b * rows : (b + 1) * rows].tobytes(), digest_size=8).digest(), "little") >> 1
        for b in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two bodies' shingle sets."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
