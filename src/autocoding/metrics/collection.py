"""torchmetrics classes that accumulate the metrics of `functional.py` batch by batch (and across DDP ranks).

Each class keeps the smallest state that gives the exact full-data value: confusion counts for F1,
bin sums for calibration, sums for precision@k and exact match. Average precision needs every score, so
`MeanAveragePrecision` keeps the (N, L) probabilities and targets ("cat" states).
"""

from __future__ import annotations

import torch
from torch import Tensor
from torchmetrics import Metric, MetricCollection

from autocoding.metrics import functional as F
from autocoding.metrics.metric_set import precision_at


class _ThresholdedMetric(Metric):
    """Confusion counts per code at a float or per-code threshold, summed over batches."""

    full_state_update = False

    def __init__(self, n_labels: int, threshold: float | Tensor = 0.5, **kwargs):
        super().__init__(**kwargs)
        self.register_buffer(
            "threshold", torch.as_tensor(threshold, dtype=torch.float32).expand(n_labels).clone()
        )
        for name in ("tp", "fp", "fn"):
            self.add_state(name, default=torch.zeros(n_labels, dtype=torch.long), dist_reduce_fx="sum")

    def update(self, probs: Tensor, targets: Tensor) -> None:
        counts = F.confusion_counts(probs.float(), targets, self.threshold.to(probs.device))
        self.tp += counts.tp
        self.fp += counts.fp
        self.fn += counts.fn

    def counts(self) -> F.Counts:
        return F.Counts(tp=self.tp, fp=self.fp, fn=self.fn)


class MicroF1(_ThresholdedMetric):
    def compute(self) -> Tensor:
        return F.micro_f1_from_counts(self.counts())


class MacroF1(_ThresholdedMetric):
    """Mean per-code F1 over codes present in what was seen."""

    def compute(self) -> Tensor:
        return F.macro_f1_from_counts(self.counts())


class PerCodeMetrics(_ThresholdedMetric):
    """Returns `{"precision", "recall", "f1", "support"}`, each (L,)."""

    def compute(self) -> dict[str, Tensor]:
        scores = F.per_code_scores(self.counts())
        return {
            "precision": scores.precision,
            "recall": scores.recall,
            "f1": scores.f1,
            "support": scores.support,
        }


class ExactMatch(Metric):
    full_state_update = False

    def __init__(self, n_labels: int, threshold: float | Tensor = 0.5, **kwargs):
        super().__init__(**kwargs)
        self.register_buffer(
            "threshold", torch.as_tensor(threshold, dtype=torch.float32).expand(n_labels).clone()
        )
        self.add_state("matches", default=torch.zeros((), dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("episodes", default=torch.zeros((), dtype=torch.float64), dist_reduce_fx="sum")

    def update(self, probs: Tensor, targets: Tensor) -> None:
        self.matches += (
            F.exact_match(probs.float(), targets, self.threshold.to(probs.device)) * probs.shape[0]
        )
        self.episodes += probs.shape[0]

    def compute(self) -> Tensor:
        return self.matches / self.episodes if self.episodes > 0 else torch.zeros_like(self.matches)


class PrecisionAtK(Metric):
    full_state_update = False

    def __init__(self, k: int, **kwargs):
        super().__init__(**kwargs)
        self.k = k
        self.add_state("total", default=torch.zeros((), dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("episodes", default=torch.zeros((), dtype=torch.float64), dist_reduce_fx="sum")

    def update(self, probs: Tensor, targets: Tensor) -> None:
        self.total += F.precision_at_k(probs.float(), targets, self.k) * probs.shape[0]
        self.episodes += probs.shape[0]

    def compute(self) -> Tensor:
        return self.total / self.episodes if self.episodes > 0 else torch.zeros_like(self.total)


class CalibrationError(Metric):
    """Expected calibration error over all (episode, code) pairs, from per-bin sums."""

    full_state_update = False

    def __init__(self, n_bins: int = 10, **kwargs):
        super().__init__(**kwargs)
        self.n_bins = n_bins
        for name in ("count", "prob_sum", "hit_sum"):
            self.add_state(name, default=torch.zeros(n_bins, dtype=torch.float64), dist_reduce_fx="sum")

    def update(self, probs: Tensor, targets: Tensor) -> None:
        count, prob_sum, hit_sum = F.calibration_bins(probs, targets, self.n_bins)
        self.count += count
        self.prob_sum += prob_sum
        self.hit_sum += hit_sum

    def compute(self) -> Tensor:
        return F.ece_from_bins(self.count, self.prob_sum, self.hit_sum)


class MeanAveragePrecision(Metric):
    """mAP over codes present; keeps all probabilities (N, L) because AP needs the full ranking."""

    full_state_update = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_state("probs", default=[], dist_reduce_fx="cat")
        self.add_state("targets", default=[], dist_reduce_fx="cat")

    def update(self, probs: Tensor, targets: Tensor) -> None:
        self.probs.append(probs.detach().float())
        self.targets.append(targets.detach().to(torch.uint8))

    def compute(self) -> Tensor:
        probs = _cat(self.probs)
        if probs.numel() == 0:
            return torch.zeros((), dtype=torch.float64, device=probs.device)
        return F.mean_average_precision(probs, _cat(self.targets))


def _cat(state: list[Tensor] | Tensor) -> Tensor:
    # After a DDP sync the "cat" state is already one tensor; before it, a list of batches.
    if isinstance(state, Tensor):
        return state
    return torch.cat(state) if state else torch.zeros(0)


def coding_metrics(
    n_labels: int, threshold: float | Tensor = 0.5, k: int = 5, n_bins: int = 10
) -> MetricCollection:
    """The per-epoch validation metrics of one system, accumulated batch by batch (and across DDP ranks): keys
    `map`, `f1_micro`, `f1_macro`, `precision_at_<k>`, `exact_match`, `ece`, named and defined as in
    `metric_set.system_metrics`, which gives the final figures. Per-code scores are left out (not a scalar to log);
    use `PerCodeMetrics`."""
    return MetricCollection(
        {
            "map": MeanAveragePrecision(),
            "f1_micro": MicroF1(n_labels, threshold),
            "f1_macro": MacroF1(n_labels, threshold),
            precision_at(k): PrecisionAtK(k),
            "exact_match": ExactMatch(n_labels, threshold),
            "ece": CalibrationError(n_bins),
        },
        compute_groups=False,
    )
