"""Metric definitions for multi-label coding, once each, as torch functions on tensors.

Inputs throughout: `probs` (N, L) float in [0, 1] (one row per episode, one column per code of a system's
label space), `targets` (N, L) int or bool (1 = the code was assigned), and for thresholded metrics a
`threshold` that is a float or a per-label tensor (L,) (per-code thresholds are the point of the platform).

Averaging rules (the bugs copied across ICD-coding repos, avoided here):
- macro scores average over the codes PRESENT in the split (support > 0); codes absent from the split have
  no defined recall and would drag the mean to zero or inflate it, depending on convention;
- macro-F1 is the mean of the per-code F1 scores, not the harmonic mean of macro precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor


@dataclass(frozen=True)
class Counts:
    """Per-code confusion counts at a threshold; each (L,) int64. Sums of these are what accumulate over batches."""

    tp: Tensor
    fp: Tensor
    fn: Tensor

    @property
    def support(self) -> Tensor:
        return self.tp + self.fn


@dataclass(frozen=True)
class PerCodeScores:
    """Per-code precision, recall, F1 and support, each (L,). Precision is 0 where nothing was predicted."""

    precision: Tensor
    recall: Tensor
    f1: Tensor
    support: Tensor


def binarize(probs: Tensor, threshold: float | Tensor = 0.5) -> Tensor:
    """(N, L) bool: predicted present where prob >= threshold (float, or (L,) per code)."""
    threshold = torch.as_tensor(threshold, dtype=probs.dtype, device=probs.device)
    return probs >= threshold


def confusion_counts(probs: Tensor, targets: Tensor, threshold: float | Tensor = 0.5) -> Counts:
    """Per-code tp / fp / fn at `threshold`."""
    pred, gold = binarize(probs, threshold), targets.bool()
    return Counts(
        tp=(pred & gold).sum(0).long(),
        fp=(pred & ~gold).sum(0).long(),
        fn=(~pred & gold).sum(0).long(),
    )


def _safe_div(num: Tensor, den: Tensor) -> Tensor:
    num, den = num.double(), den.double()
    return torch.where(den > 0, num / den.clamp(min=1), torch.zeros_like(num))


def per_code_scores(counts: Counts) -> PerCodeScores:
    precision = _safe_div(counts.tp, counts.tp + counts.fp)
    recall = _safe_div(counts.tp, counts.support)
    f1 = _safe_div(2 * counts.tp, 2 * counts.tp + counts.fp + counts.fn)
    return PerCodeScores(precision=precision, recall=recall, f1=f1, support=counts.support)


def micro_f1_from_counts(counts: Counts) -> Tensor:
    tp, fp, fn = counts.tp.sum(), counts.fp.sum(), counts.fn.sum()
    return _safe_div(2 * tp, 2 * tp + fp + fn)


def macro_f1_from_counts(counts: Counts) -> Tensor:
    """Mean per-code F1 over codes present (support > 0); 0 when no code is present."""
    present = counts.support > 0
    if not present.any():
        return torch.zeros((), dtype=torch.float64, device=present.device)
    return per_code_scores(counts).f1[present].mean()


def f1_micro(probs: Tensor, targets: Tensor, threshold: float | Tensor = 0.5) -> Tensor:
    return micro_f1_from_counts(confusion_counts(probs, targets, threshold))


def f1_macro(probs: Tensor, targets: Tensor, threshold: float | Tensor = 0.5) -> Tensor:
    return macro_f1_from_counts(confusion_counts(probs, targets, threshold))


def per_code(probs: Tensor, targets: Tensor, threshold: float | Tensor = 0.5) -> PerCodeScores:
    return per_code_scores(confusion_counts(probs, targets, threshold))


def average_precision(scores: Tensor, target: Tensor) -> Tensor:
    """Average precision of one code: sum over distinct score thresholds of (R_n - R_{n-1}) * P_n.

    `scores` (N,), `target` (N,). Tied scores form one threshold (as scikit-learn's
    `average_precision_score`), so the result does not depend on the order of ties. NaN when no positive.
    """
    target = target.bool()
    n_pos = target.sum()
    if n_pos == 0:
        return torch.tensor(float("nan"), dtype=torch.float64, device=scores.device)
    order = torch.argsort(scores, descending=True, stable=True)
    sorted_scores, hits = scores[order], target[order].double()
    tp = torch.cumsum(hits, 0)
    # Keep the last index of each run of equal scores: the threshold admits all ties at once.
    last_of_run = torch.ones_like(sorted_scores, dtype=torch.bool)
    last_of_run[:-1] = sorted_scores[1:] != sorted_scores[:-1]
    tp = tp[last_of_run]
    predicted = (torch.nonzero(last_of_run).squeeze(1) + 1).double()
    precision, recall = tp / predicted, tp / n_pos.double()
    recall_step = torch.diff(recall, prepend=torch.zeros(1, dtype=recall.dtype, device=recall.device))
    return (recall_step * precision).sum()


def average_precision_per_code(probs: Tensor, targets: Tensor) -> Tensor:
    """(L,) float64 average precision per code; NaN for codes with no positive in `targets`."""
    return torch.stack([average_precision(probs[:, j], targets[:, j]) for j in range(probs.shape[1])])


def mean_average_precision(probs: Tensor, targets: Tensor) -> Tensor:
    """mAP: mean over the codes present in `targets` of their average precision; 0 when none is present."""
    if probs.shape[1] == 0:
        return torch.zeros((), dtype=torch.float64, device=probs.device)
    ap = average_precision_per_code(probs, targets)
    present = ~torch.isnan(ap)
    return ap[present].mean() if present.any() else torch.zeros((), dtype=torch.float64, device=probs.device)


def precision_at_k(probs: Tensor, targets: Tensor, k: int) -> Tensor:
    """Mean over episodes of (gold codes among the k highest-scoring) / k."""
    k = min(k, probs.shape[1])
    if probs.shape[0] == 0 or k == 0:
        return torch.zeros((), dtype=torch.float64, device=probs.device)
    top = torch.topk(probs, k, dim=1).indices
    return targets.bool().gather(1, top).double().sum(1).div(k).mean()


def exact_match(probs: Tensor, targets: Tensor, threshold: float | Tensor = 0.5) -> Tensor:
    """Share of episodes whose predicted code set equals the gold set exactly."""
    if probs.shape[0] == 0:
        return torch.zeros((), dtype=torch.float64, device=probs.device)
    return (binarize(probs, threshold) == targets.bool()).all(1).double().mean()


def calibration_bins(probs: Tensor, targets: Tensor, n_bins: int = 10) -> tuple[Tensor, Tensor, Tensor]:
    """Per-bin (count, sum of probs, sum of outcomes), each (n_bins,), over all N*L (episode, code) pairs.

    Bins are equal-width on [0, 1]; bin b holds probs in (b/n, (b+1)/n], prob 0 goes to bin 0.
    """
    p, y = probs.reshape(-1).double(), targets.reshape(-1).double()
    index = (torch.ceil(p * n_bins).long() - 1).clamp(0, n_bins - 1)
    count = torch.zeros(n_bins, dtype=torch.float64, device=p.device).index_add_(0, index, torch.ones_like(p))
    prob_sum = torch.zeros_like(count).index_add_(0, index, p)
    hit_sum = torch.zeros_like(count).index_add_(0, index, y)
    return count, prob_sum, hit_sum


def ece_from_bins(count: Tensor, prob_sum: Tensor, hit_sum: Tensor) -> Tensor:
    total = count.sum()
    if total == 0:
        return torch.zeros((), dtype=torch.float64, device=count.device)
    gap = (prob_sum - hit_sum).abs()  # = count * |mean prob - observed frequency|
    return gap.sum() / total


def expected_calibration_error(probs: Tensor, targets: Tensor, n_bins: int = 10) -> Tensor:
    """ECE of the per-code presence probabilities: sum_b (n_b / n) * |mean prob_b - frequency_b|.

    Each (episode, code) pair is one binary prediction, so this asks "of codes given probability ~0.9, were
    ~90% really present?", the property per-code thresholds rely on.
    """
    return ece_from_bins(*calibration_bins(probs, targets, n_bins))
