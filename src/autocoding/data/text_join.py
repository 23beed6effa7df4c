"""Pass 2 of the build: join each episode's documents into one text, without holding all text in memory.

Documents arrive in batches in any order (an extract is rarely sorted by episode). Each batch is filtered to the
configured document types and the episodes kept by pass 1, and its rows are appended to the temporary *bucket* file
of their episode. A bucket is a contiguous range of episodes in the final order (split, then episode_id), so
afterwards each bucket is read alone (memory ~ one bucket's text), sorted, and its documents are joined per episode:

    [endoscopy_report]
    <text>

    [histology]
    <text>

Documents of one episode are ordered by the configured type order, then by their order in the extract. Documents
whose text is blank are skipped; an episode left without text is dropped (reported by the caller).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

DOCUMENT_SEPARATOR = "\n\n"
_BUCKET_SCHEMA = pa.schema(
    [("episode", pa.int64()), ("type_rank", pa.int8()), ("seq", pa.int64()), ("text", pa.large_string())]
)


def bucket_bounds(split_codes: np.ndarray, per_bucket: int) -> np.ndarray:
    """Start index of each bucket over episodes sorted by split; buckets never cross a split.

    split_codes: (episodes,) split index per episode, non-decreasing. Returns (buckets + 1,) boundaries.
    """
    bounds = [0]
    n = len(split_codes)
    split_starts = np.flatnonzero(np.diff(split_codes)) + 1
    for start, end in zip([0, *split_starts.tolist()], [*split_starts.tolist(), n], strict=True):
        bounds += list(range(start + per_bucket, end, per_bucket)) + [end]
    return np.unique(np.asarray(bounds, dtype=np.int64))


class DocumentBuckets:
    """Spreads document rows over bucket files (Arrow IPC) in `work_dir`."""

    def __init__(
        self, episode_ids: pd.Index, bounds: np.ndarray, document_types: tuple[str, ...], work_dir: Path
    ):
        self.episode_ids = episode_ids  # final episode order; pandas keeps its hash table between lookups
        self.bounds = bounds
        self.types = pa.array(document_types, pa.string())
        self.work_dir = Path(work_dir)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._writers: dict[int, pa.ipc.RecordBatchFileWriter] = {}
        self._seq = 0
        self.rows_kept = 0

    def path(self, bucket: int) -> Path:
        return self.work_dir / f"bucket-{bucket:05d}.arrow"

    def add(self, batch: pa.Table | pa.RecordBatch) -> None:
        """batch: columns episode_id, doc_type, text (others ignored)."""
        n = batch.num_rows
        seq = np.arange(self._seq, self._seq + n, dtype=np.int64)
        self._seq += n
        rank = pc.index_in(batch.column("doc_type").cast(pa.string()), value_set=self.types)
        episode = self.episode_ids.get_indexer(batch.column("episode_id").cast(pa.string()).to_pandas())
        keep = (episode >= 0) & pc.is_valid(rank).to_numpy(zero_copy_only=False)
        keep &= pc.is_valid(batch.column("text")).to_numpy(zero_copy_only=False)
        if not keep.any():
            return
        episode = episode[keep]
        table = pa.table(
            {
                "episode": pa.array(episode, pa.int64()),
                "type_rank": pa.array(
                    pc.fill_null(rank, -1).to_numpy(zero_copy_only=False)[keep].astype(np.int8)
                ),
                "seq": pa.array(seq[keep]),
                "text": batch.column("text").filter(pa.array(keep)).cast(pa.large_string()),
            },
            schema=_BUCKET_SCHEMA,
        )
        bucket = np.searchsorted(self.bounds, episode, side="right") - 1  # (rows,) bucket of each row
        order = np.argsort(bucket, kind="stable")
        table, bucket = table.take(pa.array(order)), bucket[order]
        edges = np.flatnonzero(np.diff(bucket)) + 1
        for start, end in zip([0, *edges.tolist()], [*edges.tolist(), len(bucket)], strict=True):
            self._writer(int(bucket[start])).write_table(table.slice(start, end - start))
        self.rows_kept += len(episode)

    def _writer(self, bucket: int) -> pa.ipc.RecordBatchFileWriter:
        if bucket not in self._writers:
            self._writers[bucket] = pa.ipc.new_file(str(self.path(bucket)), _BUCKET_SCHEMA)
        return self._writers[bucket]

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()

    def joined(self, bucket: int) -> tuple[np.ndarray, pa.Array]:
        """(episode indices, joined texts) of one bucket, in episode order; episodes without text are absent."""
        path = self.path(bucket)
        if not path.exists():
            return np.empty(0, dtype=np.int64), pa.array([], pa.large_string())
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_file(source).read_all()
        path.unlink()
        return join_documents(table, self.types)


def join_documents(table: pa.Table, types: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """table: episode, type_rank, seq, text (any order). Returns (episode indices, texts) sorted by episode."""
    text = pc.utf8_trim_whitespace(table.column("text"))
    table = table.set_column(3, "text", text).filter(pc.greater(pc.utf8_length(text), 0))
    if table.num_rows == 0:
        return np.empty(0, dtype=np.int64), pa.array([], pa.large_string())
    table = table.sort_by([("episode", "ascending"), ("type_rank", "ascending"), ("seq", "ascending")])
    headers = pa.array([f"[{t}]\n" for t in types.to_pylist()], pa.large_string())
    headed = pc.binary_join_element_wise(
        headers.take(table.column("type_rank")), table.column("text"), pa.scalar("", pa.large_string())
    )
    episode = table.column("episode").to_numpy()
    starts = np.flatnonzero(np.r_[True, episode[1:] != episode[:-1]])
    offsets = pa.array(np.r_[starts, len(episode)].astype(np.int64))
    lists = pa.LargeListArray.from_arrays(offsets, headed.combine_chunks())
    return episode[starts], pc.binary_join(lists, pa.scalar(DOCUMENT_SEPARATOR, pa.large_string()))


def bucket_tables(buckets: DocumentBuckets, n_buckets: int) -> Iterator[tuple[int, np.ndarray, pa.Array]]:
    """(bucket, episode indices, texts) for every bucket in order."""
    for bucket in range(n_buckets):
        episodes, texts = buckets.joined(bucket)
        yield bucket, episodes, texts


def spread(batches: Iterable[pa.Table | pa.RecordBatch], buckets: DocumentBuckets) -> None:
    try:
        for batch in batches:
            buckets.add(batch)
    finally:
        buckets.close()
