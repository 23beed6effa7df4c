"""Training loss: BCE-with-logits for code presence + cross-entropy for which code is primary, per code system.

Targets per system: `targets` (B, L) multi-hot float, `primary` (B,) label id of the first code, or -100 when
the episode has no code or its primary is outside the label space (those rows are ignored by the CE term).
The total is the mean over systems of (presence BCE + primary_weight * primary CE).

`presence_reduction` sets how the presence BCE is reduced over labels:
- "sum" (default): summed over the L labels, averaged over the batch: every code's error counts as much as the
  single primary choice. With "mean" the presence term is divided by L (168 ICD-10 codes in the endoscopy label
  space) against a primary CE that is not, so the primary task drives the shared encoder and attention
  projection and the secondary codes learn ~L times more slowly (measured: docs/benchmarks.md).
- "mean": mean over batch and labels (PLM-ICD's BCEWithLogitsLoss default; fine with no primary term beside it).
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
import torch.nn.functional as F
from torch import Tensor

IGNORE = -100
REDUCTIONS = ("sum", "mean")


def coder_loss(
    outputs: Mapping[str, Mapping[str, Tensor]],
    targets: Mapping[str, Tensor],
    primary: Mapping[str, Tensor],
    primary_weight: float = 1.0,
    presence_reduction: str = "sum",
) -> Tensor:
    if presence_reduction not in REDUCTIONS:
        raise ValueError(f"presence_reduction must be one of {REDUCTIONS}; got {presence_reduction!r}")
    total = []
    for system, out in outputs.items():
        presence = F.binary_cross_entropy_with_logits(out["logits"].float(), targets[system].float())
        if presence_reduction == "sum":
            presence = presence * out["logits"].shape[-1]
        valid = primary[system] != IGNORE
        if valid.any():
            ce = F.cross_entropy(out["primary_logits"].float()[valid], primary[system][valid])
        else:  # keep the graph connected (DDP needs every parameter to receive a gradient)
            ce = out["primary_logits"].sum() * 0.0
        total.append(presence + primary_weight * ce)
    return torch.stack(total).mean()
