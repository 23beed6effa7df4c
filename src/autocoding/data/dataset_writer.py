"""Writing a Hugging Face `DatasetDict` to disk shard by shard, in the layout `save_to_disk` writes.

Why not `DatasetDict.save_to_disk`: it needs the whole dataset as one `Dataset` first (for 1.1M episodes that is an
extra full copy through the cache), and it records a fingerprint that hashes file modification times, so two builds
of the same input would never give identical files. Here each split is written as it is produced, with
`datasets.arrow_writer.ArrowWriter` (what `save_to_disk` itself uses), and `state.json` carries a content hash.
`tests/data/test_build_writer.py` checks the result against `save_to_disk` output and `load_from_disk`.

Layout:
    DIR/dataset_dict.json                 {"splits": ["train", "validation", "test"]}
    DIR/<split>/data-00000-of-00002.arrow Arrow IPC streams with the features in the schema metadata
    DIR/<split>/dataset_info.json         features (DatasetInfo as a dict)
    DIR/<split>/state.json                shard list, fingerprint
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa

MAX_SHARD_BYTES = 500 * 1024**2  # save_to_disk's default max_shard_size


def dataset_features(systems: list[str]):
    """The columns of docs/architecture.md: episode_id, patient_id, text, one list[str] per code system."""
    from datasets import Features, Value

    try:
        from datasets import List
    except ImportError:  # datasets < 4
        from datasets import Sequence as List
    columns = {"episode_id": Value("string"), "patient_id": Value("string"), "text": Value("string")}
    columns.update({system: List(Value("string")) for system in systems})
    return Features(columns)


def arrow_schema(systems: list[str]) -> pa.Schema:
    return dataset_features(systems).arrow_schema


def file_sha256(path: Path, chunk: int = 8 * 1024**2) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class SplitWriter:
    """Appends record batches to one split's Arrow shards, starting a new shard past `max_shard_bytes`."""

    def __init__(
        self, directory: Path, split: str, systems: list[str], max_shard_bytes: int = MAX_SHARD_BYTES
    ):
        self.directory = Path(directory) / split
        self.directory.mkdir(parents=True, exist_ok=True)
        self.split = split
        self.features = dataset_features(systems)
        self.max_shard_bytes = max_shard_bytes
        self.rows = 0
        self._parts: list[Path] = []
        self._writer = None
        self._shard_bytes = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        table = table.select(list(self.features)).cast(self.features.arrow_schema)
        if self._writer is None or self._shard_bytes >= self.max_shard_bytes:
            self._open_shard()
        self._writer.write_table(table)
        self._shard_bytes += table.nbytes
        self.rows += table.num_rows

    def _open_shard(self) -> None:
        from datasets.arrow_writer import ArrowWriter

        self._close_shard()
        path = self.directory / f"part-{len(self._parts):05d}.arrow"
        self._parts.append(path)
        self._writer = ArrowWriter(features=self.features, path=str(path))
        self._shard_bytes = 0

    def _close_shard(self) -> None:
        if self._writer is not None:
            self._writer.finalize()
            self._writer.close()
            self._writer = None

    def close(self) -> str:
        """Finish the split: name the shards as save_to_disk does, write state.json and dataset_info.json.

        Returns the split's content hash (sha256 over its shards' hashes, in order).
        """
        if self._writer is None and not self._parts:
            self._open_shard()  # an empty split is still a valid (empty) dataset
        self._close_shard()
        n = len(self._parts)
        names = [f"data-{i:05d}-of-{n:05d}.arrow" for i in range(n)]
        digest = hashlib.sha256()
        for part, name in zip(self._parts, names, strict=True):
            part.rename(self.directory / name)
            digest.update(file_sha256(self.directory / name).encode())
        content_hash = digest.hexdigest()
        self._write_metadata(names, content_hash)
        return content_hash

    def _write_metadata(self, names: list[str], content_hash: str) -> None:
        from datasets import DatasetInfo
        from datasets.utils.py_utils import asdict  # drops unset fields, as save_to_disk writes them

        state = {
            "_data_files": [{"filename": name} for name in names],
            "_fingerprint": content_hash[:16],
            "_format_columns": None,
            "_format_kwargs": {},
            "_format_type": None,
            "_output_all_columns": False,
            "_split": None,
        }
        (self.directory / "state.json").write_text(
            json.dumps(state, indent=2, sort_keys=True), encoding="utf-8"
        )
        info = asdict(DatasetInfo(features=self.features))
        info = {key: info[key] for key in sorted(info)}
        (self.directory / "dataset_info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")


def write_dataset_dict_json(directory: Path, splits: list[str]) -> None:
    (Path(directory) / "dataset_dict.json").write_text(json.dumps({"splits": list(splits)}), encoding="utf-8")


class DatasetDictWriter:
    """All splits of one dataset: routes each table to its split's writer and counts what was written."""

    def __init__(
        self,
        directory: Path,
        systems: list[str],
        splits: tuple[str, ...],
        max_shard_bytes: int = MAX_SHARD_BYTES,
    ):
        from autocoding.data.label_space import CodeCounts

        self.directory = Path(directory)
        self.splits = tuple(splits)
        self.writers = {
            split: SplitWriter(self.directory, split, systems, max_shard_bytes) for split in self.splits
        }
        self.counts = CodeCounts(list(systems))

    def write(self, split: str, table: pa.Table) -> None:
        """table: the dataset columns (extra columns such as `from_audit` are counted, not written)."""
        self.counts.add_table(split, table)
        self.writers[split].write(table)

    def close(self) -> str:
        """Finish every split; returns the dataset's content hash (over the splits' hashes, in split order)."""
        digest = hashlib.sha256()
        for split in self.splits:
            digest.update(f"{split}:{self.writers[split].close()}".encode())
        write_dataset_dict_json(self.directory, list(self.splits))
        return digest.hexdigest()
