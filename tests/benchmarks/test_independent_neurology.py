"""The independent neurology development set (benchmarks/independent/neurology) loads cleanly and codes validly.

The set is hand-written (benchmarks/independent/NEUROLOGY.md); these checks keep its extract loadable by the project's
loader, in step with its source files, and every gold code real in the full UK code tables.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from autocoding.codes import get_code_systems
from autocoding.data.extract import load_extract

REPO = Path(__file__).resolve().parents[2]
EXTRACT = REPO / "benchmarks" / "independent" / "neurology"
TABLES = ("code-tables/icd10-uk-ukb-coding19.tsv", "code-tables/opcs4-ukb-coding240.tsv")
# UK ICD-10 5th Edition codes absent from the packaged default (WHO 2019) table: with the default tables these
# episodes are quarantined for that reason alone; with the NHS / UK Biobank table they load.
DEFAULT_TABLE_GAPS = {"K58.9", "G90.3", "M54.12", "M54.81"}


def _writer():
    path = REPO / "benchmarks" / "independent" / "build_neurology_extract.py"
    spec = importlib.util.spec_from_file_location("build_neurology_extract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def source_episodes():
    return _writer().load_all()


def test_extract_is_in_step_with_its_source(source_episodes, tmp_path):
    _writer().write_extract(source_episodes, tmp_path)
    for name in ("episodes.csv", "documents.csv", "coder_notes.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (EXTRACT / name).read_text(encoding="utf-8"), name


def test_size_cohort_and_documents(source_episodes):
    episodes = pd.read_csv(EXTRACT / "episodes.csv", dtype=str)
    assert len(episodes) >= 100
    in_cohort = (episodes["specialty"].isin(["400", "401"]) & episodes["admission_method"].isin(["11", "12", "13"])
                 & (pd.to_datetime(episodes["episode_end"]) - pd.to_datetime(episodes["episode_start"])).dt.days.le(2))
    assert in_cohort.mean() >= 0.9
    documents = pd.read_csv(EXTRACT / "documents.csv", dtype=str)
    read = documents[documents["doc_type"].isin(["discharge_letter", "clinic_letter"])]
    assert set(read["episode_id"]) == set(episodes["episode_id"])       # every episode has a document the dataset reads
    words = read.groupby("episode_id")["text"].apply(lambda t: len(" ".join(t).split()))
    assert words.min() >= 50 and words.max() <= 700
    notes = pd.read_csv(EXTRACT / "coder_notes.csv", dtype=str)
    assert set(notes["episode_id"]) <= set(episodes["episode_id"]) and notes["note"].str.len().min() > 10


def test_loads_with_packaged_tables_quarantining_only_the_known_table_gaps():
    result = load_extract(EXTRACT, get_code_systems({}, ["icd10", "opcs4"]))
    frame = result.quarantine.to_frame()
    episode_rows = frame[frame["file"].str.endswith("episodes.csv")]
    codes = {m.group(1) for reason in episode_rows["reason"] for m in [re.match(r"'([^']+)'", reason)] if m}
    assert codes <= DEFAULT_TABLE_GAPS, episode_rows["reason"].tolist()
    assert episode_rows["reason"].str.contains("is not an ICD-10 code").all()
    others = frame[~frame["file"].str.endswith("episodes.csv")]
    assert others["reason"].str.contains("which was set aside").all()     # only the documents of those episodes
    assert len(result.episodes) + len(episode_rows) == len(pd.read_csv(EXTRACT / "episodes.csv"))


def test_loads_with_zero_quarantine_on_the_uk_tables(shared_data):
    icd, opcs = (shared_data / t for t in TABLES)
    systems = get_code_systems({"icd10": {"table": str(icd)}, "opcs4": {"table": str(opcs)}}, ["icd10", "opcs4"])
    result = load_extract(EXTRACT, systems)
    assert len(result.quarantine) == 0, result.quarantine.to_frame()["reason"].tolist()


def test_every_code_is_selectable_in_the_uk_tables(shared_data, source_episodes):
    assert _writer().check_codes(source_episodes, shared_data / "code-tables") == []
