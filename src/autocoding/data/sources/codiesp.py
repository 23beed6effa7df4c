"""The CodiEsp corpus (CLEF eHealth 2020 Task 1) as rows for `autocoding build dataset=codiesp extract=DIR`.

Layout read (the corpus as distributed, v4):
    DIR/{train,dev}/text_files_en/<doc_id>.txt   one clinical case report each (English machine translation)
    DIR/{train,dev}/{split}D.tsv                 doc_id<TAB>code, diagnoses, ICD-10-CM, lower case dotted (`n44.8`)
    DIR/{train,dev}/{split}P.tsv                 doc_id<TAB>code, procedures, ICD-10-PCS (`bw03zzz`, or 4-character
                                                 partial codes such as `bw20`, which CodiEsp's guidelines allow)

One row per document: a case report is one patient and one episode, so patient_id = episode_id = doc_id. The fixed
`split` column maps CodiEsp's `dev` to our `test` (so "dev MAP" = our test split) and holds a stratified
`validation` share of `train` out for thresholds and early stopping.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from autocoding.codes import CodeFormatError
from autocoding.data.sources.holdout import stratified_holdout
from autocoding.errors import ConfigError, InputError

# file suffix of the annotation tables -> our code system
SYSTEM_FILES = {"icd10cm": "D", "icd10pcs": "P"}
# CodiEsp codes procedures by the first 4 characters when the record lacks the detail (e.g. `bw20`); PCS uses
# digits and letters except I and O.
PARTIAL_PCS = re.compile(r"^[0-9A-HJ-NP-Z]{3,6}$")
QUARANTINE_COLUMNS = ["file", "row", "column", "reason"]


@dataclass(frozen=True)
class CodiEspOptions:
    """The `codiesp:` section of conf/dataset/codiesp.yaml."""

    text_dir: str = "text_files_en"
    splits: dict[str, str] = field(default_factory=lambda: {"train": "train", "dev": "test"})
    validation_fraction: float = 0.15
    holdout_from: str = "train"
    partial_pcs: bool = True
    doc_type: str = "case_report"
    seed: int = 0

    @classmethod
    def from_dataset_config(cls, dataset_cfg: Mapping) -> CodiEspOptions:
        section = dict(dataset_cfg.get("codiesp") or {})
        known = set(cls.__dataclass_fields__)
        unknown = set(section) - known
        if unknown:
            raise ConfigError(f"dataset.codiesp: unknown keys {sorted(unknown)}; known: {sorted(known)}")
        if "splits" in section:
            section["splits"] = dict(section["splits"])
        return cls(**section)


def load_rows(path: str | Path, dataset_cfg: Mapping, code_systems: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a CodiEsp folder. Returns (rows, quarantine).

    rows: episode_id, patient_id, text, one list[str] column per configured system (canonical codes, file order,
    no duplicates), split. quarantine: file, row, column, reason for every code or document left out.
    """
    root = Path(path)
    options = CodiEspOptions.from_dataset_config(dataset_cfg)
    systems = list(dataset_cfg.get("systems") or SYSTEM_FILES)
    unknown = [s for s in systems if s not in SYSTEM_FILES]
    if unknown:
        raise ConfigError(f"dataset.systems: CodiEsp has no {unknown}; it codes {sorted(SYSTEM_FILES)}")
    if not root.is_dir():
        raise ConfigError(f"CodiEsp folder {root} does not exist (expected {root}/train/text_files_en, ...)")
    frames, quarantine = [], []
    for corpus_split, our_split in options.splits.items():
        frame = _load_split(root / corpus_split, corpus_split, systems, code_systems, options, quarantine)
        frame["split"] = our_split
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True)
    _hold_out_validation(rows, systems, options)
    return rows, pd.DataFrame(quarantine, columns=QUARANTINE_COLUMNS)


def _load_split(folder: Path, name: str, systems, code_systems, options: CodiEspOptions, quarantine) -> pd.DataFrame:
    text_dir = folder / options.text_dir
    if not text_dir.is_dir():
        raise InputError(f"no {options.text_dir}/ folder with the {name} documents", file=str(folder))
    texts = {p.stem: p.read_text(encoding="utf-8").strip() for p in sorted(text_dir.glob("*.txt"))}
    if not texts:
        raise InputError("no .txt documents", file=str(text_dir))
    codes = {
        system: _read_codes(folder / f"{name}{SYSTEM_FILES[system]}.tsv", code_systems[system], texts, options, quarantine)
        for system in systems
    }
    rows = {
        "episode_id": list(texts),
        "patient_id": list(texts),
        "text": [f"[{options.doc_type}]\n{t}" for t in texts.values()],
    }
    for system in systems:
        rows[system] = [codes[system].get(doc, []) for doc in texts]
    return pd.DataFrame(rows)


def _read_codes(file: Path, system, texts: Mapping[str, str], options, quarantine) -> dict[str, list[str]]:
    """doc_id -> canonical codes in file order, duplicates dropped (one code may have several evidence spans)."""
    if not file.is_file():
        raise InputError("annotation table missing", file=str(file))
    table = pd.read_csv(file, sep="\t", header=None, dtype=str, keep_default_na=False, quoting=3)
    if table.shape[1] != 2:
        raise InputError(f"expected 2 tab-separated columns (doc_id, code), found {table.shape[1]}", file=str(file))
    out: dict[str, list[str]] = {}
    for row, (doc, raw) in enumerate(table.itertuples(index=False, name=None), start=1):
        doc, raw = doc.strip(), raw.strip()
        if doc not in texts:
            quarantine.append([str(file), row, "doc_id", f"no text file {doc}.txt"])
            continue
        try:
            code = system.normalise(raw)
        except CodeFormatError as exc:
            partial = raw.upper()
            if not (system.name == "icd10pcs" and options.partial_pcs and PARTIAL_PCS.match(partial)):
                quarantine.append([str(file), row, "code", f"{raw!r} is not a {system.name} code: {exc}"])
                continue
            code = partial
        codes = out.setdefault(doc, [])
        if code not in codes:
            codes.append(code)
    return out


def _hold_out_validation(rows: pd.DataFrame, systems, options: CodiEspOptions) -> None:
    """Move `validation_fraction` of the `holdout_from` split to `validation`: by patient (= document), stratified
    over all codes of all systems, by the shared splitter (sources/holdout.py)."""
    if options.validation_fraction <= 0:
        return
    part = rows[rows["split"] == options.holdout_from]
    labels = {
        patient: [f"{s}:{c}" for s in systems for c in record[s]]
        for patient, record in zip(part["patient_id"], part[systems].to_dict("records"), strict=True)
    }
    fractions = {options.holdout_from: 1 - options.validation_fraction, "validation": options.validation_fraction}
    rows.loc[part.index, "split"] = part["patient_id"].map(stratified_holdout(labels, fractions, options.seed))
