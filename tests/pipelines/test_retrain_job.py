"""`autocoding retrain`: corrections reach the built dataset, the frozen set never does, and the end-to-end run on the
tiny model registers a version the gate judges."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import stat

import pandas as pd
import pytest

from autocoding.cli import main

TRAIN = ["model=tiny", "trainer.max_epochs=1", "trainer.precision=32", "trainer.enable_progress_bar=false",
         "trainer.limit_train_batches=4", "datamodule.batch_size=16", "datamodule.eval_batch_size=64"]


def _store(tmp_path, corrections: dict[str, tuple[list[str], list[str]]]) -> str:
    from autocoding.corrections.importer import import_file
    from autocoding.corrections.store import open_store

    path = tmp_path / "work.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["episode_id", "diagnoses", "procedures", "coder_id", "coded_at", "kind", "comment"])
        for episode_id, (diagnoses, procedures) in corrections.items():
            writer.writerow([episode_id, " ".join(diagnoses), " ".join(procedures), "c1", "2026-03-01T10:00:00Z",
                             "exception_review", ""])
    url = f"sqlite:///{tmp_path / 'corrections.db'}"
    with open_store(url) as store:
        report = import_file(store, path)
    assert report.inserted == len(corrections), report.bad
    return url


def _all_rows(dataset) -> pd.DataFrame:
    from autocoding.data.dataset_reader import read_dataset

    built = read_dataset(dataset)
    return pd.concat([built.split(s).to_pandas() for s in built.splits], ignore_index=True)


def _retrain_dataset(trained, tmp_path, corrections, frozen=None):
    from autocoding.codes import get_code_systems
    from autocoding.config import compose
    from autocoding.corrections.store import open_store
    from autocoding.data.build import run as build
    from autocoding.data.extract import load_extract
    from autocoding.pipelines.retrain_job import correct_extract, write_corrected

    url = _store(tmp_path, corrections)
    extract = load_extract(trained.extract, get_code_systems({}, ["icd10", "opcs4"]))
    with open_store(url) as store:
        corrected = correct_extract(extract.episodes, extract.documents, extract.audit, store.final_codes(), frozen)
    folder, summary = write_corrected(corrected, tmp_path / "out")
    dataset = build(compose("build", ["dataset=endoscopy", f"extract={folder}", f"out={tmp_path / 'dataset'}"]))
    return corrected, folder, summary, dataset


def _codes_of(trained, n: int) -> pd.DataFrame:
    episodes = pd.read_parquet(trained.extract / "episodes.parquet")
    return episodes[["episode_id", "patient_id", "diagnoses", "procedures"]].head(n)


def test_a_corrected_episode_s_codes_reach_the_built_dataset(trained, tmp_path):
    episodes = _codes_of(trained, 40)
    target = episodes.iloc[0]
    other = next(r for _, r in episodes.iterrows() if list(r["diagnoses"]) != list(target["diagnoses"]))
    new = (list(other["diagnoses"]), list(other["procedures"]))
    corrected, folder, summary, dataset = _retrain_dataset(trained, tmp_path, {str(target["episode_id"]): new,
                                                                               "NOT-IN-EXTRACT": new})
    rows = _all_rows(dataset).set_index("episode_id")
    assert list(rows.loc[str(target["episode_id"]), "icd10"]) == new[0]
    written = json.loads(summary.read_text())
    assert written["corrections"] == 1 and written["not_in_extract"] == 1 and written["sha256"] == corrected.digest
    assert written["episode_ids"] == [str(target["episode_id"])]
    for path in [summary, *folder.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_frozen_episodes_and_patients_never_reach_the_dataset_even_when_corrected(trained, tmp_path):
    from autocoding.registry.frozen import make_frozen_set

    frozen = make_frozen_set(trained.dataset, tmp_path / "frozen", split="test")
    named = str(frozen.frame["episode_id"].iloc[0])
    episodes = _codes_of(trained, 1)
    corrected, _, summary, dataset = _retrain_dataset(
        trained, tmp_path, {named: (list(episodes["diagnoses"].iloc[0]), list(episodes["procedures"].iloc[0]))},
        frozen)
    rows = _all_rows(dataset)
    assert not set(rows["episode_id"]) & set(frozen.frame["episode_id"])
    assert not set(rows["patient_id"]) & set(frozen.frame["patient_id"])
    assert corrected.frozen_episodes >= len(frozen.frame) and corrected.frozen_corrections == [named]
    assert json.loads(summary.read_text())["corrections"] == 0


def test_retrain_end_to_end_registers_a_version_and_runs_the_gate(trained, tmp_path):
    from mlflow import MlflowClient

    from autocoding.registry.frozen import recorded

    # no frozen set yet: the gate makes it from the new dataset's test split (test 2 covers an existing one; with
    # this same extract every test patient would be frozen and the rebuilt test split empty)
    name = "autocoding-retrain-test"
    out = io.StringIO()
    episodes = _codes_of(trained, 2)
    url = _store(tmp_path, {str(episodes["episode_id"].iloc[0]): (list(episodes["diagnoses"].iloc[1]),
                                                                   list(episodes["procedures"].iloc[1]))})
    with contextlib.redirect_stdout(out):
        code = main(["retrain", "specialty=endoscopy", f"registered_model={name}", f"extract={trained.extract}",
                     f"db={url}", f"out={tmp_path / 'retrain'}", f"tracking_uri={trained.tracking_uri}",
                     "train_overrides=[" + ",".join(f"'{o}'" for o in TRAIN) + "]"])
    text = out.getvalue()
    assert code in (0, 3), text
    assert "none yet" in text and ("PROMOTED" in text or "REFUSED" in text), text
    client = MlflowClient(trained.tracking_uri, trained.tracking_uri)
    versions = client.search_model_versions(f"name='{name}'")
    assert len(versions) == 1
    version = versions[0]
    assert any(k.startswith("promotion") for k in version.tags), version.tags
    run = client.get_run(version.run_id)
    summary = json.loads((tmp_path / "retrain" / "corrections.json").read_text())
    assert run.data.tags["corrections.hash"] == summary["sha256"] and summary["corrections"] == 1
    assert any(i.dataset.name == f"{name}-corrections" for i in run.inputs.dataset_inputs)
    frozen = recorded(client, name)  # the gate froze the new dataset's test split
    assert frozen is not None and str(frozen.path).startswith(str(tmp_path / "retrain" / "frozen"))


@pytest.mark.parametrize("missing", ["extract", "db", "out"])
def test_retrain_names_its_mandatory_keys(missing, capsys):
    keys = {"extract": "extract=x", "db": "db=sqlite:///x.db", "out": "out=y"}
    args = [v for k, v in keys.items() if k != missing]
    assert main(["retrain", *args]) != 0
    assert f"{missing}=" in capsys.readouterr().err
