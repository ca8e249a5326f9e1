"""`onrecord extract`: no database, the fixed JSON shape, errors per input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from onrecord import pipeline
from onrecord.model import Article, Quote, Span
from tests.cli.conftest import GOOD_TEXTS, Invoke

EXTRACT_KEYS = {
    "id", "source_path", "title", "published", "outlet", "byline", "dateline", "wire", "body_spans", "quotes",
}


@pytest.mark.parametrize("count", [len(GOOD_TEXTS)])
def test_cli_extract_jsonl_one_object_per_document(invoke: Invoke, good_dir: Path, count: int) -> None:
    result = invoke("extract", good_dir, "--jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == count
    objects = [json.loads(line) for line in lines]
    assert all(set(obj) == EXTRACT_KEYS for obj in objects)
    assert {obj["id"] for obj in objects} == {Path(name).stem for name in GOOD_TEXTS}
    assert not list(good_dir.parent.glob("*.db"))


@pytest.mark.parametrize("text", ["Le ministre a déclaré « Nous sommes prêts » à Kyiv.\n"])
def test_cli_extract_jsonl_keeps_non_ascii(invoke: Invoke, tmp_path: Path, text: str) -> None:
    path = tmp_path / "déclaration.txt"  # the shape carries no text: the id (file stem) carries the accents
    path.write_text(text, encoding="utf-8")
    result = invoke("extract", path, "--jsonl")
    assert "déclaration" in result.stdout and "\\u" not in result.stdout
    (obj,) = [json.loads(line) for line in result.stdout.splitlines()]
    start, end = obj["body_spans"][0]
    assert text[start:end] == text.strip()


@pytest.mark.parametrize("missing", ["no-such-file.txt"])
def test_cli_extract_reports_bad_input_and_goes_on(invoke: Invoke, good_dir: Path, missing: str) -> None:
    bad = good_dir.parent / missing
    result = invoke("extract", bad, good_dir, "--jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == len(GOOD_TEXTS)
    (error,) = result.stderr.splitlines()
    assert error.startswith(f"error: {bad}: ") and len(error) > len(f"error: {bad}: ")


@pytest.mark.parametrize("name", ["drones"])
def test_cli_extract_table_names_each_article(invoke: Invoke, good_dir: Path, name: str) -> None:
    result = invoke("extract", good_dir / f"{name}.txt")
    assert result.exit_code == 0
    assert name in result.stdout
    assert "{" not in result.stdout


ACTS_STORY = (
    "Harbour repairs delayed again\n\n"
    "Harbour master Ilse Varga said the quay would reopen in May after the storm repairs.\n"
    "Varga also believes the quay will never be as busy as it was before the storm.\n"
    "Mayor Anna Holm wants to reopen the quay before the summer season starts.\n"
)


def _quotes_by_act(invoke: Invoke, path: Path, *flags: str) -> dict[str, str]:
    result = invoke("extract", path, "--jsonl", *flags)
    assert result.exit_code == 0, result.output
    (obj,) = [json.loads(line) for line in result.stdout.splitlines()]
    return {quote["act"]: quote["text"] for quote in obj["quotes"]}


def test_cli_extract_keeps_statements_and_all_attributions_keeps_every_act(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(ACTS_STORY, encoding="utf-8")
    assert set(_quotes_by_act(invoke, path)) == {"speech"}
    every = _quotes_by_act(invoke, path, "--all-attributions")
    assert set(every) == {"speech", "thought", "intention"}
    assert "never be as busy" in every["thought"] and "before the summer" in every["intention"]


@pytest.mark.parametrize("culprit", ["mayor"])
def test_cli_extract_reports_an_article_whose_span_runs_past_its_text(
    invoke: Invoke, good_dir: Path, monkeypatch: pytest.MonkeyPatch, culprit: str
) -> None:
    real = pipeline.attribute_many

    def one_bad_span(articles: list[Article], learned: bool) -> Iterator[list[Quote]]:
        for article, quotes in zip(articles, real(articles, learned=learned), strict=True):
            if article.id == culprit:
                quotes[0].content_spans.append(Span(len(article.text) - 1, len(article.text) + 5))
            yield quotes

    monkeypatch.setattr(pipeline, "attribute_many", one_bad_span)
    result = invoke("extract", good_dir, "--jsonl")
    assert result.exit_code == 1
    assert {json.loads(line)["id"] for line in result.stdout.splitlines()} == {Path(n).stem for n in GOOD_TEXTS} - {culprit}
    (error,) = result.stderr.splitlines()
    assert error.startswith("error: ") and f"{culprit}.txt: " in error and "runs past the text" in error
