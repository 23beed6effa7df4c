"""Coding chunks side by side in worker processes: `autocoding code workers=N` (CPU only).

The parent reads the extract, cuts it into chunks and hands them to N worker processes, each with its own copy of
the model and `threads` torch threads (default: the cores it may use divided by N); it writes each chunk's rows as
they come back, atomically, as a single process does, so the run key, resume after kill -9 and the coded rows are
those of a one-process run. Why: on some CPUs a transformer's matrix products at coding sizes do not split well
over threads and separate processes on separate cores do better; on others (the AMX Xeon of docs/benchmarks.md,
"Coding throughput") one multi-threaded process is as fast. Measure before choosing.
A worker whose parent dies exits within a second rather than lingering with its model in memory.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from autocoding.errors import ConfigError
from autocoding.pipelines.code_chunks import Chunk, RowSettings, code_chunk
from autocoding.serving.predictor import Coder

_WORKER: tuple | None = None  # in a worker process: (coder, document types, cohort rules, model, row settings)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_threads(workers: int, threads: int | None) -> int:
    """Torch threads per worker: as asked, else the usable cores shared out (at least one each)."""
    return int(threads) if threads else max(1, usable_cores() // workers)


def check_workers(workers: int, device: str) -> None:
    if workers < 1:
        raise ConfigError(f"workers must be 1 or more, got {workers}")
    if workers > 1 and device != "cpu":
        raise ConfigError(f"workers={workers} is for coding on the CPU; with device={device} use workers=1")


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)  # the parent is gone (kill -9 included): nothing will read what this worker codes


def _start_worker(parent: int, bundle_dir: str, serving, types, rules, model: dict, settings: RowSettings) -> None:
    global _WORKER
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    _WORKER = (Coder.from_bundle(bundle_dir, serving), types, rules, model, settings)


def _code_in_worker(chunk: Chunk):
    coder, types, rules, model, settings = _WORKER
    return chunk.index, code_chunk(coder, chunk, types, rules, model, settings)


def code_in_workers(chunks: Iterable[Chunk], workers: int, bundle_dir, serving, types, rules, model: dict,
                    settings: RowSettings) -> Iterator[tuple[int, object]]:
    """(chunk index, coded rows) as each chunk is done, in the order they finish; at most 2 chunks per worker are
    in flight, so memory stays bounded however long the extract. `serving`: the ServingOptions each worker's
    Coder loads with (its `threads` are per worker)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no torch thread pools copied by fork
    serving = replace(serving, threads=worker_threads(workers, serving.threads))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(), str(bundle_dir), serving, types, rules, model, settings))
    pending, todo = set(), iter(chunks)
    try:
        while True:
            while len(pending) < 2 * workers and (chunk := next(todo, None)) is not None:
                pending.add(pool.submit(_code_in_worker, chunk))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    yield future.result()
                except BrokenProcessPool as exc:
                    raise RuntimeError("a coding worker process died (out of memory?); what was written is kept "
                                       "and a rerun resumes from it") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
