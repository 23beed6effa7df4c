"""LightningDataModule: tokenise once (datasets.map, in memory), multi-hot targets, dynamic padding of segments."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import lightning.pytorch as pl
import torch
from torch.utils.data import DataLoader

from autocoding.model.encoder import SegmentSpec
from autocoding.model.segments import is_truncated, pad_segments, tokenize_segments
from autocoding.train.dataset import SPLITS, CodingData, target_columns
from autocoding.train.sampler import LengthBucketSampler

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoaderSpec:
    batch_size: int = 8
    eval_batch_size: int = 16
    num_workers: int = 0
    predict_batches: int | None = None  # cap on batches per split for the predictions `train` returns (debug)
    bucket_pool_batches: int = 50  # length bucketing of training batches (0: plain shuffle)
    seed: int = 0


def collate(rows: Sequence[dict], systems: Sequence[str], n_labels: dict[str, int], pad_id: int) -> dict:
    """Rows -> `input_ids`/`attention_mask` (B, S, T), `targets[sys]` (B, L) float, `primary[sys]` (B,), `row` (B,)."""
    input_ids, attention_mask = pad_segments([r["segments"] for r in rows], pad_id)
    batch = {"input_ids": input_ids, "attention_mask": attention_mask, "targets": {}, "primary": {}}
    for system in systems:
        targets = torch.zeros(len(rows), n_labels[system])
        for i, r in enumerate(rows):
            targets[i, r[f"{system}__ids"]] = 1.0
        batch["targets"][system] = targets
        batch["primary"][system] = torch.tensor([r[f"{system}__primary"] for r in rows], dtype=torch.long)
    batch["row"] = torch.tensor([r["row"] for r in rows], dtype=torch.long)
    return batch


class Collator:
    """Picklable collate_fn (DataLoader workers pickle it)."""

    def __init__(self, systems: Sequence[str], n_labels: dict[str, int], pad_id: int):
        self.systems, self.n_labels, self.pad_id = list(systems), dict(n_labels), pad_id

    def __call__(self, rows: Sequence[dict]) -> dict:
        return collate(rows, self.systems, self.n_labels, self.pad_id)


class CodingDataModule(pl.LightningDataModule):
    def __init__(self, data: CodingData, tokenizer, segments: SegmentSpec, loader: LoaderSpec = LoaderSpec()):
        super().__init__()
        self.data, self.tokenizer, self.segments, self.loader = data, tokenizer, segments, loader
        self.encoded: dict = {}
        self.collator = Collator(
            data.systems, {s: len(v) for s, v in data.labels.items()}, tokenizer.pad_token_id
        )

    def setup(self, stage: str | None = None) -> None:
        if not self.encoded:
            self.encoded = {split: self._encode(split) for split in SPLITS}

    def _encode(self, split: str):
        dataset = self.data.splits[split]
        label2id = {s: self.data.label2id(s) for s in self.data.systems}

        def encode(batch: dict, indices: list[int]) -> dict:
            segments, n_tokens = tokenize_segments(self.tokenizer, batch["text"], self.segments)
            out = {"segments": segments, "n_tokens": n_tokens, "row": indices}
            out.update(target_columns(batch, self.data.systems, label2id))
            return out

        encoded = dataset.map(
            encode,
            batched=True,
            with_indices=True,
            remove_columns=dataset.column_names,
            keep_in_memory=True,  # never write cache files into the (read-only, versioned) dataset directory
            new_fingerprint=f"autocoding-encode-{split}",
            desc=f"tokenising {split}",
        )
        truncated = sum(is_truncated(n, self.segments) for n in list(encoded["n_tokens"]))
        if truncated:
            log.warning(
                "%s: %d of %d documents exceed %d segments x %d tokens and are truncated",
                split,
                truncated,
                len(encoded),
                self.segments.max_segments,
                self.segments.max_length,
            )
        return encoded

    def _loader(self, split: str, train: bool) -> DataLoader:
        dataset = self.encoded[split]
        if not train:  # similar lengths together: less padding; `row` restores the order
            lengths = list(dataset["n_tokens"])
            dataset = dataset.select(sorted(range(len(lengths)), key=lengths.__getitem__))
        sampler = None
        if train and self.loader.bucket_pool_batches > 0:
            sampler = LengthBucketSampler(
                list(dataset["n_tokens"]),
                self.loader.batch_size,
                self.loader.bucket_pool_batches,
                self.loader.seed,
            )
        workers = self.loader.num_workers
        return DataLoader(
            dataset,
            batch_size=self.loader.batch_size if train else self.loader.eval_batch_size,
            shuffle=train and sampler is None,
            sampler=sampler,
            collate_fn=self.collator,
            num_workers=workers,
            persistent_workers=workers > 0,
        )

    def train_dataloader(self) -> DataLoader:
        return self._loader("train", train=True)

    def val_dataloader(self) -> DataLoader:
        return self._loader("validation", train=False)

    def test_dataloader(self) -> DataLoader:
        return self._loader("test", train=False)

    def predict_loader(self, split: str) -> DataLoader:
        self.setup()
        return self._loader(split, train=False)
