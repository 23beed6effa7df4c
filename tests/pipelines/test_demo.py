from __future__ import annotations

import json
import re

from autocoding.config import compose
from autocoding.pipelines import demo


def test_demo_skips_steps_whose_outputs_exist_and_prints_the_summary(tmp_path, capsys):
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "episodes.parquet").write_bytes(b"")
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "manifest.json").write_text("{}")
    metrics = {"test/automation/rate": 0.25, "test/automation/accuracy": 0.96, "test/automation/auto_episodes": 75,
               "test/automation/episodes": 300, "test/audit/primary_diagnosis_accuracy": 0.9,
               "test/audit/secondary_procedures_accuracy": 0.923,
               "test/icd10/map": 0.8, "test/icd10/f1_micro": 0.7}
    summary = {"run_id": "abc", "model_uri": "runs:/abc/model", "version": "3", "bundle": "b", "report": "r.md",
               "tracking_uri": "sqlite:///x.db", "metrics": metrics, "promotion": "refused"}
    (tmp_path / demo.SUMMARY_FILE).write_text(json.dumps(summary))
    result = demo.run(compose("demo", [f"workdir={tmp_path}"]))
    out = capsys.readouterr().out
    assert result["run_id"] == "abc"
    assert out.count("output exists, skipped") == 4  # synth, build, train, promote
    assert re.search(r"^automation rate: +25\.0% \(75 of 300 coded automatically\)$", out, re.M)
    assert re.search(r"^accuracy of auto-coded: +96\.0%$", out, re.M)
    starts = {len(m.group(1)) for m in re.finditer(r"^([a-z][a-z ()-]+:\s*)\S+%", out, re.M)}
    assert len(starts) == 1, out  # every figure starts in the same column
    assert "model: runs:/abc/model (registered version 3)" in out
    assert "promotion gate on the frozen test split: refused" in out


def test_demo_config_composes_the_verbs_defaults():
    cfg = compose("demo", [])
    assert (cfg.workdir, cfg.n_episodes, cfg.seed, cfg.train_experiment) == ("demo", 4000, 0, "endoscopy/minilm")
    assert cfg.tracking_uri == "sqlite:///demo/mlflow.db"


def test_demo_for_neurology_picks_its_dataset_and_experiment():
    cfg = compose("demo", ["specialty=neurology"])
    assert (cfg.dataset, cfg.train_experiment) == ("neurology_short_stay", "neurology_short_stay/minilm")
    assert cfg.n_episodes == 5000 and compose("demo", ["specialty=neurology", "n_episodes=300"]).n_episodes == 300
    train = compose("train", [f"experiment={cfg.train_experiment}"])
    assert train.dataset.name == "neurology_short_stay" and train.thresholds.episode_target == 0.95
    assert train.model.encoder.frozen_layers == 4
