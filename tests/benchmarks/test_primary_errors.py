"""benchmarks/primary_errors.py: each episode's primary field in exactly one class, counted by hand."""

from __future__ import annotations

from tests.helpers.benchmark_scripts import load_benchmark


def test_each_class_by_hand():
    module = load_benchmark("primary_errors")
    space = {"K21.9", "K57.3", "R19.4", "I10"}
    cases = [
        (["K21.9", "I10"], ["K21.9"], "right"),
        ([], [], "right"),
        ([], ["G45.9"], "no gold primary"),
        (["K50.1"], ["K57.3"], "gold outside the label space"),
        (["K57.3", "R19.4"], ["R19.4", "K57.3"], "suggested, not first"),
        (["K57.3"], ["I10"], "in the label space, not suggested"),
        (["K57.3"], [], "nothing suggested"),
        (["K50.1"], [], "gold outside the label space"),
    ]
    for gold, suggested, expected in cases:
        assert module.primary_class(gold, suggested, space) == expected, (gold, suggested)


def test_classify_counts_every_class_and_the_confusions():
    module = load_benchmark("primary_errors")
    gold = {"icd10": [["K57.3", "R19.4"], ["K57.3"], ["K57.3"], ["K21.9"]]}
    suggested = {"icd10": [["R19.4", "K57.3"], ["I10"], ["R19.4"], ["K21.9"]]}
    out = module.classify(gold, suggested, {"icd10": ["K21.9", "K57.3", "R19.4", "I10"]}, confusions=5)
    classes = out["icd10"]["classes"]
    assert list(classes) == list(module.CLASSES) and sum(classes.values()) == 4
    assert classes["right"] == 1 and classes["suggested, not first"] == 1
    assert classes["in the label space, not suggested"] == 2
    assert out["icd10"]["confusions"] == [["K57.3", "R19.4", 2], ["K57.3", "I10", 1]]


def test_bands_by_novelty_counted_by_hand():
    module = load_benchmark("primary_errors")
    score = [0.30, 0.05, 0.20, 0.10, 0.00, 0.25]
    right = {"icd10": [False, True, False, True, True, True]}
    bands = module.by_band(score, right, 3)
    # lowest first: (0.00, 0.05) both right; (0.10, 0.20) one right; (0.25, 0.30) one right
    assert [(b["episodes"], b["low"], b["high"]) for b in bands] == [(2, 0.0, 0.05), (2, 0.1, 0.2), (2, 0.25, 0.3)]
    assert [b["right"]["icd10"] for b in bands] == [1.0, 0.5, 0.5]
