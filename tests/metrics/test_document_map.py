"""`test/<system>/map_document`: CodiEsp's per-document MAP over the ranked label space, on a hand-computed case."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.train.run import document_map


def test_document_map_hand_computed():
    codes = ["A", "B", "C"]
    probs = np.array([[0.9, 0.4, 0.5],    # ranks A, C, B; gold {A, B}: AP = (1/1 + 2/3) / 2
                      [0.8, 0.1, 0.3],    # ranks A, C, B; gold {C}: AP = 1/2
                      [0.2, 0.3, 0.1]])   # gold {Z}, outside the label space: never ranked, AP = 0
    gold = [["A", "B"], ["C"], ["Z"]]
    assert document_map(gold, probs, codes) == pytest.approx(((1 + 2 / 3) / 2 + 1 / 2 + 0) / 3)
    # half the gold set outside the label space halves that document's AP
    assert document_map([["A", "Z"]], probs[:1], codes) == pytest.approx(0.5)
