"""The HTML report's numbers against `evaluate_predictions` on the same inputs, and the page being self-contained."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from autocoding.eval.audit import audit_fields
from autocoding.eval.evaluation import evaluate_groups, evaluate_predictions
from autocoding.eval.html_report import write_html_report
from autocoding.eval.report_document import confusions, standard_level
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.decision import REASONS
from autocoding.policy.thresholds import ThresholdConfig

CONFIG = ThresholdConfig(episode_target=0.8, episode_confidence=0.8)
GROUPS = ["301"] * 250 + ["306"] * 150


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from conftest import _synthetic_split

    val, val_gold = _synthetic_split(600, 0)
    test, gold = _synthetic_split(400, 1)
    tables = fit_thresholds(val, val_gold, CONFIG)
    evaluation = evaluate_predictions(test, gold, tables)
    curve = tradeoff_curve(val, val_gold, test, gold, CONFIG, targets=(0.7, 0.8, 0.9))
    per_group = evaluate_groups(test, gold, tables, GROUPS)
    out = tmp_path_factory.mktemp("html") / "report.html"
    report = write_html_report(evaluation, gold, out, specialty="endoscopy", tradeoff=curve, model="models:/m/1",
                               provenance={"model_name": "m", "model_version": "1",
                                           "code_tables": {"icd10": "ICD-10 (test)", "opcs4": "OPCS-4 (test)"}},
                               groups=GROUPS, group_evaluations=per_group,
                               group_names={"301": "301 Gastroenterology", "306": "306 Hepatology"})
    return evaluation, gold, report, per_group


def test_headline_equals_the_evaluation(made):
    evaluation, _, report, _ = made
    data = json.loads(report.json.read_text())
    head = data["headline"]
    rate, accuracy = evaluation.automation["rate"], evaluation.automation["accuracy"]
    assert (head["automation_rate"]["count"], head["automation_rate"]["total"]) == (rate.successes, rate.n)
    assert (head["auto_accuracy"]["count"], head["auto_accuracy"]["total"]) == (accuracy.successes, accuracy.n)
    assert head["automation_rate"]["value"] == pytest.approx(evaluation.metrics["test/automation/rate"], abs=1e-6)
    assert head["auto_accuracy"]["value"] == pytest.approx(evaluation.metrics["test/automation/accuracy"], abs=1e-6)
    assert 0 < rate.successes < 400  # the synthetic set exercises both sides
    low, high = head["auto_accuracy"]["ci95"]
    assert low < head["auto_accuracy"]["value"] < high
    assert head["target"] == {"kind": "episode", "value": 0.8, "met_on_validation": True, "confidence": 0.8}
    assert head["exceptions"] == 400 - rate.successes


def test_audit_fields_per_subset_equal_audit_fields_on_those_episodes(made):
    evaluation, gold, report, _ = made
    data = json.loads(report.json.read_text())
    auto = evaluation.decisions.auto
    for subset, rows in (("auto", np.flatnonzero(auto)), ("exceptions", np.flatnonzero(~auto))):
        pick = lambda codes, rows=rows: {s: [codes[s][i] for i in rows] for s in codes}  # noqa: E731
        expected = audit_fields(pick(evaluation.decisions.codes), pick(gold)).fields
        for field, cells in data["audit_by_subset"].items():
            assert cells[subset]["count"] == expected[field].successes and cells[subset]["total"] == len(rows)
    for field, cells in data["audit_by_subset"].items():
        assert cells["all"]["value"] == pytest.approx(evaluation.metrics[f"test/audit/{field}"], abs=1e-6)
        assert cells["all"]["level"] == standard_level(field, cells["all"]["value"])
    assert list(data["audit_by_subset"]) == ["primary_diagnosis_accuracy", "secondary_diagnoses_accuracy",
                                             "primary_procedure_accuracy", "secondary_procedures_accuracy"]


def test_per_code_and_exceptions_equal_the_evaluation(made):
    evaluation, gold, report, _ = made
    data = json.loads(report.json.read_text())
    for system, frame in evaluation.per_code.items():
        rows = {r["code"]: r for r in data["per_code"][system]}
        for record in frame.to_dict("records"):
            row = rows[record["code"]]
            assert row["support"] == record["support"]
            for key in ("precision", "recall", "f1", "threshold"):
                assert row[key] == pytest.approx(record[key], abs=1e-6), (system, key)
            held = [i for i, codes in enumerate(gold[system]) if record["code"] in codes]
            assert row["gold_episodes"] == len(held)
            assert row["auto_share"] == pytest.approx(evaluation.decisions.auto[held].mean(), abs=1e-6)
    reasons = {r["kind"]: r for r in data["exception_reasons"]}
    assert list(reasons) == list(REASONS)
    for kind in REASONS:
        assert reasons[kind]["episodes"] == int(evaluation.decisions.flags[kind].sum())
    assert data["tradeoff"] and len(data["tradeoff"]) == 3


def test_one_section_per_treatment_function(made):
    _, _, report, per_group = made
    sections = {s["group"]: s for s in report.document["sections"]}
    assert set(sections) == {"301", "306"} and sections["306"]["name"] == "306 Hepatology"
    for group, part in per_group.items():
        assert sections[group]["episodes"] == len(part.decisions)
        assert sections[group]["headline"]["automation_rate"]["count"] == part.automation["rate"].successes
    assert sum(s["episodes"] for s in sections.values()) == 400


def test_page_is_self_contained(made):
    _, _, report, _ = made
    html = report.html.read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html), "the page must not fetch anything"
    assert "<link" not in html and "@import" not in html and "url(" not in html
    images = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert len(images) == len(report.document["figures"]) == 3
    assert all(src.startswith("data:image/png;base64,") for src in images)
    head = report.document["headline"]["automation_rate"]
    assert f"{head['count']} of {head['total']}" in html
    assert "ICD-10 (test)" in html and "306 Hepatology" in html


def test_standard_levels():
    assert standard_level("primary_diagnosis_accuracy", 0.95) == "higher"
    assert standard_level("primary_diagnosis_accuracy", 0.9) == "minimum"
    assert standard_level("primary_diagnosis_accuracy", 0.899) == "below"
    assert standard_level("secondary_procedures_accuracy", 0.85) == "minimum"
    assert standard_level("secondary_procedures_accuracy", None) == ""


def test_confusions_count_primary_swaps_misses_and_additions():
    predicted = {"icd10": [["K29.7", "I10"], ["K29.7"], ["K21.9"], []]}
    gold = {"icd10": [["K21.9", "I10"], ["K21.9"], ["K21.9", "K57.3"], ["K57.3"]]}
    found = confusions(predicted, gold)["icd10"]
    assert found["primary"] == [{"gold": "K21.9", "gold_title": "", "predicted": "K29.7", "predicted_title": "",
                                 "episodes": 2}]
    assert found["missed"] == [{"code": "K21.9", "title": "", "episodes": 2},
                               {"code": "K57.3", "title": "", "episodes": 2}]
    assert found["added"] == [{"code": "K29.7", "title": "", "episodes": 2}]
