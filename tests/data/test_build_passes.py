"""The two build passes on hand-made extracts: cohort counts, text joining, exclusions, audit labels, patients."""

from __future__ import annotations

import copy

import datasets
import pytest
from tests.helpers.build_fixtures import ENDOSCOPY, TableStream, document, episode, options

from autocoding.data.extract_build import build_from_extract
from autocoding.data.split import SPLITS


def _rows(tmp_path, written):
    dd = datasets.load_from_disk(str(written.writer.directory))
    return {split: dd[split].to_list() for split in SPLITS}


@pytest.fixture()
def cohort_extract():
    episodes = [
        episode("E01", "P01"),
        episode("E02", "P02", tf="400"),  # neurology: treatment_function
        episode("E03", "P03", pc="ordinary"),  # patient_class
        episode("E04", "P04", los=2),  # length_of_stay
        episode("E05", "P05", am="21"),  # emergency: admission_method
        episode("E06", "P06", px=("X62.2",)),  # no G/H procedure: procedure_chapter
        episode("E07", "P07", tf="400", pc="ordinary"),  # fails two rules: counted once, under the first
        episode("E08", "P08"),  # no document at all
        episode("E09", "P09"),  # only a blank document
        episode("E10", "P10", tf=301),  # treatment function as an integer: still 301
        episode("E11", "P11", px=("Y20.3", "H22.1")),  # an H code anywhere in the list qualifies
    ]
    documents = [
        document("E01", "histology", "Histology: reflux oesophagitis."),
        document("E09", "endoscopy_report", "   \n "),
        document("E01", "clinic_letter", "not a configured type"),
        document("E10", "endoscopy_report", "OGD report ten."),
        document("E01", "endoscopy_report", "OGD: LA grade A oesophagitis."),
        document("E11", "endoscopy_report", "Colonoscopy eleven."),
        document("E99", "endoscopy_report", "an episode outside the cohort"),
        document("E02", "endoscopy_report", "neurology"),
    ]
    return TableStream(episodes, documents)


def test_cohort_exclusions_are_counted_by_first_failing_rule(tmp_path, cohort_extract):
    written = build_from_extract(cohort_extract, options(tmp_path), tmp_path / "ds")
    assert written.input_episodes == 11
    assert written.exclusions.cohort == {
        "treatment_function": 2,  # E02, E07
        "patient_class": 1,
        "length_of_stay": 1,
        "admission_method": 1,
        "procedure_chapter": 1,
    }
    assert written.exclusions.no_document == 2  # E08 (none), E09 (blank)
    assert written.exclusions.uncoded == 0
    kept = sorted(r["episode_id"] for rows in _rows(tmp_path, written).values() for r in rows)
    assert kept == ["E01", "E10", "E11"]


def test_text_joins_configured_types_in_configured_order(tmp_path, cohort_extract):
    written = build_from_extract(cohort_extract, options(tmp_path), tmp_path / "ds")
    rows = {r["episode_id"]: r for rs in _rows(tmp_path, written).values() for r in rs}
    assert (
        rows["E01"]["text"]
        == "[endoscopy_report]\nOGD: LA grade A oesophagitis.\n\n[histology]\nHistology: reflux oesophagitis."
    )
    assert rows["E01"]["icd10"] == ["K21.9"] and rows["E01"]["opcs4"] == ["G45.9"]
    assert rows["E11"]["opcs4"] == ["Y20.3", "H22.1"]  # all codes kept, in sequence
    assert list(rows["E01"]) == ["episode_id", "patient_id", "text", "icd10", "opcs4"]


def test_uncoded_episodes_are_excluded(tmp_path):
    spec = copy.deepcopy(ENDOSCOPY)
    spec["cohort"]["required_procedure_chapters"] = []
    stream = TableStream(
        [episode("E1", "P1"), episode("E2", "P2", dx=(), px=()), episode("E3", "P3", dx=("K21.9",), px=())],
        [document(e, "endoscopy_report", "text") for e in ("E1", "E2", "E3")],
    )
    written = build_from_extract(stream, options(tmp_path, spec), tmp_path / "ds")
    assert written.exclusions.uncoded == 1  # E2; E3 has a diagnosis and stays
    assert written.writer.counts.episodes.total() == 2


def _many(n_patients: int, episodes_per_patient: int = 2):
    codes = ["K21.9", "K29.7", "K63.5", "D12.5", "K57.3", "C18.7", "K50.9", "K51.9"]
    episodes, documents = [], []
    for p in range(n_patients):
        for k in range(episodes_per_patient):
            eid = f"E{p:04d}-{k}"
            episodes.append(episode(eid, f"P{p:04d}", dx=(codes[(p + k) % len(codes)],), px=("H22.9",)))
            documents.append(document(eid, "endoscopy_report", f"report {eid}"))
    return episodes, documents[::-1]  # documents in the opposite order to the episodes


def test_no_patient_in_two_splits_and_rows_sorted(tmp_path):
    episodes, documents = _many(60)
    written = build_from_extract(
        TableStream(episodes, documents, batch=7), options(tmp_path, episodes_per_bucket=9), tmp_path / "ds"
    )
    rows = _rows(tmp_path, written)
    patients = {split: {r["patient_id"] for r in rs} for split, rs in rows.items()}
    assert not (patients["train"] & patients["validation"]) and not (patients["train"] & patients["test"])
    assert not (patients["validation"] & patients["test"])
    assert sum(len(p) for p in patients.values()) == 60
    for rs in rows.values():
        ids = [r["episode_id"] for r in rs]
        assert ids == sorted(ids)
        assert all(r["text"] == f"[endoscopy_report]\nreport {r['episode_id']}" for r in rs)


def test_audit_codes_are_gold_in_audit_splits_only(tmp_path):
    episodes, documents = _many(40, episodes_per_patient=1)
    audit = [
        {"episode_id": e["episode_id"], "diagnoses": ["K92.2"], "procedures": ["H22.1"]} for e in episodes
    ]
    written = build_from_extract(TableStream(episodes, documents, audit), options(tmp_path), tmp_path / "ds")
    rows = _rows(tmp_path, written)
    assert all(r["icd10"] != ["K92.2"] for r in rows["train"])  # train keeps the coded history
    for split in ("validation", "test"):
        assert rows[split] and all(r["icd10"] == ["K92.2"] and r["opcs4"] == ["H22.1"] for r in rows[split])
    counts = written.writer.counts
    assert counts.from_audit["train"] == 0
    assert counts.from_audit["validation"] + counts.from_audit["test"] == len(rows["validation"]) + len(
        rows["test"]
    )
