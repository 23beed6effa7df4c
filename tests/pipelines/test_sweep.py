"""`autocoding train -m model.optimizer.lr=...`: one run per value, grouped under a parent run, the best one named;
each run carries MLflow's source tags, its splits as dataset inputs and a model with a full signature."""

from __future__ import annotations

import contextlib
import io
import json
import os

import pytest
import yaml

from autocoding.cli import main


def test_sweep_two_learning_rates(built, tmp_path):
    import mlflow
    from mlflow import MlflowClient

    _, dataset = built
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    old_cache = os.environ.get("AUTOCODING_CACHE")
    os.environ["AUTOCODING_CACHE"] = str(tmp_path / "cache")
    stdout = io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout):
            code = main(["train", "-m", "dataset=endoscopy", f"data={dataset}", "model=tiny", f"out={tmp_path / 'run'}",
                         "model.optimizer.lr=1e-4,3e-3", f"tracking_uri={uri}",
                         f"logger.artifact_location={(tmp_path / 'artifacts').as_uri()}",
                         "trainer.max_epochs=1", "trainer.precision=32", "trainer.enable_progress_bar=false",
                         "trainer.limit_train_batches=4", "datamodule.batch_size=16", "datamodule.eval_batch_size=64"])
        assert code == 0, stdout.getvalue()
        client = MlflowClient(uri)
        runs = client.search_runs([client.get_experiment_by_name("autocoding-endoscopy").experiment_id])
        parents = [r for r in runs if "mlflow.parentRunId" not in r.data.tags]
        assert len(parents) == 1
        parent = parents[0]
        children = sorted((r for r in runs if r.data.tags.get("mlflow.parentRunId") == parent.info.run_id),
                          key=lambda r: int(r.data.tags["sweep.job"]))
        assert len(children) == 2 and parent.info.status == "FINISHED"
        assert [c.data.params["model.optimizer.lr"] for c in children] == ["0.0001", "0.003"]
        assert {c.data.tags["sweep.id"] for c in children} == {parent.info.run_id}
        outs = [c.data.params["out"] for c in children]
        assert len(set(outs)) == 2 and all(f"sweep-{parent.info.run_id[:8]}" in o for o in outs)
        scores = [c.data.metrics["val/map"] for c in children]
        best = children[max(range(2), key=lambda i: (scores[i], -i))]
        assert parent.data.tags["sweep.best"] == best.info.run_id
        assert parent.data.metrics["sweep/best/val/map"] == pytest.approx(best.data.metrics["val/map"], rel=1e-5)
        assert [c.data.tags["sweep.best"] for c in children] == [str(c is best).lower() for c in children]
        challenger = client.get_model_version_by_alias("autocoding-endoscopy", "challenger")
        assert challenger.run_id == best.info.run_id  # the best child, not the last one trained

        child = children[0]
        assert child.data.tags["mlflow.source.name"] == "autocoding train"
        assert child.data.tags["mlflow.source.type"] == "LOCAL"
        assert child.data.tags["mlflow.source.git.commit"]  # the tests run from a git checkout
        contexts = {i.tags[0].value: i.dataset for i in child.inputs.dataset_inputs}
        assert set(contexts) == {"training", "validation", "test"}
        assert "dataset/train" in contexts["training"].source

        manifest = json.loads((dataset / "manifest.json").read_text())
        assert contexts["test"].digest == manifest["hash"]["dataset"].removeprefix("sha256:")[:36]

        mlmodel = yaml.safe_load(open(client.download_artifacts(child.info.run_id, "model/MLmodel", str(tmp_path))))
        outputs = {c["name"] for c in json.loads(mlmodel["signature"]["outputs"])}
        assert {"episode_id", "status", "diagnoses", "uncertainty"} <= outputs
        assert mlmodel.get("saved_input_example_info")
    finally:
        mlflow.set_tracking_uri(None)
        if old_cache is None:
            os.environ.pop("AUTOCODING_CACHE", None)
        else:
            os.environ["AUTOCODING_CACHE"] = old_cache
