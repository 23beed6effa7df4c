"""Loading a trust extract (format: docs/data-format.md): validated tables, and a quarantine of what was set aside.

Two ways in:

    extract = load_extract(path, code_systems, on_error="quarantine")   # small and medium extracts, all in memory
    extract.episodes, extract.documents, extract.audit, extract.quarantine.write("quarantine.csv")

    stream = open_extract_stream(path, code_systems, on_error="quarantine", batch_size=50_000)   # any size
    for episodes in stream.episode_batches(): ...                        # pandas, one batch at a time
    for table in stream.document_batches(["episode_id", "doc_type"]): ...  # pyarrow, only the columns asked for
    stream.audit()                                                        # pandas or None
    stream.quarantine()                                                   # file,row,column,reason (DataFrame)

`path` is an extract directory (`episodes.parquet|csv|jsonl`, `documents.*`, optional `audit.*`) or a mapping of
table name to file. `code_systems` is `autocoding.codes.get_code_systems(...)`: `diagnoses` are checked with `icd10`
(or `icd10cm`), `procedures` with `opcs4` (or `icd10pcs`); a column with no configured system keeps its codes
upper-cased and unchecked.

Validated columns. episodes: episode_id, patient_id, specialty, admission_method (upper case), patient_class
(lower case, e.g. day_case), episode_start / episode_end (datetime64), age (Int64, may be <NA>), sex (text or
<NA>), diagnoses / procedures (lists of canonical codes, primary first; [] when uncoded). documents: episode_id,
doc_id, doc_type (lower case), text (as written). audit: episode_id, diagnoses, procedures.

Uncoded extracts: `codes="optional"` accepts an episodes table without `diagnoses` / `procedures` (an absent column
reads as [] for every episode; a present one is checked as usual), `codes="ignore"` does not read them at all
(`autocoding code`: new episodes are coded from their text, whatever history the export carries). The default,
`"required"`, is what a training or evaluation extract needs.

Documents: a text longer than `max_document_chars` (default 200,000; None: no limit) is set aside. With
`lost_document="episode"` (default) a document set aside for a reason of its own (bad bytes, NUL, too long, a bad
or duplicate doc_id) sets aside its episode too (reason `document_quarantined`): the first episode pass is preceded
by one pass over the documents, text included, to find them. `lost_document="document"` sets aside the document
only. An episodes file without a data row is an InputError naming it.

Streaming: each `episode_batches()` / `document_batches()` call reads its file again (Parquet by row groups, CSV
and JSON Lines in chunks), so memory holds one batch plus the sets of episode and document ids (~200 MB for 1.1M
episodes). Documents and the audit are checked against the episodes, so the first document or audit call reads
the episodes once if no episode pass has finished. Problems found twice by two passes are reported once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from autocoding.codes import CodeSystem
from autocoding.data.code_columns import code_columns
from autocoding.data.quarantine import QUARANTINE_COLUMNS, Quarantine
from autocoding.data.readers import RawBatch, column_names, read_batches
from autocoding.data.schema import (
    AUDIT,
    CODE_COLUMNS,
    DOCUMENTS,
    EPISODES,
    ExtractFiles,
    TableSpec,
    check_columns,
    find_files,
)
from autocoding.data.validation import (
    MAX_DOCUMENT_CHARS,
    EpisodeIds,
    check_audit,
    check_documents,
    check_episodes,
    lost_document_episodes,
)
from autocoding.errors import InputError

CODES_MODES = ("required", "optional", "ignore")
LOST_DOCUMENT = ("episode", "document")  # what a document set aside takes with it (docs/data-format.md)
__all__ = ["QUARANTINE_COLUMNS", "Extract", "ExtractStream", "Quarantine", "load_extract", "open_extract_stream"]
EPISODE_BATCH = 50_000
DOCUMENT_BATCH = 20_000  # ~30 MB of text at 1.5 KB a document


@dataclass
class Extract:
    episodes: pd.DataFrame
    documents: pd.DataFrame
    audit: pd.DataFrame | None
    quarantine: Quarantine
    files: ExtractFiles


class ExtractStream:
    """An extract read batch by batch; satisfies autocoding.data.extract_build.ExtractStream."""

    def __init__(self, path: str | Path | Mapping, code_systems: Mapping[str, CodeSystem],
                 on_error: str = "quarantine", batch_size: int = EPISODE_BATCH,
                 document_batch_size: int = DOCUMENT_BATCH, codes: str = "required",
                 max_document_chars: int | None = MAX_DOCUMENT_CHARS, lost_document: str = "episode"):
        if codes not in CODES_MODES:
            raise ValueError(f"codes must be one of {CODES_MODES}, got {codes!r}")
        if lost_document not in LOST_DOCUMENT:
            raise ValueError(f"lost_document must be one of {LOST_DOCUMENT}, got {lost_document!r}")
        if max_document_chars is not None and max_document_chars < 1:
            raise ValueError(f"max_document_chars must be >= 1 (or None: no limit), got {max_document_chars!r}")
        self.codes = codes
        self.max_document_chars, self.lost_document = max_document_chars, lost_document
        self._lost: dict[str, str] | None = None
        self.files = find_files(path)
        self.report = Quarantine(on_error)
        self.batch_size, self.document_batch_size = batch_size, document_batch_size
        self._parsers = code_columns(code_systems)
        self._columns = {spec.name: self._columns_of(spec, file) for spec, file in (
            (_episodes_spec(codes), self.files.episodes), (DOCUMENTS, self.files.documents), (AUDIT, self.files.audit))
            if file is not None}
        self._ids: EpisodeIds | None = None
        self._audit: pd.DataFrame | None = None

    @staticmethod
    def _columns_of(spec: TableSpec, file: Path) -> list[str]:
        present = column_names(file)
        check_columns(spec, present, file)
        return [c for c in spec.columns if c in present]

    def _raw(self, file: Path, columns: list[str], batch_size: int) -> Iterator[tuple[RawBatch, np.ndarray]]:
        """Raw batches, the reader's problems sent to the quarantine, with a mask of rows it could not read."""
        for batch in read_batches(file, columns, batch_size):
            for row, column, reason in batch.problems:
                self.report.add(file, row, column, reason)
            unreadable = np.isin(batch.rows, [p[0] for p in batch.problems if p[0] is not None])
            yield batch, unreadable

    def _add(self, file: Path, problems) -> None:
        for row, column, reason in problems:
            self.report.add(file, row, column, reason)

    def _lost_documents(self) -> dict[str, str]:
        """episode_id -> doc_id of a document set aside for its own sake (bad text or id, duplicate, too long):
        one pass over the documents, text included, before the episodes are checked (lost_document="episode")."""
        if self.lost_document != "episode":
            return {}
        if self._lost is None:
            lost: dict[str, str] = {}
            doc_ids: set[str] = set()
            file = self.files.documents
            for batch, unreadable in self._raw(file, list(DOCUMENTS.required), self.document_batch_size):
                _, problems = check_documents(batch.table, batch.rows, None, doc_ids, unreadable,
                                              self.max_document_chars)
                self._add(file, problems)
                for episode_id, doc_id in lost_document_episodes(batch.table, batch.rows, problems,
                                                                 unreadable).items():
                    lost.setdefault(episode_id, doc_id)
            self._lost = lost
        return self._lost

    def episode_batches(self) -> Iterator[pd.DataFrame]:
        """Validated episodes (module docstring), batch by batch; a new pass over the file each call.
        InputError when the file holds no data row (a header only, or nothing)."""
        ids = EpisodeIds(lost_documents=self._lost_documents())
        file = self.files.episodes
        rows = 0
        for batch, unreadable in self._raw(file, self._columns["episodes"], self.batch_size):
            rows += batch.table.num_rows + int(np.count_nonzero(~np.isin(
                [p[0] for p in batch.problems if p[0] is not None], batch.rows)))
            table = _integers_as_text(batch.table)
            present = [c for c in CODE_COLUMNS if c in table.column_names]
            codes = {c: table.column(c).to_pylist() if c in present else [None] * table.num_rows
                     for c in CODE_COLUMNS}
            scalars = table.drop_columns(present).to_pandas()
            clean, problems = check_episodes(scalars, batch.rows, self._parsers, ids, unreadable, codes)
            self._add(file, problems)
            yield clean
        if rows == 0:
            raise InputError("the episodes table has no rows (a header only, or empty): nothing to load",
                             file=str(file))
        ids.complete = True
        self._ids = ids

    def _episode_ids(self) -> EpisodeIds:
        if self._ids is None:
            for _ in self.episode_batches():
                pass
        return self._ids

    def document_batches(self, columns: list[str] | None = None) -> Iterator[pa.Table]:
        """Validated documents with `columns` (default all), batch by batch; text is read only when asked for."""
        columns = list(columns or DOCUMENTS.required)
        unknown = set(columns) - set(DOCUMENTS.columns)
        if unknown:
            raise ValueError(f"unknown document columns {sorted(unknown)}")
        ids, doc_ids = self._episode_ids(), set()
        read = ["episode_id", "doc_id", "doc_type"] + (["text"] if "text" in columns else [])
        file = self.files.documents
        for batch, unreadable in self._raw(file, read, self.document_batch_size):
            clean, problems = check_documents(batch.table, batch.rows, ids, doc_ids, unreadable,
                                              self.max_document_chars)
            self._add(file, problems)
            yield clean.select(columns)

    def audit(self) -> pd.DataFrame | None:
        """The audit's correct codes per episode (episode_id, diagnoses, procedures), or None without an audit."""
        if self.files.audit is None:
            return None
        if self._audit is None:
            ids, audited, frames = self._episode_ids(), set(), []
            file = self.files.audit
            for batch, unreadable in self._raw(file, self._columns["audit"], self.batch_size):
                clean, problems = check_audit(_integers_as_text(batch.table).to_pandas(), batch.rows,
                                              self._parsers, ids, audited,
                                              unreadable)
                self._add(file, problems)
                frames.append(clean)
            self._audit = pd.concat(frames, ignore_index=True) if frames else _empty_audit()
        return self._audit

    def quarantine(self) -> pd.DataFrame:
        return self.report.to_frame()


