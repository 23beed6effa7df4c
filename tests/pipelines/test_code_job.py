"""`autocoding code`: coded output, worklist, quarantine, nothing lost, resume after kill -9, reruns."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from tests.helpers.code_fixtures import COHORT, make_bundle, write_extract

import autocoding
from autocoding.cli import main
from autocoding.pipelines.code_job import PAUSE_ENV


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("code") / "bundle")


@pytest.fixture(scope="module")
def coded_run(bundle, tmp_path_factory):
    root = tmp_path_factory.mktemp("coded")
    extract = write_extract(root / "extract")
    out = root / "out"
    assert main(["code", f"model={bundle}", f"extract={extract}", f"out={out}", "chunk_size=3"]) == 0
    return extract, out


def test_coded_output_has_one_row_per_usable_episode(coded_run, bundle):
    extract, out = coded_run
    coded = pd.read_parquet(out / "coded.parquet")
    csv = pd.read_csv(out / "coded.csv", keep_default_na=False)
    assert list(coded["episode_id"]) == list(csv["episode_id"])
    assert list(coded["episode_id"]) == [f"E{i:04d}" for i in range(6)] + ["E0900", "E0901", "E0902"]
    assert set(coded["status"]) <= {"auto", "exception"}
    assert list(coded.columns) == list(csv.columns)
    row = coded.iloc[0]
    assert list(row["diagnoses"]) == json.loads(csv["diagnoses"].iloc[0])
    assert len(row["diagnoses"]) == len(row["diagnoses_probability"])
    assert [e["code"] for e in row["evidence"]] == list(row["diagnoses"]) + list(row["procedures"])
    assert set(coded["model_name"]) == {"tiny"} and set(coded["model_uri"]) == {str(bundle)}


def test_evidence_offsets_point_into_the_source_documents(coded_run):
    extract, out = coded_run
    documents = pd.read_csv(extract / "documents.csv", keep_default_na=False)
    text = dict(zip(documents["doc_id"], documents["text"], strict=True))
    episode_of = dict(zip(documents["doc_id"], documents["episode_id"], strict=True))
    coded = pd.read_parquet(out / "coded.parquet")
    checked = 0
    for episode_id, evidence in zip(coded["episode_id"], coded["evidence"], strict=True):
        for found in evidence:
            source = text[found["doc_id"]]
            assert episode_of[found["doc_id"]] == episode_id
            assert source[found["start"] : found["end"]] == found["text"] and found["text"].strip()
            assert source[found["snippet_start"] :].startswith(found["snippet"])
            checked += 1
    assert checked > 10


def test_screened_episodes_are_exceptions_with_their_own_reason(coded_run):
    _, out = coded_run
    coded = pd.read_parquet(out / "coded.parquet").set_index("episode_id")
    outside = coded.loc["E0900"]
    assert outside["status"] == "exception" and outside["reason_codes"][0] == "outside_cohort"
    assert "patient class ordinary" in outside["reasons"][0]
    for episode_id in ("E0901", "E0902"):  # only document empty (quarantined); only a type the model does not read
        row = coded.loc[episode_id]
        assert list(row["reason_codes"]) == ["no_usable_text"] and row["status"] == "exception"
        assert len(row["diagnoses"]) == 0 and len(row["procedures"]) == 0 and len(row["evidence"]) == 0
    assert "clinic_letter" in coded.loc["E0902", "reasons"][0]
    assert (coded.drop(index=["E0900", "E0901", "E0902"])["reason_codes"]
            .map(lambda r: "outside_cohort" not in r and "no_usable_text" not in r).all())


def test_every_input_episode_is_coded_or_quarantined_once(coded_run, capsys):
    extract, out = coded_run
    episodes = pd.read_csv(extract / "episodes.csv", dtype=str)
    coded = pd.read_parquet(out / "coded.parquet")
    quarantine = pd.read_csv(out / "quarantine.csv")
    quarantined = quarantine[quarantine["file"].str.endswith("episodes.csv")]
    assert len(coded) + quarantined["row"].nunique() == len(episodes) == 10
    assert coded["episode_id"].is_unique
    assert list(quarantined["reason"]) == ["episode_start '2026-02-30' is not a valid ISO date (YYYY-MM-DD)"]
    assert set(quarantine["reason"]) >= {"text is empty", "document for unknown episode_id 'E9999'"}
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["input_episode_rows"], summary["coded"], summary["quarantined_episode_rows"]) == (10, 9, 1)
    assert summary["auto"] + summary["exceptions"] == 9


def test_worklist_holds_the_exceptions_nearest_deadline_first(coded_run):
    _, out = coded_run
    coded = pd.read_parquet(out / "coded.parquet")
    queue = pd.read_csv(out / "worklist.csv", keep_default_na=False)
    assert set(queue["episode_id"]) == set(coded.loc[coded["status"] == "exception", "episode_id"])
    deadlines = pd.to_datetime(queue["coding_deadline"])
    assert deadlines.is_monotonic_increasing
    assert (deadlines - pd.to_datetime(queue["episode_end"])).dt.days.eq(30).all()
    same = queue.groupby("coding_deadline")["uncertainty"].apply(lambda u: u.is_monotonic_decreasing)
    assert same.all()


def test_audit_csv_lists_the_sampled_auto_coded_episodes(coded_run, bundle, tmp_path, monkeypatch):
    extract, out = coded_run
    coded = pd.read_parquet(out / "coded.parquet")
    audits = pd.read_csv(out / "audit.csv", keep_default_na=False)
    assert not coded.loc[coded["status"] == "exception", "audit_sample"].any()
    assert set(audits["episode_id"]) == set(coded.loc[coded["audit_sample"], "episode_id"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["audit_sample"] == len(audits) and summary["settings"]["audit"]["fraction"] == 0.05

    # the tiny model auto-codes nothing: let the cohort's good episodes be auto-coded, to see the sample drawn
    import pyarrow as pa

    from autocoding.pipelines import code_chunks

    real = code_chunks.coded_table

    def some_auto(coded, episodes, *args, **kwargs):
        table = real(coded, episodes, *args, **kwargs)
        status = ["auto" if e in {"E0000", "E0002", "E0003", "E0005"} else s
                  for e, s in zip(table.column("episode_id").to_pylist(), table.column("status").to_pylist(),
                                  strict=True)]
        return table.set_column(table.schema.get_field_index("status"), "status", pa.array(status))

    monkeypatch.setattr(code_chunks, "coded_table", some_auto)
    for name, overrides, expected in (("all", ["audit.fraction=1"], {"E0000", "E0002", "E0003", "E0005"}),
                                      ("none", ["audit.fraction=0"], set()),
                                      ("other", ["audit.fraction=0", "+audit.by_specialty.301=1.0"],
                                       {"E0000", "E0002", "E0003", "E0005"}),
                                      ("half", ["audit.fraction=0.5"], None)):
        target = tmp_path / name
        assert main(["code", f"model={bundle}", f"extract={extract}", f"out={target}", "chunk_size=4",
                     *overrides]) == 0
        again = pd.read_parquet(target / "coded.parquet")
        listed = set(pd.read_csv(target / "audit.csv")["episode_id"])
        assert listed == set(again.loc[again["audit_sample"], "episode_id"])
        assert listed <= set(again.loc[again["status"] == "auto", "episode_id"])
        if expected is not None:
            assert listed == expected
    half = set(pd.read_csv(tmp_path / "half" / "audit.csv")["episode_id"])
    assert main(["code", f"model={bundle}", f"extract={extract}", f"out={tmp_path / 'half3'}", "chunk_size=3",
                 "audit.fraction=0.5"]) == 0
    assert set(pd.read_csv(tmp_path / "half3" / "audit.csv")["episode_id"]) == half  # whatever the chunks


def test_rerun_changes_nothing_and_other_inputs_are_refused(coded_run, bundle, tmp_path, capsys):
    extract, out = coded_run
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    assert main(["code", f"model={bundle}", f"extract={extract}", f"out={out}", "chunk_size=3"]) == 0
    assert "already complete" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == before
    other = write_extract(tmp_path / "other", n_good=4, special=False)
    assert main(["code", f"model={bundle}", f"extract={other}", f"out={out}", "chunk_size=3"]) == 1
    assert "force=true" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == before
    assert main(["code", f"model={bundle}", f"extract={other}", f"out={out}", "chunk_size=3", "force=true",
                 "code_format=nhs4"]) == 0
    assert list(pd.read_parquet(out / "coded.parquet")["episode_id"]) == [f"E{i:04d}" for i in range(4)]


def test_an_uncoded_extract_and_one_with_codes_both_load(tmp_path):
    from autocoding.data.extract import load_extract

    extract = write_extract(tmp_path / "extract", n_good=2, special=False)
    for mode in ("optional", "ignore"):
        loaded = load_extract(extract, {}, codes=mode)
        assert list(loaded.episodes["diagnoses"]) == [[], []]
    from autocoding.errors import InputError

    with pytest.raises(InputError, match="diagnoses"):
        load_extract(extract, {})
    episodes = pd.read_csv(extract / "episodes.csv").assign(diagnoses=["K21.9", "NOT A CODE"])
    episodes.to_csv(extract / "episodes.csv", index=False)
    from autocoding.codes import get_code_systems

    systems = get_code_systems({}, ["icd10", "opcs4"])
    assert len(load_extract(extract, systems, codes="optional").episodes) == 1  # present codes are checked
    assert len(load_extract(extract, systems, codes="ignore").episodes) == 2  # or not read at all


def test_cohort_rules_travel_in_the_bundle_and_older_bundles_fall_back(bundle, tmp_path):
    from autocoding.registry.bundle import load_bundle_dir

    loaded = load_bundle_dir(bundle)
    assert (bundle / "cohort.json").is_file() and loaded.cohort == COHORT and loaded.cohort_source == "cohort.json"
    old = make_bundle(tmp_path / "old", cohort=None)
    assert not (old / "cohort.json").exists() and load_bundle_dir(old).cohort == {}
    manifest = json.loads((old / "manifest.json").read_text())
    (old / "manifest.json").write_text(json.dumps({**manifest, "config": {"cohort": COHORT}}))
    again = load_bundle_dir(old)
    assert again.cohort == COHORT and again.cohort_source == "manifest.json"


def _wait_for(path: Path, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the coding run ended early ({process.returncode}): {process.stdout.read()}")
        time.sleep(0.2)
    assert path.exists(), f"{path} not written within {seconds} s"


def test_a_run_killed_with_kill_9_resumes_without_coding_twice(bundle, tmp_path, capsys):
    extract = write_extract(tmp_path / "extract", n_good=40)
    out = tmp_path / "out"
    args = ["code", f"model={bundle}", f"extract={extract}", f"out={out}", "chunk_size=8"]
    src = str(Path(autocoding.__file__).resolve().parents[1])
    env = {**os.environ, PAUSE_ENV: "2", "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "autocoding.cli", *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for(out / "_parts" / "part-00002.parquet", process, 120)
        time.sleep(0.5)  # past the progress manifest: the pause follows it
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    parts = sorted((out / "_parts").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert not (out / "coded.parquet").exists()
    written = {p.name: p.stat().st_mtime_ns for p in parts}
    capsys.readouterr()
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "resuming: 3 of 6 chunks" in printed and "44 episodes in: 43 coded" in printed
    assert {p.name: p.stat().st_mtime_ns for p in parts} == written  # the first three chunks were not coded again
    coded = pd.read_parquet(out / "coded.parquet")
    assert coded["episode_id"].is_unique and len(coded) == 43
    alone = tmp_path / "alone"
    assert main([*args[:-2], f"out={alone}", "chunk_size=8"]) == 0
    pd.testing.assert_frame_equal(coded.drop(columns="model_uri"),
                                  pd.read_parquet(alone / "coded.parquet").drop(columns="model_uri"))


def test_codes_with_a_registered_model_and_records_its_version(trained, tmp_path, capsys):
    """models:/NAME@alias: the coded rows name the model, version and alias; the bundle's cohort screens."""
    out = tmp_path / "out"
    assert main(["code", "model=models:/autocoding-endoscopy@challenger", f"extract={trained.extract}",
                 f"out={out}", f"tracking_uri={trained.tracking_uri}", "chunk_size=128"]) == 0
    assert "model: autocoding-endoscopy version 1 (challenger)" in capsys.readouterr().out
    coded = pd.read_parquet(out / "coded.parquet")
    assert set(coded["model_name"]) == {"autocoding-endoscopy"} and set(coded["model_version"]) == {"1"}
    assert set(coded["model_alias"]) == {"challenger"}
    episodes = pd.read_parquet(trained.extract / "episodes.parquet").set_index("episode_id")
    assert len(coded) == len(episodes)  # codes are not read: no episode is set aside for its coded history
    rows = episodes.loc[coded["episode_id"]]
    stay = (pd.to_datetime(rows["episode_end"]) - pd.to_datetime(rows["episode_start"])).dt.days
    inside = (rows["specialty"].astype(str).isin(["301", "100", "104", "106", "300"])
              & rows["patient_class"].str.lower().eq("day_case") & stay.eq(0)
              & rows["admission_method"].astype(str).isin(["11", "12", "13"]))
    outside = coded["reason_codes"].map(lambda r: "outside_cohort" in r).to_numpy()
    assert outside.sum() > 0 and (outside == ~inside.to_numpy()).all()
    assert not (coded["status"].to_numpy()[outside] == "auto").any()


