"""Threshold rules on hand-computed examples. With confidence 0.5 the Wilson bound is the raw proportion (z = 0),
so the rule itself can be checked by hand; other tests show what the confidence bound changes."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from omegaconf import OmegaConf

from autocoding.errors import ConfigError
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.bounds import clopper_pearson_lower, wilson_interval, wilson_lower
from autocoding.policy.thresholds import (
    ThresholdConfig,
    absent_threshold,
    evidence_against,
    fit_code_thresholds,
    load_thresholds,
    present_thresholds,
    primary_threshold,
    save_thresholds,
)

P = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])[:, None]
Y = np.array([1, 1, 0, 1, 1, 0, 0, 0], dtype=float)[:, None]


def test_bounds_hand_computed():
    # all successes: Wilson lower = n / (n + z^2), z = 1.6449 at 95%: 19 / 21.7055
    assert wilson_lower(np.array(19), np.array(19), 0.95) == pytest.approx(19 / (19 + 1.644854**2), abs=1e-6)
    # Clopper-Pearson with k = n: alpha ** (1 / n)
    assert clopper_pearson_lower(np.array(19), np.array(19), 0.95) == pytest.approx(0.05 ** (1 / 19), abs=1e-6)
    assert wilson_lower(np.array(3), np.array(4), 0.5) == pytest.approx(0.75)  # z = 0: the raw proportion
    assert wilson_lower(np.array(0), np.array(0), 0.95) == 0.0
    low, high = wilson_interval(8, 10)
    assert low < 0.8 < high and 0.45 < low < 0.5 and 0.9 < high < 0.96


def test_present_is_lowest_threshold_reaching_target():
    # precision from the top: 1/1, 2/2, 2/3, 3/4, 4/5, 4/6, 4/7, 4/8 -> lowest with >= 0.75 is the 5th, p = 0.5
    assert present_thresholds(P, Y, target=0.75, confidence=0.5)[0] == 0.5
    assert present_thresholds(P, Y, target=0.81, confidence=0.5)[0] == 0.8  # only 1/1 and 2/2 qualify


def test_present_confidence_bound_blocks_small_evidence():
    # raw precision 4/5 = 0.8 >= 0.75, but the 95% Wilson lower bound of 4/5 is 0.435 (and of 2/2 is 0.425)
    assert math.isinf(present_thresholds(P, Y, target=0.75, confidence=0.95)[0])
    # n right out of n (then only wrong ones): Wilson bound n / (n + 2.7055): 52 -> 0.9505, 53 -> 0.9514
    many = np.linspace(1, 0.5, 100)[:, None]
    for n_right, expected in [(53, many[52, 0]), (52, np.inf), (51, np.inf)]:
        gold = (np.arange(100) < n_right).astype(float)[:, None]
        assert present_thresholds(many, gold, 0.9513, 0.95)[0] == expected


def test_present_ties_form_one_threshold():
    probs, gold = np.array([[0.9], [0.5], [0.5]]), np.array([[1.0], [1.0], [0.0]])
    # cutting between the tied 0.5s would claim 2/2; the real threshold 0.5 gives 2/3 < 0.75 -> 0.9
    assert present_thresholds(probs, gold, 0.75, 0.5)[0] == 0.9


def test_absent_is_pooled_over_codes_and_bounds_missed_codes():
    # gold codes of two columns pooled: probabilities 0.05 (col 0), 0.2, 0.6 (col 1), 0.8, 0.9 (col 0) -> 5 codes
    probs = np.array([[0.05, 0.01], [0.9, 0.2], [0.8, 0.6], [0.3, 0.1]])
    gold = np.array([[1, 0], [1, 1], [1, 1], [0, 0]], dtype=float)
    # raw shares kept (z = 0): 0 misses 5/5, 1 miss 4/5 = 0.8, 2 misses 3/5 = 0.6
    assert absent_threshold(probs, gold, target=0.8, confidence=0.5) == 0.2  # dismisses only the 0.05
    assert absent_threshold(probs, gold, target=0.6, confidence=0.5) == 0.6  # dismisses 0.05 and 0.2
    assert absent_threshold(probs, gold, target=0.9, confidence=0.5) == 0.05  # no miss allowed
    # 5 of 5 has 95% Wilson lower bound 5 / (5 + 2.7055) = 0.649: even no miss does not show 0.9
    assert absent_threshold(probs, gold, target=0.9, confidence=0.95) == 0.0
    assert absent_threshold(probs, np.zeros_like(gold), target=0.5, confidence=0.5) == 0.0  # no gold codes


def test_absent_ties_are_dismissed_together():
    probs, gold = np.array([[0.1], [0.1], [0.5]]), np.array([[1.0], [1.0], [1.0]])
    # one miss allowed (2/3 >= 0.6), but the two 0.1s tie: t = 0.1 dismisses neither, the next cut both
    assert absent_threshold(probs, gold, target=0.6, confidence=0.5) == 0.1


def _three_codes():
    # code A: 3 positives; codes B and C: 1 positive each (below min_support = 2)
    probs = np.array([
        [0.9, 0.9, 0.8], [0.8, 0.3, 0.7], [0.7, 0.1, 0.1], [0.6, 0.1, 0.1], [0.2, 0.1, 0.1], [0.1, 0.1, 0.1],
    ])
    gold = np.array([[1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], dtype=float)
    return probs, gold


def test_min_support_shared_fallback():
    probs, gold = _three_codes()
    config = ThresholdConfig(target_precision=0.6, confidence=0.5, min_support=2, fallback="shared", absent_target=0.8)
    table = fit_code_thresholds("icd10", ["A", "B", "C"], probs, gold, config)
    # A: 3/3 at .7, 3/4 at .6, 3/5 = .6 at .2, 3/6 at .1 -> 0.2
    # B+C pooled: .9(1) .8(0) .7(1) .3(0) .1 x 8 -> 1/1, 1/2, 2/3 at .7, 2/4 ... -> 0.7 shared.
    # B at .7: 1 of 1 right -> shares it. C at .7: 1 of 2 right, upper bound (confidence 0.5: the point
    # estimate) 0.5 < 0.6: its own evidence is against the target -> never auto-coded ("not_reached").
    assert table.present.tolist() == [0.2, 0.7, np.inf]
    assert table.rule == ["code", "shared", "not_reached"]
    assert table.auto.tolist() == [True, True, False]
    assert table.support.tolist() == [3, 1, 1]
    assert np.all(table.absent <= table.present)
    # absent, pooled: gold probabilities .7 .8 .9 (A), .9 (B), .7 (C) -> 1 of 5 may be missed (4/5 >= 0.8):
    # t = the 2nd smallest, .7 (the tied .7s: neither dismissed); capped at each present threshold
    assert table.absent.tolist() == [0.2, 0.7, 0.7]


def test_codes_that_cannot_show_the_target_alone_share_the_pooled_threshold():
    """target 0.9 at confidence 0.8 (z = 0.84), min_support 5; 80 episodes, other probabilities 0.05.
    A: 5 positives at .9, one negative at .99: 5/6, lower bound 0.67 -> no threshold of its own (before
       2026-12-02 it was then never auto-coded), but nothing shows it below the target (upper bound at the
       shared threshold 0.92) -> shares.
    D: 2 positives at .2, negatives at .97 twice: at the shared threshold 2 of 4 right, upper bound 0.69 < 0.9:
       evidence against it -> never auto-coded ("not_reached").
    B0..B14: 4 positives each at .95 (below min_support) -> share.
    Pool: .99 (1 wrong), .97 (2 wrong), .95 (60 right), .9 (5 right), .2 (2 right): at .2, 67 of 70, lower bound
    0.932 >= 0.9 -> shared threshold 0.2. C: 8 of 8 at .8 (bound 0.918) keeps its own threshold."""
    labels = ["A", "C", "D"] + [f"B{i}" for i in range(15)]
    probs, gold = np.full((80, len(labels)), 0.05), np.zeros((80, len(labels)))
    probs[0, 0], probs[1:6, 0], gold[1:6, 0] = 0.99, 0.9, 1
    probs[6:14, 1], gold[6:14, 1] = 0.8, 1
    probs[14:16, 2], probs[16:18, 2], gold[16:18, 2] = 0.97, 0.2, 1
    for i in range(15):
        rows = slice(18 + 4 * i, 22 + 4 * i)
        probs[rows, 3 + i], gold[rows, 3 + i] = 0.95, 1
    config = ThresholdConfig(target_precision=0.9, confidence=0.8, min_support=5, fallback="shared")
    table = fit_code_thresholds("icd10", labels, probs, gold, config)
    assert table.rule[:3] == ["shared", "code", "not_reached"] and set(table.rule[3:]) == {"shared"}
    assert table.present[:3].tolist() == [0.2, 0.8, np.inf] and set(table.present[3:].tolist()) == {0.2}
    assert table.auto.tolist() == [True, True, False] + [True] * 15
    never = fit_code_thresholds("icd10", labels, probs, gold, replace(config, fallback="never"))
    assert never.rule[:3] == ["not_reached", "code", "never"] and set(never.rule[3:]) == {"never"}


def test_evidence_against_uses_the_upper_bound():
    config = ThresholdConfig(target_precision=0.9, confidence=0.8)
    probs = np.array([[0.95, 0.95, 0.1]] * 2 + [[0.95, 0.1, 0.1]] * 3)
    gold = np.array([[1, 0, 1], [1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 0, 0]], dtype=float)
    # column 0: 4 of 5 right, Wilson upper bound 0.908 -> not against (3 of 4 would be: 0.884);
    # column 1: 0 of 2 -> against; column 2: nothing at or above .9 -> no evidence either way
    assert evidence_against(probs, gold, 0.9, config).tolist() == [False, True, False]
    assert evidence_against(probs[1:], gold[1:], 0.9, config).tolist() == [True, True, False]


def test_min_support_never_fallback_and_pooled_support():
    probs, gold = _three_codes()
    never = ThresholdConfig(target_precision=0.6, confidence=0.5, min_support=2, fallback="never")
    table = fit_code_thresholds("icd10", ["A", "B", "C"], probs, gold, never)
    assert table.rule == ["code", "never", "never"] and table.auto.tolist() == [True, False, False]
    assert math.isinf(table.present[1])
    # shared, but the pooled low-support codes have 2 positives < min_support 3: never auto-coded
    strict = ThresholdConfig(target_precision=0.6, confidence=0.5, min_support=3, fallback="shared")
    assert fit_code_thresholds("icd10", ["A", "B", "C"], probs, gold, strict).rule == ["code", "never", "never"]


def test_primary_threshold():
    config = ThresholdConfig(primary_target=0.75, confidence=0.5)
    # right, right, wrong, right from the most confident: 1, 1, 2/3, 3/4 -> 0.4
    assert primary_threshold(np.array([0.9, 0.8, 0.6, 0.4]), np.array([1, 1, 0, 1], bool), config) == 0.4
    assert math.isinf(primary_threshold(np.array([]), np.array([], bool), config))


def test_fit_thresholds_tunes_primary_on_confident_episodes():
    from autocoding.policy.outputs import SystemOutputs

    labels = ["K21.9", "I10"]
    probs = np.array([[0.99, 0.01], [0.99, 0.99], [0.99, 0.99], [0.01, 0.99]] * 3)
    # episode kinds: K21.9 alone; both with K21.9 primary (model sure); both, model unsure (I10 is gold primary)
    primary = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.1, 0.9]] * 3)
    gold = [["K21.9"], ["K21.9", "I10"], ["I10", "K21.9"], ["I10"]] * 3
    config = ThresholdConfig(target_precision=0.9, confidence=0.5, min_support=1, primary_target=0.9, absent_target=0.9,
                             episode_target=None)
    tables = fit_thresholds({"icd10": SystemOutputs(probs, primary, labels)}, {"icd10": gold}, config)
    # renormalised confidence 0.9 (right), 0.6 (wrong), 1.0 for single codes (right): 0.9 keeps 9/9 right
    assert tables["icd10"].primary == pytest.approx(0.9)


def test_json_round_trip(tmp_path):
    probs, gold = _three_codes()
    config = ThresholdConfig(target_precision=0.6, confidence=0.5, min_support=2, fallback="never")
    table = fit_code_thresholds("icd10", ["A", "B", "C"], probs, gold, config)
    table.primary = 0.4
    path = save_thresholds({"icd10": table}, tmp_path / "bundle" / "thresholds.json")
    loaded = load_thresholds(path)["icd10"]
    assert loaded.labels == table.labels and loaded.rule == table.rule and loaded.primary == 0.4
    # the share of validation episodes with a code of the system (whether the decision requires one)
    assert loaded.coded_share == table.coded_share == pytest.approx(float((np.asarray(gold).sum(1) > 0).mean()))
    np.testing.assert_array_equal(loaded.present, table.present)  # inf survives as JSON null
    np.testing.assert_array_equal(loaded.absent, table.absent)
    np.testing.assert_array_equal(loaded.auto, table.auto)
    frame = loaded.to_frame()
    assert list(frame.columns) == ["code", "present_threshold", "absent_threshold", "auto", "support", "rule"]


def test_config_file_matches_dataclass():
    from autocoding.config import config_dir

    values = OmegaConf.to_container(OmegaConf.load(config_dir() / "thresholds" / "default.yaml"))
    assert ThresholdConfig.from_mapping(values) == ThresholdConfig()
    with pytest.raises(ConfigError, match="unknown thresholds setting"):
        ThresholdConfig.from_mapping({**values, "target_precison": 0.9})
    with pytest.raises(ConfigError, match="fallback"):
        ThresholdConfig(fallback="sometimes")
