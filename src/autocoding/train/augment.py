"""Training-time augmentation that the frozen-state cache allows: token dropout.

Each training step hides a random share of a document's tokens from the trained part of the network: the top
encoder layers cannot attend to them and the label-wise attention cannot pool them. A code must then be read from
whatever evidence is left: meant to make the model use every cue a report gives rather than the one phrase a template
put there. Off by default (`model.token_dropout: 0`): at 0.15 it did not improve the demos on independently written
reports (docs/benchmarks.md, "Code titles and token dropout"). The first token of each segment ([CLS]) is never hidden,
so every segment keeps at least one token and the network flattens the same segments as without dropout.

It works on the attention mask only, so it composes with `autocoding.train.frozen_cache`: the frozen bottom is
computed once from the whole text, and only what the top layers and heads see changes from step to step.
Validation, prediction and serving never drop tokens.
"""

from __future__ import annotations

import torch
from torch import Tensor


def drop_tokens(attention_mask: Tensor, rate: float, generator: torch.Generator | None = None) -> Tensor:
    """(B, S, T) mask -> a copy with each real token but the first of its segment set to 0 with probability
    `rate`. `rate` 0 returns the mask itself."""
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"token dropout rate must be in [0, 1); got {rate}")
    if rate == 0.0:
        return attention_mask
    keep = torch.rand(attention_mask.shape, generator=generator, device=attention_mask.device) >= rate
    keep[..., 0] = True
    return attention_mask * keep.to(attention_mask.dtype)
