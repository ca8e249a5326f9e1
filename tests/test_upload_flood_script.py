"""The upload-flood benchmark (benchmarks/upload_flood.py): its command line and pure helpers, no timing."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from onrecord.errors import ReadError
from onrecord.read import iter_bytes

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "upload_flood.py"


@pytest.fixture(scope="module")
def flood() -> ModuleType:
    spec = importlib.util.spec_from_file_location("upload_flood", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_upload_flood_help_exits_zero() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for option in ("--large", "--large-files", "--small", "--seconds", "--max-queue", "--json"):
        assert option in proc.stdout


@pytest.mark.parametrize("argv", [[]])
def test_upload_flood_defaults_are_the_issue_flood(flood: ModuleType, argv: list[str]) -> None:
    args = flood.parse_args(argv)
    assert (args.large, args.large_files, args.large_bytes, args.small) == (1, 50, 4_900_000, 45)
    assert (args.interval, args.max_queue, args.upload_wait) == (0.1, None, None)
    assert flood.PROBES == ["/", "/articles/1", "/speakers", "/api/quotes", "/api/quotes.csv"]


@pytest.mark.parametrize("size", [20_000, 200_000])
def test_upload_flood_jsonl_is_within_size_and_every_line_a_new_document(flood: ModuleType, size: int) -> None:
    texts = flood.corpus_texts()
    data = flood.jsonl_of_size(texts, size, "t")
    assert size - max(len(json.dumps({"text": t})) for t in texts) - 100 < len(data) <= size
    items = list(iter_bytes(data, "large.jsonl", size))
    assert items and not [item for item in items if isinstance(item, ReadError)]
    ids = [json.loads(line)["id"] for line in data.decode().splitlines()]
    assert len(set(ids)) == len(ids) == len(items)


@pytest.mark.parametrize("count", [3])
def test_upload_flood_small_articles_differ(flood: ModuleType, count: int) -> None:
    texts = flood.corpus_texts()
    assert len({flood.small_article(texts, i) for i in range(count)}) == count


@pytest.mark.parametrize(
    ("values", "p", "expected"), [([], 95, 0.0), ([1.0], 95, 1.0), ([float(i) for i in range(1, 101)], 95, 95.0)]
)
def test_upload_flood_percentile(flood: ModuleType, values: list[float], p: float, expected: float) -> None:
    assert flood.percentile(values, p) == expected


@pytest.mark.parametrize("latencies", [[0.01, 0.02, 2.5, 0.03]])
def test_upload_flood_summary_counts_slow_probes(flood: ModuleType, latencies: list[float]) -> None:
    summary = flood.summarize_probe(latencies, errors=1)
    assert (summary["requests"], summary["max_ms"], summary["over_target"], summary["errors"]) == (4, 2500.0, 1, 1)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [([200, 202, 202, 503, "unanswered", 500, "ReadTimeout"],
      {"done_200": 1, "queued_202": 2, "refused_503": 1, "unanswered": 1, "other": 2})],
)
def test_upload_flood_tallies_answers(flood: ModuleType, statuses: list[int | str], expected: dict[str, int]) -> None:
    assert flood.tally_uploads(statuses) == expected


@pytest.mark.parametrize(("field", "kib"), [("VmRSS", 2048), ("VmHWM", 4096), ("VmSwap", 0)])
def test_upload_flood_reads_proc_status(flood: ModuleType, field: str, kib: int) -> None:
    status = "Name:\tpython\nVmHWM:\t    4096 kB\nVmRSS:\t    2048 kB\n"
    assert flood.vm_kib(status, field) == kib


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_upload_flood_measures_this_process(flood: ModuleType) -> None:
    assert os.getpid() in flood.process_tree(os.getpid())
    assert flood.memory_kib(os.getpid(), "VmRSS")[os.getpid()] > 0
