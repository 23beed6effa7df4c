"""Replacing an output directory all at once: a failed build leaves neither half a dataset nor a lost old one.

The build writes into a sibling `DIR.tmp-XXXX` (same file system, so the final step is a rename). Only when it has
finished is an existing `DIR` moved aside, the new one renamed into place, and the old one deleted. A failure (an
exception, Ctrl-C) removes the temporary directory and leaves `DIR` as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from autocoding.errors import ConfigError


@contextmanager
def atomic_directory(out: Path, marker: str) -> Iterator[Path]:
    """Yield a temporary directory that becomes `out` when the block ends without error.

    marker: a file every directory this tool writes holds (e.g. manifest.json); an existing non-empty `out` without
    it is refused rather than replaced, so a typo in `out=` cannot delete someone's folder.
    """
    out = Path(out).absolute()
    if out.exists():
        if not out.is_dir():
            raise ConfigError(f"output {out} exists and is not a directory")
        if any(out.iterdir()) and not (out / marker).is_file():
            raise ConfigError(
                f"output {out} is a non-empty directory without {marker}; refusing to replace it"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{out.name}.tmp-", dir=out.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{out.name}.old-", dir=out.parent))
        out.rename(old / out.name)
    tmp.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
