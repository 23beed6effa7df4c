"""MLflow logging and the challenger/production aliases against a sqlite store in tmp_path."""

from __future__ import annotations

import pytest

from autocoding.registry import tracking
from autocoding.registry.promotion import (
    CHALLENGER,
    PRODUCTION,
    Outcome,
    alias_version,
    history,
    mark_challenger,
    record_decision,
    rollback,
    set_production,
)


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


def test_production_history_and_rollback(store, tmp_path):
    from mlflow import MlflowClient

    from autocoding.errors import ConfigError

    client = MlflowClient()
    v1, v2, v3 = (_version("coder", tmp_path) for _ in range(3))
    mark_challenger(client, "coder", v3)
    assert alias_version(client, "coder", CHALLENGER) == v3 and alias_version(client, "coder", PRODUCTION) is None
    with pytest.raises(ConfigError, match="no earlier production"):
        rollback(client, "coder")
    assert set_production(client, "coder", v1) is None
    assert set_production(client, "coder", v2) == v1
    assert history(client, "coder") == [v1, v2]
    assert rollback(client, "coder") == (v2, v1)
    assert alias_version(client, "coder", PRODUCTION) == v1 and history(client, "coder") == [v1]
    assert client.get_model_version("coder", v2).tags["promotion.rolled_back"] == "true"


def test_decision_recorded_on_the_version(store, tmp_path):
    from mlflow import MlflowClient

    client = MlflowClient()
    v1 = _version("coder", tmp_path)
    record_decision(client, "coder", v1, Outcome(v1, False, False, ["lower bound 90.0% < target 97.0%"], None),
                    {"challenger.auto": "10"})
    version = client.get_model_version("coder", v1)
    assert version.tags["promotion.result"] == "refused" and version.tags["challenger.auto"] == "10"
    assert "lower bound 90.0%" in version.tags["promotion.reasons"]
    assert version.description.startswith("refused production")


@pytest.mark.parametrize(("uri", "shown"), [
    ("http://alice:s3cret@mlflow.trust.nhs.uk:5000", "http://***@mlflow.trust.nhs.uk:5000"),
    ("postgresql://coder:pw@db/mlflow", "postgresql://***@db/mlflow"),
    ("https://host/api?token=abc&x=1", "https://host/api?token=***&x=1"),
    ("sqlite:///mlflow.db", "sqlite:///mlflow.db"),
    ("plain text: not a uri", "plain text: not a uri"),
])
def test_credentials_in_uris_are_never_logged(uri, shown):
    assert tracking.redact(uri) == shown
    assert tracking.flatten({"tracking_uri": uri, "logger": {"tracking_uri": uri}}) == {
        "tracking_uri": shown, "logger.tracking_uri": shown}
    assert tracking.redact_tree({"a": [uri, 1]}) == {"a": [shown, 1]}
