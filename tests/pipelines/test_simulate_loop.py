"""`autocoding simulate-loop` end to end on the tiny model (forced through the gate, so that a model is in
production and codes each batch): every round's batch is coded, the coders' work reaches the store, the next
extract grows by the batch, the frozen set never reaches a training dataset, the table, plot and MLflow run are
written, and a rerun resumes instead of training again."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest

from autocoding.cli import main

TRAIN = ["model=tiny", "trainer.max_epochs=1", "trainer.precision=32", "trainer.enable_progress_bar=false",
         "trainer.limit_train_batches=4", "datamodule.batch_size=16", "datamodule.eval_batch_size=64"]


def _args(out) -> list[str]:
    return ["simulate-loop", f"out={out}", "rounds=2", "initial.episodes=260", "batch.episodes=80",
            "train_experiment=null", "coders.error_rate=0.1",
            "train_overrides=[" + ",".join(f"'{o}'" for o in TRAIN) + "]",
            "promote_overrides=['force=true','reason=the tiny model cannot pass the gate: test of the machinery']"]


def _run(args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    out = tmp_path_factory.mktemp("loop")
    code, text = _run(_args(out))
    assert code == 0, text
    return out, text


def _dataset_ids(path) -> set[str]:
    from autocoding.data.dataset_reader import read_dataset

    built = read_dataset(path)
    return {str(e) for s in built.splits for e in built.split(s).to_pandas()["episode_id"]}


def test_each_round_codes_its_batch_and_the_coders_work_reaches_the_store(loop):
    from autocoding.corrections.store import open_store

    out, text = loop
    rounds = json.loads((out / "loop.json").read_text())["rounds"]
    assert [r["round"] for r in rounds] == [0, 1, 2]
    for r in rounds[1:]:
        assert r["batch_episodes"] == 80 and r["auto"] + r["exceptions"] == 80
        assert r["coded_by"] == str(r["round"])  # version r, forced into production at round r - 1
        assert (out / f"round-{r['round']}" / "code" / "coded.parquet").is_file()
        assert r["verdict"] == "forced"
        assert r["challenger_automation"] == 0.0 and r["frozen_episodes"] > 0  # the tiny model auto-codes nothing
    assert rounds[0]["production"] == "1" and rounds[2]["production"] == "3"
    # the tiny model auto-codes nothing: every batch episode was reviewed by a coder
    with open_store(f"sqlite:///{out / 'corrections.db'}") as store:
        final = store.final_codes()
        corrections = store.corrections()
    batches = set()
    for r in (1, 2):
        batches |= set(pd.read_parquet(out / f"batch-{r}" / "episodes.parquet")["episode_id"])
    assert set(final) == batches and rounds[2]["corrections"] == 160
    assert all(c.model_version == str(int(c.episode_id[2:]) // 1_000_000) for c in corrections)
    assert 0 < sum(r["coder_mistakes"] for r in rounds) < 50
    assert "| round | coded by |" in text and "simulate-loop: 2 rounds" in text


def test_the_extract_grows_by_each_batch_with_the_submitted_codes(loop):
    out, _ = loop
    initial = pd.read_parquet(out / "extract-0" / "episodes.parquet")
    grown = [pd.read_parquet(out / f"round-{r}" / "extract" / "episodes.parquet") for r in (1, 2)]
    assert [len(g) for g in grown] == [len(initial) + 80, len(initial) + 160]
    assert grown[1]["episode_id"].is_unique and grown[1]["patient_id"].str.len().eq(9).all()
    work = pd.read_csv(out / "round-2" / "corrections.csv", dtype=str)
    codes = grown[1].set_index("episode_id")
    for row in work.itertuples():  # what was submitted: the coder's codes
        assert list(codes.loc[row.episode_id, "diagnoses"]) == row.diagnoses.split()
    sizes = json.loads((out / "loop.json").read_text())["rounds"]
    assert sizes[0]["train_episodes"] < sizes[1]["train_episodes"] < sizes[2]["train_episodes"]


def test_the_frozen_set_never_reaches_a_training_dataset(loop):
    from mlflow import MlflowClient

    from autocoding.registry.frozen import recorded

    out, _ = loop
    uri = f"sqlite:///{out / 'mlflow.db'}"
    frozen = recorded(MlflowClient(uri, uri), "autocoding-loop-endoscopy")
    frozen_ids = set(map(str, frozen.frame["episode_id"]))
    assert frozen_ids and frozen_ids <= _dataset_ids(out / "round-0" / "dataset")
    for r in (1, 2):
        assert not frozen_ids & _dataset_ids(out / f"round-{r}" / "retrain" / "dataset")


def test_the_table_plot_and_mlflow_run_are_written(loop):
    from mlflow import MlflowClient

    out, _ = loop
    for name in ("loop.csv", "loop.md", "loop.json", "loop.png"):
        assert (out / name).stat().st_size > 0
    assert (out / "loop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    uri = f"sqlite:///{out / 'mlflow.db'}"
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name("autocoding-simulate-loop")
    (run,) = client.search_runs([experiment.experiment_id])
    history = client.get_metric_history(run.info.run_id, "exception_rate")
    assert sorted(m.step for m in history) == [1, 2] and all(m.value == 1.0 for m in history)
    assert run.data.tags["mlflow.source.name"] == "autocoding simulate-loop"
    assert {a.path for a in client.list_artifacts(run.info.run_id)} >= {"loop.csv", "loop.png"}


def test_a_rerun_resumes_from_the_records_instead_of_training_again(loop):
    from mlflow import MlflowClient

    out, _ = loop
    uri = f"sqlite:///{out / 'mlflow.db'}"
    before = len(MlflowClient(uri, uri).search_model_versions("name='autocoding-loop-endoscopy'"))
    code, text = _run(_args(out))
    assert code == 0 and text.count("done before") == 3, text
    assert len(MlflowClient(uri, uri).search_model_versions("name='autocoding-loop-endoscopy'")) == before


@pytest.mark.parametrize("override, message", [("rounds=0", "rounds must be at least 1"),
                                               ("coders.error_rate=2", "error_rate must be between"),
                                               ("initial.episodes=10", "initial.episodes must be at least 50")])
def test_bad_settings_are_named(tmp_path, capsys, override, message):
    assert main(["simulate-loop", f"out={tmp_path}", override]) != 0
    assert message in capsys.readouterr().err
