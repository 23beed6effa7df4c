"""MLflow logging and the champion/challenger aliases against a sqlite store in tmp_path."""

from __future__ import annotations

import pytest

from autocoding.registry import tracking
from autocoding.registry.promotion import CHALLENGER, CHAMPION, PromotionPolicy, Score, promote


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    settings = tracking.TrackingSettings(tracking_uri=uri, experiment="test-exp", registered_model="coder",
                                         artifact_location=(tmp_path / "artifacts").as_uri())
    tracking.configure(uri)
    yield settings
    import mlflow

    mlflow.set_tracking_uri(None)


def test_flatten_nested_config():
    assert tracking.flatten({"model": {"name": "tiny", "segments": {"max_length": 64}}, "seed": 0}) == {
        "model.name": "tiny", "model.segments.max_length": "64", "seed": "0"}


def test_run_logs_params_metrics_tags_artifacts(store, tmp_path):
    from mlflow import MlflowClient

    run_id = tracking.start_run(store, tags={"dataset.hash": "sha256:abc"})
    tracking.log_params(run_id, {"model": {"name": "tiny"}, **{f"p{i}": i for i in range(150)}})
    tracking.log_metrics(run_id, {"test/icd10/f1_micro": 0.5, "test/automation/accuracy": float("nan")})
    (tmp_path / "thresholds.csv").write_text("code,present\nK21.9,0.5\n")
    tracking.log_artifact(run_id, tmp_path / "thresholds.csv", "evaluation")
    tracking.end_run(run_id)
    run = MlflowClient().get_run(run_id)
    assert run.data.params["model.name"] == "tiny" and len(run.data.params) == 151
    assert run.data.metrics == {"test/icd10/f1_micro": 0.5}  # NaN is left out rather than logged
    assert run.data.tags["dataset.hash"] == "sha256:abc"
    assert run.info.status == "FINISHED"
    assert [a.path for a in MlflowClient().list_artifacts(run_id, "evaluation")] == ["evaluation/thresholds.csv"]


def _version(name: str, tmp_path) -> str:
    from mlflow import MlflowClient

    client = MlflowClient()
    try:
        client.create_registered_model(name)
    except Exception:
        pass
    return str(client.create_model_version(name, source=(tmp_path / "artifacts").as_uri()).version)


def test_worse_challenger_keeps_champion_and_tags_the_comparison(store, tmp_path):
    from mlflow import MlflowClient

    policy = PromotionPolicy(min_accuracy=0.95)
    good = Score(0.5, 0.97, 0.8)
    v1 = _version("coder", tmp_path)
    first = promote("coder", v1, good, None, None, policy)
    assert first.promoted
    v2 = _version("coder", tmp_path)
    second = promote("coder", v2, Score(0.4, 0.98, 0.9), good, v1, policy)
    client = MlflowClient()
    assert not second.promoted
    assert str(client.get_model_version_by_alias("coder", CHAMPION).version) == v1
    assert str(client.get_model_version_by_alias("coder", CHALLENGER).version) == v2
    tags = client.get_model_version("coder", v2).tags
    assert tags["promotion.result"] == "challenger" and tags["promotion.compared_with"] == v1
    assert tags["champion.automation_rate"] == "0.500000" and tags["challenger.automation_rate"] == "0.400000"
    v3 = _version("coder", tmp_path)
    assert promote("coder", v3, Score(0.6, 0.96, 0.7), good, v1, policy).promoted
    assert str(client.get_model_version_by_alias("coder", CHAMPION).version) == v3
