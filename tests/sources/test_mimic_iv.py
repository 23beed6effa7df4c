"""MIMIC-IV ICD-10 source on a small fake in the real PhysioNet layout (gzipped CSVs written here; nobody here has
the real tables)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

CONFIG = {
    "name": "mimic_iv_icd10",
    "source": "mimic_iv",
    "systems": ["icd10cm", "icd10pcs"],
    "mimic_iv": {"min_code_count": 2},
}


def _code_systems():
    codes = pytest.importorskip("autocoding.codes")
    if not hasattr(codes, "get_code_systems"):
        pytest.skip("autocoding.codes.get_code_systems is not there yet")
    return codes.get_code_systems({}, ["icd10cm", "icd10pcs"])


def _write_gz(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)


def _write_fake(root: Path) -> None:
    _write_gz(root / "hosp/diagnoses_icd.csv.gz", (
        "subject_id,hadm_id,seq_num,icd_code,icd_version\n"
        "10,1,2,E1122,10\n"
        "10,1,1,I10,10\n"
        "10,1,3,I10,10\n"          # duplicate in the admission
        "10,2,1,I10,10\n"
        "10,2,2,4019,9\n"          # ICD-9: ignored
        "11,3,1,Z999,10\n"         # Z99.9 occurs once < min_code_count 2: dropped, admission 3 left without codes
        "12,4,1,I10,10\n"          # admission 4 has no discharge note
        "14,6,1,I10,10\n"
        "14,6,2,BAD!,10\n"         # data row 9: quarantined
        "14,6,3,E1122,10\n"
    ))
    _write_gz(root / "hosp/procedures_icd.csv.gz", (
        "subject_id,hadm_id,seq_num,chartdate,icd_code,icd_version\n"
        "10,1,1,2180-01-01,0DTJ4ZZ,10\n"
        "14,6,1,2181-01-01,0DTJ4ZZ,10\n"
        "14,6,2,2181-01-01,5491,9\n"
    ))
    _write_gz(root / "note/discharge.csv.gz", (
        "note_id,subject_id,hadm_id,note_type,note_seq,charttime,storetime,text\n"
        '10-DS-1,10,1,DS,1,2180-01-02,2180-01-02,"Diabetic nephropathy, hypertension."\n'
        '10-DS-3,10,2,DS,3,2180-02-02,2180-02-02,"Addendum: BP fine."\n'
        '10-DS-2,10,2,DS,2,2180-02-02,2180-02-02,"Hypertension,\nreviewed."\n'
        '11-DS-1,11,3,DS,1,2180-03-02,2180-03-02,"Rare."\n'
        '13-DS-1,13,5,DS,1,2180-04-02,2180-04-02,"No codes for this one."\n'
        '14-DS-1,14,6,DS,1,2181-01-02,2181-01-02,"Cholecystectomy."\n'
    ))


def test_load_rows_on_a_fake_in_the_physionet_layout(tmp_path):
    from autocoding.data.sources.mimic_iv import load_rows

    _write_fake(tmp_path)
    rows, quarantine = load_rows(tmp_path, CONFIG, _code_systems())
    by_id = rows.set_index("episode_id")
    assert sorted(by_id.index) == ["1", "2", "6"]  # 3: only a rare code; 4: no note; 5: no codes
    assert "split" not in rows  # the build splits by patient
    assert by_id.loc["1", "patient_id"] == "10"
    assert by_id.loc["1", "icd10cm"] == ["I10", "E11.22"]  # seq_num order, dotted, duplicate dropped
    assert by_id.loc["1", "icd10pcs"] == ["0DTJ4ZZ"]
    assert by_id.loc["2", "icd10cm"] == ["I10"] and by_id.loc["2", "icd10pcs"] == []
    assert by_id.loc["2", "text"] == "[discharge_summary]\nHypertension,\nreviewed.\n\nAddendum: BP fine."
    assert by_id.loc["6", "icd10cm"] == ["I10", "E11.22"]
    assert list(zip(quarantine["row"], quarantine["column"], strict=True)) == [(9, "icd_code")]


def test_missing_table_names_the_file(tmp_path):
    from autocoding.data.sources.mimic_iv import load_rows
    from autocoding.errors import InputError

    _write_fake(tmp_path)
    (tmp_path / "note/discharge.csv.gz").unlink()
    with pytest.raises(InputError, match="discharge.csv.gz"):
        load_rows(tmp_path, CONFIG, _code_systems())
