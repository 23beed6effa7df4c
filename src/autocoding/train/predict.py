"""Predictions outside the Trainer: a plain inference loop used after training and by serving.

Returns numpy arrays in the dataset's row order (eval loaders are sorted by length; the `row` field of each
batch restores the order).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from autocoding.model.segments import pad_segments, tokenize_segments
from autocoding.train.precision import autocast


@dataclass
class Predictions:
    """Per system: `probs` (N, L) presence probabilities, `primary` (N, L) primary distribution (rows sum to 1);
    `embeddings` (N, H) document embeddings; `rows` (N,) dataset row index of each prediction row;
    `episode_ids` filled in by `train` for dataset splits."""

    probs: dict[str, np.ndarray] = field(default_factory=dict)
    primary: dict[str, np.ndarray] = field(default_factory=dict)
    embeddings: np.ndarray | None = None
    rows: np.ndarray | None = None
    episode_ids: list[str] | None = None


def _network(model: nn.Module) -> nn.Module:
    return getattr(model, "network", model)  # a CoderModule or a CoderNetwork


@torch.inference_mode()
def predict(
    model: nn.Module, dataloader, precision: str = "32-true", max_batches: int | None = None
) -> Predictions:
    """Run `model` (CoderModule or CoderNetwork) over `dataloader` batches (`input_ids`, `attention_mask`, and
    optionally `row`). The network is left in eval mode afterwards only if it was in it before."""
    network = _network(model)
    was_training = network.training
    network.eval()
    device = next(network.parameters()).device
    probs: dict[str, list] = {s: [] for s in network.systems}
    primary: dict[str, list] = {s: [] for s in network.systems}
    embeddings, rows, seen = [], [], 0
    try:
        for i, batch in enumerate(dataloader):
            if max_batches is not None and i >= max_batches:
                break
            with autocast(precision, device):
                outputs, embedding = network.infer(
                    batch["input_ids"].to(device), batch["attention_mask"].to(device)
                )
            for system, out in outputs.items():
                probs[system].append(torch.sigmoid(out["logits"].float()).cpu())
                primary[system].append(torch.softmax(out["primary_logits"].float(), dim=-1).cpu())
            embeddings.append(embedding.float().cpu())
            n = len(embedding)
            rows.append(batch["row"] if "row" in batch else torch.arange(seen, seen + n))
            seen += n
    finally:
        network.train(was_training)
    if not rows:
        hidden = network.encoder.config.hidden_size
        return Predictions(
            probs={s: np.zeros((0, len(c)), np.float32) for s, c in network.labels.items()},
            primary={s: np.zeros((0, len(c)), np.float32) for s, c in network.labels.items()},
            embeddings=np.zeros((0, hidden), np.float32),
            rows=np.zeros(0, np.int64),
        )
    row = torch.cat(rows)
    order = torch.argsort(row)
    return Predictions(
        probs={s: torch.cat(v)[order].numpy() for s, v in probs.items()},
        primary={s: torch.cat(v)[order].numpy() for s, v in primary.items()},
        embeddings=torch.cat(embeddings)[order].numpy(),
        rows=row[order].numpy(),
    )


def text_batches(texts: list[str], tokenizer, segments, batch_size: int = 16):
    """Batches for `predict` from raw texts (serving): tokenised into segments, length-sorted, with `row`."""
    encoded, n_tokens = tokenize_segments(tokenizer, texts, segments)
    order = sorted(range(len(texts)), key=n_tokens.__getitem__)
    for start in range(0, len(order), batch_size):
        index = order[start : start + batch_size]
        input_ids, attention_mask = pad_segments([encoded[i] for i in index], tokenizer.pad_token_id)
        yield {"input_ids": input_ids, "attention_mask": attention_mask, "row": torch.tensor(index)}
