"""Giving freed heap memory back to the operating system during CPU training (glibc `malloc_trim`).

Why: on CPU every training step allocates activations of a different shape (dynamic padding, length-bucketed
batches). glibc serves large blocks with mmap at first, but raises its mmap threshold each time such a block is
freed (up to 32 MiB), after which they come from the heap, which fragments and is not returned: the process's RSS
grew by hundreds of MiB per epoch while the data it holds stayed the same (the frozen-state cache: constant;
figures in docs/benchmarks.md, "Training memory"). Forcing mmap for blocks over 128 KiB
(`MALLOC_MMAP_THRESHOLD_=131072`) holds it flat but makes epochs slower (every step page-faults its activations
afresh); `malloc_trim(0)` releases
the free pages of the heap without changing how steps allocate.

`ReleaseFreedMemory` trims at the end of each epoch and validation (and every `every_n_steps` training batches),
which lowers the curve only a little, and with `mmap_threshold` fixes the threshold for the whole fit (flat RSS, ~45%
slower epochs on the 2-core machine). A no-op where glibc is absent (macOS, musl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import lru_cache

import lightning.pytorch as pl

log = logging.getLogger(__name__)


M_MMAP_THRESHOLD = -3  # mallopt parameter (malloc.h)


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim.restype = ctypes.c_int
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.mallopt.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    return libc


def release_freed_memory() -> bool:
    """Return free heap pages to the OS (glibc `malloc_trim(0)`); False where that is not available."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def fix_mmap_threshold(size: int) -> bool:
    """Serve every allocation of `size` bytes or more with its own mmap, returned to the OS when freed, and stop
    glibc raising that threshold (`mallopt(M_MMAP_THRESHOLD, size)`, as `MALLOC_MMAP_THRESHOLD_` does at start-up).
    False where glibc is not available."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, int(size)))


class ReleaseFreedMemory(pl.Callback):
    """Lightning callback that keeps a CPU run's resident memory from creeping up epoch after epoch.

    mmap_threshold: bytes; when set, allocations this large get their own mmap for the whole fit (flat RSS, slower
    steps; see the module docstring). every_n_steps: `release_freed_memory()` every so many training batches (0:
    only at epoch and validation ends)."""

    def __init__(self, mmap_threshold: int | None = None, every_n_steps: int = 0):
        if every_n_steps < 0:
            raise ValueError(f"every_n_steps must be >= 0, got {every_n_steps}")
        if mmap_threshold is not None and mmap_threshold <= 0:
            raise ValueError(f"mmap_threshold must be positive bytes or null, got {mmap_threshold}")
        self.mmap_threshold, self.every_n_steps = mmap_threshold, every_n_steps

    def on_fit_start(self, trainer, pl_module) -> None:
        if self.mmap_threshold is not None and not fix_mmap_threshold(self.mmap_threshold):
            log.info("mmap threshold not set: glibc is not available here")

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx) -> None:
        if self.every_n_steps and (batch_idx + 1) % self.every_n_steps == 0:
            release_freed_memory()

    def on_train_epoch_end(self, trainer, pl_module) -> None:
        release_freed_memory()

    def on_validation_end(self, trainer, pl_module) -> None:
        release_freed_memory()
