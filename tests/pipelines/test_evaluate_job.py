from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from autocoding.cli import main
from autocoding.pipelines.evaluate_job import column_of, gold_codes


def test_gold_prefers_audit_rows_when_asked():
    extract = SimpleNamespace(
        episodes=pd.DataFrame({"episode_id": ["E1", "E2"], "diagnoses": [["K21.9"], ["K29.7", "I10"]],
                               "procedures": [["G45.1"], []]}),
        audit=pd.DataFrame({"episode_id": ["E2"], "diagnoses": [["K29.5"]], "procedures": [["G45.1"]]}))
    assert gold_codes(extract, ["icd10", "opcs4"], "audit") == {
        "icd10": [["K21.9"], ["K29.5"]], "opcs4": [["G45.1"], ["G45.1"]]}
    assert gold_codes(extract, ["icd10"], "coded") == {"icd10": [["K21.9"], ["K29.7", "I10"]]}
    assert column_of("icd10cm") == "diagnoses" and column_of("icd10pcs") == "procedures"


def test_evaluate_verb_codes_every_episode_of_an_extract(trained, tmp_path, capsys):
    out = tmp_path / "evaluation.json"
    code = main(["evaluate", f"model={trained.out / 'bundle'}", f"extract={trained.extract}", f"out={out}",
                 f"tracking_uri={trained.tracking_uri}"])
    assert code == 0
    result = json.loads(out.read_text())
    episodes = pd.read_parquet(Path(trained.extract) / "episodes.parquet")
    assert result["episodes"] == len(episodes)  # all episodes, not only the training cohort
    metrics = result["metrics"]
    assert 0 <= metrics["automation/rate"] <= 1 and 0 <= metrics["icd10/f1_micro_all_codes"] <= 1
    assert metrics["automation/episodes"] == len(episodes)
    decisions = (tmp_path / "evaluation-decisions.jsonl").read_text().splitlines()
    assert len(decisions) == len(episodes)
    assert (tmp_path / "evaluation-report" / "report.md").is_file()
    assert "episodes coded by" in capsys.readouterr().out
    run = _client(trained).get_run(result["mlflow_run_id"])  # a bare bundle is judged in a run too, unlinked
    assert run.data.tags["autocoding.kind"] == "evaluate" and "model.version" not in run.data.tags
    assert run.data.tags["autocoding.model_uri"] == str(trained.out / "bundle")
    assert run.data.metrics["automation/rate"] == metrics["automation/rate"]


NAME = "autocoding-evaluate-test"


def _client(trained):
    from mlflow import MlflowClient

    return MlflowClient(trained.tracking_uri, trained.tracking_uri)


def test_evaluate_logs_a_run_linked_to_the_registered_version(trained, tmp_path):
    from autocoding.pipelines.report_job import extract_digest

    client = _client(trained)
    source = client.get_model_version("autocoding-endoscopy", "1")
    client.create_registered_model(NAME)  # its own registered model: the train-job tests' versions stay untouched
    client.create_model_version(NAME, source.source, run_id=source.run_id)
    out = tmp_path / "evaluation.json"
    assert main(["evaluate", f"model=models:/{NAME}/1", f"extract={trained.extract}", f"out={out}",
                 f"tracking_uri={trained.tracking_uri}"]) == 0
    result = json.loads(out.read_text())
    version = client.get_model_version(NAME, "1")
    assert version.tags["judged.evaluate.run_id"] == result["mlflow_run_id"]
    run = client.get_run(result["mlflow_run_id"])
    tags = run.data.tags
    assert (tags["model.name"], tags["model.version"], tags["autocoding.kind"]) == (NAME, "1", "evaluate")
    assert tags["autocoding.model_run_id"] == source.run_id
    assert tags["mlflow.source.name"] == "autocoding evaluate" and tags["mlflow.source.type"] == "LOCAL"
    (dataset_input,) = run.inputs.dataset_inputs
    assert dataset_input.dataset.name == Path(trained.extract).name
    assert dataset_input.dataset.digest == extract_digest(Path(trained.extract)).removeprefix("sha256:")[:36]
    assert [(t.key, t.value) for t in dataset_input.tags] == [("mlflow.data.context", "evaluation")]
    figures = {k: v for k, v in result["metrics"].items() if isinstance(v, int | float) and math.isfinite(v)}
    assert figures and all(run.data.metrics[k] == pytest.approx(v) for k, v in figures.items())


def test_evaluate_verb_reports_a_missing_model(tmp_path, capsys):
    code = main(["evaluate", f"model={tmp_path / 'nope'}", f"extract={tmp_path}", f"out={tmp_path / 'e.json'}"])
    assert code == 1
    assert "no such directory" in capsys.readouterr().err


def test_evaluate_reports_episodes_without_usable_text_instead_of_coding_them(tmp_path):
    from tests.helpers.code_fixtures import make_bundle, write_extract

    bundle = make_bundle(tmp_path / "bundle")
    extract = write_extract(tmp_path / "extract", n_good=3)
    episodes = pd.read_csv(extract / "episodes.csv")
    episodes["diagnoses"], episodes["procedures"] = "K21.9", ""
    episodes.to_csv(extract / "episodes.csv", index=False)
    out = tmp_path / "evaluation.json"
    assert main(["evaluate", f"model={bundle}", f"extract={extract}", f"out={out}", "mlflow=false"]) == 0
    decisions = {d["episode_id"]: d for d in map(json.loads, (tmp_path / "evaluation-decisions.jsonl").open())}
    for episode_id in ("E0901", "E0902"):  # only document empty (quarantined) / of a type the model does not read
        assert [r["kind"] for r in decisions[episode_id]["reasons"]] == ["no_usable_text"]
        assert decisions[episode_id]["codes"] == {"icd10": [], "opcs4": []}
    assert all("no_usable_text" not in [r["kind"] for r in d["reasons"]] for e, d in decisions.items()
               if e not in ("E0901", "E0902"))
    metrics = json.loads(out.read_text())["metrics"]
    assert metrics["exceptions/no_usable_text"] == 2 / len(decisions)


def test_evaluate_writes_the_quarantine_and_prints_its_first_lines(tmp_path, capsys):
    from tests.helpers.code_fixtures import make_bundle, write_extract

    bundle = make_bundle(tmp_path / "bundle")
    extract = write_extract(tmp_path / "extract", n_good=3)
    episodes = pd.read_csv(extract / "episodes.csv")
    episodes["diagnoses"], episodes["procedures"] = "K21.9", ""
    episodes.to_csv(extract / "episodes.csv", index=False)
    out = tmp_path / "evaluation.json"
    assert main(["evaluate", f"model={bundle}", f"extract={extract}", f"out={out}", "mlflow=false"]) == 0
    quarantine = pd.read_csv(tmp_path / "evaluation-quarantine.csv")
    assert list(quarantine.columns) == ["file", "row", "column", "reason"]
    assert json.loads(out.read_text())["quarantined_rows"] == len(quarantine) >= 3
    bad_date = quarantine[quarantine["column"] == "episode_start"].values.tolist()
    assert bad_date == [[str(extract / "episodes.csv"), 7, "episode_start",
                         "episode_start '2026-02-30' is not a valid ISO date (YYYY-MM-DD)"]]
    printed = capsys.readouterr().out
    assert f"quarantine: {len(quarantine)} problem line(s) in {tmp_path / 'evaluation-quarantine.csv'}" in printed
    first = quarantine.iloc[0]
    assert f"  {first['file']}:{first['row']}: {first['column']}: {first['reason']}\n" in printed
