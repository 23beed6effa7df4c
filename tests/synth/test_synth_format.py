"""The extract format (docs/data-format.md) in all three file formats, determinism, and streaming safety."""

from __future__ import annotations

import hashlib
import json
import re

import pandas as pd
import pytest

from autocoding.cli import main
from autocoding.data.synth import stream
from autocoding.data.synth.command import write_extract
from autocoding.data.synth.stream import SynthSettings, batches

TREATMENT_FUNCTIONS = {"301", "100", "104", "106", "400", "401"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE = re.compile(r"^[A-Z]\d\d(\.[0-9A-Z]{1,2})?$")


def settings(specialty="endoscopy", n=400, seed=0, errors=0.07, audit=1.0, batch=100) -> SynthSettings:
    return SynthSettings(specialty, n, seed, errors, audit, batch)


def digests(path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())}


@pytest.mark.parametrize("specialty", ["endoscopy", "neurology"])
def test_parquet_tables_have_the_extract_columns_and_values(tmp_path, specialty):
    rows = write_extract(settings(specialty, n=500), tmp_path)
    episodes = pd.read_parquet(tmp_path / "episodes.parquet")
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    audit = pd.read_parquet(tmp_path / "audit.parquet")
    assert list(episodes.columns) == ["episode_id", "patient_id", "specialty", "admission_method", "patient_class",
                                      "episode_start", "episode_end", "age", "sex", "diagnoses", "procedures"]
    assert list(documents.columns) == ["episode_id", "doc_id", "doc_type", "text"]
    assert list(audit.columns) == ["episode_id", "diagnoses", "procedures"]
    assert len(episodes) == rows["episodes"] == 500 and episodes.episode_id.is_unique
    assert documents.doc_id.is_unique and set(documents.episode_id) == set(episodes.episode_id)
    assert set(episodes.specialty) <= TREATMENT_FUNCTIONS
    assert set(episodes.sex) <= {"1", "2"} and episodes.age.between(16, 100).all()
    methods = {"endoscopy": {"11", "12", "13"}, "neurology": {"11", "12", "13", "21", "22", "28"}}
    assert set(episodes.admission_method) <= methods[specialty]  # neurology also has emergency short stays
    assert set(episodes.patient_class) <= {"day_case", "ordinary"}
    assert episodes.episode_start.str.match(DATE).all() and (episodes.episode_end >= episodes.episode_start).all()
    day_case = episodes[episodes.patient_class == "day_case"]
    assert (day_case.episode_start == day_case.episode_end).all()
    assert all(CODE.match(c) for row in episodes.diagnoses for c in row)
    assert all(CODE.match(c) for row in audit.procedures for c in row)
    assert (episodes.diagnoses.str.len() > 0).all()
    expected_docs = {"endoscopy": {"endoscopy_report", "histology"}, "neurology": {"discharge_letter", "clinic_letter"}}
    assert set(documents.doc_type) == expected_docs[specialty]


def test_same_seed_gives_byte_identical_files_in_every_format(tmp_path):
    for fmt in ("parquet", "csv", "jsonl"):
        write_extract(settings(n=300), tmp_path / f"a-{fmt}", fmt)
        write_extract(settings(n=300), tmp_path / f"b-{fmt}", fmt)
        assert digests(tmp_path / f"a-{fmt}") == digests(tmp_path / f"b-{fmt}")
    write_extract(settings(n=300, seed=1), tmp_path / "c", "csv")
    assert digests(tmp_path / "c") != digests(tmp_path / "a-csv")


def test_output_does_not_depend_on_batch_size(tmp_path):
    write_extract(settings(n=250, batch=7), tmp_path / "small", "csv")
    write_extract(settings(n=250, batch=1000), tmp_path / "large", "csv")
    assert digests(tmp_path / "small") == digests(tmp_path / "large")


