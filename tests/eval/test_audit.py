"""Audit fields and automation figures on a hand-computed example of three episodes."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.eval.audit import (
    audit_fields,
    automation_figures,
    primary_correct,
    secondary_correct,
    secondary_overlap,
)


def test_primary_and_secondary_per_episode(audit_example):
    PRED, GOLD = audit_example
    assert primary_correct(PRED["icd10"], GOLD["icd10"]).tolist() == [True, False, True]
    assert secondary_correct(PRED["icd10"], GOLD["icd10"]).tolist() == [True, False, False]  # order ignored
    assert primary_correct(PRED["opcs4"], GOLD["opcs4"]).tolist() == [True, True, False]  # both empty = right
    assert secondary_correct(PRED["opcs4"], GOLD["opcs4"]).tolist() == [True, True, True]
    # secondaries: e1 {C,B} vs {B,C}: 2 hits; e2 {A} vs {}: 0 of 1; e3 {} vs {B}: 0 of 1
    assert secondary_overlap(PRED["icd10"], GOLD["icd10"]) == (2, 3, 3)


def test_audit_fields_hand_computed(audit_example):
    PRED, GOLD = audit_example
    result = audit_fields(PRED, GOLD)
    values = {name: prop.value for name, prop in result.fields.items()}
    assert values == pytest.approx({
        "primary_diagnosis_accuracy": 2 / 3,
        "secondary_diagnoses_accuracy": 1 / 3,
        "secondary_diagnoses_precision": 2 / 3,
        "secondary_diagnoses_recall": 2 / 3,
        "primary_procedure_accuracy": 2 / 3,
        "secondary_procedures_accuracy": 1.0,
        "secondary_procedures_precision": 1.0,
        "secondary_procedures_recall": 1.0,
        "episode_accuracy": 1 / 3,
    })
    assert result.fields["secondary_diagnoses_precision"].n == 3
    assert result.episode_correct.tolist() == [True, False, False]


def test_automation_figures_hand_computed(audit_example):
    PRED, GOLD = audit_example
    correct = audit_fields(PRED, GOLD).episode_correct
    figures = automation_figures(np.array([True, True, False]), correct)
    assert (figures["rate"].successes, figures["rate"].n) == (2, 3)
    assert (figures["accuracy"].successes, figures["accuracy"].n) == (1, 2)  # e1 right, e2 wrong
    assert np.isnan(automation_figures(np.array([False]), np.array([True]))["accuracy"].value)


def test_diagnoses_only(audit_example):
    PRED, GOLD = audit_example
    result = audit_fields({"icd10": PRED["icd10"]}, {"icd10": GOLD["icd10"]})
    assert "primary_procedure_accuracy" not in result.fields
    assert result.episode_correct.tolist() == [True, False, False]
