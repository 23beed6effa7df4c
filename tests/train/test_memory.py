"""The freed-memory callback: glibc calls where glibc exists, argument checks, and that a fit runs with it."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from autocoding.train.memory import ReleaseFreedMemory, fix_mmap_threshold, release_freed_memory

GLIBC = sys.platform.startswith("linux") and ctypes.util.find_library("c") is not None


@pytest.mark.skipif(not GLIBC, reason="glibc only")
def test_glibc_calls_succeed():
    assert release_freed_memory() is True
    # 32 MiB is glibc's own ceiling for the dynamic threshold, so setting it here changes little for the suite
    assert fix_mmap_threshold(32 * 2**20) is True


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="every_n_steps"):
        ReleaseFreedMemory(every_n_steps=-1)
    with pytest.raises(ValueError, match="mmap_threshold"):
        ReleaseFreedMemory(mmap_threshold=0)


def test_trims_every_n_steps(monkeypatch):
    calls = []
    monkeypatch.setattr("autocoding.train.memory.release_freed_memory", lambda: calls.append(1) or True)
    callback = ReleaseFreedMemory(every_n_steps=3)
    for batch_idx in range(7):
        callback.on_train_batch_end(None, None, None, None, batch_idx)
    assert len(calls) == 2  # after batches 3 and 6
    callback.on_train_epoch_end(None, None)
    callback.on_validation_end(None, None)
    assert len(calls) == 4
    ReleaseFreedMemory(every_n_steps=0).on_train_batch_end(None, None, None, None, 0)
    assert len(calls) == 4
