"""Coded-history columns (`diagnoses`, `procedures`): written codes -> lists of canonical codes, primary first.

A value is `"K21.9;K63.5"` (CSV, or any text), a list (Parquet list<string>, JSON array), or empty for an uncoded
episode. Each distinct written token is normalised and checked once (`CodeSystem.normalise` / `check`), then
looked up: the 1.1M-episode extract holds ~5M tokens but only a few thousand distinct ones.

Policy (docs/data-format.md): a code that fails `CodeSystem.check(code, position)` -- unknown, a category where a
longer code is required, a code of the other system, a Y/Z code or external cause as primary -- makes the whole row
unusable. For training labels, dropping the episode is safer than dropping the code: a row with one code removed
would teach the model that the condition was absent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from autocoding.codes import CodeFormatError, CodeSystem
from autocoding.data.schema import CODE_COLUMNS


def tokens(value) -> list[str]:
    """The written codes of one cell, blanks dropped; [] for an empty / missing cell."""
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split(";") if t.strip()]
    if isinstance(value, float) and np.isnan(value):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(t).strip() for t in value if t is not None and str(t).strip()]
    return tokens(str(value))


class CodeColumn:
    """Parses one code column with one code system (None: codes kept upper-cased, not validated)."""

    def __init__(self, column: str, system: CodeSystem | None):
        self.column, self.system = column, system
        self._seen: dict[tuple[str, bool], tuple[str, str | None]] = {}  # (token, primary) -> (code, problem)

    def _resolve(self, token: str, primary: bool) -> tuple[str, str | None]:
        key = (token, primary)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._check(token, primary)
        return found

    def _check(self, token: str, primary: bool) -> tuple[str, str | None]:
        if self.system is None:
            return token.upper(), None
        try:
            code = self.system.normalise(token)
        except CodeFormatError as exc:
            return token, str(exc)
        reasons = self.system.check(code, 0 if primary else 1)
        return code, ("; ".join(reasons) if reasons else None)

    def parse(self, values: Iterable) -> tuple[list[list[str]], dict[int, str]]:
        """(canonical code lists, {row index: reason}) for a column's values; rows with a reason are unusable."""
        lists: list[list[str]] = []
        problems: dict[int, str] = {}
        for index, value in enumerate(values):
            codes = []
            for position, token in enumerate(tokens(value)):
                code, problem = self._resolve(token, position == 0)
                if problem is not None and index not in problems:
                    where = "code 1, primary" if position == 0 else f"code {position + 1}"
                    problems[index] = f"{token!r} ({where}): {problem}"
                codes.append(code)
            lists.append(codes)
        return lists, problems


def code_columns(code_systems: Mapping[str, CodeSystem]) -> dict[str, CodeColumn]:
    """The parser of each code column, with the first configured system that codes it (icd10 before icd10cm)."""
    parsers = {}
    for column, names in CODE_COLUMNS.items():
        system = next((code_systems[n] for n in names if n in code_systems), None)
        parsers[column] = CodeColumn(column, system)
    return parsers
