"""`evaluate_predictions` end to end on the hand-built episodes of test_decision.py."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.eval.evaluation import evaluate_predictions

# gold for the 7 episodes of test_decision.py; episode 4 (out of distribution) is confidently WRONG: the model says
# K21.9 / H22.9, the gold says R10.4 / H20.1. Episode 0 is right (auto-coded); episode 6 gold has an unseen code.
GOLD = {
    "icd10": [["I10", "K21.9"], ["K21.9"], ["K21.9"], ["K21.9"], ["R10.4"], ["K21.9", "K29.7"], ["K21.9", "B99"]],
    "opcs4": [["H22.9", "Z28.6"], [], ["H20.1", "Z28.6"], [], ["H20.1"], [], []],
}
OOD = np.array([False, False, False, False, True, False, False])


def test_metrics_keys_and_values(episodes):
    outputs, tables = episodes
    result = evaluate_predictions(outputs, GOLD, tables, ood_flags=OOD, split="test")
    m = result.metrics
    assert m["test/automation/rate"] == pytest.approx(1 / 7)
    assert m["test/automation/accuracy"] == 1.0  # the wrong episode 4 went to a coder thanks to the OOD flag
    assert m["test/automation/auto_episodes"] == 1 and m["test/automation/episodes"] == 7
    assert m["test/exceptions/out_of_distribution"] == pytest.approx(1 / 7)
    # decided primaries: I10, K21.9, K21.9, K21.9 (none reached the suggestion threshold: the likeliest primary is
    # suggested), K21.9, K21.9 (tie broken by order), K21.9 -> 6/7 right
    assert m["test/audit/primary_diagnosis_accuracy"] == pytest.approx(6 / 7)
    # decided procedures: [H22.9 Z28.6], [], [Z28.6], [], [H22.9], [], [] -> right: 0, 1, 3, 5, 6
    assert m["test/audit/primary_procedure_accuracy"] == pytest.approx(5 / 7)
    assert m["test/audit/primary_diagnosis_accuracy_n"] == 7
    # gold icd10 codes: 10 (B99 outside the label space)
    assert m["test/icd10/unseen_code_share"] == pytest.approx(1 / 10)
    assert m["test/icd10/f1_micro_all_codes"] < m["test/icd10/f1_micro"]
    for key in ("map", "f1_micro", "f1_macro", "precision_at_5", "exact_match", "ece"):
        assert 0 <= m[f"test/icd10/{key}"] <= 1
    assert all(isinstance(v, float) for v in m.values())


def test_without_ood_the_wrong_episode_is_auto_coded(episodes):
    outputs, tables = episodes
    result = evaluate_predictions(outputs, GOLD, tables, split="validation")
    assert result.metrics["validation/automation/rate"] == pytest.approx(2 / 7)
    assert result.metrics["validation/automation/accuracy"] == pytest.approx(1 / 2)


def test_per_code_table(episodes):
    outputs, tables = episodes
    frame = evaluate_predictions(outputs, GOLD, tables).per_code["icd10"]
    assert list(frame.code) == ["K21.9", "K29.7", "I10", "R10.4"]
    row = frame.set_index("code").loc["K21.9"]
    # K21.9 gold in 6 episodes; p >= 0.5 in 6 (rows 0, 1, 2, 4, 5, 6), gold among them: 0, 1, 2, 5, 6 -> 5
    assert row.support == 6 and row.precision == pytest.approx(5 / 6) and row.recall == pytest.approx(5 / 6)
    assert row.auto_precision == pytest.approx(5 / 6) and bool(row.auto)
    assert not frame.set_index("code").loc["R10.4"].auto
