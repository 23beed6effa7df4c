"""Train / validation / test split by patient, stratified over labels.

No patient may sit in two splits (an episode of a patient seen in training would leak their history into the test
figures), and every code should be spread over the splits in proportion, which a random patient split fails to do
for rare codes. The algorithm (iterative stratification, with a capacity cap and a train repair) lives in
autocoding.data.stratify; this module holds the configured fractions and the string-id front ends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from autocoding.data.stratify import iterative_stratification
from autocoding.errors import ConfigError

SPLITS: tuple[str, ...] = ("train", "validation", "test")


@dataclass(frozen=True)
class SplitFractions:
    """Share of patients per split (`split:` in conf/dataset/*.yaml), in SPLITS order."""

    train: float = 0.7
    validation: float = 0.15
    test: float = 0.15

    @classmethod
    def from_mapping(cls, section: Mapping[str, float]) -> SplitFractions:
        unknown = set(section) - set(SPLITS)
        if unknown:
            raise ConfigError(f"dataset.split: unknown splits {sorted(unknown)}; known: {list(SPLITS)}")
        values = {name: float(section.get(name, 0.0)) for name in SPLITS}
        if any(v < 0 for v in values.values()) or abs(sum(values.values()) - 1.0) > 1e-6:
            raise ConfigError(f"dataset.split: fractions must be >= 0 and sum to 1, got {values}")
        if values["train"] <= 0:
            raise ConfigError("dataset.split.train must be > 0: the label space is read from train")
        return cls(**values)

    def as_array(self) -> np.ndarray:
        return np.array([self.train, self.validation, self.test], dtype=np.float64)


def stratified_patient_split(
    patient: np.ndarray, label: np.ndarray, n_patients: int, fractions: SplitFractions, seed: int
) -> np.ndarray:
    """Assign each patient to a split.

    patient, label: parallel int arrays, one entry per (patient, label) incidence (duplicates allowed), patient in
    [0, n_patients), label any non-negative int. Returns an int8 array of shape (n_patients,) holding indices into
    SPLITS.
    """
    return iterative_stratification(patient, label, n_patients, fractions.as_array(), seed)


def split_of_patients(
    patient_ids: Sequence[str], patient_labels: Sequence[Sequence[str]], fractions: SplitFractions, seed: int
) -> dict[str, str]:
    """Convenience form for small inputs: patient id -> split name (labels as strings, any number per patient)."""
    return split_groups(patient_ids, patient_labels, dict(zip(SPLITS, fractions.as_array(), strict=True)), seed)


def split_groups(
    group_ids: Sequence[str], group_labels: Sequence[Sequence[str]], fractions: Mapping[str, float], seed: int
) -> dict[str, str]:
    """Any named splits: group id -> split name. The first split in `fractions` is the one repaired to hold every
    label of 3+ groups (train). Ids are sorted first, so the result does not depend on the input order."""
    names = list(fractions)
    ratios = np.array([float(fractions[n]) for n in names], dtype=np.float64)
    if ratios.size == 0 or (ratios < 0).any() or ratios.sum() <= 0:
        raise ValueError(f"split fractions must be non-negative with a positive sum, got {dict(fractions)}")
    order = sorted(range(len(group_ids)), key=lambda i: group_ids[i])
    vocab: dict[str, int] = {}
    pat, lab = [], []
    for new, i in enumerate(order):
        for code in group_labels[i]:
            pat.append(new)
            lab.append(vocab.setdefault(code, len(vocab)))
    result = iterative_stratification(
        np.asarray(pat, dtype=np.int64), np.asarray(lab, dtype=np.int64), len(order), ratios / ratios.sum(), seed
    )
    return {group_ids[i]: names[result[new]] for new, i in enumerate(order)}

