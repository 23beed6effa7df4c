"""Optimiser parameter groups and the learning-rate schedule.

The label-wise attention heads start from random queries and learn much faster with a higher learning rate
(e.g. 1e-3) than the pretrained encoder tolerates (e.g. 5e-5). Biases and LayerNorm weights get no weight decay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import torch
from torch import nn


def _no_decay(name: str, param: nn.Parameter) -> bool:
    return param.ndim < 2 or "LayerNorm" in name or "layer_norm" in name


def parameter_groups(encoder: nn.Module, heads: nn.Module, head_lr: float | None) -> list[dict]:
    """AdamW groups: encoder (decay / no decay) at the optimiser's lr, heads (decay / no decay) at `head_lr`."""
    groups = []
    for module, lr in ((encoder, None), (heads, head_lr)):
        named = [(n, p) for n, p in module.named_parameters() if p.requires_grad]
        for no_decay in (False, True):
            params = [p for n, p in named if _no_decay(n, p) == no_decay]
            if not params:
                continue
            group: dict = {"params": params}
            if no_decay:
                group["weight_decay"] = 0.0
            if lr is not None:
                group["lr"] = lr
            groups.append(group)
    return groups


def linear_warmup_decay(
    optimizer: torch.optim.Optimizer, total_steps: int, warmup_fraction: float = 0.1
) -> torch.optim.lr_scheduler.LambdaLR:
    """LR rises linearly from 0 over the first `warmup_fraction` of steps, then falls linearly to 0 at `total_steps`."""
    total = max(int(total_steps), 1)
    warmup = max(int(total * warmup_fraction), 1)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(total - warmup, 1))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


OptimizerFactory = Callable[[Iterable], torch.optim.Optimizer]
SchedulerFactory = Callable[..., torch.optim.lr_scheduler.LRScheduler]
