"""Report files, the trade-off curve and per-group evaluation, on small synthetic outputs."""

from __future__ import annotations

import json

import pytest

from autocoding.eval.audit import audit_fields, automation_figures
from autocoding.eval.evaluation import evaluate_groups, evaluate_predictions
from autocoding.eval.report import write_report
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.decision import decide_episodes
from autocoding.policy.thresholds import ThresholdConfig

CONFIG = ThresholdConfig(target_precision=0.9, confidence=0.8, min_support=5, absent_target=0.95, episode_target=None)


def test_tradeoff_point_equals_fit_then_decide(synthetic_split):
    val, val_gold = synthetic_split(600, 0)
    test, test_gold = synthetic_split(400, 1)
    curve = tradeoff_curve(val, val_gold, test, test_gold, CONFIG, targets=(0.8, 0.95))
    tables = fit_thresholds(val, val_gold, ThresholdConfig(**{**CONFIG.__dict__, "target_precision": 0.95,
                                                               "primary_target": 0.95}))
    decisions = decide_episodes(test, tables)
    figures = automation_figures(decisions.auto, audit_fields(decisions.codes, test_gold).episode_correct)
    row = curve.set_index("target").loc[0.95]
    assert set(curve.target_kind) == {"per_code"}
    assert row.automation_rate == figures["rate"].value and row.auto_episodes == figures["rate"].successes
    assert row.automation_accuracy == pytest.approx(figures["accuracy"].value, nan_ok=True)
    # a higher target never auto-codes more episodes here (same data, stricter thresholds)
    assert curve.automation_rate.iloc[1] <= curve.automation_rate.iloc[0]


def test_write_report(tmp_path, synthetic_split):
    val, val_gold = synthetic_split(600, 0)
    test, test_gold = synthetic_split(400, 1)
    tables = fit_thresholds(val, val_gold, CONFIG)
    result = evaluate_predictions(test, test_gold, tables)
    curve = tradeoff_curve(val, val_gold, test, test_gold, CONFIG, targets=(0.8, 0.9))
    files = write_report(result, tmp_path / "report", "endoscopy", curve, model="test-model")
    data = json.loads(files.json.read_text())
    auto = result.automation["rate"]
    assert data["automation"]["rate"]["count"] == auto.successes and data["automation"]["rate"]["total"] == 400
    assert data["audit"]["primary_diagnosis_accuracy"]["value"] == pytest.approx(
        result.metrics["test/audit/primary_diagnosis_accuracy"], abs=1e-6)
    low, high = data["audit"]["primary_diagnosis_accuracy"]["ci95"]
    assert low <= data["audit"]["primary_diagnosis_accuracy"]["value"] <= high
    assert len(data["per_code"]["icd10"]) == 4 and len(data["tradeoff"]) == 2
    text = files.markdown.read_text()
    assert f"{auto.successes} of 400" in text and "| K21.9 |" in text and "![tradeoff](tradeoff.png)" in text
    for path in files.plots.values():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_groups_splits_episodes(synthetic_split):
    test, test_gold = synthetic_split(100, 2)
    tables = fit_thresholds(*synthetic_split(600, 0), CONFIG)
    groups = ["endoscopy"] * 60 + ["neurology"] * 40
    results = evaluate_groups(test, test_gold, tables, groups)
    assert results["endoscopy"].metrics["test/automation/episodes"] == 60
    assert results["neurology"].metrics["test/automation/episodes"] == 40
    whole = evaluate_predictions(test, test_gold, tables)
    assert results["endoscopy"].automation["rate"].successes + results["neurology"].automation["rate"].successes \
        == whole.automation["rate"].successes


def test_report_shows_the_episode_level_choice(tmp_path, synthetic_split):
    val, val_gold = synthetic_split(600, 0)
    test, test_gold = synthetic_split(400, 1)
    config = ThresholdConfig(episode_target=0.8, episode_confidence=0.8)
    tables = fit_thresholds(val, val_gold, config)
    chosen = tables["icd10"].episode["chosen"]
    curve = tradeoff_curve(val, val_gold, test, test_gold, config, targets=(0.8, 0.95))
    assert set(curve.target_kind) == {"episode"}
    # the curve's 0.8 point is exactly these tables applied to test
    result = evaluate_predictions(test, test_gold, tables)
    assert curve.set_index("target").loc[0.8].auto_episodes == result.automation["rate"].successes
    files = write_report(result, tmp_path, "endoscopy", curve)
    data = json.loads(files.json.read_text())
    assert data["thresholds"]["episode"]["chosen"] == chosen
    assert data["thresholds"]["systems"]["opcs4"]["present_floor"] == chosen["present_floor"]
    text = files.markdown.read_text()
    assert "## How the confidence thresholds were chosen" in text
    assert f"{chosen['correct']} of {chosen['auto_episodes']} auto-coded validation episodes" in text
