"""One thread per native thread pool (BLAS, OpenMP) in every process that runs onrecord's models.

numpy's OpenBLAS starts a thread per core. The tagger's matrix products are small, and when another
process keeps a core busy the two BLAS threads spin against each other: the same 8-article extract
took 12.2 s with two BLAS threads and 3.2 s with one (../shared/ENVIRONMENT.md). onrecord runs in
parallel with processes (`--workers`) instead.

The user decides otherwise with ONRECORD_THREADS=N (N threads per pool), or by setting a library's
own variable (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS, BLIS_NUM_THREADS), which
onrecord then leaves alone.
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

THREADS_ENV = "ONRECORD_THREADS"
LIBRARY_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def thread_limit() -> int | None:
    """Threads per native pool: ONRECORD_THREADS if it is a whole number above 0, else 1;
    None (no limit) when the user set a library's own thread variable instead."""
    given = os.environ.get(THREADS_ENV, "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    if not given and any(os.environ.get(name, "").strip() for name in LIBRARY_THREAD_VARS):
        return None
    return 1


def limit_native_threads() -> None:
    """Apply `thread_limit()` to every native thread pool loaded in this process, at once and for good.

    Called where the models load (after numpy and spaCy are imported, so their pools are seen) and
    in each worker process.
    """
    limit = thread_limit()
    if limit is not None:
        threadpool_limits(limits=limit)
