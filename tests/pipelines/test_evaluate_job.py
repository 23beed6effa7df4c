from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

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
    code = main(["evaluate", f"model={trained.out / 'bundle'}", f"extract={trained.extract}", f"out={out}"])
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
    assert main(["evaluate", f"model={bundle}", f"extract={extract}", f"out={out}"]) == 0
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
    assert main(["evaluate", f"model={bundle}", f"extract={extract}", f"out={out}"]) == 0
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
