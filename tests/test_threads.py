"""One thread per native pool wherever models run (issue 13, item 4), unless the user asks otherwise.

Each case runs in a fresh interpreter: thread pools are per process, and this one's may already be set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from onrecord.threads import LIBRARY_THREAD_VARS, THREADS_ENV, thread_limit

LOAD_AND_REPORT = """
import json
from threadpoolctl import threadpool_info
{load}
print(json.dumps(sorted({{pool["num_threads"] for pool in threadpool_info()}})))
"""


def _threads_after(load: str, **env: str) -> list[int]:
    clean = {k: v for k, v in os.environ.items() if k not in (THREADS_ENV, *LIBRARY_THREAD_VARS)}
    proc = subprocess.run(
        [sys.executable, "-c", LOAD_AND_REPORT.format(load=load)],
        env={**clean, **env}, capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(
    "load",
    [
        "from onrecord.attribute.tagger import get_tagger; get_tagger()",
        "from onrecord.nlp import get_nlp; get_nlp()",
        "from onrecord.pipeline import extract; from onrecord.read import read_bytes\n"
        "list(extract(read_bytes(b'The mayor said the road was closed.', 'a.txt')))",
    ],
    ids=["tagger", "spacy", "python-api"],
)
def test_threads_one_per_native_pool_once_models_load(load: str) -> None:
    """Issue 13: numpy's BLAS ran two threads per process outside `--workers`: 4-7x slower with a core busy."""
    assert _threads_after(load) == [1]


@pytest.mark.slow
@pytest.mark.parametrize(("env", "expected"), [({THREADS_ENV: "2"}, 2), ({"OPENBLAS_NUM_THREADS": "2"}, 2)])
def test_threads_the_user_may_ask_for_more(env: dict[str, str], expected: int) -> None:
    if (os.cpu_count() or 1) < expected:
        pytest.skip("OpenBLAS never runs more threads than there are cores")
    assert _threads_after("from onrecord.attribute.tagger import get_tagger; get_tagger()", **env) == [expected]


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, 1), ({THREADS_ENV: "3"}, 3), ({THREADS_ENV: "0"}, 1), ({THREADS_ENV: "many"}, 1),
     ({"OMP_NUM_THREADS": "4"}, None), ({THREADS_ENV: "2", "OMP_NUM_THREADS": "4"}, 2)],
)
def test_threads_limit_from_the_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: int | None) -> None:
    for name in (THREADS_ENV, *LIBRARY_THREAD_VARS):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert thread_limit() == expected
