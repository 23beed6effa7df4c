"""Writing files that hold patient text: all at once, owner-only, and never half.

- `write_text_atomic` / `write_bytes_atomic` / `write_json_atomic`, and `write_atomic_with(path, write)` for writers
  that want a path (parquet, CSV): write a sibling temporary file, fsync, rename over the target: a reader sees the
  old file or the new one, never a torn one; a crash leaves the old file.
- `private_file` / `private_tree`: owner-only permissions (files 0600, folders 0700) for datasets, checkpoints,
  bundles, decisions and quarantine reports: on a shared analytics server the clinical text is readable by whoever
  wrote it, not by every account on the machine.
- `exchange(a, b)`: swap two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); False where the system has no
  such call, and the caller falls back to two renames with recovery (`data.output_dir`).
- `checkpoint(name)`: a named point in a long write; with `AUTOCODING_PAUSE_AT=name` set the process says so on
  stderr and waits there, so tests can kill it (kill -9) at exactly that point.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

FILE_MODE, DIR_MODE = 0o600, 0o700
PAUSE_ENV = "AUTOCODING_PAUSE_AT"


def write_atomic_with(path: str | Path, write, mode: int = FILE_MODE) -> Path:
    """`write(tmp)` writes the content to the temporary sibling `tmp` (a Path); then fsync, chmod, rename over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomic(path: str | Path, data: bytes, mode: int = FILE_MODE) -> Path:
    return write_atomic_with(path, lambda tmp: tmp.write_bytes(data), mode)


def write_text_atomic(path: str | Path, text: str, mode: int = FILE_MODE) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), mode)


def write_json_atomic(path: str | Path, value, indent: int | None = None, mode: int = FILE_MODE) -> Path:
    return write_text_atomic(path, json.dumps(value, indent=indent), mode)


def private_file(path: str | Path) -> Path:
    path = Path(path)
    os.chmod(path, FILE_MODE)
    return path


def private_tree(root: str | Path) -> Path:
    """Owner-only permissions on a folder and everything below it (links are left alone)."""
    root = Path(root)
    os.chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), DIR_MODE)
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), FILE_MODE)
    return root


_RENAME_EXCHANGE, _AT_FDCWD = 2, -100


def exchange(a: str | Path, b: str | Path) -> bool:
    """Swap `a` and `b` atomically (both must exist). False where renameat2 is unavailable (not Linux/glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL / ENOSYS / EOPNOTSUPP: this file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


def checkpoint(name: str) -> None:
    if os.environ.get(PAUSE_ENV) == name:
        print(f"autocoding: paused at {name} (pid {os.getpid()})", file=sys.stderr, flush=True)
        while True:
            time.sleep(60)
