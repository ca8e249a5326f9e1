"""spaCy is handed paragraphs in batches bounded by characters as well as by count (issue 13).

spaCy's memory grows with the text of one batch: a 1 MB wall of text, cut into pieces that all
went into one batch, took 3.4 GB; a 5 MB upload would have taken the worker's machine down.
"""

from __future__ import annotations

from typing import Any

import pytest

import onrecord.attribute as attribute_module
from onrecord.attribute import MAX_BATCH_CHARS, attribute_many, batches
from onrecord.nlp import get_nlp
from tests.attribute.helpers import article_of


@pytest.mark.parametrize(
    ("texts", "max_texts", "max_chars", "expected"),
    [
        (["aa", "bb", "cc"], 2, 100, [["aa", "bb"], ["cc"]]),
        (["aa", "bb", "cc"], 10, 4, [["aa", "bb"], ["cc"]]),
        (["aaaaaa", "b", "c"], 10, 4, [["aaaaaa"], ["b", "c"]]),
        ([], 10, 4, []),
    ],
    ids=["by-count", "by-chars", "a-long-text-alone", "none"],
)
def test_batches_bounded_by_count_and_characters(
    texts: list[str], max_texts: int, max_chars: int, expected: list[list[str]]
) -> None:
    assert list(batches(texts, max_texts, max_chars)) == expected


class _Recording:
    """The shared spaCy pipeline, recording the characters of each batch it is handed."""

    def __init__(self) -> None:
        self.nlp = get_nlp()
        self.batches: list[int] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        self.batches.append(sum(map(len, texts)))
        return self.nlp.pipe(texts, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("sentences", [3000])
def test_a_wall_of_text_reaches_spacy_in_batches_of_bounded_size(
    monkeypatch: pytest.MonkeyPatch, sentences: int
) -> None:
    line = " ".join(f"Mayor Ana Berg said bridge number {i} would reopen in June." for i in range(sentences))
    recording = _Recording()
    monkeypatch.setattr(attribute_module, "get_nlp", lambda: recording)
    (quotes,) = attribute_many([article_of(line)], learned=False)
    assert len(line) > 3 * MAX_BATCH_CHARS
    assert len(recording.batches) > 3 and max(recording.batches) <= MAX_BATCH_CHARS
    assert len({q.text for q in quotes if "number" in q.text}) == sentences
