"""The local Hugging Face `evaluate` module loads offline and gives the numbers of the autocoding functions.
One test only: `import evaluate` takes about 5 s."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from autocoding.eval.audit import audit_fields
from autocoding.eval.hf_metric import metric_dir
from autocoding.metrics import functional as F


def test_evaluate_module_offline(tmp_path, monkeypatch, audit_example):
    PRED, GOLD = audit_example
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    import evaluate

    audit = evaluate.load(str(metric_dir()), "audit", experiment_id="audit-test")
    as_records = [{"diagnoses": d, "procedures": p} for d, p in zip(PRED["icd10"], PRED["opcs4"], strict=True)]
    gold_records = [{"diagnoses": d, "procedures": p} for d, p in zip(GOLD["icd10"], GOLD["opcs4"], strict=True)]
    scores = audit.compute(predictions=as_records, references=gold_records, auto=[True, True, False])
    expected = {k: v.value for k, v in audit_fields(PRED, GOLD).fields.items()}
    assert {k: scores[k] for k in expected} == pytest.approx(expected)
    assert scores["automation_rate"] == pytest.approx(2 / 3) and scores["automation_accuracy"] == pytest.approx(0.5)

    labels = evaluate.load(str(metric_dir()), "labels", experiment_id="labels-test")
    probs = np.array([[0.9, 0.2, 0.6], [0.4, 0.7, 0.1], [0.8, 0.3, 0.55]], dtype=np.float32)
    targets = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 1]])
    scores = labels.compute(predictions=probs.tolist(), references=targets.tolist(), k=2)
    p, t = torch.from_numpy(probs).double(), torch.from_numpy(targets)
    assert scores["map"] == pytest.approx(float(F.mean_average_precision(p, t)), abs=1e-6)
    assert scores["f1_micro"] == pytest.approx(float(F.f1_micro(p, t)), abs=1e-6)
    assert scores["f1_macro"] == pytest.approx(float(F.f1_macro(p, t)), abs=1e-6)
    assert scores["precision_at_2"] == pytest.approx(float(F.precision_at_k(p, t, 2)), abs=1e-6)
    assert scores["exact_match"] == pytest.approx(float(F.exact_match(p, t)), abs=1e-6)
    assert scores["ece"] == pytest.approx(float(F.expected_calibration_error(p, t)), abs=1e-6)
    # hand-computed: at 0.5, tp 4 (0.9, 0.6, 0.7, 0.55), fp 1 (0.8), fn 1 (0.4) -> micro F1 = 8 / 10
    assert scores["f1_micro"] == pytest.approx(0.8)
