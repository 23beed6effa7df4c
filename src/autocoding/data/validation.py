"""Checking one batch of each extract table, vectorised: the rows that can be used, and why the others cannot.

Each check returns (usable rows, problems) where a problem is (data row number, column, reason). A row with any
problem is left out of the usable rows; the caller (autocoding.data.extract) puts the problems in the quarantine
or, with on_error="fail", raises on the first. `EpisodeIds` carries what later batches and tables need to know
(ids already seen, ids kept, ids set aside) from one batch to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from autocoding.data.code_columns import CodeColumn
from autocoding.data.schema import EPISODES, PATIENT_CLASSES

Problem = tuple[int | None, str, str]
CODE_LIST_COLUMNS = ("diagnoses", "procedures")
CONTROL = r"[\x00-\x1f\x7f]"  # NUL and the other C0 control characters, DEL
MAX_DOCUMENT_CHARS = 200_000  # ~40 pages of a letter; a longer "document" is an export error (a file, a log)
DOCUMENT_QUARANTINED = "document_quarantined"


def control_reason(column: str) -> str:
    """The reason for an id holding a control character; the id itself is not quoted (it may not print)."""
    return f"{column} contains a control character (NUL or another below U+0020): an id must be plain text"


def document_quarantined_reason(doc_id: str) -> str:
    return f"{DOCUMENT_QUARANTINED}: its document {doc_id!r} was set aside (see the documents quarantine lines)"


@dataclass
class EpisodeIds:
    seen: set[str] = field(default_factory=set)  # every non-empty episode_id read so far
    kept: set[str] = field(default_factory=set)  # usable episodes
    complete: bool = False  # True once the whole episodes table has been read
    # episode_id -> doc_id of a document of it that was set aside: the episode is set aside too
    # (its gold codes may come from the lost text; docs/data-format.md)
    lost_documents: dict[str, str] = field(default_factory=dict)


def _text(values: pd.Series) -> pd.Series:
    """Any column as stripped text, "" where missing (ints from Parquet, NaN from JSON alike)."""
    return values.astype("string").fillna("").str.strip()


class _Problems:
    """Collects (row index -> [(column, reason)]) from boolean masks."""

    def __init__(self, rows: np.ndarray):
        self.rows, self.by_index = rows, {}

    def flag(self, mask, column: str, reason) -> None:
        """reason: a string, or a function of the row index giving one."""
        for index in np.flatnonzero(np.asarray(mask, dtype=bool)):
            text = reason if isinstance(reason, str) else reason(index)
            self.by_index.setdefault(int(index), []).append((column, text))

    def flag_index(self, index: int, column: str, reason: str) -> None:
        self.by_index.setdefault(int(index), []).append((column, reason))

    def bad(self, n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=bool)
        mask[list(self.by_index)] = True
        return mask

    def rows_out(self) -> list[Problem]:
        return [(int(self.rows[i]), c, r) for i in sorted(self.by_index) for c, r in self.by_index[i]]


def check_episodes(raw: pd.DataFrame, rows: np.ndarray, parsers: dict[str, CodeColumn], ids: EpisodeIds,
                   unreadable: np.ndarray | None = None, code_values: dict[str, list] | None = None
                   ) -> tuple[pd.DataFrame, list[Problem]]:
    """raw: the batch as read. code_values: the code columns as Python values when the caller has them
    (pyarrow's to_pylist is faster than pandas' arrays of arrays). unreadable: (n,) bool, rows the reader
    already reported (not UTF-8): left out without a second line."""
    n = len(raw)
    found = _Problems(rows)
    text = {c: _text(raw[c]) if c in raw else pd.Series([""] * n, dtype="string")
            for c in EPISODES.columns if c not in CODE_LIST_COLUMNS}
    for column in ("episode_id", "patient_id", "specialty", "admission_method", "patient_class"):
        found.flag(text[column] == "", column, f"{column} is empty")
    for column in ("episode_id", "patient_id"):
        found.flag(text[column].str.contains(CONTROL, regex=True).to_numpy(dtype=bool), column,
                   control_reason(column))
    episode_id = text["episode_id"].to_numpy(dtype=object)
    if ids.lost_documents:
        lost = ids.lost_documents
        found.flag([e in lost for e in episode_id], "episode_id",
                   lambda i: document_quarantined_reason(lost[episode_id[i]]))
    duplicate = np.array([e in ids.seen for e in episode_id]) | text["episode_id"].duplicated().to_numpy()
    duplicate &= episode_id != ""
    found.flag(duplicate, "episode_id", lambda i: f"duplicate episode_id {episode_id[i]!r}: an earlier row has it")
    ids.seen.update(e for e in episode_id if e)

    specialty = text["specialty"]
    found.flag((specialty != "") & ~specialty.str.fullmatch(r"[0-9A-Za-z]{3}"), "specialty",
               lambda i: f"specialty {specialty.iat[i]!r} is not a treatment function code (3 characters, e.g. 301)")
    method = text["admission_method"].str.upper()
    found.flag((method != "") & ~method.str.fullmatch(r"[0-9A-Z]{2}"), "admission_method",
               lambda i: f"admission_method {method.iat[i]!r} is not an NHS admission method (2 characters, e.g. 11)")
    patient_class = text["patient_class"].str.lower().str.replace(r"[\s-]+", "_", regex=True)
    found.flag((patient_class != "") & ~patient_class.isin(PATIENT_CLASSES), "patient_class",
               lambda i: f"patient_class {text['patient_class'].iat[i]!r} is not one of {list(PATIENT_CLASSES)}")
    start = _dates(text, "episode_start", found)
    end = _dates(text, "episode_end", found)
    found.flag((end < start).to_numpy(), "episode_end",
               lambda i: f"episode_end {text['episode_end'].iat[i]} is before episode_start {text['episode_start'].iat[i]}")
    age = _ages(text["age"], found)
    codes = {}
    for column in CODE_LIST_COLUMNS:
        values = code_values[column] if code_values else raw[column]
        codes[column], problems = parsers[column].parse(values)
        for index, reason in problems.items():
            found.flag_index(index, column, reason)

    keep = ~found.bad(n) & (True if unreadable is None else ~unreadable)
    clean = pd.DataFrame({
        "episode_id": episode_id, "patient_id": text["patient_id"].to_numpy(dtype=object),
        "specialty": specialty.to_numpy(dtype=object), "admission_method": method.to_numpy(dtype=object),
        "patient_class": patient_class.to_numpy(dtype=object), "episode_start": start, "episode_end": end,
        "age": age, "sex": text["sex"].replace("", pd.NA).to_numpy(dtype=object),
        "diagnoses": pd.Series(codes["diagnoses"], dtype=object, index=raw.index),
        "procedures": pd.Series(codes["procedures"], dtype=object, index=raw.index),
    }, index=raw.index)[keep].reset_index(drop=True)
    ids.kept.update(clean["episode_id"])
    return clean, found.rows_out()


def _dates(text: dict[str, pd.Series], column: str, found: _Problems) -> pd.Series:
    values = text[column]
    parsed = pd.to_datetime(values.where(values != "", None), errors="coerce", format="ISO8601")
    found.flag((values != "").to_numpy() & parsed.isna().to_numpy(), column,
               lambda i: f"{column} {values.iat[i]!r} is not a valid ISO date (YYYY-MM-DD)")
    found.flag((values == "").to_numpy(), column, f"{column} is empty")
    return parsed


def _ages(values: pd.Series, found: _Problems) -> pd.Series:
    number = pd.to_numeric(values.where(values != "", None), errors="coerce")
    wrong = (values != "").to_numpy() & ~((number >= 0) & (number <= 130) & (number % 1 == 0)).fillna(False).to_numpy()
    found.flag(wrong, "age", lambda i: f"age {values.iat[i]!r} is not a whole number of years from 0 to 130")
    return number.where(~wrong).astype("Int64").array


def check_documents(table: pa.Table, rows: np.ndarray, ids: EpisodeIds | None, doc_ids: set[str],
                    unreadable: np.ndarray | None = None, max_chars: int | None = MAX_DOCUMENT_CHARS
                    ) -> tuple[pa.Table, list[Problem]]:
    """table: columns episode_id, doc_id, doc_type (+ text when read). unreadable: as for check_episodes.
    ids None: the document's own checks only (no episode lookup), for the scan that finds the episodes of lost
    documents before the episodes are read. max_chars: longer texts are set aside (None: no limit)."""
    n = table.num_rows
    found = _Problems(rows)
    columns = {c: pc.utf8_trim_whitespace(pc.fill_null(table.column(c).cast(pa.string()), ""))
               for c in table.column_names}
    episode_id = columns["episode_id"].to_pylist()
    doc_id = columns["doc_id"].to_pylist()
    found.flag([e == "" for e in episode_id], "episode_id", "episode_id is empty")
    for column in ("episode_id", "doc_id"):
        found.flag(pc.match_substring_regex(columns[column], CONTROL).to_numpy(zero_copy_only=False), column,
                   control_reason(column))
    if ids is not None:
        unknown = [e != "" and e not in ids.kept for e in episode_id]
        found.flag(unknown, "episode_id", lambda i: (
            f"document of episode {episode_id[i]!r}, which was set aside (see its episodes row)"
            if episode_id[i] in ids.seen else f"document for unknown episode_id {episode_id[i]!r}"))
    found.flag([d == "" for d in doc_id], "doc_id", "doc_id is empty")
    duplicate = []
    for d in doc_id:
        duplicate.append(d != "" and d in doc_ids)
        doc_ids.add(d)
    found.flag(duplicate, "doc_id", lambda i: f"duplicate doc_id {doc_id[i]!r}: an earlier row has it")
    doc_type = pc.replace_substring_regex(pc.utf8_lower(columns["doc_type"]), r"[\s-]+", "_")
    found.flag(pc.equal(doc_type, "").to_numpy(zero_copy_only=False), "doc_type", "doc_type is empty")
    out = dict(columns)
    out["doc_type"] = doc_type
    if "text" in columns:
        found.flag(pc.equal(columns["text"], "").to_numpy(zero_copy_only=False), "text", "text is empty")
        out["text"] = pc.fill_null(table.column("text").cast(pa.string()), "")  # as written, not stripped
        _check_text(out["text"], found, max_chars)
    keep = ~found.bad(n) & (True if unreadable is None else ~unreadable)
    return pa.table(out).filter(pa.array(keep)), found.rows_out()


def _check_text(text: pa.Array, found: _Problems, max_chars: int | None) -> None:
    """NUL in a text means a binary or UTF-16 file or a truncated field, not clinical text: the document is set
    aside (kept "as written" otherwise). Sizes are reported, never the text."""
    found.flag(pc.match_substring(text, "\x00").to_numpy(zero_copy_only=False), "text",
               "text contains NUL characters (\\x00): a binary or UTF-16 export? export the text as UTF-8")
    if max_chars is not None:
        length = pc.utf8_length(text).to_numpy(zero_copy_only=False)
        found.flag(length > max_chars, "text", lambda i: (
            f"text is {int(length[i]):,} characters, over the limit of {max_chars:,} (max_document_chars)"))


def lost_document_episodes(table: pa.Table, rows: np.ndarray, problems: list[Problem],
                           unreadable: np.ndarray | None) -> dict[str, str]:
    """episode_id -> doc_id of the documents of this batch that were set aside with text that is lost: every
    problem but an empty text (nothing was there to lose) or a missing / bad episode_id (no episode to name)."""
    index = {int(r): i for i, r in enumerate(rows)}
    bad = {index[r] for r, column, reason in problems
           if r is not None and r in index and column != "episode_id" and reason != "text is empty"}
    if unreadable is not None:
        bad.update(np.flatnonzero(unreadable).tolist())
    episode_id = pc.utf8_trim_whitespace(pc.fill_null(table.column("episode_id").cast(pa.string()), "")).to_pylist()
    doc_id = pc.utf8_trim_whitespace(pc.fill_null(table.column("doc_id").cast(pa.string()), "")).to_pylist()
    lost = {}
    for i in sorted(bad):
        if episode_id[i]:
            lost.setdefault(episode_id[i], doc_id[i])
    return lost


def check_audit(raw: pd.DataFrame, rows: np.ndarray, parsers: dict[str, CodeColumn], ids: EpisodeIds,
                audited: set[str], unreadable: np.ndarray | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    n = len(raw)
    found = _Problems(rows)
    episode_id = _text(raw["episode_id"]).to_numpy(dtype=object)
    found.flag(episode_id == "", "episode_id", "episode_id is empty")
    found.flag(_text(raw["episode_id"]).str.contains(CONTROL, regex=True).to_numpy(dtype=bool), "episode_id",
               control_reason("episode_id"))
    found.flag([e != "" and e not in ids.kept for e in episode_id], "episode_id", lambda i: (
        f"audit of episode {episode_id[i]!r}, which was set aside" if episode_id[i] in ids.seen
        else f"audit row for unknown episode_id {episode_id[i]!r}"))
    duplicate = []
    for e in episode_id:
        duplicate.append(e != "" and e in audited)
        audited.add(e)
    found.flag(duplicate, "episode_id", lambda i: f"duplicate audit row for episode_id {episode_id[i]!r}")
    codes = {}
    for column in CODE_LIST_COLUMNS:
        codes[column], problems = parsers[column].parse(raw[column])
        for index, reason in problems.items():
            found.flag_index(index, column, reason)
    clean = pd.DataFrame({"episode_id": episode_id, **{c: pd.Series(codes[c], dtype=object) for c in codes}})
    keep = ~found.bad(n) & (True if unreadable is None else ~unreadable)
    return clean[keep].reset_index(drop=True), found.rows_out()
