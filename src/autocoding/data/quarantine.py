"""The quarantine report: every row the loader set aside, with where it was and why.

Loading never drops data silently: a rejected row becomes one line (file, row, column, reason) per problem, and
`Quarantine.write(path)` saves them as CSV (written to a temporary file, then renamed, so a crash never leaves a
half report). `row` is the 1-based data row of the file (header excluded; for JSON Lines the line number).
With `on_error="fail"` the first problem raises `InputError` naming the same file, row and column instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from autocoding.errors import InputError
from autocoding.files import write_atomic_with

QUARANTINE_COLUMNS = ["file", "row", "column", "reason"]
ON_ERROR = ("quarantine", "fail")


@dataclass
class Quarantine:
    """Rows set aside, in the order found. Duplicate lines (a file read twice by two passes) are kept once."""

    on_error: str = "quarantine"  # "fail": raise InputError on the first problem
    _rows: dict[tuple, None] = field(default_factory=dict)  # an ordered set

    def __post_init__(self) -> None:
        if self.on_error not in ON_ERROR:
            raise ValueError(f"on_error must be one of {ON_ERROR}, got {self.on_error!r}")

    def add(self, file: str | Path | None, row: int | None, column: str | None, reason: str) -> None:
        if self.on_error == "fail":
            raise InputError(reason, file=str(file) if file else None, row=row, column=column or None)
        key = (str(file or ""), None if row is None else int(row), column or "", reason)
        self._rows[key] = None

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return iter(self._rows)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self._rows), columns=QUARANTINE_COLUMNS)
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def write(self, path: str | Path) -> Path:
        """Save as CSV (file,row,column,reason); a header-only file when nothing was set aside."""
        frame = self.to_frame()
        return write_atomic_with(path, lambda tmp: frame.to_csv(tmp, index=False))
