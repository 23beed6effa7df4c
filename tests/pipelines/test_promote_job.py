"""`autocoding promote / rollback / freeze` end to end on the tiny trained model, through a sqlite MLflow store.

The versions judged here belong to their own registered model (copies of the trained run's model), so the
aliases the train-job tests check are left alone."""

from __future__ import annotations

import contextlib
import io

import pytest

from autocoding.cli import main

NAME = "autocoding-gate-test"


@pytest.fixture(scope="module")
def gate(trained, tmp_path_factory):
    import mlflow
    from mlflow import MlflowClient

    mlflow.set_tracking_uri(trained.tracking_uri)
    mlflow.set_registry_uri(trained.tracking_uri)
    client = MlflowClient(trained.tracking_uri, trained.tracking_uri)
    source = client.get_model_version("autocoding-endoscopy", "1")
    client.create_registered_model(NAME)
    for _ in range(2):
        client.create_model_version(NAME, source.source, run_id=source.run_id)
    return client, tmp_path_factory.mktemp("frozen") / "set"


def _verb(trained, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, f"tracking_uri={trained.tracking_uri}"])
    return code, out.getvalue(), err.getvalue()


def test_promote_judges_on_a_frozen_set_and_records_the_decision(trained, gate):
    client, frozen_dir = gate
    code, out, _ = _verb(trained, "promote", f"registered_model={NAME}", "version=1", f"frozen_dir={frozen_dir}",
                         f"data={trained.dataset}")
    assert code in (0, 3), out
    assert "frozen evaluation set of" in out and (frozen_dir / "frozen.parquet").is_file()
    model = client.get_registered_model(NAME)
    assert model.tags["frozen_set.path"] == str(frozen_dir.resolve()) and len(model.tags["frozen_set.hash"]) == 64
    version = client.get_model_version(NAME, "1")
    assert version.tags["promotion.result"] == ("production" if code == 0 else "refused")
    assert version.tags["promotion.forced"] == "false" and "challenger.auto_accuracy_lower" in version.tags
    run = client.get_run(version.tags["judged.promote.run_id"])
    assert run.data.tags["autocoding.model_version"] == "1" and run.data.tags["autocoding.kind"] == "promote"
    assert run.inputs.dataset_inputs[0].dataset.name == f"{NAME}-frozen"
    assert run.data.tags["mlflow.source.name"] == "autocoding promote"
    assert (run.data.tags["model.name"], run.data.tags["model.version"]) == (NAME, "1")
    assert run.inputs.dataset_inputs[0].tags[0].value == "evaluation"


def test_force_needs_a_reason_then_is_recorded_as_forced(trained, gate):
    client, frozen_dir = gate
    code, _, err = _verb(trained, "promote", f"registered_model={NAME}", "version=1", "force=true")
    assert code == 1 and "reason" in err
    code, out, _ = _verb(trained, "promote", f"registered_model={NAME}", "version=1", "force=true",
                         "reason=pilot sign-off by the coding manager")
    assert code == 0, out
    assert str(client.get_model_version_by_alias(NAME, "production").version) == "1"
    tags = client.get_model_version(NAME, "1").tags
    assert "forced: pilot sign-off by the coding manager" in tags["promotion.reasons"]


def test_rollback_restores_the_previous_production_version(trained, gate):
    client, _ = gate
    code, out, _ = _verb(trained, "promote", f"registered_model={NAME}", "version=2", "force=true",
                         "reason=second version for the roll-back test")
    assert code == 0, out
    assert "production v1:" in out  # the champion was scored on the same frozen set
    assert str(client.get_model_version_by_alias(NAME, "production").version) == "2"
    code, out, _ = _verb(trained, "rollback", f"registered_model={NAME}")
    assert code == 0 and "from v2 to v1" in out
    assert str(client.get_model_version_by_alias(NAME, "production").version) == "1"


def test_training_data_holding_frozen_episodes_is_refused(trained, gate, tmp_path):
    from autocoding.errors import ConfigError
    from autocoding.pipelines.promote_job import check_training_data

    client, _ = gate
    other = "autocoding-frozen-overlap"
    code, out, _ = _verb(trained, "freeze", f"registered_model={other}", f"data={trained.dataset}", "split=train",
                         f"frozen_dir={tmp_path / 'f'}")
    assert code == 0, out
    with pytest.raises(ConfigError, match="frozen evaluation set"):
        check_training_data(client, other, trained.dataset)
    check_training_data(client, NAME, trained.dataset)  # frozen from the test split: train/validation are clean
    code, _, err = _verb(trained, "freeze", f"registered_model={other}", f"data={trained.dataset}")
    assert code == 1 and "made once" in err


def test_an_edited_frozen_set_is_caught(trained, gate, tmp_path):
    import pandas as pd

    from autocoding.errors import InputError
    from autocoding.registry.frozen import load_frozen_set, make_frozen_set

    made = make_frozen_set(trained.dataset, tmp_path / "f")
    frame = pd.read_parquet(tmp_path / "f" / "frozen.parquet")
    frame.loc[0, "text"] = frame.loc[0, "text"] + " edited"
    frame.to_parquet(tmp_path / "f" / "frozen.parquet", index=False)
    with pytest.raises(InputError, match="has changed"):
        load_frozen_set(tmp_path / "f", made.digest)
