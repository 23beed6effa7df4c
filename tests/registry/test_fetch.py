"""Model URIs to local bundles: registry versions of different tracking databases never share a cache entry."""

from __future__ import annotations

import json
import os

import pytest

from autocoding.errors import InputError
from autocoding.registry.fetch import download


def _register(tracking_uri: str, name: str, marker: str, tmp_path) -> None:
    """Log a run whose artifact `model/artifacts/bundle/bundle.json` holds `marker`, and register it as `name`."""
    import mlflow
    from mlflow import MlflowClient

    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)  # as autocoding.registry.tracking does (an earlier test may have set another)
    source = tmp_path / f"src-{marker}" / "artifacts" / "bundle"
    source.mkdir(parents=True)
    (source / "bundle.json").write_text(json.dumps({"marker": marker}))
    experiment = mlflow.create_experiment(f"exp-{marker}", artifact_location=(tmp_path / f"art-{marker}").as_uri())
    with mlflow.start_run(experiment_id=experiment) as run:
        mlflow.log_artifacts(str(source.parent.parent), artifact_path="model")
    client = MlflowClient()
    client.create_registered_model(name)
    client.create_model_version(name, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id)


@pytest.fixture
def restore_tracking_uri():
    import mlflow

    tracking, registry = os.environ.get("MLFLOW_TRACKING_URI"), os.environ.get("MLFLOW_REGISTRY_URI")
    yield
    mlflow.set_tracking_uri(tracking)  # None: back to MLflow's default, env var unset as before
    mlflow.set_registry_uri(registry)
    if registry is None:
        os.environ.pop("MLFLOW_REGISTRY_URI", None)


def test_same_name_and_version_in_two_databases_are_two_models(tmp_path, restore_tracking_uri):
    import mlflow

    cache = tmp_path / "cache"
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    _register(first, "autocoding-endoscopy", "A", tmp_path)
    _register(second, "autocoding-endoscopy", "B", tmp_path)
    markers = {}
    for uri in (first, second, first):  # the second fetch from `first` comes from the cache
        mlflow.set_tracking_uri(uri)
        mlflow.set_registry_uri(uri)
        local = download("models:/autocoding-endoscopy/1", cache)
        markers.setdefault(uri, set()).add(json.loads((local / "artifacts/bundle/bundle.json").read_text())["marker"])
    assert markers == {first: {"A"}, second: {"B"}}
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 2


def test_unknown_version_is_a_clear_error(tmp_path, restore_tracking_uri):
    import mlflow

    mlflow.set_tracking_uri(f"sqlite:///{tmp_path / 'c.db'}")
    mlflow.set_registry_uri(f"sqlite:///{tmp_path / 'c.db'}")
    with pytest.raises(InputError, match="models:/nothing/3"):
        download("models:/nothing/3", tmp_path / "cache")
