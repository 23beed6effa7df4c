"""Reading a built dataset (`autocoding build` output) and turning its code lists into training targets.

`DIR2/` holds a `DatasetDict` (train / validation / test) and `manifest.json`, whose `systems.<sys>.labels`
is the label space (label id = index). Codes outside the label space are not targets (they were dropped at
build time for being too rare); an episode whose primary is outside it has no primary target (-100).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from autocoding.data.dataset_reader import SPLITS, read_dataset, read_manifest
from autocoding.data.manifest import MANIFEST_FILE
from autocoding.errors import InputError

log = logging.getLogger(__name__)

IGNORE = -100  # as autocoding.model.loss.IGNORE (kept here so this module does not import torch)


@dataclass
class CodingData:
    """The splits (a `datasets.DatasetDict`), the label space per system, and the manifest as read."""

    splits: object
    labels: dict[str, list[str]]
    manifest: dict
    path: Path

    @property
    def systems(self) -> list[str]:
        return list(self.labels)

    def label2id(self, system: str) -> dict[str, int]:
        return {code: i for i, code in enumerate(self.labels[system])}

    def priors(self) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
        """Per system: share of train episodes holding each label, and share of primaries that are each label."""
        train = self.splits["train"]
        presence, primary = {}, {}
        for system in self.systems:
            ids = self.label2id(system)
            present, first, n_first = [0] * len(ids), [0] * len(ids), 0
            for codes in list(train[system]):
                for i in {ids[c] for c in codes if c in ids}:
                    present[i] += 1
                if codes and codes[0] in ids:
                    first[ids[codes[0]]] += 1
                    n_first += 1
            presence[system] = [c / max(len(train), 1) for c in present]
            primary[system] = [c / max(n_first, 1) for c in first]
        return presence, primary


def load_coding_data(path: str | Path, systems: Sequence[str] | None = None) -> CodingData:
    """Open `DIR2` (`autocoding.data.dataset_reader`); `systems` (default: all in the manifest) picks the code
    systems to train on."""
    path = Path(path)
    manifest = read_manifest(path)
    available = manifest.get("systems", {})
    systems = list(systems or available)
    missing = [s for s in systems if s not in available]
    if missing:
        raise InputError(
            f"code systems {missing} are not in the dataset (it has {list(available)})",
            file=str(path / MANIFEST_FILE),
        )
    dataset = read_dataset(path, SPLITS, columns=["text", *systems])
    labels = {s: dataset.labels(s) for s in systems}
    for system in systems:
        if not labels[system]:
            raise InputError(f"system {system!r} has an empty label space", file=str(path / MANIFEST_FILE))
    return CodingData(splits=dataset.splits, labels=labels, manifest=dataset.manifest, path=path)


def target_columns(
    batch: dict, systems: Sequence[str], label2id: dict[str, dict[str, int]]
) -> dict[str, list]:
    """For `datasets.map(batched=True)`: `<sys>__ids` (label ids present) and `<sys>__primary` (id or -100)."""
    out: dict[str, list] = {}
    for system in systems:
        ids = label2id[system]
        out[f"{system}__ids"] = [sorted({ids[c] for c in codes if c in ids}) for codes in batch[system]]
        out[f"{system}__primary"] = [
            ids.get(codes[0], IGNORE) if codes else IGNORE for codes in batch[system]
        ]
    return out
