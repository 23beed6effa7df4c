"""`import_file(store, path, coded=None)`: one file of coders' work into the store, all its good rows or none.

1. Every row is read and checked (`check_row`): ids and kind present, a time, each code valid for its position
   in its system (`CodeSystem.check`), the sequence rules (`check_sequence`), and with `coded` (coded.parquet)
   the episode coded there and the kind fitting its status (an `audit` is of an auto-coded episode, an
   `exception_review` of an exception). Each problem is reported with file, row, column and reason.
2. The good rows go in ONE transaction with the model's output they correct; a row whose content is already
   stored (this file before, another file, another process right now) is counted `unchanged` and changes nothing.
   A crash part way (`AUTOCODING_PAUSE_AT=corrections_import` stops there, for the tests' kill -9) leaves the
   database as it was before the file; `AUTOCODING_IMPORT_HOLD_SECONDS=N` holds the open transaction N seconds
   there, so the tests can run a second import against it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from autocoding.codes import check_sequence, get_code_systems
from autocoding.corrections.reading import RawRow, code_list, read_rows
from autocoding.corrections.records import KINDS, Correction
from autocoding.corrections.store import CorrectionsStore, utc
from autocoding.data.schema import CODE_COLUMNS
from autocoding.errors import InputError
from autocoding.files import checkpoint

PAUSE_POINT = "corrections_import"  # files.checkpoint name: after the first row is written, before the commit
HOLD_ENV = "AUTOCODING_IMPORT_HOLD_SECONDS"  # tests: keep the transaction open that long there, to overlap another
STATUS_OF_KIND = {"audit": "auto", "exception_review": "exception"}


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        return str(InputError(self.reason, file=self.file, row=self.row, column=self.column))


@dataclass
class ImportReport:
    file: str
    rows: int = 0          # data rows read
    inserted: int = 0      # new corrections stored
    unchanged: int = 0     # already stored (an earlier import, or another process's)
    duplicates: int = 0    # repeated within this file
    bad: list[BadRow] = field(default_factory=list)  # one per problem; a row may have several

    @property
    def bad_rows(self) -> int:
        return len({b.row for b in self.bad})

    def summary(self) -> str:
        return (f"{self.file}: {self.rows} rows: {self.inserted} inserted, {self.unchanged} unchanged, "
                f"{self.duplicates} duplicates, {self.bad_rows} bad")


@dataclass(frozen=True)
class ModelOutput:
    """One episode's row of coded.parquet: what the model said."""

    model_name: str | None
    model_version: str | None
    status: str
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]


def default_code_systems() -> dict:
    return get_code_systems({}, ["icd10", "opcs4"])


def column_systems(code_systems: Mapping) -> dict:
    """{"diagnoses": CodeSystem, "procedures": CodeSystem} from {system name: CodeSystem}."""
    found = {}
    for column, names in CODE_COLUMNS.items():
        system = next((code_systems[n] for n in names if n in code_systems), None)
        if system is None:
            raise InputError(f"no code system for {column} (give one of {list(names)})")
        found[column] = system
    return found


def read_coded(path: Path, systems: Mapping) -> dict[str, ModelOutput]:
    """{episode_id: ModelOutput} from coded.parquet (serving.coded_output), codes in canonical form."""
    import pyarrow.parquet as pq

    if not Path(path).is_file():
        raise InputError("no such file (the coded output of `autocoding code`)", file=str(path))
    columns = ["episode_id", "status", "diagnoses", "procedures", "model_name", "model_version"]
    try:
        table = pq.read_table(path, columns=columns)
    except Exception as exc:  # pyarrow: not parquet, or a column missing
        raise InputError(f"not a coded output: {exc}", file=str(path)) from exc
    found = {}
    for row in table.to_pylist():
        found[str(row["episode_id"])] = ModelOutput(
            row["model_name"] or None, row["model_version"] or None, str(row["status"]),
            tuple(systems["diagnoses"].normalise(c) for c in row["diagnoses"] or ()),
            tuple(systems["procedures"].normalise(c) for c in row["procedures"] or ()))
    return found


def _text(cells: dict, column: str) -> str | None:
    value = cells.get(column)
    if value is None:
        return None
    return str(value).strip() or None


def _time(value) -> datetime:
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return utc(datetime.fromisoformat(text))


