"""Cohort rules on hand-made rows, and the label-space rules."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from tests.helpers.build_fixtures import episode

from autocoding.data.cohort import (
    IN_COHORT,
    RULES,
    CohortRules,
    count_failures,
    length_of_stay_days,
    rule_failures,
)
from autocoding.data.label_space import CodeCounts, LabelRules, build_label_space
from autocoding.errors import ConfigError

NEURO = CohortRules.from_mapping(
    {
        "treatment_functions": ["400", "401"],
        "patient_classes": ["day_case", "ordinary"],
        "max_length_of_stay_days": 2,
        "admission_methods": ["11", "12", "13"],
        "required_procedure_chapters": [],
    }
)


def test_neurology_rules_on_hand_made_rows():
    rows = pd.DataFrame(
        [
            episode("A", "1", tf="400", pc="ordinary", los=2, px=()),  # in: 2 nights is the maximum
            episode("B", "2", tf="400", pc="ordinary", los=3, px=()),  # 3 nights: length_of_stay
            episode("C", "3", tf="401", pc="day_case", los=0, px=()),  # in: no procedure needed
            episode("D", "4", tf="400", pc="regular_day", los=0),  # patient_class
            episode("E", "5", tf="400", pc="ordinary", los=1, am="21"),  # admission_method
            episode("F", "6", tf="301"),  # treatment_function
        ]
    )
    failures = rule_failures(rows, NEURO)
    names = [RULES[f][0] if f != IN_COHORT else "in" for f in failures]
    assert names == ["in", "length_of_stay", "in", "patient_class", "admission_method", "treatment_function"]
    assert count_failures(failures) == {
        "treatment_function": 1,
        "patient_class": 1,
        "length_of_stay": 1,
        "admission_method": 1,
        "procedure_chapter": 0,
    }


def test_missing_discharge_date_fails_length_of_stay():
    rows = pd.DataFrame([episode("A", "1", tf="400", pc="ordinary")])
    rows["episode_end"] = None
    assert rule_failures(rows, NEURO).tolist() == [2]


def test_length_of_stay_counts_midnights():
    rows = pd.DataFrame([episode("A", "1", los=0), episode("B", "2", los=3)])
    rows.loc[0, "episode_end"] = "2025-01-06T17:30"  # same day, later hour: still a day case
    assert length_of_stay_days(rows).tolist() == [0, 3]


def test_empty_rules_keep_everything():
    rows = pd.DataFrame([episode("A", "1", tf="999", pc="x", los=40, am="99", px=())])
    assert (rule_failures(rows, CohortRules.from_mapping({})) == IN_COHORT).all()


def test_bad_cohort_config_is_refused():
    with pytest.raises(ConfigError, match="unknown keys"):
        CohortRules.from_mapping({"treatment_function": ["301"]})
    with pytest.raises(ConfigError, match="chapters are letters"):
        CohortRules.from_mapping({"required_procedure_chapters": ["G4"]})


def _counts(train: dict, validation: dict) -> CodeCounts:
    counts = CodeCounts(["icd10"])
    counts.codes = {"train": {"icd10": Counter(train)}, "validation": {"icd10": Counter(validation)}}
    return counts


def test_label_space_rules():
    counts = _counts({"K21.9": 5, "K29.7": 3, "K63.5": 2}, {"K21.9": 1, "C18.7": 1, "K63.5": 4})
    space = build_label_space("icd10", counts, ["train", "validation", "test"], min_count=3)
    assert space.labels == ["K21.9", "K29.7"]  # sorted by code: label id = index
    assert space.dropped == {"C18.7": "unseen in train", "K63.5": "fewer than 3 in train"}


def test_label_rules_config():
    assert LabelRules.from_mapping({"min_count": 1, "audit_splits": []}) == LabelRules(1, ())
    with pytest.raises(ConfigError):
        LabelRules.from_mapping({"min_count": 0})
    with pytest.raises(ConfigError):
        LabelRules.from_mapping({"audit_splits": ["dev"]})


def test_failures_array_shape():
    rows = pd.DataFrame([episode(str(i), str(i)) for i in range(4)])
    failures = rule_failures(rows, NEURO)
    assert failures.shape == (4,) and failures.dtype == np.int8
