"""The local Hugging Face `evaluate` module loads offline and gives the numbers of the autocoding functions.
One test only: `import evaluate` takes about 5 s."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.eval.audit import audit_fields
from autocoding.eval.hf_metric import metric_dir
from autocoding.metrics.metric_set import system_metrics


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
    # values a float32 holds exactly: the wrapper's features are float32, so the dicts can be compared for equality
    probs = np.array([[0.875, 0.25, 0.625], [0.375, 0.75, 0.125], [0.8125, 0.3125, 0.5625]], dtype=np.float32)
    targets = np.array([[1, 0, 1], [1, 1, 0], [0, 0, 1]])
    scores = labels.compute(predictions=probs.tolist(), references=targets.tolist(), k=2)
    # the same dict as the metric set every other caller logs, without the split/system prefix
    direct = system_metrics("test", "icd10", probs, targets, k=2)
    assert scores == {key.removeprefix("test/icd10/"): value for key, value in direct.items()}
    assert "precision_at_2" in scores and "precision_at_k" not in scores
    # hand-computed: at 0.5, tp 4 (0.875, 0.625, 0.75, 0.5625), fp 1 (0.8125), fn 1 (0.375) -> micro F1 = 8 / 10
    assert scores["f1_micro"] == pytest.approx(0.8)
