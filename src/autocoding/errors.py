"""Exceptions shown to users as one clear message (file, row, problem) rather than a traceback."""

from __future__ import annotations


class AutocodingError(Exception):
    """Base class: the CLI prints the message and exits 1."""


class InputError(AutocodingError):
    """Bad input data: names the file, the row (1-based data row, header excluded) and the problem."""

    def __init__(self, problem: str, file: str | None = None, row: int | None = None, column: str | None = None):
        self.problem, self.file, self.row, self.column = problem, file, row, column
        where = []
        if file:
            where.append(str(file))
        if row is not None:
            where.append(f"row {row}")
        if column:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}" if where else problem)


class ConfigError(AutocodingError):
    """A configuration value that cannot work (missing path, unknown option)."""
