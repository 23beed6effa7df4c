"""The evidence detector: bounds fitted from correct predictions, and the `weak_evidence` exception."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.errors import InputError
from autocoding.policy.decision import REASONS, decide_episodes
from autocoding.policy.evidence import EvidenceDetector, gold_matrix
from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.thresholds import ThresholdTable

LABELS = {"icd10": ["A", "B", "C"]}


def _table(labels):
    n = len(labels)
    return ThresholdTable(system="icd10", labels=labels, present=np.full(n, 0.6), absent=np.full(n, 0.4),
                          auto=np.ones(n, bool), support=np.full(n, 10), rule=["code"] * n, primary=0.5,
                          config={"suggest_threshold": 0.5})


def test_fit_gives_frequent_codes_their_own_bound_and_pools_the_rest():
    rng = np.random.default_rng(0)
    n = 400
    weights = np.column_stack([rng.uniform(0.5, 1.0, n), rng.uniform(0.1, 0.2, n), rng.uniform(0.0, 1.0, n)])
    probs = np.full((n, 3), 0.9)
    gold = np.zeros((n, 3), np.int8)
    gold[:, 0] = 1  # A: 400 true positives
    gold[:, 1] = 1  # B: 400 true positives
    gold[:5, 2] = 1  # C: 5, below min_support: shares the pooled bound
    probs[:, 1][rng.random(n) < 0.5] = 0.1  # B predicted on about half: only those are true positives
    detector = EvidenceDetector.fit({"icd10": weights}, {"icd10": probs}, {"icd10": gold}, LABELS,
                                    quantile=0.05, min_support=20)
    hit_b = probs[:, 1] >= 0.5
    assert detector.own["icd10"].tolist() == [True, True, False]
    assert detector.support["icd10"].tolist() == [n, int(hit_b.sum()), 5]
    assert detector.bounds["icd10"][0] == pytest.approx(np.quantile(weights[:, 0], 0.05))
    assert detector.bounds["icd10"][1] == pytest.approx(np.quantile(weights[hit_b, 1], 0.05))
    pooled = np.concatenate([weights[:, 0], weights[hit_b, 1], weights[:5, 2]])
    assert detector.bounds["icd10"][2] == pytest.approx(np.quantile(pooled, 0.05))
    # about `quantile` of a frequent code's correct predictions fall below its own bound
    assert detector.weak({"icd10": weights})["icd10"][:, 0].mean() == pytest.approx(0.05, abs=0.01)
    half = EvidenceDetector.fit({"icd10": weights}, {"icd10": probs}, {"icd10": gold}, LABELS, quantile=0.05,
                                min_support=20, margin=0.5)
    assert np.allclose(half.bounds["icd10"], detector.bounds["icd10"] * 0.5)


def test_fit_without_true_positives_never_flags():
    detector = EvidenceDetector.fit({"icd10": np.zeros((4, 3))}, {"icd10": np.zeros((4, 3))},
                                    {"icd10": np.ones((4, 3))}, LABELS)
    assert not detector.weak({"icd10": np.zeros((4, 3))})["icd10"].any()


def test_round_trip_and_bad_file(tmp_path):
    detector = EvidenceDetector.fit({"icd10": np.array([[0.5, 0.2, 0.1]] * 30)}, {"icd10": np.ones((30, 3))},
                                    {"icd10": np.ones((30, 3))}, LABELS, min_support=20)
    loaded = EvidenceDetector.load(detector.save(tmp_path / "evidence.json"))
    assert loaded.labels == detector.labels and np.allclose(loaded.bounds["icd10"], detector.bounds["icd10"])
    assert loaded.own["icd10"].tolist() == detector.own["icd10"].tolist()
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(InputError, match="evidence detector"):
        EvidenceDetector.load(tmp_path / "bad.json")


def test_gold_matrix_ignores_codes_outside_the_label_space():
    assert gold_matrix([["A", "Z"], []], ["A", "B"]).tolist() == [[1, 0], [0, 0]]


def test_a_recorded_code_below_its_bound_makes_the_episode_weak_evidence():
    probs = np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05], [0.9, 0.05, 0.05]])
    out = {"icd10": SystemOutputs(probs, np.array([[1.0, 0.0, 0.0]] * 3), LABELS["icd10"])}
    tables = {"icd10": _table(LABELS["icd10"])}
    detector = EvidenceDetector(LABELS, {"icd10": np.array([0.3, 0.3, 0.3])}, {"icd10": np.ones(3, bool)},
                                {"icd10": np.full(3, 30)}, {"icd10": 0.3})
    # episode 0: A pointed at (0.8); 1: A's weight 0.1 is below its bound; 2: only an unrecorded code (C) is weak
    weights = {"icd10": np.array([[0.8, 0.0, 0.0], [0.1, 0.9, 0.9], [0.8, 0.9, 0.0]])}
    plain = decide_episodes(out, tables)
    checked = decide_episodes(out, tables, weak_evidence=detector.weak(weights))
    assert "weak_evidence" in REASONS
    assert plain.auto.tolist() == [True, True, True]
    assert checked.auto.tolist() == [True, False, True]
    assert checked.flags["weak_evidence"].tolist() == [False, True, False]
    reason = checked.reasons[1][0]
    assert reason.kind == "weak_evidence" and reason.codes == ("A",)
    assert "cannot point to text" in str(reason)
    assert checked.codes == plain.codes  # the suggestion stays; only the decision changes
