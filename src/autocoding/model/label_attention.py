"""Label-wise attention (PLM-ICD, Huang et al. 2022): one attention distribution over the tokens per label.

For label l, over all tokens t of all segments of a document:
    a_l = softmax_t(u_l . tanh(W h_t)),  v_l = sum_t a_{l,t} h_t,  logit_l = w_l . v_l + b_l
A second linear read-out of the same v_l gives the primary logits (which present code is the primary).

Numerics: computed in float32 even under bf16 autocast (the softmax over ~1000 tokens and the bias that
encodes rare-code priors both lose too much in bf16). Padding is filled with finfo(float32).min, not -inf,
so a row that is all padding gives a uniform softmax instead of NaN; its weights are then zeroed.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn


def _logit(p: Tensor) -> Tensor:
    p = p.clamp(1e-6, 1 - 1e-6)
    return torch.log(p) - torch.log1p(-p)


class LabelWiseAttention(nn.Module):
    def __init__(self, hidden: int, n_labels: int, attention_dim: int = 256, dropout: float = 0.1):
        super().__init__()
        self.project = nn.Linear(hidden, attention_dim, bias=False)  # W
        self.queries = nn.Parameter(torch.empty(n_labels, attention_dim))  # u_l, one row per label
        self.presence_weight = nn.Parameter(torch.empty(n_labels, hidden))  # w_l
        self.presence_bias = nn.Parameter(torch.zeros(n_labels))  # b_l
        self.primary_weight = nn.Parameter(torch.empty(n_labels, hidden))
        self.primary_bias = nn.Parameter(torch.zeros(n_labels))
        self.dropout = nn.Dropout(dropout)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.xavier_uniform_(self.project.weight)
        nn.init.normal_(self.queries, std=1.0 / math.sqrt(self.queries.shape[1]))
        # Small read-out weights: the logits start at the bias, i.e. near the log prior (`init_priors`).
        nn.init.normal_(self.presence_weight, std=0.02)
        nn.init.normal_(self.primary_weight, std=0.02)
        nn.init.zeros_(self.presence_bias)
        nn.init.zeros_(self.primary_bias)

    @torch.no_grad()
    def init_priors(self, presence: Tensor, primary: Tensor | None = None) -> None:
        """Biases from training frequencies: presence logit = log(p/(1-p)), primary logit = log share of primaries."""
        self.presence_bias.copy_(_logit(presence.float()))
        if primary is not None:
            self.primary_bias.copy_(torch.log(primary.float().clamp(min=1e-6)))

    def forward(self, states: Tensor, mask: Tensor) -> tuple[Tensor, Tensor]:
        """states (B, N, H) token states of all segments; mask (B, N) 1 for real tokens.
        Returns presence and primary logits, each (B, L) float32."""
        with torch.autocast(device_type=states.device.type, enabled=False):
            h = self.dropout(states.float())
            scores = torch.tanh(self.project(h)) @ self.queries.t()  # (B, N, L)
            valid = mask.bool().unsqueeze(-1)  # (B, N, 1)
            scores = scores.masked_fill(~valid, torch.finfo(torch.float32).min)
            weights = torch.softmax(scores, dim=1) * valid  # (B, N, L); all-padding rows -> zeros
            pooled = torch.einsum("bnl,bnh->blh", weights, h)  # v_l: (B, L, H)
            logits = (pooled * self.presence_weight).sum(-1) + self.presence_bias
            primary = (pooled * self.primary_weight).sum(-1) + self.primary_bias
        return logits, primary
