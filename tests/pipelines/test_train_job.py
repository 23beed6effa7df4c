from __future__ import annotations

import json
import re

import pytest


def _run_id(stdout: str) -> str:
    match = re.search(r"^MLflow run id: ([0-9a-f]{32})$", stdout, re.M)
    assert match, stdout
    return match.group(1)


def test_train_verb_prints_run_id_and_model_uri(trained):
    run_id = _run_id(trained.stdout)
    assert f"model URI: runs:/{run_id}/model" in trained.stdout
    assert "registered model: models:/autocoding-endoscopy/1 (alias challenger" in trained.stdout


@pytest.fixture(scope="module")
def client(trained):
    import mlflow
    from mlflow import MlflowClient

    # both URIs: an earlier test may have left another registry URI set in this process
    mlflow.set_tracking_uri(trained.tracking_uri)
    mlflow.set_registry_uri(trained.tracking_uri)
    return MlflowClient(trained.tracking_uri, registry_uri=trained.tracking_uri)


def test_run_holds_config_data_identity_metrics_and_artifacts(trained, client):
    run_id = _run_id(trained.stdout)
    run = client.get_run(run_id)
    assert run.info.status == "FINISHED"
    assert run.data.params["model.name"] == "tiny" and run.data.params["dataset.name"] == "endoscopy"
    manifest = json.loads((trained.dataset / "manifest.json").read_text())
    assert run.data.tags["dataset.hash"] == manifest["hash"]["dataset"]
    assert "git.commit" in run.data.tags
    for key in ("test/icd10/f1_micro", "test/opcs4/map", "test/audit/primary_diagnosis_accuracy",
                "test/automation/rate", "val/map"):
        assert key in run.data.metrics, key
    assert len(client.get_metric_history(run_id, "val/map")) >= 1  # per-epoch, from Lightning's MLFlowLogger
    top = {a.path for a in client.list_artifacts(run_id)}
    assert {"config.yaml", "evaluation", "report"} <= top
    assert "evaluation/thresholds.csv" in {a.path for a in client.list_artifacts(run_id, "evaluation")}
    assert "report/report.md" in {a.path for a in client.list_artifacts(run_id, "report")}
    # other tests train into the same store later; the version of THIS run is the one to check
    (found,) = client.search_model_versions(f"name='autocoding-endoscopy' and run_id='{run_id}'")
    version = client.get_model_version("autocoding-endoscopy", found.version)  # search leaves aliases out
    assert str(version.version) == "1"
    assert "production" not in version.aliases  # training never promotes: only `autocoding promote` does
    assert "challenger" in version.aliases or client.get_model_version_by_alias(
        "autocoding-endoscopy", "challenger").run_id != run_id


def test_model_uri_codes_test_episodes_as_the_job_did(trained, client):
    """The bundle fetched back from MLflow decides the test episodes exactly as the job decided them."""
    from datasets import load_from_disk

    from autocoding.serving.predictor import Coder

    run_id = _run_id(trained.stdout)
    expected = json.loads((trained.out / "tables" / "test_decisions.json").read_text())
    test = load_from_disk(str(trained.dataset))["test"]
    texts = dict(zip(test["episode_id"], test["text"], strict=True))
    coder = Coder.from_bundle(f"runs:/{run_id}/model")
    coded = coder.code([texts[r["episode_id"]] for r in expected])
    assert [bool(a) for a in coded.decisions.auto] == [r["auto"] for r in expected]
    assert [[x.kind for x in rs] for rs in coded.decisions.reasons] == \
        [[x["kind"] for x in r["reasons"]] for r in expected]
    for system in ("icd10", "opcs4"):
        assert coded.decisions.codes[system] == [r["codes"][system] for r in expected]


def test_bundle_ships_the_linear_coder_and_serves_the_blend(trained):
    """model.linear.weight=0.5 (the shared run): the bundle holds linear/, and served outputs are half the network's,
    half the linear coder's."""
    import numpy as np
    from datasets import load_from_disk

    from autocoding.registry.bundle import load_bundle
    from autocoding.serving.predictor import Coder

    bundle = load_bundle(trained.out / "bundle")
    assert bundle.linear is not None and bundle.linear.weight == 0.5 and bundle.linear.labels == bundle.labels
    texts = load_from_disk(str(trained.dataset))["test"]["text"][:8]
    blended, _, _ = Coder(bundle).predict(texts)
    bundle.linear = None
    alone, _, _ = Coder(bundle).predict(texts)
    scores = load_bundle(trained.out / "bundle").linear.scores(texts)
    for system, out in blended.items():
        np.testing.assert_allclose(out.probs, 0.5 * alone[system].probs + 0.5 * scores[system][0], atol=1e-6)
        np.testing.assert_allclose(out.primary_probs, 0.5 * alone[system].primary_probs + 0.5 * scores[system][1],
                                   atol=1e-6)
        assert not np.allclose(out.probs, alone[system].probs)


def test_pyfunc_model_predicts_a_dataframe(trained, client):
    import mlflow
    import pandas as pd

    model = mlflow.pyfunc.load_model("models:/autocoding-endoscopy@challenger")
    frame = model.predict(pd.DataFrame({"episode_id": ["a", "b"], "text": ["[endoscopy_report]\ngastroscopy", ""]}))
    assert list(frame["episode_id"]) == ["a", "b"]
    assert frame["status"].iloc[1] == "exception"  # empty text: nothing to code from, to a coder
    assert json.loads(frame["reason_codes"].iloc[1])[0] == "no_usable_text"
    assert json.loads(frame["diagnoses"].iloc[1]) == []
    # no cohort fields given: the model's cohort cannot be checked, so it is never auto-coded
    assert "outside_cohort" in json.loads(frame["reason_codes"].iloc[0])


@pytest.mark.slow
def test_train_with_the_evidence_detector_ships_it_and_decides_as_served(built, tmp_path):
    """thresholds.evidence=true: the bundle carries evidence.json and codes the test split as the job decided it."""
    import contextlib
    import io

    import mlflow
    from datasets import load_from_disk

    from autocoding.cli import main
    from autocoding.serving.predictor import Coder

    _, dataset = built
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["train", "dataset=endoscopy", f"data={dataset}", "model=tiny", f"out={tmp_path / 'run'}",
                     f"tracking_uri=sqlite:///{tmp_path / 'mlflow.db'}",
                     f"logger.artifact_location={(tmp_path / 'artifacts').as_uri()}", "thresholds.evidence=true",
                     "trainer.max_epochs=1", "trainer.precision=32", "trainer.enable_progress_bar=false",
                     "trainer.limit_train_batches=8", "datamodule.batch_size=16", "datamodule.eval_batch_size=64"])
    mlflow.set_tracking_uri(None)
    assert code == 0
    bundle = tmp_path / "run" / "bundle"
    assert (bundle / "evidence.json").is_file()
    expected = json.loads((tmp_path / "run" / "tables" / "test_decisions.json").read_text())
    test = load_from_disk(str(dataset))["test"]
    texts = dict(zip(test["episode_id"], test["text"], strict=True))
    coder = Coder.from_bundle(bundle)
    assert coder.bundle.evidence is not None
    coded = coder.code([texts[r["episode_id"]] for r in expected])
    assert [[x.kind for x in rs] for rs in coded.decisions.reasons] == \
        [[x["kind"] for x in r["reasons"]] for r in expected]
    assert [bool(a) for a in coded.decisions.auto] == [r["auto"] for r in expected]
