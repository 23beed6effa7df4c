"""Session fixtures (a plugin of tests/conftest.py, so every folder shares ONE run): one small synthetic extract, built with the synth and build verbs, and one `autocoding train` run on it
(tiny model, one short epoch, blended with a linear coder) logged to a sqlite MLflow store in a temp dir; the tests read what it left."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from autocoding.cli import main
from autocoding.config import compose


@dataclass
class TrainedRun:
    stdout: str
    tracking_uri: str
    extract: Path
    dataset: Path
    out: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path]:
    from autocoding.data.build import run as build
    from autocoding.data.synth.command import run as synth

    root = tmp_path_factory.mktemp("pipeline")
    synth(compose("synth", ["specialty=endoscopy", "n_episodes=300", "seed=1", f"out={root / 'extract'}"]))
    build(compose("build", ["dataset=endoscopy", f"extract={root / 'extract'}", f"out={root / 'dataset'}"]))
    return root / "extract", root / "dataset"


@pytest.fixture(scope="session")
def trained(built, tmp_path_factory) -> TrainedRun:
    import mlflow

    extract, dataset = built
    root = tmp_path_factory.mktemp("train")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    old_cache = os.environ.get("AUTOCODING_CACHE")
    os.environ["AUTOCODING_CACHE"] = str(root / "cache")
    stdout = io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout):
            code = main(["train", "dataset=endoscopy", f"data={dataset}", "model=tiny", f"out={root / 'run'}",
                         f"tracking_uri={uri}", f"logger.artifact_location={(root / 'artifacts').as_uri()}",
                         "trainer.max_epochs=1", "trainer.precision=32", "trainer.enable_progress_bar=false",
                         "trainer.limit_train_batches=8", "datamodule.batch_size=16", "datamodule.eval_batch_size=64",
                         "model.linear.weight=0.5"])
        assert code == 0
        yield TrainedRun(stdout.getvalue(), uri, extract, dataset, root / "run")
    finally:
        mlflow.set_tracking_uri(None)
        if old_cache is None:
            os.environ.pop("AUTOCODING_CACHE", None)
        else:
            os.environ["AUTOCODING_CACHE"] = old_cache
