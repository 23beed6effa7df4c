"""The metric set of one code system on one split, computed in one place for every caller.

Training's validation and test figures (`autocoding.train.run`), `evaluate_predictions` (`autocoding.eval`), the
Hugging Face `evaluate` wrapper and the CodiEsp baseline all call `system_metrics`, so a figure has one name and one
definition wherever it is logged. Keys read split / system / metric (`test/icd10/f1_micro`, `metric_key`):

- `map`: mean over the label-space codes present in the split of their average precision (`functional`);
- `map_document`: CodiEsp's official per-document MAP of the label space ranked by score (`codiesp_map`); gold codes
  outside the label space count as misses, a document without gold codes scores 0;
- `f1_micro`, `f1_macro`, `exact_match`: at `threshold` over the label space (macro over codes present);
- `f1_micro_all_codes`, `f1_macro_all_codes`: the same with gold codes outside the label space counted as misses
  (macro over every code present in the gold standard, an unseen one scoring 0);
- `precision_at_<k>`: gold codes among the k best-scored, over k (`precision_at_5` by default);
- `ece`: expected calibration error (meaningful for probabilities, not for a baseline's unbounded scores);
- `unseen_code_share`: share of gold codes outside the label space.

Thresholded figures use one threshold (0.5 by default, the coding literature's convention, so the numbers compare with
published ones) or a per-code one; the tuned per-code thresholds drive decisions, not these figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import torch
from torch import Tensor

from autocoding.metrics import functional as F
from autocoding.metrics.codiesp_map import OFFICIAL_DEPTH, codiesp_map


def metric_names(k: int = 5) -> tuple[str, ...]:
    """The metric set's names, in the order `system_metrics` returns them."""
    return ("map", "map_document", "f1_micro", "f1_macro", "f1_micro_all_codes", "f1_macro_all_codes",
            precision_at(k), "exact_match", "ece", "unseen_code_share")


def metric_key(split: str, system: str, metric: str) -> str:
    """`split/system/metric`, e.g. `test/icd10/f1_micro`."""
    return f"{split}/{system}/{metric}"


def precision_at(k: int) -> str:
    """The name of precision@k in the metric set: `precision_at_5`."""
    return f"precision_at_{k}"


def system_metrics(split: str, system: str, scores, gold, labels: Sequence[str] | None = None, *,
                   threshold: float | Sequence[float] | Tensor = 0.5, k: int = 5,
                   n_bins: int = 10) -> dict[str, float]:
    """The metric set (module docstring) of one system on one split, keyed `split/system/metric`.

    scores: (N, L) probabilities or scores, one column per code of `labels` (numpy or torch).
    gold: per episode the gold codes (any codes, also those outside `labels`), or an (N, L) 0/1 matrix in the
    column order of `scores` (then nothing lies outside the label space).
    labels: the label space, label id = column; default "0", "1", ... (only needed with code lists).
    """
    probs = torch.as_tensor(np.asarray(scores, dtype=np.float64))
    if probs.ndim != 2:
        raise ValueError(f"scores must be (episodes, labels); got shape {tuple(probs.shape)}")
    labels = [str(j) for j in range(probs.shape[1])] if labels is None else list(labels)
    if len(labels) != probs.shape[1]:
        raise ValueError(f"{len(labels)} labels for {probs.shape[1]} score columns")
    gold_lists = _gold_lists(gold, labels, len(probs))
    targets = _multi_hot(gold_lists, labels)
    threshold = torch.as_tensor(threshold, dtype=probs.dtype)
    counts = F.confusion_counts(probs, targets, threshold)
    unseen = _unseen_counts(gold_lists, set(labels))
    n_gold = int(targets.sum()) + sum(unseen.values())
    values = {
        "map": F.mean_average_precision(probs, targets),
        "map_document": document_map(gold_lists, probs.numpy(), labels),
        "f1_micro": F.micro_f1_from_counts(counts),
        "f1_macro": F.macro_f1_from_counts(counts),
        "f1_micro_all_codes": _micro_all_codes(counts, sum(unseen.values())),
        "f1_macro_all_codes": _macro_all_codes(counts, len(unseen)),
        precision_at(k): F.precision_at_k(probs, targets, k),
        "exact_match": F.exact_match(probs, targets, threshold),
        "ece": F.expected_calibration_error(probs, targets, n_bins),
        "unseen_code_share": sum(unseen.values()) / n_gold if n_gold else 0.0,
    }
    return {metric_key(split, system, name): float(value) for name, value in values.items()}


def split_map(split: str, metrics: Mapping[str, float], systems: Sequence[str]) -> dict[str, float]:
    """`{split}/map`: the mean over systems of `{split}/<system>/map` (early stopping and checkpoints watch
    `val/map`)."""
    maps = [metrics[metric_key(split, s, "map")] for s in systems]
    return {f"{split}/map": sum(maps) / len(maps)} if maps else {}


def document_map(gold: Sequence[Sequence[str]], scores: np.ndarray, labels: Sequence[str]) -> float:
    """CodiEsp's official MAP (`codiesp_map`) of the label space ranked by score per document (best first, the
    first OFFICIAL_DEPTH only: the official scorer reads no further)."""
    scores = np.asarray(scores)
    depth = min(OFFICIAL_DEPTH, scores.shape[1])
    order = np.argsort(-scores, axis=1, kind="stable")[:, :depth]
    ranked = {str(i): [labels[j] for j in row] for i, row in enumerate(order)}
    return float(codiesp_map({str(i): list(g) for i, g in enumerate(gold)}, ranked))


def _gold_lists(gold, labels: list[str], n: int) -> list[list[str]]:
    if isinstance(gold, np.ndarray | Tensor) and np.asarray(gold).ndim == 2:
        matrix = np.asarray(gold)
        if matrix.shape != (n, len(labels)):
            raise ValueError(f"gold matrix of shape {matrix.shape} for scores of shape {(n, len(labels))}")
        return [[labels[j] for j in np.flatnonzero(row)] for row in matrix]
    gold = [list(codes) for codes in gold]
    if len(gold) != n:
        raise ValueError(f"{len(gold)} gold rows for {n} score rows")
    return gold


def _multi_hot(gold: list[list[str]], labels: list[str]) -> Tensor:
    index = {c: j for j, c in enumerate(labels)}
    targets = torch.zeros(len(gold), len(labels), dtype=torch.long)
    for i, codes in enumerate(gold):
        for code in codes:
            if code in index:
                targets[i, index[code]] = 1
    return targets


def _unseen_counts(gold: list[list[str]], labels: set[str]) -> dict[str, int]:
    """Per gold code outside the label space, the episodes that carry it (each a miss)."""
    out: dict[str, int] = {}
    for codes in gold:
        for code in set(codes) - labels:
            out[code] = out.get(code, 0) + 1
    return out


def _micro_all_codes(counts: F.Counts, unseen: int) -> float:
    tp, fp, fn = int(counts.tp.sum()), int(counts.fp.sum()), int(counts.fn.sum()) + unseen
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def _macro_all_codes(counts: F.Counts, n_unseen_codes: int) -> float:
    """Mean per-code F1 over every code present in the gold standard; an unseen code scores 0."""
    present = counts.support > 0
    n_present = int(present.sum()) + n_unseen_codes
    if n_present == 0:
        return 0.0
    return float(F.per_code_scores(counts).f1[present].sum()) / n_present
