from __future__ import annotations

import math

import pytest

from autocoding.registry.promotion import PromotionPolicy, Score, challenger_wins, score_from_metrics

POLICY = PromotionPolicy(min_accuracy=0.95)


def test_no_champion_promotes():
    assert challenger_wins(Score(0.3, 0.97, 0.8), None, POLICY)[0]


def test_more_automation_at_accuracy_wins():
    assert challenger_wins(Score(0.45, 0.96, 0.70), Score(0.40, 0.99, 0.90), POLICY)[0]


def test_worse_challenger_does_not_take_champion():
    wins, reason = challenger_wins(Score(0.35, 0.97, 0.95), Score(0.40, 0.96, 0.80), POLICY)
    assert not wins and "does not beat" in reason


def test_more_automation_below_accuracy_bar_loses():
    wins, reason = challenger_wins(Score(0.80, 0.90, 0.95), Score(0.40, 0.96, 0.80), POLICY)
    assert not wins and "below the 95% accuracy bar" in reason


def test_tie_on_automation_goes_to_map_and_full_tie_keeps_champion():
    assert challenger_wins(Score(0.4, 0.97, 0.81), Score(0.4, 0.99, 0.80), POLICY)[0]
    assert not challenger_wins(Score(0.4, 0.97, 0.80), Score(0.4, 0.97, 0.80), POLICY)[0]


def test_nothing_auto_coded_is_eligible_but_loses_to_eligible_automation():
    nothing = Score(0.0, math.nan, 0.9)
    assert nothing.eligible(POLICY)
    assert challenger_wins(Score(0.1, 0.96, 0.5), nothing, POLICY)[0]
    assert not challenger_wins(nothing, Score(0.1, 0.96, 0.5), POLICY)[0]


def test_score_from_metrics_averages_system_maps():
    metrics = {"test/automation/rate": 0.5, "test/automation/accuracy": 0.96, "test/icd10/map": 0.6,
               "test/opcs4/map": 0.8, "test/audit/primary_diagnosis_accuracy": 0.9, "val/map": 0.1}
    score = score_from_metrics(metrics)
    assert (score.automation_rate, score.automation_accuracy) == (0.5, 0.96)
    assert score.map == pytest.approx(0.7)
