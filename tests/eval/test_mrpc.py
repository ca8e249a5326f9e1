"""The MRPC reader and scorer, and `onrecord eval mrpc`, on small files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord.cli import cli
from onrecord.errors import ReadError
from onrecord.eval.mrpc import read_mrpc, score_predictions
from tests.conftest import SHARED

MRPC_TRAIN = SHARED / "mrpc" / "msr_paraphrase_train.txt"
HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
LINES = [
    "1\t11\t12\t'The fire was not arson,' the chief said.\tThe chief said the fire was not arson.\n",
    "0\t13\t14\tTwelve people were killed, police said.\tPolice said 15 people were killed.\n",
    "1\t15\t16\tThe mayor said the bridge would reopen on Monday.\tThe bridge would reopen on Monday.\n",
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write(tmp_path / "pairs.tsv", "\ufeff" + HEADER + "".join(LINES))


def test_reader_skips_the_bom_and_header(small: Path) -> None:
    pairs = read_mrpc(small)
    assert [p.same for p in pairs] == [True, False, True]
    assert pairs[1].first == "Twelve people were killed, police said."


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1\t17\t18\tonly one sentence\n", "line 3: expected 5 tab-separated fields, found 4"),
        ("yes\t17\t18\tOne.\tTwo.\n", "line 3: Quality must be 0 or 1"),
        ("1\t17\t18\t \tTwo.\n", "line 3: empty sentence"),
    ],
)
def test_reader_names_file_and_line_of_a_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path / "bad.tsv", HEADER + LINES[0] + line)
    with pytest.raises(ReadError, match=message) as caught:
        read_mrpc(path)
    assert str(path) in str(caught.value)


def test_reader_rejects_a_missing_file_and_a_missing_header(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_mrpc(tmp_path / "absent.tsv")
    with pytest.raises(ReadError, match="line 1: expected the MRPC header"):
        read_mrpc(write(tmp_path / "noheader.tsv", "".join(LINES)))


def test_scores() -> None:
    scores = score_predictions([True, True, False, False], [True, False, True, False])
    assert (scores.accuracy, scores.precision, scores.recall, scores.f1, scores.pairs) == (0.5, 0.5, 0.5, 0.5, 4)


def test_cli_json_is_one_line_with_the_five_keys(small: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "mrpc", str(small), "--json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1
    data = json.loads(result.stdout)
    assert list(data) == ["accuracy", "precision", "recall", "f1", "pairs"]
    assert data["pairs"] == 3 and data["accuracy"] == 1.0


def test_cli_table_and_errors(small: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "mrpc", str(small)])
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["accuracy", "precision", "recall", "f1", "pairs"]
    bad = write(tmp_path / "bad.tsv", HEADER + "1\tx\n")
    result = CliRunner().invoke(cli, ["eval", "mrpc", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: line 2: expected 5 tab-separated fields, found 2" in result.output


@pytest.mark.slow
def test_cli_beats_the_majority_baseline_on_200_mrpc_lines(tmp_path: Path) -> None:
    if not MRPC_TRAIN.is_file():
        pytest.skip(f"MRPC not found at {MRPC_TRAIN}")
    head = MRPC_TRAIN.read_text(encoding="utf-8-sig").splitlines(keepends=True)[:200]
    sample = write(tmp_path / "head.tsv", "".join(head))
    labels = [line.split("\t", 1)[0] == "1" for line in head[1:]]
    majority = max(sum(labels), len(labels) - sum(labels)) / len(labels)
    result = CliRunner().invoke(cli, ["eval", "mrpc", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pairs"] == 199 and data["accuracy"] > majority
