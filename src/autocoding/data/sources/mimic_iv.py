"""MIMIC-IV ICD-10 (PhysioNet credentialed access) as rows for `autocoding build dataset=mimic_iv_icd10 extract=DIR`.

Reads the tables as PhysioNet ships them (MIMIC-IV v2.2+/v3 `hosp` module, MIMIC-IV-Note v2.2 `note` module):
    DIR/hosp/diagnoses_icd.csv.gz    subject_id, hadm_id, seq_num, icd_code, icd_version   (ICD-10-CM when version 10)
    DIR/hosp/procedures_icd.csv.gz   subject_id, hadm_id, seq_num, chartdate, icd_code, icd_version   (ICD-10-PCS)
    DIR/note/discharge.csv.gz        note_id, subject_id, hadm_id, note_type, note_seq, charttime, storetime, text
(`mimic_iv.hosp_dir` / `note_dir` may point elsewhere, e.g. two separate downloads.)

Built as the field's reference does (JoakimEdin/medical-coding-reproducibility, prepare_data/prepare_mimiciv.py), so
results compare with its MIMIC-IV ICD-10 table (PLM-ICD micro-F1 58.5, macro-F1 21.1, mAP 61.9):
- ICD-10 codes only (icd_version 10); duplicates of a code within an admission dropped;
- codes occurring in fewer than `min_code_count` (10) admissions over the WHOLE corpus dropped, per system;
- admissions without a discharge note, or left without any code, dropped;
- no `split` column: the build splits by patient (subject_id), stratified, 75 / 10 / 15 (the reference's sizes).
Deliberate differences, none of which changes the label sets: codes keep MIMIC's seq_num order (primary first; the
reference sorts them), diagnosis codes take our canonical form (`I10`, not the reference's `I10.`), the two code systems
stay separate columns (the reference concatenates them into one target), several discharge notes of one admission
are joined in note_seq order (the reference keeps one row per note), and the text is not lower-cased or stripped of
digits (tokenisers of clinical encoders expect raw text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from autocoding.codes import CodeFormatError
from autocoding.errors import ConfigError, InputError

SYSTEM_TABLES = {"icd10cm": "diagnoses_icd.csv.gz", "icd10pcs": "procedures_icd.csv.gz"}
CODE_COLUMNS = ["subject_id", "hadm_id", "seq_num", "icd_code", "icd_version"]
NOTE_COLUMNS = ["subject_id", "hadm_id", "note_seq", "text"]
QUARANTINE_COLUMNS = ["file", "row", "column", "reason"]


@dataclass(frozen=True)
class MimicOptions:
    """The `mimic_iv:` section of conf/dataset/mimic_iv_icd10.yaml."""

    hosp_dir: str = "hosp"
    note_dir: str = "note"
    note_file: str = "discharge.csv.gz"
    icd_version: int = 10
    min_code_count: int = 10
    doc_type: str = "discharge_summary"

    @classmethod
    def from_dataset_config(cls, dataset_cfg: Mapping) -> MimicOptions:
        section = dict(dataset_cfg.get("mimic_iv") or {})
        unknown = set(section) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"dataset.mimic_iv: unknown keys {sorted(unknown)}; known: {sorted(cls.__dataclass_fields__)}")
        return cls(**section)


def load_rows(path: str | Path, dataset_cfg: Mapping, code_systems: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """-> (rows: episode_id = hadm_id, patient_id = subject_id, text, one list[str] column per system;
    quarantine: file, row, column, reason for each code row that is not a code of its system)."""
    root = Path(path)
    options = MimicOptions.from_dataset_config(dataset_cfg)
    systems = list(dataset_cfg.get("systems") or SYSTEM_TABLES)
    unknown = [s for s in systems if s not in SYSTEM_TABLES]
    if unknown:
        raise ConfigError(f"dataset.systems: MIMIC-IV ICD-10 has no {unknown}; it codes {sorted(SYSTEM_TABLES)}")
    quarantine: list[list] = []
    notes = _read_notes(root / options.note_dir / options.note_file, options)
    codes = {
        system: _read_codes(
            root / options.hosp_dir / SYSTEM_TABLES[system], system, code_systems[system], options, quarantine
        )
        for system in systems
    }
    rows = notes
    for system in systems:
        rows = rows.merge(codes[system], on="hadm_id", how="left")
        rows[system] = rows[system].apply(lambda x: x if isinstance(x, list) else [])
    for system in systems:
        _drop_rare(rows, system, options.min_code_count)
    rows = rows[rows[systems].apply(lambda r: any(len(c) for c in r), axis=1)].reset_index(drop=True)
    rows = rows.rename(columns={"hadm_id": "episode_id", "subject_id": "patient_id"})
    rows["episode_id"] = rows["episode_id"].astype(str)
    rows["patient_id"] = rows["patient_id"].astype(str)
    return rows[["episode_id", "patient_id", "text", *systems]], pd.DataFrame(quarantine, columns=QUARANTINE_COLUMNS)


def _read_csv(file: Path, columns: list[str], dtype: dict) -> pd.DataFrame:
    if not file.is_file():
        raise InputError("MIMIC-IV table missing (PhysioNet layout expected: hosp/, note/)", file=str(file))
    try:
        return pd.read_csv(file, usecols=columns, dtype=dtype, keep_default_na=False, na_values=[""])
    except ValueError as exc:  # pandas names the missing columns
        raise InputError(f"cannot read the columns {columns}: {exc}", file=str(file)) from exc


def _read_notes(file: Path, options: MimicOptions) -> pd.DataFrame:
    """One row per admission: its discharge notes (non-empty, distinct) joined in note_seq order, headed by doc type."""
    notes = _read_csv(file, NOTE_COLUMNS, {"subject_id": "int64", "hadm_id": "Int64", "note_seq": "Int64", "text": str})
    notes = notes.dropna(subset=["hadm_id", "text"])
    notes = notes[notes["text"].str.strip() != ""]
    notes = notes.drop_duplicates(subset=["hadm_id", "text"]).sort_values(["hadm_id", "note_seq"], kind="stable")
    joined = notes.groupby("hadm_id", sort=False).agg(
        subject_id=("subject_id", "first"), text=("text", lambda t: "\n\n".join(s.strip() for s in t))
    )
    joined["text"] = f"[{options.doc_type}]\n" + joined["text"]
    return joined.reset_index()


def _read_codes(file: Path, name: str, system, options: MimicOptions, quarantine: list) -> pd.DataFrame:
    """hadm_id -> canonical codes of one system in seq_num order, duplicates dropped. Each distinct raw code is
    normalised once (a few tens of thousands, against millions of rows)."""
    table = _read_csv(file, CODE_COLUMNS, {"subject_id": "int64", "hadm_id": "int64", "seq_num": "int64",
                                           "icd_code": str, "icd_version": "int64"})
    table["row"] = range(1, len(table) + 1)
    table = table[(table["icd_version"] == options.icd_version) & table["icd_code"].notna()]
    canonical: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for raw in table["icd_code"].unique():
        try:
            canonical[raw] = system.normalise(raw.strip())
        except CodeFormatError as exc:
            canonical[raw] = None
            problems[raw] = f"{raw!r} is not a {name} code: {exc}"
    table = table.assign(code=table["icd_code"].map(canonical))
    for row, raw in table.loc[table["code"].isna(), ["row", "icd_code"]].itertuples(index=False, name=None):
        quarantine.append([str(file), int(row), "icd_code", problems[raw]])
    table = table.dropna(subset=["code"]).sort_values(["hadm_id", "seq_num"], kind="stable")
    table = table.drop_duplicates(subset=["hadm_id", "code"])
    return table.groupby("hadm_id", sort=False)["code"].agg(list).rename(name).reset_index()


def _drop_rare(rows: pd.DataFrame, system: str, min_count: int) -> None:
    """Keep codes found in at least `min_count` admissions of the whole corpus (the reference's MIN_TARGET_COUNT)."""
    counts = Counter(code for codes in rows[system] for code in codes)
    keep = {code for code, n in counts.items() if n >= min_count}
    rows[system] = rows[system].apply(lambda codes: [c for c in codes if c in keep])
