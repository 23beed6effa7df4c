"""The model's outputs for one code system as numpy arrays, and gold code lists turned into label-space targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class SystemOutputs:
    """One system's predictions for N episodes over its label space of L codes.

    probs: (N, L) presence probabilities, sigmoid(logits).
    primary_probs: (N, L) softmax(primary_logits): which label is the primary (first-listed) code.
    labels: the label space, label id = column index (labels.json of the bundle).
    """

    probs: np.ndarray
    primary_probs: np.ndarray
    labels: list[str]

    def __post_init__(self) -> None:
        # float32 stays float32 (150,000 x 300 is 180 MB, not 360): thresholds are float32 values widened
        # exactly to float64, so comparisons give the same answer either way.
        self.probs = _floats(self.probs)
        self.primary_probs = _floats(self.primary_probs)
        if self.probs.ndim != 2 or self.probs.shape != self.primary_probs.shape:
            raise ValueError(f"probs {self.probs.shape} and primary_probs {self.primary_probs.shape} must be (N, L)")
        if self.probs.shape[1] != len(self.labels):
            raise ValueError(f"probs have {self.probs.shape[1]} columns for {len(self.labels)} labels")

    @property
    def n_episodes(self) -> int:
        return self.probs.shape[0]

    def subset(self, rows: np.ndarray) -> SystemOutputs:
        return SystemOutputs(self.probs[rows], self.primary_probs[rows], self.labels)


def _floats(array) -> np.ndarray:
    array = np.asarray(array)
    return array if array.dtype in (np.float32, np.float64) else array.astype(np.float64)


def outputs_from_predictions(predictions, labels: Mapping[str, Sequence[str]]) -> dict[str, SystemOutputs]:
    """From `autocoding.train.predict.Predictions` (`probs`/`primary` dicts of (N, L) arrays) and the label maps
    ({system: labels in id order}, labels.json) to `{system: SystemOutputs}`."""
    return {name: SystemOutputs(predictions.probs[name], predictions.primary[name], list(labels[name]))
            for name in predictions.probs}


def multi_hot(gold: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """(N, L) float 0/1 targets; codes outside the label space are dropped here (audit metrics count them)."""
    index = {code: i for i, code in enumerate(labels)}
    targets = np.zeros((len(gold), len(labels)), dtype=np.float64)
    rows = [r for r, codes in enumerate(gold) for c in codes if c in index]
    cols = [index[c] for codes in gold for c in codes if c in index]
    targets[rows, cols] = 1.0
    return targets


def check_inputs(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]]) -> int:
    """The common episode count N; raises when systems disagree or gold is missing a system."""
    counts = {name: out.n_episodes for name, out in outputs.items()}
    for name in outputs:
        if name not in gold:
            raise ValueError(f"gold codes missing for system {name!r}")
        counts[f"gold {name}"] = len(gold[name])
    if len(set(counts.values())) > 1:
        raise ValueError(f"episode counts differ: {counts}")
    return next(iter(counts.values()), 0)
