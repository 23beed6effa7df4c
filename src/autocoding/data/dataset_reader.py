"""Reading a built dataset (`autocoding build` output), in one place for every reader.

A built dataset is a folder `DIR2/` holding a Hugging Face `DatasetDict` (`dataset_dict.json` and one folder per
split: train / validation / test) and `manifest.json` (`data.manifest`: the label space per system, the hashes, the
configuration). Training, the baselines, the report, promotion's frozen-set check and the frozen set itself read it
through `read_dataset` / `read_manifest`, so a folder that is not a built dataset, or one that lost a file, gives the
same clear error naming the folder and the file wherever it is read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autocoding.errors import InputError

SPLITS = ("train", "validation", "test")
DATASET_DICT_FILE = "dataset_dict.json"
MANIFEST_FILE = "manifest.json"  # written by `data.manifest`, which imports pandas: readers need only the name


@dataclass(frozen=True)
class BuiltDataset:
    """A built dataset as read: its folder, its manifest and its splits (a `datasets.DatasetDict`)."""

    path: Path
    manifest: dict
    splits: object  # datasets.DatasetDict

    @property
    def systems(self) -> list[str]:
        """The code systems of the manifest, in its order."""
        return list(self.manifest.get("systems") or {})

    @property
    def digest(self) -> str:
        """`hash.dataset` of the manifest: identifies the built data ('' when the manifest has none)."""
        return str((self.manifest.get("hash") or {}).get("dataset") or "")

    def labels(self, system: str) -> list[str]:
        """The label space of `system` (label id = index)."""
        try:
            return list(self.manifest["systems"][system]["labels"])
        except KeyError:
            raise InputError(f"code system {system!r} is not in the dataset (it has {self.systems})",
                             file=str(self.path / MANIFEST_FILE)) from None

    def split(self, name: str, columns: Sequence[str] = ()):
        """One split (a `datasets.Dataset`), checked to hold `columns`."""
        if name not in self.splits:
            raise InputError(f"the dataset has no {name!r} split (it has {list(self.splits)})", file=str(self.path))
        part = self.splits[name]
        absent = [c for c in columns if c not in part.column_names]
        if absent:
            raise InputError(f"split {name!r} lacks columns {absent}", file=str(self.path / name))
        return part

    def frame(self, name: str, columns: Sequence[str] = ()):
        """One split as a pandas DataFrame."""
        return self.split(name, columns).to_pandas()


def read_manifest(path: str | Path) -> dict:
    """`manifest.json` of the built dataset at `path` (without reading the splits)."""
    path = Path(path)
    if not path.is_dir():
        raise InputError("no such folder: expected a dataset written by `autocoding build`", file=str(path))
    file = path / MANIFEST_FILE
    if not file.is_file():
        raise InputError(f"not a dataset written by `autocoding build` (no {MANIFEST_FILE} in the folder)",
                         file=str(path))
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}", file=str(file)) from exc
    if not isinstance(manifest, dict):
        raise InputError("the manifest is not a JSON object", file=str(file))
    return manifest


def read_dataset(path: str | Path, splits: Sequence[str] = SPLITS, columns: Sequence[str] = ()) -> BuiltDataset:
    """The built dataset at `path`, checked to hold `splits`, each with `columns`."""
    # `datasets` takes about a second to import: only a reader that opens the splits pays for it (CLI start-up)
    from datasets import load_from_disk

    path = Path(path)
    manifest = read_manifest(path)
    if not (path / DATASET_DICT_FILE).is_file():
        raise InputError(f"not a dataset written by `autocoding build` (no {DATASET_DICT_FILE} in the folder)",
                         file=str(path))
    try:
        dataset = BuiltDataset(path=path, manifest=manifest, splits=load_from_disk(str(path)))
    except FileNotFoundError as exc:
        raise InputError(f"the dataset is incomplete: {exc}", file=str(path)) from exc
    for name in splits:
        dataset.split(name, columns)
    return dataset
