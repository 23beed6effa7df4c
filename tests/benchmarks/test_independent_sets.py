"""The hand-written independent sets load whole: no quarantined row, every code valid in the full NHS-derived tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from autocoding.codes import get_code_systems
from autocoding.data.extract import load_extract

ROOT = Path(__file__).resolve().parents[2]
INDEPENDENT = ROOT / "benchmarks" / "independent"
TABLES = ROOT.parent / "shared" / "data" / "code-tables"
if not TABLES.exists():
    TABLES = Path("/work/shared/data/code-tables")
SETS = sorted(p for p in INDEPENDENT.iterdir() if (p / "episodes.csv").exists()) if INDEPENDENT.exists() else []


@pytest.fixture(scope="module")
def full_tables():
    icd, opcs = TABLES / "icd10-uk-ukb-coding19.tsv", TABLES / "opcs4-ukb-coding240.tsv"
    if not (icd.exists() and opcs.exists()):
        pytest.skip("the shared full code tables (../shared/data/code-tables) are absent")
    return get_code_systems({"icd10": {"table": str(icd)}, "opcs4": {"table": str(opcs)}}, ["icd10", "opcs4"])


def test_there_is_an_endoscopy_set():
    assert INDEPENDENT / "endoscopy" in SETS


@pytest.mark.parametrize("extract", SETS, ids=lambda p: p.name)
def test_set_loads_with_no_quarantine_under_the_full_tables(extract, full_tables):
    loaded = load_extract(extract, full_tables, on_error="quarantine")
    assert len(loaded.quarantine) == 0, loaded.quarantine.to_string()
    assert len(loaded.episodes) >= 20
    episodes = set(loaded.episodes["episode_id"].astype(str))
    assert set(loaded.documents["episode_id"].astype(str)) == episodes  # every episode has its report
    assert all(len(p) > 0 or len(d) > 0 for d, p in zip(loaded.episodes["diagnoses"], loaded.episodes["procedures"],
                                                          strict=True))


@pytest.mark.parametrize("extract", SETS, ids=lambda p: p.name)
def test_coder_notes_name_episodes_of_the_set(extract):
    import pandas as pd

    notes = extract / "coder_notes.csv"
    if not notes.exists():
        pytest.skip("no coder notes")
    ids = set(pd.read_csv(extract / "episodes.csv", dtype=str)["episode_id"])
    assert set(pd.read_csv(notes, dtype=str)["episode_id"]) <= ids


def test_label_space_gap_counts_codes_outside():
    spec = importlib.util.spec_from_file_location("score_independent", ROOT / "benchmarks" / "score_independent.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gap = module.label_space_gap({"icd10": [["K21.0", "K22.7"], ["K21.0"]], "opcs4": [["G45.9"], []]},
                                 {"icd10": ["K21.0"], "opcs4": ["G45.9"]})
    assert gap["icd10_codes_outside"] == pytest.approx(1 / 3)
    assert gap["opcs4_codes_outside"] == 0.0
    assert gap["codes_outside"] == pytest.approx(1 / 4)
    assert gap["episodes_with_code_outside"] == 0.5
