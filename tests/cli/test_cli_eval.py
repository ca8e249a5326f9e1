"""`onrecord eval polnear` on a small corpus written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke
from tests.eval.test_score import ANN, TEXT


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    split = tmp_path / "polnear" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "bridge.txt").write_text(TEXT + "\n", encoding="utf-8")
    (split / "attributions" / "bridge_x.ann").write_text(ANN, encoding="utf-8")
    return tmp_path / "polnear"


def test_eval_prints_every_figure(invoke: Invoke, corpus: Path) -> None:
    result = invoke("eval", "polnear", corpus, "--split", "dev")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1 document, 2 gold attributions"
    assert [line.split()[0] for line in lines[1:7]] == ["source", "source", "cue", "cue", "content", "content"]
    assert lines[7].startswith("attribution (content J>=0.5 + source overlap)")
    assert set(json.loads(lines[8])) == {"attribution_f1", "content_overlap_f1", "source_exact_f1"}


def test_eval_json_finds_the_mayor(invoke: Invoke, corpus: Path) -> None:
    result = invoke("eval", "polnear", corpus / "dev", "--json", "--errors", "5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1 and data["gold_attributions"] == 2
    assert data["roles"]["source"]["exact"]["precision"] > 0
    assert len(data["missed"]) <= 5 and all(c["kind"] == "missed" for c in data["missed"])


def test_eval_errors_show_context(invoke: Invoke, corpus: Path) -> None:
    unfindable = "T8\tContent 0 14\tThe mayor said\nE4\tAttribution:T4 Content:T8 Source:T5\n"
    with (corpus / "dev" / "attributions" / "bridge_x.ann").open("a", encoding="utf-8") as ann:
        ann.write(unfindable)
    result = invoke("eval", "polnear", corpus, "--errors", "3")
    assert result.exit_code == 0, result.output
    cases = [line for line in result.stdout.splitlines() if line.startswith(("missed ", "spurious "))]
    assert cases[0] == "missed bridge @0: Officials | (no cue)"
    assert "    content: The mayor said" in result.stdout
    assert result.stdout.count("    context: ") == len(cases)


def test_eval_on_a_folder_that_is_not_polnear(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", "polnear", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "not a PolNeAR directory" in result.stderr
