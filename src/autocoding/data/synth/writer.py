"""Writing the extract batch by batch: Parquet (one row group per batch), CSV (codes joined with ';') or JSONL.

Each table is written to `<name>.<ext>.tmp` beside its final path and renamed into place only when every batch
has been written, so an interrupted run never leaves a half file under the final name nor replaces a good
extract with one. Output bytes depend only on the rows (no timestamps), so one seed gives identical files.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .stream import AUDIT_COLUMNS, DOCUMENT_COLUMNS, EPISODE_COLUMNS, Batch

TABLES = {"episodes": EPISODE_COLUMNS, "documents": DOCUMENT_COLUMNS, "audit": AUDIT_COLUMNS}
LIST_COLUMNS = {"diagnoses", "procedures"}
FORMATS = ("parquet", "csv", "jsonl")


def _parquet_schema(columns):
    import pyarrow as pa

    types = {"age": pa.int32(), "diagnoses": pa.list_(pa.string()), "procedures": pa.list_(pa.string())}
    return pa.schema([(c, types.get(c, pa.string())) for c in columns])


class ExtractWriter:
    """Context manager: `with ExtractWriter(out, 'parquet') as w: w.write(batch)`; files appear on clean exit."""

    def __init__(self, out_dir: Path, fmt: str):
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
        self.out_dir, self.fmt = Path(out_dir), fmt
        self.paths = {name: self.out_dir / f"{name}.{fmt}" for name in TABLES}
        self._sinks: dict[str, object] = {}
        self.rows = dict.fromkeys(TABLES, 0)

    def __enter__(self) -> ExtractWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, columns in TABLES.items():
            self._sinks[name] = self._open(self._tmp(name), columns)
        return self

    def write(self, batch: Batch) -> None:
        for name in TABLES:
            columns = getattr(batch, name)
            self.rows[name] += len(columns["episode_id"])
            self._write(name, columns)

    def __exit__(self, exc_type, exc, tb) -> None:
        for sink in self._sinks.values():
            sink.close()
        for name in TABLES:
            if exc_type is None:
                os.replace(self._tmp(name), self.paths[name])
            else:
                self._tmp(name).unlink(missing_ok=True)

    def _tmp(self, name: str) -> Path:
        return self.paths[name].with_name(self.paths[name].name + ".tmp")

    def _open(self, path: Path, columns):
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetWriter(path, _parquet_schema(columns), compression="zstd")
        handle = open(path, "w", encoding="utf-8", newline="")
        if self.fmt == "csv":
            csv.writer(handle).writerow(columns)
        return handle

    def _write(self, name: str, columns: dict[str, list]) -> None:
        sink = self._sinks[name]
        if self.fmt == "parquet":
            import pyarrow as pa

            schema = _parquet_schema(TABLES[name])
            sink.write_table(pa.Table.from_pydict(columns, schema=schema))
            return
        keys = TABLES[name]
        rows = zip(*(columns[k] for k in keys), strict=True)
        if self.fmt == "csv":
            lists = [i for i, k in enumerate(keys) if k in LIST_COLUMNS]
            writer = csv.writer(sink)
            for row in rows:
                row = list(row)
                for i in lists:
                    row[i] = ";".join(row[i])
                writer.writerow(row)
        else:
            sink.writelines(json.dumps(dict(zip(keys, row, strict=True)), ensure_ascii=False) + "\n" for row in rows)
