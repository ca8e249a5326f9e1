"""The attribution scaling benchmark starts, documents itself and builds its articles; no timing runs in the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "attribution_scaling.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import attribution_scaling
    finally:
        sys.path.remove(str(SCRIPT.parent))
    return attribution_scaling


def test_attribution_scaling_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "--rules-only" in proc.stdout and "--sizes" in proc.stdout


@pytest.mark.parametrize("value", ["0,100", "ten"])
def test_attribution_scaling_rejects_bad_sizes(value: str) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--sizes", value], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "--sizes" in proc.stderr


@pytest.mark.parametrize("chars", [30, 100, 1000])
def test_attribution_scaling_article_is_the_texts_repeated_and_cut_at_a_line_end(bench: ModuleType, chars: int) -> None:
    texts = ["First story.\nIt goes on.", "Second story."]
    article = bench.build_article(texts, chars)
    unit = "First story.\nIt goes on.\n\nSecond story.\n\n"
    assert len(article) <= chars and unit.startswith(article[: len(unit)])
    assert (unit * (chars // len(unit) + 1)).startswith(article)
    assert chars - len(article) <= len("It goes on.") + 1


@pytest.mark.parametrize("size", [100])
def test_attribution_scaling_article_from_the_corpus_reaches_its_size(bench: ModuleType, size: int) -> None:
    article = bench.build_article(bench.read_texts(bench.DEFAULT_TEXTS), size * bench.KB)
    assert 0.99 * size * bench.KB < len(article) <= size * bench.KB


def _row(mode: str, kb: int, seconds: float) -> dict[str, object]:
    return {"mode": mode, "kb": kb, "chars": kb * 1000, "seconds": seconds, "paragraphs": 1, "quotes": 2}


def test_attribution_scaling_summary_gives_the_ratio_per_mode(bench: ModuleType) -> None:
    args = bench.parse_args(["--sizes", "1000,100,50", "--rules-only"])
    assert args.sizes == [50, 100, 1000]
    rows = [_row("default", 100, 10.0), _row("rules-only", 100, 4.0), _row("default", 1000, 120.0)]
    rows.append(_row("rules-only", 50, 2.0))
    result = bench.summary(args, rows)
    assert result["ratio_1mb_over_100kb"] == {"default": 12.0, "rules-only": None}
    assert [r["s_per_100kb"] for r in result["rows"]] == [10.0, 4.0, 12.0, 4.0]
    table = bench.render(result)
    assert "12.0 (10 is linear)" in table and "not run" in table


@pytest.mark.parametrize("size", [5, 50])
def test_attribution_scaling_many_names_article_names_a_new_person_every_three_paragraphs(
    bench: ModuleType, size: int
) -> None:
    article = bench.build_many_names_article(size * bench.KB)
    paragraphs = article.split("\n\n")
    surnames = {p.split()[3] for p in paragraphs if p.startswith("Deputy Minister ")}
    assert 0.95 * size * bench.KB < len(article) <= size * bench.KB
    assert len(paragraphs) % 3 == 0 and len(surnames) == len(paragraphs) // 3
    assert bench.build_many_names_article(size * bench.KB) == article
