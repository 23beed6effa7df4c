"""benchmarks/refusal_detectors.py: each detector's figures from flags and per-episode correctness, counted by hand."""

from __future__ import annotations

import numpy as np
from tests.helpers.benchmark_scripts import load_benchmark


def test_each_detector_alone_and_sole_counted_by_hand():
    module = load_benchmark("refusal_detectors")
    correct = np.array([True, True, False, False, True, False])
    flags = {
        "no_usable_text": np.array([0, 0, 0, 0, 0, 1], dtype=bool),
        "ood_wording": np.array([0, 1, 1, 1, 0, 0], dtype=bool),
        "uncertain_code": np.array([0, 0, 1, 0, 1, 0], dtype=bool),
    }
    figures = module.per_detector(flags, correct)
    assert list(figures) == ["no_usable_text", "ood_wording", "uncertain_code"]
    wording = figures["ood_wording"]
    assert wording["flagged"] == 3
    assert abs(wording["wrong_among_flagged"] - 2 / 3) < 1e-12
    assert abs(wording["wrong_among_not_flagged"] - 1 / 3) < 1e-12   # rows 0, 4 right; row 5 wrong
    assert abs(wording["recall_of_wrong"] - 2 / 3) < 1e-12           # wrong rows 2, 3, 5; flags 2 and 3
    # alone: not flagged by it and not blocked before the model -> rows 0 and 4, both right
    assert (wording["alone_auto"], wording["alone_right"]) == (2, 2)
    # sole: rows it refuses that nothing else refuses -> 1 (right) and 3 (wrong)
    assert (wording["sole"], wording["sole_right"]) == (2, 1)
    uncertain = figures["uncertain_code"]
    assert (uncertain["alone_auto"], uncertain["alone_right"]) == (3, 2)  # rows 0, 1, 3
    assert (uncertain["sole"], uncertain["sole_right"]) == (1, 1)          # row 4
    assert uncertain["alone_accuracy_low95"] < 2 / 3


def test_no_episode_flagged_gives_no_rate_among_flagged():
    figures = load_benchmark("refusal_detectors").per_detector({"coding_rule": np.zeros(3, dtype=bool)}, np.array([True, False, True]))
    assert figures["coding_rule"]["wrong_among_flagged"] is None
    assert figures["coding_rule"]["alone_auto"] == 3 and figures["coding_rule"]["alone_right"] == 2
