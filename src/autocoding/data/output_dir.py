"""Replacing an output folder safely: at every instant `DIR` is the old complete output or the new complete one.

- Ownership: every folder this writes carries `.autocoding-output` (JSON: tool, kind, name). An existing
  non-empty `DIR` without that marker for the same kind (a model bundle, someone's project folder, a folder that
  merely holds a manifest.json) is refused, never replaced.
- One writer: `DIR` is locked (`flock` on `.DIR.lock` beside it) for the whole write; a second build into the same
  folder fails at once, naming the lock, instead of both claiming success.
- The write goes to a sibling `DIR.tmp-XXXX` (same file system), whose marker says `complete: false` until the
  last step. Publishing swaps it with `DIR` in one system call (Linux `renameat2(RENAME_EXCHANGE)`) and deletes the
  old one. Where that call is missing, `DIR` is renamed to `DIR.old-XXXX` and the new folder renamed into place; a
  kill between the two renames leaves `DIR` absent for that instant, and the next run (or `recover`) completes it.
- Leftovers hold patient text: on the next run, under the lock, a complete `DIR.tmp-*` whose `DIR` is missing is
  put in place, an `DIR.old-*` is restored when nothing newer exists, and every other marked leftover is deleted.
- Permissions: the published folder is owner-only (`autocoding.files.private_tree`).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from autocoding.errors import ConfigError
from autocoding.files import DIR_MODE, checkpoint, exchange, private_tree, write_json_atomic

MARKER = ".autocoding-output"
NO_EXCHANGE_ENV = "AUTOCODING_NO_EXCHANGE"  # tests: take the two-rename path


def read_marker(folder: Path) -> dict | None:
    try:
        value = json.loads((folder / MARKER).read_text())
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) and value.get("tool") == "autocoding" else None


def _mark(folder: Path, kind: str, name: str, complete: bool) -> None:
    write_json_atomic(folder / MARKER, {"tool": "autocoding", "kind": kind, "name": name, "complete": complete})


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    path = out.parent / f".{out.name}.lock"
    handle = open(path, "a+")  # noqa: SIM115 - held for the whole write
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"another autocoding process is writing {out} (lock {path} is held); wait for it "
                              "to finish, or write elsewhere") from None
        yield
    finally:
        handle.close()


def _leftovers(out: Path, pattern: str) -> list[Path]:
    return sorted((p for p in out.parent.glob(f"{out.name}.{pattern}-*") if p.is_dir() and read_marker(p)),
                  key=lambda p: p.stat().st_mtime)


def recover(out: Path) -> None:
    """Finish or undo an interrupted publish and delete leftovers. Call with the lock held."""
    if not out.exists():
        complete = [p for p in _leftovers(out, "tmp") if read_marker(p).get("complete")]
        old = _leftovers(out, "old")
        if complete:
            complete[-1].rename(out)
        elif old:
            old[-1].rename(out)
    for leftover in _leftovers(out, "tmp") + _leftovers(out, "old"):
        shutil.rmtree(leftover, ignore_errors=True)


def _check_replaceable(out: Path, kind: str) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise ConfigError(f"output {out} exists and is not a folder; refusing to replace it")
    if not any(out.iterdir()):
        return
    marker = read_marker(out)
    if marker is None or marker.get("kind") != kind:
        what = f"a {marker.get('kind')} written by autocoding" if marker else "not written by autocoding"
        raise ConfigError(f"output {out} is a non-empty folder {what} (no {MARKER} naming a {kind}); refusing to "
                          "replace it: give another out=, or move that folder away yourself")


def _publish(tmp: Path, out: Path) -> None:
    if not out.exists():
        tmp.rename(out)
        return
    if not os.environ.get(NO_EXCHANGE_ENV) and exchange(tmp, out):
        checkpoint("output-exchanged")
        shutil.rmtree(tmp, ignore_errors=True)  # now the old output
        return
    old = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    checkpoint("output-between-renames")
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_directory(out: Path, kind: str, name: str) -> Iterator[Path]:
    """Yield a temporary folder that becomes `out` when the block ends without error (module docstring)."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _lock(out):
        recover(out)
        _check_replaceable(out, kind)
        tmp = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
        os.chmod(tmp, DIR_MODE)
        _mark(tmp, kind, name, complete=False)
        checkpoint("output-started")
        try:
            yield tmp
            _mark(tmp, kind, name, complete=True)
            private_tree(tmp)
            checkpoint("output-written")
            _publish(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
