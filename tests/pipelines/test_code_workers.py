"""`autocoding code workers=N`: chunks coded in worker processes give the rows of one process, resume after the
parent is killed with kill -9, and leave no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.helpers.code_fixtures import make_bundle, write_extract

import autocoding
from autocoding.cli import main
from autocoding.errors import ConfigError
from autocoding.pipelines.code_job import PAUSE_ENV, CodeOptions
from autocoding.pipelines.code_workers import worker_threads


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return make_bundle(tmp_path_factory.mktemp("workers") / "bundle")


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a, b = a.drop(columns="model_uri"), b.drop(columns="model_uri")
    assert list(a["episode_id"]) == list(b["episode_id"]) and list(a["status"]) == list(b["status"])
    for column in ("diagnoses", "procedures", "reason_codes"):
        assert a[column].map(list).tolist() == b[column].map(list).tolist(), column
    for column in ("diagnoses_probability", "procedures_probability"):
        for x, y in zip(a[column], b[column], strict=True):
            np.testing.assert_allclose(x, y, atol=1e-5)


def test_two_workers_code_the_rows_one_process_codes(bundle, tmp_path, capsys):
    extract = write_extract(tmp_path / "extract", n_good=30)
    args = ["code", f"model={bundle}", f"extract={extract}", "chunk_size=7", "mlflow=false"]
    assert main([*args, f"out={tmp_path / 'one'}"]) == 0
    capsys.readouterr()
    assert main([*args, f"out={tmp_path / 'two'}", "workers=2", "threads=1"]) == 0
    assert "34 episodes in: 33 coded" in capsys.readouterr().out
    one, two = (pd.read_parquet(tmp_path / name / "coded.parquet") for name in ("one", "two"))
    _same_rows(one, two)
    assert len(two) == 33 and two["episode_id"].is_unique
    # the worker count is not part of the run key: the finished two-worker run is this run, complete
    assert main([*args, f"out={tmp_path / 'two'}"]) == 0
    assert "already complete" in capsys.readouterr().out


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc (Linux)")
def test_parent_killed_with_kill_9_leaves_no_worker_and_resumes(bundle, tmp_path, capsys):
    extract = write_extract(tmp_path / "extract", n_good=40)
    out = tmp_path / "out"
    args = ["code", f"model={bundle}", f"extract={extract}", f"out={out}", "chunk_size=8", "workers=2",
            "threads=1", "mlflow=false"]
    src = str(Path(autocoding.__file__).resolve().parents[1])
    env = {**os.environ, PAUSE_ENV: "1", "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "autocoding.cli", *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and "paused after chunk 1" not in (line := process.stdout.readline()):
            assert line or process.poll() is None, "the coding run ended before its pause"
        workers = _children(process.pid)
        assert workers, "no worker processes"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "a worker outlived its parent"
    parts = {p.name: p.stat().st_mtime_ns for p in (out / "_parts").glob("part-*.parquet")}
    assert "part-00001.parquet" in parts and len(parts) < 6 and not (out / "coded.parquet").exists()
    capsys.readouterr()
    assert main(args) == 0
    assert f"resuming: {len(parts)} of 6 chunks" in capsys.readouterr().out
    assert {name: (out / "_parts" / name).stat().st_mtime_ns for name in parts} == parts  # not coded again
    coded = pd.read_parquet(out / "coded.parquet")
    assert coded["episode_id"].is_unique and len(coded) == 43
    alone = tmp_path / "alone"
    assert main([*args[:3], f"out={alone}", "chunk_size=8", "mlflow=false"]) == 0
    _same_rows(coded, pd.read_parquet(alone / "coded.parquet"))


def test_worker_settings_are_checked():
    with pytest.raises(ConfigError, match="workers must be 1 or more"):
        CodeOptions(model="m", extract=Path("e"), out=Path("o"), workers=0)
    with pytest.raises(ConfigError, match="workers=2 is for coding on the CPU"):
        CodeOptions(model="m", extract=Path("e"), out=Path("o"), workers=2, device="cuda")
    assert worker_threads(2, 3) == 3 and worker_threads(10_000, None) == 1
