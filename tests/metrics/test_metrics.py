"""Metric definitions on tiny tensors whose values are worked out by hand in the comments."""

from __future__ import annotations

import pytest
import torch

from autocoding.metrics import collection as C
from autocoding.metrics import functional as F

# 4 episodes x 4 codes. Code 3 is absent from the split but gets one false positive (row 0).
PROBS = torch.tensor(
    [
        [0.9, 0.2, 0.4, 0.6],
        [0.6, 0.7, 0.1, 0.1],
        [0.3, 0.1, 0.2, 0.1],
        [0.2, 0.8, 0.05, 0.1],
    ]
)
TARGETS = torch.tensor([[1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])


def test_confusion_counts_at_half():
    # predicted at 0.5: row0 {0,3}, row1 {0,1}, row2 {}, row3 {1}
    counts = F.confusion_counts(PROBS, TARGETS, 0.5)
    assert counts.tp.tolist() == [1, 1, 0, 0]
    assert counts.fp.tolist() == [1, 1, 0, 1]
    assert counts.fn.tolist() == [1, 0, 1, 0]
    assert counts.support.tolist() == [2, 1, 1, 0]


def test_per_code_scores():
    scores = F.per_code(PROBS, TARGETS, 0.5)
    assert scores.precision.tolist() == pytest.approx([0.5, 0.5, 0.0, 0.0])
    assert scores.recall.tolist() == pytest.approx([0.5, 1.0, 0.0, 0.0])
    assert scores.f1.tolist() == pytest.approx([0.5, 2 / 3, 0.0, 0.0])


def test_micro_f1():
    # tp=2, fp=3, fn=2 -> 2*2 / (2*2 + 3 + 2)
    assert F.f1_micro(PROBS, TARGETS, 0.5).item() == pytest.approx(4 / 9)


def test_macro_f1_is_mean_of_per_code_f1_over_present_codes():
    # codes 0..2 present: mean(0.5, 2/3, 0) = 7/18. Code 3 (absent) is excluded.
    assert F.f1_macro(PROBS, TARGETS, 0.5).item() == pytest.approx(7 / 18)
    # Not the harmonic mean of macro P (1/3) and macro R (1/2), which would be 0.4.
    assert F.f1_macro(PROBS, TARGETS, 0.5).item() != pytest.approx(0.4)


def test_per_code_thresholds():
    thresholds = torch.tensor([0.5, 0.75, 0.35, 0.65])
    # predicted: row0 {0,2}, row1 {0}, row2 {}, row3 {1}
    counts = F.confusion_counts(PROBS, TARGETS, thresholds)
    assert counts.tp.tolist() == [1, 0, 1, 0]
    assert counts.fp.tolist() == [1, 1, 0, 0]
    assert counts.fn.tolist() == [1, 1, 0, 0]
    # only row 0 matches its gold set exactly
    assert F.exact_match(PROBS, TARGETS, thresholds).item() == pytest.approx(0.25)


def test_average_precision_by_hand():
    # code 0 ranked: 0.9(+) 0.6(-) 0.3(+) 0.2(-): AP = 1*(1/2) + (2/3)*(1/2)
    assert F.average_precision(PROBS[:, 0], TARGETS[:, 0]).item() == pytest.approx(5 / 6)
    # code 1 ranked: 0.8(-) 0.7(+): AP = 1/2
    assert F.average_precision(PROBS[:, 1], TARGETS[:, 1]).item() == pytest.approx(0.5)
    assert torch.isnan(F.average_precision(PROBS[:, 3], TARGETS[:, 3]))


def test_average_precision_ties_are_one_threshold():
    scores, target = torch.tensor([0.5, 0.5]), torch.tensor([1, 0])
    assert F.average_precision(scores, target).item() == pytest.approx(0.5)
    assert F.average_precision(scores.flip(0), target.flip(0)).item() == pytest.approx(0.5)


def test_mean_average_precision_over_present_codes():
    # (5/6 + 1/2 + 1) / 3; code 3 has no positive and is left out
    assert F.mean_average_precision(PROBS, TARGETS).item() == pytest.approx(7 / 9)


def test_average_precision_matches_scikit_learn():
    from sklearn.metrics import average_precision_score

    gen = torch.Generator().manual_seed(0)
    scores = torch.round(torch.rand(200, generator=gen) * 20) / 20  # many ties
    target = (torch.rand(200, generator=gen) < 0.3).long()
    assert F.average_precision(scores, target).item() == pytest.approx(
        average_precision_score(target, scores)
    )


def test_precision_at_k():
    # top-1: c0(+), c1(+), c0(+), c1(-) -> 3/4
    assert F.precision_at_k(PROBS, TARGETS, 1).item() == pytest.approx(0.75)
    # top-2: {c0,c3}: 1, {c1,c0}: 1, {c0,c2}: 1, {c1,c0}: 0 -> (1/2 * 3) / 4
    assert F.precision_at_k(PROBS, TARGETS, 2).item() == pytest.approx(0.375)


def test_expected_calibration_error():
    probs, targets = torch.tensor([[0.1], [0.9], [0.8], [0.3]]), torch.tensor([[0], [1], [0], [1]])
    # 2 bins: (0, .5]: mean .2 vs freq .5; (.5, 1]: mean .85 vs freq .5 -> (2*.3 + 2*.35) / 4
    assert F.expected_calibration_error(probs, targets, n_bins=2).item() == pytest.approx(0.325)
    perfect = F.expected_calibration_error(torch.tensor([[1.0], [0.0]]), torch.tensor([[1], [0]]), n_bins=10)
    assert perfect.item() == pytest.approx(0.0)


def _random_split(n: int = 37, labels: int = 6, seed: int = 1):
    gen = torch.Generator().manual_seed(seed)
    probs = torch.rand(n, labels, generator=gen)
    targets = (torch.rand(n, labels, generator=gen) < 0.3).long()
    targets[:, -1] = 0  # one code absent from the split
    return probs, targets


@pytest.mark.parametrize("batch_sizes", [[37], [1, 36], [5, 10, 22], [12, 12, 13]])
def test_batch_accumulation_equals_one_batch(batch_sizes):
    probs, targets = _random_split()
    thresholds = torch.linspace(0.3, 0.7, 6)
    metrics = C.coding_metrics(n_labels=6, threshold=thresholds, k=3, n_bins=5)
    per_code = C.PerCodeMetrics(6, thresholds)
    start = 0
    for size in batch_sizes:
        metrics.update(probs[start : start + size], targets[start : start + size])
        per_code.update(probs[start : start + size], targets[start : start + size])
        start += size
    got = metrics.compute()
    expected = {
        "map": F.mean_average_precision(probs, targets),
        "f1_micro": F.f1_micro(probs, targets, thresholds),
        "f1_macro": F.f1_macro(probs, targets, thresholds),
        "precision_at_3": F.precision_at_k(probs, targets, 3),
        "exact_match": F.exact_match(probs, targets, thresholds),
        "ece": F.expected_calibration_error(probs, targets, 5),
    }
    for key, value in expected.items():
        assert got[key].item() == pytest.approx(value.item()), key
    assert torch.allclose(per_code.compute()["f1"], F.per_code(probs, targets, thresholds).f1)


def test_metrics_reset_between_epochs():
    probs, targets = _random_split()
    metric = C.MeanAveragePrecision()
    metric.update(torch.zeros_like(probs), targets)
    metric.compute()
    metric.reset()
    metric.update(probs, targets)
    assert metric.compute().item() == pytest.approx(F.mean_average_precision(probs, targets).item())


@pytest.mark.skipif("not __import__('torch').cuda.is_available()", reason="needs a CUDA GPU")
def test_metrics_of_cuda_tensors_stay_on_the_gpu_when_a_code_has_no_positive():
    probs = torch.rand(6, 3, device="cuda")
    targets = torch.tensor([[1, 0, 0], [0, 1, 0]] * 3, device="cuda")  # code 2: no positive (its AP is NaN)
    assert F.average_precision_per_code(probs, targets).device.type == "cuda"
    assert F.mean_average_precision(probs, targets).device.type == "cuda"
    empty = torch.zeros(6, 3, device="cuda")
    assert F.macro_f1_from_counts(F.confusion_counts(empty, empty)).device.type == "cuda"
