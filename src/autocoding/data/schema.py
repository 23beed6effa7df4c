"""The trust extract's tables and columns (docs/data-format.md), and finding their files.

An extract is a directory holding `episodes`, `documents` and optionally `audit`, each as `<name>.parquet`,
`<name>.csv` or `<name>.jsonl`; or explicit paths per table ({"episodes": ..., "documents": ..., "audit": ...}).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from autocoding.errors import InputError

FORMATS = (".parquet", ".csv", ".jsonl")


@dataclass(frozen=True)
class TableSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


EPISODES = TableSpec(
    "episodes",
    ("episode_id", "patient_id", "specialty", "admission_method", "patient_class", "episode_start", "episode_end",
     "diagnoses", "procedures"),
    ("age", "sex"),
)
DOCUMENTS = TableSpec("documents", ("episode_id", "doc_id", "doc_type", "text"))
AUDIT = TableSpec("audit", ("episode_id", "diagnoses", "procedures"))
TABLES = {spec.name: spec for spec in (EPISODES, DOCUMENTS, AUDIT)}

# which code column each system validates (diagnoses: ICD-10 or ICD-10-CM; procedures: OPCS-4 or ICD-10-PCS)
CODE_COLUMNS = {"diagnoses": ("icd10", "icd10cm"), "procedures": ("opcs4", "icd10pcs")}
PATIENT_CLASSES = ("day_case", "ordinary", "regular_day", "regular_night", "mother_baby")


@dataclass(frozen=True)
class ExtractFiles:
    episodes: Path
    documents: Path
    audit: Path | None = None


def find_files(path: str | Path | Mapping) -> ExtractFiles:
    """The table files of an extract directory (or explicit paths). InputError when a required table is missing."""
    if isinstance(path, Mapping):
        unknown = set(path) - set(TABLES)
        if unknown:
            raise InputError(f"unknown extract tables {sorted(unknown)}; expected {sorted(TABLES)}")
        files = {name: Path(p) for name, p in path.items() if p is not None}
        for name, file in files.items():
            if not file.is_file():
                raise InputError(f"the {name} table does not exist", file=str(file))
            if file.suffix not in FORMATS:
                raise InputError(f"unsupported format {file.suffix!r}; use one of {FORMATS}", file=str(file))
    else:
        folder = Path(path)
        if not folder.is_dir():
            raise InputError("the extract directory does not exist", file=str(folder))
        files = {name: found for name in TABLES if (found := _table_file(folder, name))}
    for name in ("episodes", "documents"):
        if name not in files:
            raise InputError(f"no {name} table: expected {name}.parquet, {name}.csv or {name}.jsonl",
                             file=str(path))
    return ExtractFiles(files["episodes"], files["documents"], files.get("audit"))


def _table_file(folder: Path, name: str) -> Path | None:
    found = [folder / f"{name}{ext}" for ext in FORMATS if (folder / f"{name}{ext}").is_file()]
    if len(found) > 1:
        raise InputError(f"{name} is there in several formats ({', '.join(p.name for p in found)}): keep one",
                         file=str(folder))
    return found[0] if found else None


def check_columns(spec: TableSpec, present: list[str], file: Path) -> None:
    """Missing required columns are always fatal (whatever on_error says): nothing in the file can be read."""
    missing = [c for c in spec.required if c not in present]
    if missing:
        raise InputError(f"the {spec.name} table lacks required columns {missing} (has {list(present)})",
                         file=str(file))