def test_coding_with_a_registered_model_logs_a_run_linked_to_its_version(trained, tmp_path, capsys):
    """mlflow=auto: a models:/ URI gets an MLflow run with the counts and reasons (no text), the extract as its
    input, and the version's `judged.code.run_id` tag; a bundle folder gets none."""
    import json
    import re

    from mlflow import MlflowClient

    out = tmp_path / "out"
    assert main(["code", "model=models:/autocoding-endoscopy@challenger", f"extract={trained.extract}",
                 f"out={out}", f"tracking_uri={trained.tracking_uri}"]) == 0
    printed = capsys.readouterr().out
    run_id = re.search(r"^MLflow run ([0-9a-f]{32}) at ", printed, re.M).group(1)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["mlflow_run_id"] == run_id
    client = MlflowClient(trained.tracking_uri, registry_uri=trained.tracking_uri)
    run = client.get_run(run_id)
    assert run.data.tags["autocoding.kind"] == "code" and run.data.tags["model.version"] == "1"
    assert run.data.tags["model.alias"] == "challenger"
    metrics = run.data.metrics
    assert metrics["coded"] == summary["coded"] and metrics["auto"] == summary["auto"]
    assert metrics["exceptions"] == summary["exceptions"]
    for kind, count in summary["exception_reasons"].items():
        assert metrics[f"reason.{kind}"] == count
    (used,) = run.inputs.dataset_inputs
    assert [t.value for t in used.tags if t.key == "mlflow.data.context"] == ["coding"]
    assert client.get_model_version("autocoding-endoscopy", "1").tags["judged.code.run_id"] == run_id
    assert client.list_artifacts(run_id) == []  # figures only: no coded rows, snippets or documents in MLflow
    before = len(client.search_runs([run.info.experiment_id]))
    assert main(["code", f"model={trained.out / 'bundle'}", f"extract={trained.extract}", f"out={tmp_path / 'bare'}",
                 f"tracking_uri={trained.tracking_uri}"]) == 0
    assert len(client.search_runs([run.info.experiment_id])) == before  # a bundle folder: not logged (auto)
    assert "mlflow_run_id" not in json.loads((tmp_path / "bare" / "summary.json").read_text())
