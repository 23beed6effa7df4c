"""Caching the frozen bottom of a partially fine-tuned encoder across epochs (see `autocoding.model.network`).

With `frozen_layers=k` the embeddings and bottom k layers never change, so a document's bottom output is computed
once, on its first batch, and reused every later epoch: an epoch then costs the top layers' forward and backward
only (for MiniLM with 4 of 6 layers frozen, about a third of full fine-tuning). States are kept per document
and segment, trimmed to the segment's real tokens, in bfloat16 by default: about
tokens x hidden x 2 bytes, e.g. 1,400 endoscopy documents x ~260 tokens x 384 -> ~280 MB. Keyed by
(split, row), so train and validation rows never collide; under DDP each process caches the rows it sees.
"""

from __future__ import annotations

import torch
from torch import Tensor

from autocoding.model.network import CoderNetwork


class FrozenStatesCache:
    def __init__(self, dtype: torch.dtype = torch.bfloat16):
        self.dtype = dtype
        self.store: dict[tuple[str, int], list[Tensor]] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self.store)

    @property
    def nbytes(self) -> int:
        return sum(t.numel() * t.element_size() for segs in self.store.values() for t in segs)

    def states(self, network: CoderNetwork, split: str, rows: Tensor, input_ids: Tensor,
               attention_mask: Tensor) -> Tensor:
        """(B, S, T) batch of documents `rows` -> the bottom's output (N, T, H) for its N non-empty segments,
        in the order `CoderNetwork.encode` flattens them; computed for the documents not cached yet."""
        b, s, t = input_ids.shape
        mask = attention_mask.reshape(b, s, t)
        keys = [(split, int(r)) for r in rows.tolist()]
        missing = [i for i, k in enumerate(keys) if k not in self.store]
        self.misses += len(missing)
        self.hits += b - len(missing)
        if missing:
            ids_m, mask_m = input_ids[missing].reshape(-1, t), mask[missing].reshape(-1, t)
            keep = mask_m.any(dim=1)
            lengths = mask_m[keep].sum(dim=1).tolist()
            fresh = network.bottom(ids_m[keep], mask_m[keep]).to(self.dtype)
            segments_per_doc = mask[missing].any(dim=2).sum(dim=1).tolist()
            start = 0
            for i, n in zip(missing, segments_per_doc, strict=True):
                self.store[keys[i]] = [fresh[start + j, : lengths[start + j]].clone() for j in range(n)]
                start += n
        segs = [seg for k in keys for seg in self.store[k]]
        hidden = segs[0].shape[-1]
        out = torch.zeros(len(segs), t, hidden, dtype=torch.float32, device=input_ids.device)
        for j, seg in enumerate(segs):
            out[j, : seg.shape[0]] = seg.to(device=out.device, dtype=torch.float32)
        return out
