"""Train / validation / test split by patient: a keyed hash of the patient id (default), or stratified over labels.

No patient may sit in two splits (an episode of a patient seen in training would leak their history into the test
figures), and a patient must keep their split from one dataset version to the next: a model retrained on a new
extract (new episodes, some removed, corrected codes) is otherwise judged on episodes it trained on. Two methods
(`dataset.split.method`):
- `hash` (default): HMAC-SHA256 of the patient id under `dataset.split.key`, read as a number in [0, 1) and placed
  against the cumulative fractions. A patient's split is a function of the patient (and the key) alone, so adding,
  removing or correcting episodes moves nobody. Label balance is not steered, only checked and reported
  (autocoding.data.balance).
- `stratified`: iterative stratification over the patients' labels (autocoding.data.stratify), better spread for
  rare codes on one extract, but any change to the extract can move many patients between splits.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from autocoding.data.stratify import iterative_stratification
from autocoding.errors import ConfigError

SPLITS: tuple[str, ...] = ("train", "validation", "test")
METHODS: tuple[str, ...] = ("hash", "stratified")
DEFAULT_KEY = "autocoding-patient-split"  # a per-dataset key (`dataset.split.key`) gives an independent split


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


@dataclass(frozen=True)
class SplitRules:
    """`split:` in conf/dataset/*.yaml: the fractions, the method (`hash` | `stratified`) and the hash key."""

    fractions: SplitFractions = field(default_factory=SplitFractions)
    method: str = "hash"
    key: str = DEFAULT_KEY

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ConfigError(f"dataset.split.method: expected one of {list(METHODS)}, got {self.method!r}")
        if not self.key:
            raise ConfigError("dataset.split.key must not be empty")

    @classmethod
    def from_mapping(cls, section: Mapping) -> SplitRules:
        section = dict(section)
        method = str(section.pop("method", "hash"))
        key = str(section.pop("key", DEFAULT_KEY))
        fractions = SplitFractions.from_mapping(section) if section else SplitFractions()
        return cls(fractions, method, key)

    def describe(self, seed: int) -> dict:
        """The manifest's `split` section (the key itself is in the recorded config)."""
        fractions = {name: getattr(self.fractions, name) for name in SPLITS}
        if self.method == "hash":
            return {"method": "keyed hash of the patient id (HMAC-SHA256)", "fractions": fractions,
                    "key_sha256": hashlib.sha256(self.key.encode()).hexdigest()[:16]}
        return {"method": "iterative stratification by patient", "seed": seed, "fractions": fractions}


def hash_unit(patient_ids: Sequence[str], key: str) -> np.ndarray:
    """(n,) float64 in [0, 1): the first 8 bytes of HMAC-SHA256(key, patient id), over 2**64."""
    secret = key.encode()
    raw = b"".join(hmac.digest(secret, str(p).encode(), "sha256")[:8] for p in patient_ids)
    return np.frombuffer(raw, dtype=">u8").astype(np.float64) / 2.0**64


def hash_patient_split(patient_ids: Sequence[str], fractions: SplitFractions, key: str) -> np.ndarray:
    """int8 (n,) split index (into SPLITS) per patient id, from the patient id and the key alone."""
    edges = np.cumsum(fractions.as_array())
    edges[-1] = np.inf  # rounding never pushes a patient past the last split
    index = np.searchsorted(edges, hash_unit(patient_ids, key), side="right")
    # a split with fraction 0 has an edge equal to the one before: searchsorted(side=right) already skips it
    return index.astype(np.int8)


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
    patient_ids: Sequence[str], patient_labels: Sequence[Sequence[str]], fractions: SplitFractions | SplitRules,
    seed: int,
) -> dict[str, str]:
    """Patient id -> split name (labels as strings, any number per patient). Plain fractions: stratified."""
    if isinstance(fractions, SplitRules) and fractions.method == "hash":
        index = hash_patient_split(patient_ids, fractions.fractions, fractions.key)
        return {p: SPLITS[i] for p, i in zip(patient_ids, index.tolist(), strict=True)}
    if isinstance(fractions, SplitRules):
        fractions = fractions.fractions
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

