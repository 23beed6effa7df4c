"""Renaming over a path is done in the modules that own it: single files through `autocoding.files`
(write_*_atomic, write_atomic_with); whole folders by the folder swaps listed here. A new module that renames files
itself fails this test: use `autocoding.files` instead, or add it here with the reason."""

from __future__ import annotations

import re
from pathlib import Path

import autocoding

SRC = Path(autocoding.__file__).parent
# os.replace/os.rename, Path.rename, and Path.replace (one positional argument; str.replace takes two)
RENAMES = re.compile(r"\bos\.(replace|rename)\(|\.rename\((?!columns=)|\.replace\((?!tzinfo=)[^,()]*\)")
OWNERS = {
    "files.py": "the atomic file writers themselves",
    "data/output_dir.py": "the dataset folder swap (marker, lock, exchange, recovery)",
    "data/dataset_writer.py": "dataset shards moved into the folder being built",
    "data/synth/writer.py": "tables streamed batch by batch, renamed when the last batch is in",
    "data/sources/mimic_iv.py": "pandas Series.rename (a column name), no file",
    "registry/bundle.py": "the bundle folder swap",
    "registry/fetch.py": "a downloaded model folder moved into the cache",
}


def test_only_the_owning_modules_rename_paths():
    found = {str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if RENAMES.search(p.read_text())}
    assert found - set(OWNERS) == set(), "rename files through autocoding.files (write_atomic_with)"
    assert set(OWNERS) - found == set(), "an owner no longer renames: drop it from OWNERS"


def test_write_atomic_with_leaves_the_old_file_when_the_writer_fails(tmp_path):
    from autocoding.files import write_atomic_with

    target = tmp_path / "coded.csv"
    target.write_text("old\n")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    try:
        write_atomic_with(target, broken)
    except RuntimeError:
        pass
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["coded.csv"]  # no temporary file left behind
    write_atomic_with(target, lambda tmp: tmp.write_text("new\n"))
    assert target.read_text() == "new\n" and target.stat().st_mode & 0o777 == 0o600
