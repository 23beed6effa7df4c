"""The official CodiEsp MAP on hand-computed examples (TREC AP, trectools' averaging rules)."""

from __future__ import annotations

import pytest

from autocoding.metrics.codiesp_map import average_precision, codiesp_map, per_document_ap


def test_average_precision_hand_computed():
    # gold {a, b, c}; ranked a x b y: hits at ranks 1 and 3 -> (1/1 + 2/3) / 3 = 5/9 (c never found still counts)
    assert average_precision({"a", "b", "c"}, ["a", "x", "b", "y"]) == pytest.approx(5 / 9)


def test_duplicates_are_dropped_keeping_the_first_rank():
    # a a b -> a b: (1 + 1) / 2 = 1.0; if the duplicate kept its rank, b would sit at rank 3 -> (1 + 2/3) / 2
    assert average_precision({"a", "b"}, ["a", "a", "b"]) == pytest.approx(1.0)


def test_depth_cuts_the_ranking():
    assert average_precision({"b"}, ["a", "b"], depth=1) == 0.0
    assert average_precision({"b"}, ["a", "b"], depth=2) == pytest.approx(0.5)


def test_map_matches_official_rules():
    gold = {
        "d1": ["N44.8", "r52", "r52"],  # duplicate gold rows collapse; case is ignored
        "d2": ["k21.9"],
        "d3": ["i10"],  # no valid prediction -> left out of the official mean
    }
    predictions = {
        "d1": ["zz.9", "x99", "n44.8", "R52"],  # zz.9 not valid: dropped, ranks close up -> x99 n44.8 r52
        "d2": ["k21.9"],
        "d3": ["zz.9"],
        "d4": ["a00"],  # predicted but without gold codes -> counts as AP 0 (trectools 0.0.42 divides by run size)
    }
    valid = {"n44.8", "r52", "k21.9", "x99", "i10", "a00"}
    # d1: hits at ranks 2 and 3 -> (1/2 + 2/3) / 2 = 7/12; d2: 1.0; d4: 0.0
    assert per_document_ap(gold, predictions, valid) == pytest.approx({"d1": 7 / 12, "d2": 1.0, "d4": 0.0})
    assert codiesp_map(gold, predictions, valid) == pytest.approx((7 / 12 + 1.0 + 0.0) / 3)
    # the stricter variant also counts d3 as 0
    assert codiesp_map(gold, predictions, valid, missing_as_zero=True) == pytest.approx((7 / 12 + 1.0) / 4)
    # without a valid-codes list, zz.9 stays at rank 1 of d1: hits at 3 and 4 -> (1/3 + 2/4) / 2 = 5/12; d3 AP 0
    assert codiesp_map(gold, predictions) == pytest.approx((5 / 12 + 1.0 + 0.0 + 0.0) / 4)
