"""Reading one extract table in batches, whatever its format: Parquet by row groups, CSV and JSON Lines in chunks.

Each batch is a `RawBatch`: a pyarrow Table of the asked columns (as written: CSV and JSON Lines values as text,
Parquet values in their stored types), the 1-based data row number of each row, and the rows that could not be read
at all (a CSV line with the wrong number of fields, a JSON line that is not JSON or not UTF-8). Memory holds one
batch: a 1.1M-episode extract streams in a few hundred MB.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from autocoding.errors import InputError

NOT_UTF8 = "not valid UTF-8 text"


@dataclass
class RawBatch:
    table: pa.Table
    rows: np.ndarray  # (n,) int64: data row number of each table row in its file
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)  # (row, column, reason)


def column_names(file: Path) -> list[str]:
    """The columns a table file offers (Parquet schema, CSV header, keys of the first JSON record)."""
    if file.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(file).schema_arrow.names)
    if file.suffix == ".csv":
        with open(file, encoding="utf-8-sig", errors="replace", newline="") as handle:
            return [name.strip() for name in next(csv.reader(handle), [])]
    return _jsonl_keys(file)


def _jsonl_keys(file: Path) -> list[str]:
    """The keys of the first line that is a JSON object: a broken line before it is reported by the row pass
    (read_batches), like a broken line anywhere else, so it costs its own row only."""
    with open(file, "rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                return list(record)
    return []


def read_batches(file: Path, columns: list[str], batch_size: int) -> Iterator[RawBatch]:
    """Batches of about `batch_size` rows holding `columns` (all present: checked by the caller)."""
    readers = {".parquet": _parquet_batches, ".csv": _csv_batches, ".jsonl": _jsonl_batches}
    yield from readers[file.suffix](file, columns, batch_size)


def _parquet_batches(file: Path, columns: list[str], batch_size: int) -> Iterator[RawBatch]:
    import pyarrow.parquet as pq

    start = 1
    for batch in pq.ParquetFile(file).iter_batches(batch_size=batch_size, columns=columns):
        yield RawBatch(pa.Table.from_batches([batch]), np.arange(start, start + batch.num_rows, dtype=np.int64))
        start += batch.num_rows


def _csv_batches(file: Path, columns: list[str], batch_size: int) -> Iterator[RawBatch]:
    """All values read as bytes and decoded here, so one bad byte sets aside one row, not the whole file.

    A row with the wrong number of fields is fatal: it means broken quoting, after which no row of the file can be
    trusted; the message names that row and its line (_csv_structure_error), never its values."""
    import pyarrow.csv as pcsv

    header = column_names(file)
    start = 1
    try:
        reader = pcsv.open_csv(
            file,
            read_options=pcsv.ReadOptions(block_size=max(1 << 20, min(batch_size * 512, 64 << 20))),
            parse_options=pcsv.ParseOptions(newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types={name: pa.binary() for name in header}, include_columns=columns,
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )
        for chunk in _rebatch(reader, batch_size):
            rows = np.arange(start, start + chunk.num_rows, dtype=np.int64)
            start += chunk.num_rows
            table, problems = _decode(chunk, rows)
            yield RawBatch(table, rows, problems)
    except pa.ArrowInvalid as exc:
        raise _csv_structure_error(file, len(header)) from exc


def _csv_structure_error(file: Path, fields: int) -> InputError:
    """The first record whose number of fields differs from the header's, found by re-reading the file with Python's
    csv module (pyarrow's message counts neither rows nor lines, and quotes the record: clinical text). The message
    names the data row (1 = the first row after the header) and the line where that record starts, never a value."""
    with open(file, encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        line = reader.line_num + 1
        for row, record in enumerate(reader, start=1):
            if len(record) != fields:
                return InputError(
                    f"cannot parse the CSV: this record (starting on line {line}) has {len(record)} fields, "
                    f"the header {fields}; check the quoting of its text fields", file=str(file), row=row)
            line = reader.line_num + 1
    return InputError("cannot parse the CSV (its quoting is broken); check the quoting of text fields",
                      file=str(file))


def _rebatch(batches, batch_size: int) -> Iterator[pa.Table]:
    """pyarrow's CSV reader cuts by bytes; cut into tables of exactly batch_size rows (the last one fewer)."""
    pending: list[pa.Table] = []
    held = 0
    for batch in batches:
        pending.append(pa.Table.from_batches([batch]))
        held += batch.num_rows
        while held >= batch_size:
            table = pa.concat_tables(pending)
            yield table.slice(0, batch_size)
            rest = table.slice(batch_size)
            pending, held = [rest], rest.num_rows
    if held:
        yield pa.concat_tables(pending)


def _decode(table: pa.Table, rows: np.ndarray) -> tuple[pa.Table, list]:
    """Binary columns -> UTF-8 strings; a value that is not UTF-8 becomes U+FFFD-marked text, reported per row."""
    problems = []
    decoded = []
    for name in table.column_names:
        column = table.column(name)
        try:
            decoded.append(column.cast(pa.string()))
        except pa.ArrowInvalid:
            values = []
            for index, value in enumerate(column.to_pylist()):
                try:
                    values.append(value.decode("utf-8"))
                except UnicodeDecodeError:
                    problems.append((int(rows[index]), name, NOT_UTF8))
                    values.append(value.decode("utf-8", errors="replace"))
            decoded.append(pa.array(values, pa.string()))
    return pa.table(dict(zip(table.column_names, decoded, strict=True))), problems


def _jsonl_batches(file: Path, columns: list[str], batch_size: int) -> Iterator[RawBatch]:
    records, rows, problems = [], [], []
    with open(file, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = _json_record(line, number, problems)
            if record is not None:
                records.append([_as_text(record.get(c)) for c in columns])
                rows.append(number)
            if len(records) >= batch_size:
                yield _jsonl_batch(records, rows, problems, columns)
                records, rows, problems = [], [], []
    if records or problems:
        yield _jsonl_batch(records, rows, problems, columns)


def _json_record(line: bytes, number: int, problems: list) -> dict | None:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append((number, "", NOT_UTF8))
        return None
    try:
        record = json.loads(text)
    except ValueError as exc:
        problems.append((number, "", f"not valid JSON ({exc})"))
        return None
    if not isinstance(record, dict):
        problems.append((number, "", "a JSON line must hold one object ({...})"))
        return None
    return record


def _as_text(value):
    """JSON values as the loader reads them: text, or a list of texts (codes); None when absent. Numbers become
    their decimal text, a whole-valued float without its `.0` (ids written as 123 or 123.0 by an exporter read as
    "123", the text a CSV or a string column gives)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return ";".join("" if v is None else _as_text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _jsonl_batch(records: list, rows: list, problems: list, columns: list[str]) -> RawBatch:
    by_column = list(zip(*records, strict=True)) if records else [() for _ in columns]
    table = pa.table({c: pa.array(list(v), pa.string()) for c, v in zip(columns, by_column, strict=True)})
    return RawBatch(table, np.asarray(rows, dtype=np.int64), list(problems))
