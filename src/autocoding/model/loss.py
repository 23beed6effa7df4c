"""Training loss: BCE-with-logits for code presence + cross-entropy for which code is primary, per code system.

Targets per system: `targets` (B, L) multi-hot float, `primary` (B,) label id of the first code, or -100 when
the episode has no code or its primary is outside the label space (those rows are ignored by the CE term).
The total is the mean over systems of (presence BCE + primary_weight * primary CE).
"""

from __future__ import annotations

from collections.abc import Mapping

import torch
import torch.nn.functional as F
from torch import Tensor

IGNORE = -100


def coder_loss(
    outputs: Mapping[str, Mapping[str, Tensor]],
    targets: Mapping[str, Tensor],
    primary: Mapping[str, Tensor],
    primary_weight: float = 1.0,
) -> Tensor:
    total = []
    for system, out in outputs.items():
        presence = F.binary_cross_entropy_with_logits(out["logits"].float(), targets[system].float())
        valid = primary[system] != IGNORE
        if valid.any():
            ce = F.cross_entropy(out["primary_logits"].float()[valid], primary[system][valid])
        else:  # keep the graph connected (DDP needs every parameter to receive a gradient)
            ce = out["primary_logits"].sum() * 0.0
        total.append(presence + primary_weight * ce)
    return torch.stack(total).mean()
