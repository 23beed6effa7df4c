"""Resumable coding runs: chunk results written atomically, a progress manifest keyed by what was coded with what.

```
DIR2/_parts/progress.json     {"key", "inputs", "model", "settings", "chunks", "episodes", "done": [...], "complete"}
DIR2/_parts/part-00012.parquet  the coded rows of chunk 12 (written to a temporary file, fsynced, renamed)
DIR2/_parts/.lock             held (flock) while a run writes here: a second run on the same out= is refused
```

A chunk is done when its part file exists (the rename is atomic, so a part is whole or absent); a run killed at any
point (kill -9 included) resumes at the first chunk without a part, and no episode is coded twice. The key hashes
the extract's table files (their bytes), the model (its registry identity and the bundle's files that decide its
outputs) and the settings that change the rows; a run whose key differs from the manifest's is refused unless
`force=true`, which starts over.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

from autocoding.errors import InputError
from autocoding.files import write_atomic_with

PARTS = "_parts"
PROGRESS = "progress.json"
BUNDLE_FILES = ("bundle.json", "labels.json", "thresholds.json", "ood.json", "evidence.json", "cohort.json",
                "config.yaml", "model.safetensors")


def file_hash(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def bundle_hash(bundle_dir: Path) -> str:
    """The bundle files that decide the coded rows (weights, thresholds, OOD statistics, labels, cohort)."""
    digest = hashlib.sha256()
    for name in BUNDLE_FILES:
        path = Path(bundle_dir) / name
        if path.is_file():
            digest.update(f"{name}\n{file_hash(path)}\n".encode())
    return "sha256:" + digest.hexdigest()


def run_key(inputs: Mapping[str, str], model: Mapping[str, str], settings: Mapping) -> str:
    blob = json.dumps({"inputs": dict(inputs), "model": dict(model), "settings": dict(settings)}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def write_atomic(path: Path, write) -> Path:
    """`write(tmp_path)` then fsync and rename over `path` (owner-only): readers see the old file or the new one."""
    return write_atomic_with(path, write)


def write_json(path: Path, value) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_text(json.dumps(value, indent=1, default=str)))


class RunState:
    """The progress of one coding run in `out` (module docstring)."""

    def __init__(self, out: Path, key: str, record: Mapping, n_chunks: int):
        self.out, self.key, self.n_chunks = Path(out), key, n_chunks
        self.parts = self.out / PARTS
        self.record = {**record, "key": key, "chunks": n_chunks}

    def part(self, chunk: int) -> Path:
        return self.parts / f"part-{chunk:05d}.parquet"

    def previous(self) -> dict | None:
        path = self.parts / PROGRESS
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read the progress manifest ({exc}); remove it or use force=true",
                             file=str(path)) from exc

    def check(self, force: bool, outputs: tuple[str, ...]) -> str:
        """'new', 'resume' or 'complete'; refuses another run's out= (unless force, which clears it)."""
        previous = self.previous()
        foreign = previous is None and any((self.out / name).exists() for name in outputs)
        if foreign or (previous is not None and previous.get("key") != self.key):
            if not force:
                what = ("coded output of another run" if foreign else
                        f"a run of other inputs, model or settings (key {previous.get('key')}, this run {self.key})")
                raise InputError(f"out= holds {what}; use another out= or force=true to replace it",
                                 file=str(self.out))
            self.clear(outputs)
            return "new"
        if previous is None:
            return "new"
        return "complete" if previous.get("complete") else "resume"

    def clear(self, outputs: tuple[str, ...]) -> None:
        for name in outputs:
            (self.out / name).unlink(missing_ok=True)
        for path in self.parts.glob("*") if self.parts.is_dir() else []:
            if path.name != ".lock":
                path.unlink() if path.is_file() else shutil.rmtree(path)

    def done(self) -> list[int]:
        return [c for c in range(self.n_chunks) if self.part(c).is_file()]

    def save(self, complete: bool = False, **extra) -> None:
        self.record.update(extra)
        write_json(self.parts / PROGRESS, {**self.record, "done": self.done(), "complete": complete})

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        self.parts.mkdir(parents=True, exist_ok=True)
        with open(self.parts / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise InputError("another coding run is writing to this out= now", file=str(self.out)) from exc
            yield
