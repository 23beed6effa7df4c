"""Reading a file of coders' work: CSV or JSON Lines, one decision per row (docs/corrections.md, "Import format").

Columns: `episode_id`, `diagnoses`, `procedures`, `coder_id`, `coded_at`, `kind`, and optionally `comment`.
A code list is, in JSON Lines, a list of strings; in CSV (or as a JSON string), the codes in sequence separated by
spaces, commas, semicolons or `|`, or a JSON list (`["K21.9", "K29.7"]`). Rows are numbered from 1, the header
(CSV) not counted, as everywhere in autocoding's messages.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from autocoding.errors import InputError

REQUIRED = ("episode_id", "diagnoses", "procedures", "coder_id", "coded_at", "kind")
OPTIONAL = ("comment",)
JSON_LINES = (".jsonl", ".ndjson")
_SEPARATORS = re.compile(r"[\s,;|]+")


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its number, and the cells (None where absent); `problem` when unreadable."""

    row: int
    cells: dict
    problem: str | None = None


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in JSON_LINES:
        return "jsonl"
    raise InputError(f"unknown file type {suffix or '(none)'}: corrections come as .csv or .jsonl", file=str(path))


def read_rows(path: Path) -> Iterator[RawRow]:
    """The rows of a corrections file; InputError (nothing read) when a required column is missing."""
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    if file_format(path) == "csv":
        yield from _csv_rows(path)
    else:
        yield from _jsonl_rows(path)


def _missing(path: Path, columns) -> None:
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(f"missing columns {missing}; a corrections file has {list(REQUIRED)} (+ {list(OPTIONAL)})",
                         file=str(path))


def _csv_rows(path: Path) -> Iterator[RawRow]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        _missing(path, reader.fieldnames or [])
        for number, cells in enumerate(reader, start=1):
            if None in cells:
                yield RawRow(number, {}, f"{len(reader.fieldnames) + len(cells[None])} cells for "
                                         f"{len(reader.fieldnames)} columns")
                continue
            yield RawRow(number, {k: (v if v != "" else None) for k, v in cells.items()})


def _jsonl_rows(path: Path) -> Iterator[RawRow]:
    checked = False
    with path.open(encoding="utf-8-sig") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                cells = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RawRow(number, {}, f"not JSON: {exc.msg} (character {exc.pos + 1})")
                continue
            if not isinstance(cells, dict):
                yield RawRow(number, {}, f"a JSON object per line is expected, got {type(cells).__name__}")
                continue
            if not checked:  # the first object names the columns, as a CSV header does
                _missing(path, cells)
                checked = True
            yield RawRow(number, cells)


def code_list(value) -> list[str]:
    """A cell of codes -> the codes in sequence; ValueError when it cannot be one."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"codes must be strings, got {json.dumps(value)}")
        return [v.strip() for v in value if v.strip()]
    if not isinstance(value, str):
        raise ValueError(f"a list of codes is expected, got {json.dumps(value)}")
    text = value.strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON list: {exc.msg}") from exc
        return code_list(parsed)
    return [c for c in _SEPARATORS.split(text) if c]
