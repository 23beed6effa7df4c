"""Length-bucketed shuffling: batches of similar-length documents, so dynamic padding wastes little compute.

Each epoch: shuffle all indices, cut them into pools of `pool_batches * batch_size`, sort each pool by length,
cut pools into batches, shuffle the batches. Yields single indices (a plain `Sampler`), so a DataLoader with
`batch_size` forms exactly these batches, and under DDP Lightning's `DistributedSamplerWrapper` can shard it.
On short CPU runs this roughly halves the padded tokens per epoch against plain shuffling.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import torch
from torch.utils.data import Sampler


class LengthBucketSampler(Sampler[int]):
    def __init__(self, lengths: Sequence[int], batch_size: int, pool_batches: int = 50, seed: int = 0):
        self.lengths, self.batch_size, self.pool_batches, self.seed = (
            list(lengths),
            batch_size,
            pool_batches,
            seed,
        )
        self.epoch = 0

    def __len__(self) -> int:
        return len(self.lengths)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self) -> Iterator[int]:
        gen = torch.Generator().manual_seed(self.seed + self.epoch)
        self.epoch += 1  # a new order each epoch even when nobody calls set_epoch
        order = torch.randperm(len(self.lengths), generator=gen).tolist()
        pool = self.pool_batches * self.batch_size
        batches = []
        for start in range(0, len(order), pool):
            chunk = sorted(order[start : start + pool], key=self.lengths.__getitem__)
            batches += [chunk[i : i + self.batch_size] for i in range(0, len(chunk), self.batch_size)]
        for b in torch.randperm(len(batches), generator=gen).tolist():
            yield from batches[b]
