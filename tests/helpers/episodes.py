"""Hand-built episodes and synthetic outputs shared by the eval and policy tests (tests/policy/test_decision.py says
what each row exercises), with their fixtures; tests/conftest.py registers this module as a pytest plugin."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.thresholds import ThresholdTable

DX = ["K21.9", "K29.7", "I10", "R10.4"]
PX = ["H22.9", "Z28.6", "H20.1"]


def _make_table(system, labels, present, absent, primary, auto=None):
    present = np.array(present, dtype=float)
    return ThresholdTable(system=system, labels=labels, present=present, absent=np.array(absent, dtype=float),
                          auto=np.isfinite(present) if auto is None else np.array(auto), support=np.ones(len(labels)),
                          rule=["code"] * len(labels), primary=primary)


TABLES = {
    # R10.4 may never be auto-coded (too rare): present inf, confidently absent only below 0.3
    "icd10": _make_table("icd10", DX, [0.8, 0.8, 0.8, np.inf], [0.2, 0.2, 0.2, 0.3], primary=0.7),
    "opcs4": _make_table("opcs4", PX, [0.8, 0.8, 0.8], [0.2, 0.2, 0.2], primary=0.7),
}

# rows: 0 all confident; 1 K29.7 uncertain; 2 only a Z code; 3 no diagnosis; 4 out of distribution;
#       5 two diagnoses, primary unsure; 6 R10.4 not confidently absent
DX_P = np.array([
    [0.95, 0.05, 0.90, 0.01], [0.95, 0.50, 0.01, 0.01], [0.95, 0.05, 0.01, 0.01], [0.10, 0.05, 0.01, 0.01],
    [0.95, 0.05, 0.01, 0.01], [0.95, 0.90, 0.01, 0.01], [0.95, 0.05, 0.01, 0.40],
])
DX_Q = np.array([
    [0.2, 0.1, 0.6, 0.1], [0.7, 0.2, 0.05, 0.05], [0.9, 0.05, 0.03, 0.02], [0.5, 0.3, 0.1, 0.1],
    [0.9, 0.05, 0.03, 0.02], [0.4, 0.4, 0.1, 0.1], [0.9, 0.05, 0.03, 0.02],
])
PX_P = np.array([
    [0.95, 0.9, 0.01], [0.01, 0.01, 0.01], [0.01, 0.95, 0.01], [0.01, 0.01, 0.01],
    [0.95, 0.01, 0.01], [0.01, 0.01, 0.01], [0.01, 0.01, 0.01],
])
PX_Q = np.full(PX_P.shape, 1 / 3)


def _outputs(rows=slice(None)):
    return {"icd10": SystemOutputs(DX_P[rows], DX_Q[rows], DX), "opcs4": SystemOutputs(PX_P[rows], PX_Q[rows], PX)}


@pytest.fixture
def episodes():
    """(outputs, tables) for the 7 hand-built episodes."""
    return _outputs(), TABLES


@pytest.fixture
def first_episode():
    return _outputs(slice(0, 1)), TABLES


AUDIT_GOLD = {
    "icd10": [["A01", "B01", "C01"], ["A01"], ["D01", "B01"]],
    "opcs4": [[], ["H01", "Z01"], ["X99.9"]],  # episode 3's procedure is outside the label space: never predicted
}
AUDIT_PRED = {
    "icd10": [["A01", "C01", "B01"], ["B01", "A01"], ["D01"]],
    "opcs4": [[], ["H01", "Z01"], []],
}


@pytest.fixture
def audit_example():
    """(predicted, gold) code sequences of three episodes, hand-scored in test_audit.py."""
    return AUDIT_PRED, AUDIT_GOLD


@pytest.fixture
def make_table():
    """`make_table(system, labels, present, absent, primary, auto=None) -> ThresholdTable`."""
    return _make_table


SYNTH_LABELS = {"icd10": ["K21.9", "K29.7", "K57.3", "I10"], "opcs4": ["H22.9", "H20.1", "Z28.6"]}


def _synthetic_split(n: int, seed: int):
    """Synthetic outputs: each code present with prob 0.3; the model's probability is noisy around the truth."""
    rng = np.random.default_rng(seed)
    outputs, gold = {}, {}
    for system, labels in SYNTH_LABELS.items():
        present = rng.random((n, len(labels))) < 0.3
        if system == "icd10":
            present[np.arange(n), rng.integers(0, len(labels), n)] = True
        probs = np.clip(np.where(present, 0.8, 0.15) + rng.normal(0, 0.15, present.shape), 0, 1)
        primary = np.where(present, rng.random(present.shape) + 0.1, 0.01)
        primary /= primary.sum(1, keepdims=True)
        order = np.argsort(-primary, axis=1)
        codes = [[labels[j] for j in order[i] if present[i, j] and not labels[j].startswith("Z")]
                 + [labels[j] for j in order[i] if present[i, j] and labels[j].startswith("Z")] for i in range(n)]
        outputs[system], gold[system] = SystemOutputs(probs, primary, labels), codes
    return outputs, gold


@pytest.fixture
def synthetic_split():
    """`synthetic_split(n, seed) -> (outputs, gold)`: noisy outputs for 4 ICD-10 and 3 OPCS-4 labels."""
    return _synthetic_split
