"""The pipeline isolates a document that crashes a stage: the rest of the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord import pipeline
from onrecord.errors import ReadError
from onrecord.model import Article, Document


def _write(tmp_path: Path, names: list[str]) -> Path:
    for name in names:
        (tmp_path / f"{name}.txt").write_text(f"The {name} report was published today.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("bad", ["beta"])
def test_pipeline_clean_crash_becomes_error_for_that_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    real_clean = pipeline.clean

    def flaky_clean(doc: Document) -> Article:
        if doc.id == bad:
            raise RuntimeError("boom")
        return real_clean(doc)

    monkeypatch.setattr(pipeline, "clean", flaky_clean)
    out = list(pipeline.process_paths([str(_write(tmp_path, ["alpha", bad, "gamma"]))]))
    assert [type(x).__name__ for x in out] == ["Article", "ReadError", "Article"]
    error = out[1]
    assert isinstance(error, ReadError) and error.path.endswith(f"{bad}.txt") and "boom" in error.reason


@pytest.mark.parametrize("bad", ["gamma"])
def test_pipeline_attribute_crash_isolated_to_one_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    def flaky_attribute_many(articles, n_process=1, batch_size=256, learned=True):  # type: ignore[no-untyped-def]
        for article in articles:
            if article.id == bad:
                raise ValueError("parser exploded")
            yield []

    monkeypatch.setattr(pipeline, "attribute_many", flaky_attribute_many)
    out = list(pipeline.process_paths([str(_write(tmp_path, ["alpha", "beta", bad]))]))
    assert [type(x).__name__ for x in out] == ["Article", "Article", "ReadError"]
    assert "parser exploded" in out[2].reason  # type: ignore[union-attr]


@pytest.mark.slow
def test_parallel_extract_gives_the_serial_result_in_order(seeds_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    paths = [str(p) for p in sorted(seeds_dir.glob("*.txt"))] + [str(bad)]

    def summary(items: list[Article | ReadError]) -> list[object]:
        return [str(i) if isinstance(i, ReadError) else (i.id, [(q.text, q.speaker) for q in i.quotes]) for i in items]

    serial = list(pipeline.process_paths(paths))
    parallel = list(pipeline.process_paths(paths, n_process=2))
    assert summary(parallel) == summary(serial)
    assert isinstance(parallel[-1], ReadError) and parallel[-1].path.endswith("empty.txt")


def test_read_errors_survive_pickling() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(ReadError("a.txt", "empty file")))
    assert (error.path, error.reason, str(error)) == ("a.txt", "empty file", "a.txt: empty file")