def _episodes_spec(codes: str) -> TableSpec:
    """The episodes columns to read: code columns required, optional, or not read at all (module docstring)."""
    if codes == "required":
        return EPISODES
    scalars = tuple(c for c in EPISODES.required if c not in CODE_COLUMNS)
    optional = EPISODES.optional + (tuple(CODE_COLUMNS) if codes == "optional" else ())
    return TableSpec(EPISODES.name, scalars, optional)


def _integers_as_text(table: pa.Table) -> pa.Table:
    """Integer columns (Parquet) as their decimal text, before pandas would make a column with nulls float
    (123 -> "123.0", an id that matches nothing): ids are compared as text in every table and format."""
    for index, column in enumerate(table.schema):
        if pa.types.is_integer(column.type):
            table = table.set_column(index, column.name, table.column(index).cast(pa.string()))
    return table


def _empty_audit() -> pd.DataFrame:
    return pd.DataFrame({"episode_id": pd.Series(dtype=object), "diagnoses": pd.Series(dtype=object),
                         "procedures": pd.Series(dtype=object)})


def open_extract_stream(path: str | Path | Mapping, code_systems: Mapping[str, CodeSystem],
                        on_error: str = "quarantine", batch_size: int = EPISODE_BATCH,
                        document_batch_size: int = DOCUMENT_BATCH, codes: str = "required",
                        max_document_chars: int | None = MAX_DOCUMENT_CHARS,
                        lost_document: str = "episode") -> ExtractStream:
    """Open an extract for streaming. Fatal problems (missing table or columns) raise InputError here."""
    return ExtractStream(path, code_systems, on_error, batch_size, document_batch_size, codes,
                         max_document_chars, lost_document)


def iter_episode_batches(stream: ExtractStream) -> Iterator[pd.DataFrame]:
    return stream.episode_batches()


def iter_document_batches(stream: ExtractStream, columns: list[str] | None = None) -> Iterator[pa.Table]:
    return stream.document_batches(columns)


def load_extract(path: str | Path | Mapping, code_systems: Mapping[str, CodeSystem],
                 on_error: str = "quarantine", codes: str = "required",
                 max_document_chars: int | None = MAX_DOCUMENT_CHARS, lost_document: str = "episode") -> Extract:
    """The whole extract in memory (fine up to a few hundred thousand episodes; use the stream beyond)."""
    stream = open_extract_stream(path, code_systems, on_error, codes=codes, max_document_chars=max_document_chars,
                                 lost_document=lost_document)
    episode_frames = list(stream.episode_batches())
    episodes = pd.concat(episode_frames, ignore_index=True)
    tables = list(stream.document_batches(list(DOCUMENTS.columns)))
    documents = pa.concat_tables(tables).to_pandas() if tables else pd.DataFrame(columns=list(DOCUMENTS.columns))
    audit = stream.audit()
    return Extract(episodes, documents, audit, stream.report, stream.files)