def test_csv_joins_codes_with_semicolons_and_jsonl_keeps_lists(tmp_path):
    write_extract(settings(n=60), tmp_path / "p", "parquet")
    write_extract(settings(n=60), tmp_path / "c", "csv")
    write_extract(settings(n=60), tmp_path / "j", "jsonl")
    parquet = pd.read_parquet(tmp_path / "p" / "episodes.parquet")
    as_csv = pd.read_csv(tmp_path / "c" / "episodes.csv", dtype=str, keep_default_na=False)
    assert list(as_csv.diagnoses) == [";".join(row) for row in parquet.diagnoses]
    assert list(as_csv.specialty) == list(parquet.specialty)  # '301' stays a string
    first = json.loads((tmp_path / "j" / "episodes.jsonl").read_text().splitlines()[0])
    assert first["diagnoses"] == list(parquet.diagnoses[0]) and first["age"] == parquet.age[0]
    docs = pd.read_csv(tmp_path / "c" / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs.text) == list(pd.read_parquet(tmp_path / "p" / "documents.parquet").text)


def test_coded_history_errors_and_audit_fraction(tmp_path):
    write_extract(settings(n=3000, errors=0.07, audit=0.5, batch=1000), tmp_path)
    episodes = pd.read_parquet(tmp_path / "episodes.parquet").set_index("episode_id")
    audit = pd.read_parquet(tmp_path / "audit.parquet").set_index("episode_id")
    assert 0.45 < len(audit) / len(episodes) < 0.55
    coded = episodes.loc[audit.index]
    wrong = [list(a) != list(b) or list(c) != list(d) for a, b, c, d in
             zip(coded.diagnoses, audit.diagnoses, coded.procedures, audit.procedures, strict=True)]
    assert 0.04 < sum(wrong) / len(wrong) < 0.10   # ~7% minus errors that cannot apply to an episode


def test_no_errors_means_the_coded_history_is_the_audit(tmp_path):
    write_extract(settings(specialty="neurology", n=300, errors=0.0), tmp_path)
    episodes = pd.read_parquet(tmp_path / "episodes.parquet")
    audit = pd.read_parquet(tmp_path / "audit.parquet")
    assert [list(r) for r in episodes.diagnoses] == [list(r) for r in audit.diagnoses]
    assert [list(r) for r in episodes.procedures] == [list(r) for r in audit.procedures]


def test_batches_never_exceed_batch_size():
    sizes = [len(b) for b in batches(settings(n=230, batch=50))]
    assert sizes == [50, 50, 50, 50, 30]


def test_a_failed_run_keeps_the_previous_extract(tmp_path, monkeypatch):
    write_extract(settings(n=50), tmp_path)
    before = digests(tmp_path)

    def broken(_settings):
        yield from batches(settings(n=40, seed=3, batch=10))
        raise RuntimeError("disk full")

    monkeypatch.setattr("autocoding.data.synth.command.batches", broken)
    with pytest.raises(RuntimeError):
        write_extract(settings(n=50), tmp_path)
    assert digests(tmp_path) == before   # no .tmp left, old files untouched


def test_cli_verb_writes_the_extract(tmp_path, capsys):
    out = tmp_path / "extract"
    assert main(["synth", "specialty=neurology", "n_episodes=20", "seed=3", f"out={out}", "format=jsonl"]) == 0
    assert "20 neurology episodes" in capsys.readouterr().out
    assert len((out / "episodes.jsonl").read_text().splitlines()) == 20


def test_bad_settings_are_config_errors(tmp_path, capsys):
    assert main(["synth", "specialty=cardiology", f"out={tmp_path}"]) == 1
    assert "specialty must be one of" in capsys.readouterr().err
    assert main(["synth", "format=xlsx", f"out={tmp_path}"]) == 1


def test_dates_cover_the_year():
    days = {d for b in batches(settings(n=2000, batch=2000)) for d in b.episodes["episode_start"]}
    assert len(days) > 300 and min(days) >= stream.YEAR_START.isoformat()
