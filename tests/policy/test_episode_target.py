"""The episode-level target search (eval.episode_target, tuning.search_episode_setting) on a hand-built set.

15 validation episodes, one system (labels A, B), every gold list starts with A:
- rows 0-7:   gold [A],    p = (0.95, 0.01)  right whatever the setting
- rows 8-9:   gold [A],    p = (0.95, 0.70)  the model wrongly leans to B
- rows 10-13: gold [A, B], p = (0.95, 0.95)  right whatever the setting
- row 14:     gold [A, B], p = (0.95, 0.30)  B is there, the model barely sees it
With confidence 0.5 every bound is the raw share (z = 0), and without cross-fitting the grid is judged on the
episodes it was fitted on, so the figures can be worked by hand:
- per-code rule at target 0.6: A's threshold 0.95 (15/15); B's cuts give 4/4 at 0.95, 4/6 at 0.7, 5/7 at 0.3,
  5/15 at 0.01, so 0.3 is the lowest reaching 0.6.
- absent target 0.99, pooled over the 19 gold codes (18 at 0.95, one at 0.3): no miss allowed, so t = 0.3.
- primary: A is primary everywhere, with renormalised confidence 1.0 or 0.9, always right: threshold 0.9.
Floor 0.0: B present at >= 0.3: all 15 auto-coded, rows 8-9 wrong: 13/15 = 0.867.
Floor 0.5: B present at >= 0.5; row 14 (0.3) uncertain; rows 8-9 wrong: 12/14 = 0.857.
Floor 0.9: B present at >= 0.9; rows 8-9 and 14 uncertain: 12 auto-coded, all right: 12/12.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from autocoding.eval.episode_target import Setting, SettingResult, choose_setting
from autocoding.eval.evaluation import evaluate_predictions
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.decision import decide_episodes
from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.thresholds import ThresholdConfig, load_thresholds, save_thresholds, tables_to_json

LABELS = ["A", "B"]
B_PROBS = [0.01] * 8 + [0.7] * 2 + [0.95] * 4 + [0.3]
GOLD = {"icd10": [["A"]] * 10 + [["A", "B"]] * 5}
CONFIG = ThresholdConfig(target_precision=0.6, confidence=0.5, min_support=1, absent_target=0.99,
                         primary_target=0.9, episode_target=0.9, episode_confidence=0.5,
                         episode_floor_grid=(0.0, 0.5, 0.9), episode_absent_grid=(0.99,), episode_cross_fit=False)


def _outputs(rows=slice(None)):
    probs = np.column_stack([np.full(15, 0.95), B_PROBS])
    primary = np.tile([0.9, 0.1], (15, 1))
    return {"icd10": SystemOutputs(probs[rows], primary[rows], LABELS)}


def _gold(rows):
    return {"icd10": [GOLD["icd10"][i] for i in rows]}


def test_hand_computed_grid_and_the_choice():
    tables = fit_thresholds(_outputs(), GOLD, CONFIG)
    search = tables["icd10"].episode
    grid = {row["present_floor"]: (row["auto_episodes"], row["correct"]) for row in search["grid"]}
    assert grid == {0.0: (15, 13), 0.5: (14, 12), 0.9: (12, 12)}
    # only floor 0.9 reaches 0.9: it is kept, with its thresholds and figures
    assert search["met"] and search["chosen"]["present_floor"] == 0.9
    assert search["chosen"]["rate"] == pytest.approx(12 / 15) and search["chosen"]["accuracy"] == 1.0
    assert tables["icd10"].present.tolist() == [0.95, 0.9] and tables["icd10"].absent.tolist() == [0.3, 0.3]
    assert tables["icd10"].primary == pytest.approx(0.9)
    assert tables["icd10"].config["present_floor"] == 0.9
    decisions = decide_episodes(_outputs(), tables)
    assert np.flatnonzero(~decisions.auto).tolist() == [8, 9, 14]


def test_the_most_automating_setting_meeting_the_target_wins():
    # at target 0.85 floor 0.0 (13/15 = 0.867) qualifies and auto-codes the most; floor 0.5 (0.857) too, but fewer
    search = fit_thresholds(_outputs(), GOLD, replace(CONFIG, episode_target=0.85))["icd10"].episode
    assert search["met"] and search["chosen"]["present_floor"] == 0.0 and search["chosen"]["auto_episodes"] == 15


def test_no_setting_meets_the_target_nothing_is_auto_coded():
    # at 90% confidence 12 right of 12 has Wilson lower bound 12 / (12 + 1.2816^2) = 0.880 < 0.99
    tables = fit_thresholds(_outputs(), GOLD, replace(CONFIG, episode_target=0.99, episode_confidence=0.9))
    search = tables["icd10"].episode
    assert not search["met"]
    assert search["chosen"]["present_floor"] == 0.9  # the best bound, kept for the suggestions
    assert search["chosen"]["accuracy_lower"] == pytest.approx(12 / (12 + 1.281552**2), abs=1e-5)
    result = evaluate_predictions(_outputs(), GOLD, tables, split="validation")
    assert result.metrics["validation/automation/rate"] == 0.0
    assert result.metrics["validation/exceptions/accuracy_target_not_met"] == 1.0
    reason = result.decisions[0].reasons[0]
    assert reason.kind == "accuracy_target_not_met" and "target 99.0%" in reason.detail
    assert "not right often enough" in str(reason)
    assert result.decisions[0].codes["icd10"] == ["A"]  # the coder still gets a suggestion


def test_choice_rule_ties_and_bounds():
    def result(floor, auto, correct, lower):
        return SettingResult(Setting(floor, 0.99), 100, auto, correct, lower)

    results = [result(0.0, 90, 80, 0.85), result(0.5, 80, 79, 0.95), result(0.8, 80, 79, 0.95),
               result(0.9, 70, 70, 0.97)]
    # 0.5 and 0.8 tie on automation and bound: the stricter wins
    assert choose_setting(results, 0.9, 0.9).chosen.setting == Setting(0.8, 0.99)
    assert choose_setting(results, 0.96, 0.9).chosen.setting == Setting(0.9, 0.99)
    missed = choose_setting(results, 0.99, 0.9)
    assert not missed.met and missed.chosen.setting == Setting(0.9, 0.99)
    # a setting auto-coding nothing never "meets" a target, whatever its bound says
    assert not choose_setting([result(0.9, 0, 0, 1.0)], 0.5, 0.9).met


def test_deterministic_and_order_free(tmp_path):
    first = tables_to_json(fit_thresholds(_outputs(), GOLD, CONFIG))
    assert tables_to_json(fit_thresholds(_outputs(), GOLD, CONFIG)) == first
    rows = np.random.default_rng(0).permutation(15)
    shuffled = fit_thresholds(_outputs(rows), _gold(rows), CONFIG)["icd10"].episode
    assert shuffled == first["systems"]["icd10"]["episode"]
    # what is saved is what is loaded, search record included
    tables = fit_thresholds(_outputs(), GOLD, CONFIG)
    loaded = load_thresholds(save_thresholds(tables, tmp_path / "thresholds.json"))
    assert loaded["icd10"].episode == json.loads(json.dumps(tables["icd10"].episode))


def test_cross_fitting_judges_each_half_with_thresholds_fitted_on_the_other(synthetic_split):
    outputs, gold = synthetic_split(300, seed=3)
    config = ThresholdConfig(episode_target=0.8, episode_floor_grid=(0.0, 0.9), episode_absent_grid=(0.95, 0.99))
    search = fit_thresholds(outputs, gold, config)["icd10"].episode
    assert search["grid"][0]["episodes"] == 300
    for row in search["grid"]:
        fixed = replace(config, episode_target=None, present_floor=row["present_floor"],
                        absent_target=row["absent_target"])
        auto = correct = 0
        for fit_rows, judge_rows in [(np.arange(0, 300, 2), np.arange(1, 300, 2)),
                                     (np.arange(1, 300, 2), np.arange(0, 300, 2))]:
            tables = fit_thresholds(*_split_rows(outputs, gold, fit_rows), fixed)
            result = evaluate_predictions(*_split_rows(outputs, gold, judge_rows), tables)
            auto += result.automation["accuracy"].n
            correct += result.automation["accuracy"].successes
        assert (row["auto_episodes"], row["correct"]) == (auto, correct)


def test_strictest_of_the_judged_rules_is_shipped(make_table):
    from autocoding.eval.tuning import strictest

    full = make_table("icd10", ["A", "B", "C"], [0.5, 0.6, 0.7], [0.1, 0.1, 0.1], primary=0.5)
    one = make_table("icd10", ["A", "B", "C"], [0.6, 0.5, np.inf], [0.2, 0.05, 0.3], primary=0.7)
    two = make_table("icd10", ["A", "B", "C"], [0.55, 0.65, 0.8], [0.1, 0.2, 0.3], primary=0.6)
    shipped = strictest(full, [one, two])
    assert shipped.present.tolist() == [0.6, 0.65, np.inf]
    assert shipped.absent.tolist() == [0.1, 0.05, 0.3] and shipped.primary == 0.7
    assert shipped.auto.tolist() == [True, True, False] and shipped.rule == ["code", "code", "not_reached"]


def _split_rows(outputs, gold, rows):
    return ({name: out.subset(rows) for name, out in outputs.items()},
            {name: [codes[i] for i in rows] for name, codes in gold.items()})


def test_off_uses_the_configured_setting():
    tables = fit_thresholds(_outputs(), GOLD, replace(CONFIG, episode_target=None, present_floor=0.5))
    assert tables["icd10"].episode == {} and tables["icd10"].present.tolist() == [0.95, 0.5]


def test_search_on_a_realistic_validation_set():
    """600 episodes x 300 labels, the size of a real validation set (its time: benchmarks, not asserted here)."""
    rng = np.random.default_rng(0)
    n, n_labels = 600, 300
    gold_matrix = rng.random((n, n_labels)) < 0.01
    probs = np.clip(gold_matrix * 0.9 + rng.normal(0.05, 0.05, (n, n_labels)), 0, 1)
    labels = [f"C{i:03d}" for i in range(n_labels)]
    gold = {"icd10": [[labels[j] for j in np.flatnonzero(row)] for row in gold_matrix]}
    outputs = {"icd10": SystemOutputs(probs, rng.dirichlet(np.ones(n_labels), n), labels)}
    tables = fit_thresholds(outputs, gold, ThresholdConfig())
    table = tables["icd10"]
    assert list(table.labels) == labels and len(table.episode["grid"]) == 56
    assert table.episode["met"] == (table.episode["chosen"]["accuracy_lower"] >= 0.97)