def _codes(cells: dict, column: str, system, problems: list) -> tuple[str, ...]:
    try:
        raw = code_list(cells.get(column))
    except ValueError as exc:
        problems.append((column, str(exc)))
        return ()
    codes = []
    for position, code in enumerate(raw):
        reasons = system.check(code, position)
        if reasons:
            problems.append((column, f"code {position + 1} ({code}): {reasons[0]}"))
        else:
            codes.append(system.normalise(code))
    if len(codes) == len(raw):
        problems.extend((column, reason) for _, reason in check_sequence(system, codes))
    return tuple(codes)


def check_row(raw: RawRow, systems: Mapping, coded: Mapping[str, ModelOutput] | None
              ) -> tuple[Correction | None, list[tuple[str | None, str]]]:
    """(the correction, []) for a good row; (None, [(column, reason), ...]) for a bad one."""
    if raw.problem:
        return None, [(None, raw.problem)]
    cells, problems = raw.cells, []
    episode_id, coder_id, kind = _text(cells, "episode_id"), _text(cells, "coder_id"), _text(cells, "kind")
    for column, value in (("episode_id", episode_id), ("coder_id", coder_id)):
        if value is None:
            problems.append((column, "empty"))
    if kind not in KINDS:
        problems.append(("kind", f"{kind!r} is not one of {list(KINDS)}"))
    coded_at = None
    try:
        coded_at = _time(cells.get("coded_at"))
    except (TypeError, ValueError):
        problems.append(("coded_at", f"{cells.get('coded_at')!r} is not an ISO 8601 time (2026-03-01T14:05:00Z)"))
    diagnoses = _codes(cells, "diagnoses", systems["diagnoses"], problems)
    procedures = _codes(cells, "procedures", systems["procedures"], problems)
    if not diagnoses and not any(c == "diagnoses" for c, _ in problems):
        problems.append(("diagnoses", "no diagnosis: a coded episode has at least its primary diagnosis"))
    model = None
    if coded is not None and episode_id is not None:
        model = coded.get(episode_id)
        if model is None:
            problems.append(("episode_id", f"{episode_id} is not in the coded output given (coded=)"))
        elif kind in STATUS_OF_KIND and model.status != STATUS_OF_KIND[kind]:
            problems.append(("kind", f"{kind} of an episode the model left as {model.status!r} (an audit is of "
                                     "an auto-coded episode, an exception_review of an exception)"))
    if problems:
        return None, problems
    comment = _text(cells, "comment")
    return Correction(episode_id=episode_id, kind=kind, coder_id=coder_id, coded_at=coded_at, diagnoses=diagnoses,
                      procedures=procedures, comment=comment,
                      model_name=model.model_name if model else None,
                      model_version=model.model_version if model else None,
                      model_status=model.status if model else None,
                      model_diagnoses=model.diagnoses if model else None,
                      model_procedures=model.procedures if model else None), []


def content_key(c: Correction) -> str:
    """What makes a correction the same one: the coder's decision, not where it was read from."""
    value = [c.episode_id, c.kind, c.coder_id, utc(c.coded_at).isoformat(), list(c.diagnoses), list(c.procedures),
             c.comment or ""]
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hold() -> None:
    seconds = float(os.environ.get(HOLD_ENV) or 0)
    if seconds > 0:
        print(f"autocoding: holding the import transaction {seconds:g} s ({HOLD_ENV})", file=sys.stderr, flush=True)
        time.sleep(seconds)


def import_file(store: CorrectionsStore, path: Path, coded: Path | None = None, code_systems=None) -> ImportReport:
    """Import one CSV / JSON Lines file (module docstring). code_systems: {system name: CodeSystem} (default ICD-10
    and OPCS-4 from the default tables). InputError, nothing written, when the file itself cannot be read."""
    path = Path(path)
    systems = column_systems(code_systems if code_systems is not None else default_code_systems())
    model_outputs = read_coded(Path(coded), systems) if coded is not None else None
    report, good, keys = ImportReport(file=str(path)), [], set()
    for raw in read_rows(path):
        report.rows += 1
        correction, problems = check_row(raw, systems, model_outputs)
        if problems:
            report.bad += [BadRow(str(path), raw.row, column, reason) for column, reason in problems]
            continue
        key = content_key(correction)
        if key in keys:
            report.duplicates += 1
            continue
        keys.add(key)
        good.append((raw.row, correction, key))
    with store.transaction() as connection:
        import_id, created = store.import_id(connection, _file_hash(path), path.name)
        for index, (row, correction, key) in enumerate(good):
            if store.add_correction(connection, correction, key, import_id, row):
                report.inserted += 1
            else:
                report.unchanged += 1
            if index == 0:
                checkpoint(PAUSE_POINT)
                _hold()
        if created:
            store.finish_import(connection, import_id, report.rows, report.inserted, report.bad_rows)
    return report
