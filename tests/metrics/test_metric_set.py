"""`metric_set.system_metrics`: the one metric set, hand-computed, and the same dict from every caller."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.metrics.metric_set import document_map, metric_key, metric_names, split_map, system_metrics

LABELS = ["A", "B", "C"]
PROBS = np.array([[0.9, 0.4, 0.5],    # ranks A, C, B
                  [0.8, 0.1, 0.3],    # ranks A, C, B
                  [0.2, 0.3, 0.1]])   # ranks B, A, C
GOLD = [["A", "B"], ["C"], ["Z"]]     # Z lies outside the label space


def test_document_map_hand_computed():
    # AP: {A, B} -> (1/1 + 2/3) / 2; {C} -> 1/2; {Z} is never ranked -> 0
    assert document_map(GOLD, PROBS, LABELS) == pytest.approx(((1 + 2 / 3) / 2 + 1 / 2 + 0) / 3)
    # half the gold set outside the label space halves that document's AP
    assert document_map([["A", "Z"]], PROBS[:1], LABELS) == pytest.approx(0.5)


def test_keys_read_split_system_metric_and_k_names_precision():
    m = system_metrics("test", "icd10", PROBS, GOLD, LABELS, k=2)
    assert list(m) == [metric_key("test", "icd10", name) for name in metric_names(2)]
    assert "test/icd10/precision_at_2" in m and not any(key.endswith("precision_at_k") for key in m)


def test_hand_computed_values():
    m = {key.split("/")[-1]: v for key, v in system_metrics("test", "s", PROBS, GOLD, LABELS, k=1).items()}
    # at 0.5: predicted {A, C}, {A}, {} -> tp 1 (A), fp 2 (C in row 0, A in row 1), fn 2 (B, C; Z is outside)
    assert m["f1_micro"] == pytest.approx(2 / (2 + 2 + 2))
    # per code: A 2/3 (tp 1, fp 1), B 0, C 0 -> macro over the three present codes
    assert m["f1_macro"] == pytest.approx((2 / 3) / 3)
    # all codes: Z is one more miss, and one more present code with F1 0
    assert m["f1_micro_all_codes"] == pytest.approx(2 / (2 + 2 + 3))
    assert m["f1_macro_all_codes"] == pytest.approx((2 / 3) / 4)
    assert m["unseen_code_share"] == pytest.approx(1 / 4)  # Z of A, B, C, Z
    assert m["precision_at_1"] == pytest.approx((1 + 0 + 0) / 3)  # top codes A, A, B
    assert m["exact_match"] == pytest.approx(1 / 3)  # over the label space: row 2 predicts nothing, as its gold
    assert m["map_document"] == pytest.approx(document_map(GOLD, PROBS, LABELS))
    # per-code AP: A (gold row 0, ranked first by .9) 1; B (gold row 0, first by .4) 1; C (gold row 1, second
    # after row 0's .5) 1/2
    assert m["map"] == pytest.approx((1 + 1 + 0.5) / 3)


def test_multi_hot_gold_equals_code_lists_within_the_label_space():
    gold = [["A", "B"], ["C"], []]
    matrix = np.array([[1, 1, 0], [0, 0, 1], [0, 0, 0]])
    assert system_metrics("v", "s", PROBS, matrix, LABELS) == system_metrics("v", "s", PROBS, gold, LABELS)


def test_split_map_is_the_mean_of_the_systems():
    m = system_metrics("test", "a", PROBS, GOLD, LABELS) | system_metrics("test", "b", PROBS[:, :2], GOLD, LABELS[:2])
    assert split_map("test", m, ["a", "b"]) == {"test/map": pytest.approx((m["test/a/map"] + m["test/b/map"]) / 2)}


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="2 labels for 3 score columns"):
        system_metrics("t", "s", PROBS, GOLD, LABELS[:2])
    with pytest.raises(ValueError, match="2 gold rows for 3 score rows"):
        system_metrics("t", "s", PROBS, GOLD[:2], LABELS)


def test_training_and_evaluation_give_the_same_dict():
    """Training's test figures (`train.run.split_metrics`) and `evaluate` (`eval.evaluation.model_metrics`, which
    `evaluate_predictions` logs) on the same probabilities and gold give identical dicts."""
    from datasets import Dataset

    from autocoding.eval.evaluation import model_metrics
    from autocoding.policy.outputs import SystemOutputs
    from autocoding.train.predict import Predictions
    from autocoding.train.run import split_metrics

    class Data:
        splits = {"test": Dataset.from_dict({"icd10": GOLD})}

    probs = PROBS.astype(np.float32)
    pred = Predictions(probs={"icd10": probs}, rows=np.arange(3))
    from_training = split_metrics("test", {"icd10": LABELS}, pred, Data(), prefix="test")
    out = SystemOutputs(probs=probs, primary_probs=np.full_like(probs, 1 / 3), labels=LABELS)
    from_evaluate = model_metrics(out, GOLD, split="test", system="icd10").scalars
    direct = system_metrics("test", "icd10", probs, GOLD, LABELS)
    assert from_evaluate == direct
    assert from_training == direct | {"test/map": direct["test/icd10/map"]}
