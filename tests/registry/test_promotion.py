"""The promotion gate's decision, on hand-made score sets whose outcome is known."""

from __future__ import annotations

import math

import numpy as np

from autocoding.registry.gate import AUDIT_TIERS, GateScore, GateSettings, gate_decision, gate_score

GOOD_FIELDS = {name: 0.99 for name in AUDIT_TIERS}
SETTINGS = GateSettings(target=0.97)


def score(auto: int, right: int, episodes: int = 1000, **fields) -> GateScore:
    return GateScore(episodes=episodes, auto=auto, auto_right=right, auto_fields={**GOOD_FIELDS, **fields})


def test_first_version_passes_the_same_bars():
    decision = gate_decision(score(600, 597), None, SETTINGS)  # 99.5%, lower bound ~98.5%
    assert decision.passed, decision.reasons


def test_first_version_below_the_bound_is_refused_though_its_point_estimate_is_high():
    small = score(40, 40)  # 100% right, but 40 of 40 shows only ~91% at 95% confidence
    decision = gate_decision(small, None, SETTINGS)
    assert not decision.passed and "lower bound" in decision.summary and "< target 97.0%" in decision.summary


def test_first_version_automating_nothing_is_refused():
    assert not gate_decision(score(0, 0, auto_fields={}), None, SETTINGS).passed


def test_audit_field_below_tier_refuses():
    decision = gate_decision(score(600, 597, secondary_procedures_accuracy=0.85), None, SETTINGS)
    assert not decision.passed and decision.reasons == [
        "secondary_procedures_accuracy of auto-coded episodes 85.0% < tier 90%"]


def test_challenger_that_automates_more_replaces_champion():
    assert gate_decision(score(700, 697), score(600, 597), SETTINGS).passed


def test_challenger_that_automates_less_is_refused_however_accurate():
    decision = gate_decision(score(500, 500), score(600, 594), SETTINGS)
    assert not decision.passed and decision.reasons == ["automation 50.0% < champion's 60.0%"]


def test_refusing_model_is_not_an_improvement_on_another():
    assert not gate_decision(score(0, 0), score(0, 0), SETTINGS).passed


def test_gate_score_counts_auto_coded_episodes_and_their_audit_fields():
    class Decisions:
        auto = np.array([True, True, False, True])
        codes = {"icd10": [["K21.9"], ["K29.7"], ["K21.9"], ["K21.9", "I10"]],
                 "opcs4": [["G45.1"], ["G45.1"], [], ["G45.1"]]}

    class Evaluation:
        decisions = Decisions()
        metrics = {"frozen/icd10/map": 0.8, "frozen/opcs4/map": 0.6}

    gold = {"icd10": [["K21.9"], ["K21.9"], ["K21.9"], ["K21.9", "I10"]], "opcs4": [["G45.1"]] * 4}
    result = gate_score(Evaluation(), gold)
    assert (result.episodes, result.auto, result.auto_right) == (4, 3, 2)
    assert math.isclose(result.auto_fields["primary_diagnosis_accuracy"], 2 / 3)
    assert result.auto_fields["primary_procedure_accuracy"] == 1.0
    assert math.isclose(result.map, 0.7)
    assert math.isclose(result.automation_rate, 0.75)
