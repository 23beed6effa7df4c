"""Label-wise attention (PLM-ICD, Huang et al. 2022): one attention distribution over the tokens per label.

For label l, over all tokens t of all segments of a document:
    a_l = softmax_t(u_l . tanh(W h_t)),  v_l = sum_t a_{l,t} h_t,  logit_l = w_l . v_l + b_l
A second linear read-out of the same v_l gives the primary logits (which present code is the primary).

With `queries=K` > 1 each label has K query vectors u_{l,1..K}, hence K attention distributions, and reads out
the concatenation [v_{l,1}; ...; v_{l,K}] (K x hidden): logit_l = sum_k w_{l,k} . v_{l,k} + b_l. One softmax
pools a single convex mix of tokens, so a code that needs two pieces of evidence in different places cannot be
an AND of them: when both are present the attention splits between them and each contributes half. Endoscopy
codes are full of such pairs: a Z site code needs a biopsy at that site AND a therapeutic procedure elsewhere
in the report, D12.x a polyp at that site AND adenoma on histology (measured: docs/architecture.md, "Heads").
K = 1 is PLM-ICD's head, with the same parameter shapes.

Numerics: the softmax over ~1000 tokens and the biases that encode rare-code priors are float32 even under bf16
autocast (both lose too much in bf16); only the two big matrix products run in low precision: autocast's, or without
autocast that of the states (bf16 states from an encoder cast to bf16 for serving). Padding is
filled with finfo(float32).min, not -inf, so a row that is all padding gives a uniform softmax instead of NaN; its weights are then zeroed.

Evidence (serving): with `evidence_mask` (B, N), 1 for tokens that may be shown as evidence (document words, not
[CLS]/[SEP] or section headers), `forward` also returns, per label, the token the label's attention weighted most
among them (index into N, and the weight; the mean over the K distributions): the same softmax as the logits, not a
second pass.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn


def _logit(p: Tensor) -> Tensor:
    p = p.clamp(1e-6, 1 - 1e-6)
    return torch.log(p) - torch.log1p(-p)


class LabelWiseAttention(nn.Module):
    def __init__(self, hidden: int, n_labels: int, attention_dim: int = 256, dropout: float = 0.1, queries: int = 1):
        super().__init__()
        if queries < 1:
            raise ValueError(f"queries must be at least 1, got {queries}")
        self.n_labels = n_labels
        self.project = nn.Linear(hidden, attention_dim, bias=False)  # W
        # u_{l,k}: row l * K + k; with K = 1 one row per label
        self.queries = nn.Parameter(torch.empty(n_labels * queries, attention_dim))
        self.presence_weight = nn.Parameter(torch.empty(n_labels, queries * hidden))  # [w_{l,1}; ...; w_{l,K}]
        self.presence_bias = nn.Parameter(torch.zeros(n_labels))  # b_l
        self.primary_weight = nn.Parameter(torch.empty(n_labels, queries * hidden))
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

    @torch.no_grad()
    def init_queries(self, labels: list[int], embeddings: Tensor) -> None:
        """Point the first query of each of `labels` at the tokens that read like `embeddings[i]` (the encoder's
        state for the code's title, `autocoding.model.title_queries`): u_{l,1} along tanh(W e_l), at the norm of a
        random query (sqrt(D) x its init std = 1)."""
        if len(labels) != len(embeddings):
            raise ValueError(f"{len(labels)} labels but {len(embeddings)} embeddings")
        if not labels:
            return
        k = self.queries.shape[0] // self.n_labels
        direction = torch.tanh(embeddings.float() @ self.project.weight.float().t())  # (n, D)
        direction = direction / direction.norm(dim=1, keepdim=True).clamp(min=1e-12)
        rows = torch.as_tensor(labels, dtype=torch.long) * k
        self.queries[rows] = direction.to(self.queries.dtype)

    def forward(self, states: Tensor, mask: Tensor, evidence_mask: Tensor | None = None):
        """states (B, N, H) token states of all segments; mask (B, N) 1 for real tokens.
        Returns presence and primary logits, each (B, L) float32; with `evidence_mask` (B, N) also
        (index (B, L) int64, weight (B, L) float32) of each label's most-weighted evidence token (-1: none)."""
        device = states.device.type
        # The two big products (token projection x queries, attention x states: ~B*N*L*K*(D+H) multiply-adds, more
        # than the top encoder layers cost with K = 4) follow autocast's low precision; masking, softmax, biases and
        # read-outs stay float32.
        # Without autocast they follow the states: an encoder cast to bf16 for serving (`Coder`, precision=bf16)
        # gives bf16 states, and the products then run in bf16 as they did in bf16-mixed training.
        if torch.is_autocast_enabled(device):
            low = torch.get_autocast_dtype(device)
        else:
            low = states.dtype if states.dtype in (torch.bfloat16, torch.float16) else torch.float32
        with torch.autocast(device_type=device, enabled=False):
            h = self.dropout(states.to(low))
            projected = torch.tanh(nn.functional.linear(h, self.project.weight.to(low)))
            scores = (projected @ self.queries.to(low).t()).float()  # (B, N, L*K)
            valid = mask.bool().unsqueeze(-1)  # (B, N, 1)
            scores = scores.masked_fill(~valid, torch.finfo(torch.float32).min)
            weights = torch.softmax(scores, dim=1) * valid  # (B, N, L*K); all-padding rows -> zeros
            pooled = torch.einsum("bnl,bnh->blh", weights.to(low), h).float()  # v_{l,k}: (B, L*K, H)
            pooled = pooled.reshape(pooled.shape[0], self.n_labels, -1)  # (B, L, K*H)
            logits = (pooled * self.presence_weight).sum(-1) + self.presence_bias
            primary = (pooled * self.primary_weight).sum(-1) + self.primary_bias
            if evidence_mask is None:
                return logits, primary
            return logits, primary, self._evidence(weights, evidence_mask)

    def _evidence(self, weights: Tensor, evidence_mask: Tensor) -> tuple[Tensor, Tensor]:
        """(B, N, L*K) attention -> per label the top token among `evidence_mask` (B, N): (index, weight)."""
        b, n, _ = weights.shape
        per_label = weights.reshape(b, n, self.n_labels, -1).mean(-1)  # (B, N, L)
        allowed = evidence_mask.bool().unsqueeze(-1)
        weight, index = per_label.masked_fill(~allowed, -1.0).max(dim=1)  # (B, L)
        index = torch.where(allowed.any(dim=1), index, torch.full_like(index, -1))
        return index, weight.clamp(min=0.0)
