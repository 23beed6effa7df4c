"""Long documents as segments: token ids -> (segments, tokens) windows, and padding a batch to (B, S, T).

A document is tokenised once without special tokens and cut into as few windows of at most `max_length - 2`
tokens as hold it, of EQUAL size (a 300-token document becomes two windows of 150, not 254 + 46), each wrapped as
[CLS] window [SEP]; at most `max_segments` windows are kept (the rest is truncated and counted). Equal windows
matter for speed: a batch is padded to its longest window, so 254 + 46 costs two full 256-token segments, while
150 + 150 costs two of 152 (in the demo's test split this was 44-67% of the tokens in half the batches).
Padding is dynamic: a batch is padded to its own longest document (S) and longest window (T), and a
document with fewer windows gets all-padding segments that the network skips.
"""

from __future__ import annotations

from collections.abc import Sequence

from autocoding.model.encoder import SegmentSpec


def split_segments(ids: Sequence[int], cls_id: int, sep_id: int, spec: SegmentSpec) -> list[list[int]]:
    """One document's token ids (no special tokens) -> up to `max_segments` lists of <= `max_length` ids."""
    body = spec.max_length - 2
    if body < 1:
        raise ValueError(f"max_length {spec.max_length} leaves no room for tokens between [CLS] and [SEP]")
    kept = list(ids[: body * spec.max_segments])
    n_windows = max(1, -(-len(kept) // body))
    size, longer = divmod(len(kept), n_windows)  # the first `longer` windows hold one token more
    bounds = [0]
    for w in range(n_windows):
        bounds.append(bounds[-1] + size + (w < longer))
    windows = [kept[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    return [[cls_id, *w, sep_id] for w in windows]


def is_truncated(n_tokens: int, spec: SegmentSpec) -> bool:
    return n_tokens > (spec.max_length - 2) * spec.max_segments


def tokenize_segments(
    tokenizer, texts: Sequence[str], spec: SegmentSpec
) -> tuple[list[list[list[int]]], list[int]]:
    """Texts -> (segments per text, number of tokens per text before truncation)."""
    ids = tokenizer(list(texts), add_special_tokens=False, truncation=False, verbose=False)["input_ids"]
    segments = [split_segments(x, tokenizer.cls_token_id, tokenizer.sep_token_id, spec) for x in ids]
    return segments, [len(x) for x in ids]


def pad_segments(batch: Sequence[Sequence[Sequence[int]]], pad_id: int):
    """Segments of B documents -> `input_ids`, `attention_mask`, both (B, S, T) int64; S, T the batch maxima."""
    import torch

    n_seg = max(len(doc) for doc in batch)
    n_tok = max(len(seg) for doc in batch for seg in doc)
    input_ids = torch.full((len(batch), n_seg, n_tok), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(batch), n_seg, n_tok), dtype=torch.long)
    for b, doc in enumerate(batch):
        for s, seg in enumerate(doc):
            input_ids[b, s, : len(seg)] = torch.as_tensor(seg, dtype=torch.long)
            attention_mask[b, s, : len(seg)] = 1
    return input_ids, attention_mask
