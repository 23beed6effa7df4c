"""`autocoding build` killed with kill -9 at each stage: `out=` is always the old complete dataset or the new one,
and the next build cleans up what the killed one left (it holds patient text) and succeeds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

STAGES = ["output-started", "build-pass-1-done", "build-pass-2-done", "output-written", "output-exchanged",
          "output-between-renames"]


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> Path:
    from autocoding.config import compose
    from autocoding.data.synth.command import run as synth

    root = tmp_path_factory.mktemp("killed")
    synth(compose("synth", ["specialty=endoscopy", "n_episodes=120", "seed=3", f"out={root / 'extract'}"]))
    return root / "extract"


def _build(extract: Path, out: Path, env: dict | None = None, key: str = "first") -> subprocess.Popen:
    command = [sys.executable, "-m", "autocoding.cli", "build", "dataset=endoscopy", f"extract={extract}",
               f"out={out}", f"dataset.split.key={key}"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def _hash(out: Path) -> str:
    return json.loads((out / "manifest.json").read_text())["hash"]["dataset"]


def _wait_paused(process: subprocess.Popen, stage: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if f"paused at {stage}" in line:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"build ended (rc {process.returncode}) before {stage}: {process.stdout.read()}")
    process.kill()
    raise AssertionError(f"build never reached {stage}")


@pytest.mark.parametrize("stage", STAGES)
def test_kill_at_each_stage_keeps_a_complete_dataset(extract, tmp_path, stage):
    out = tmp_path / "dataset"
    first = _build(extract, out)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    old = _hash(out)
    env = {"AUTOCODING_PAUSE_AT": stage}
    if stage == "output-between-renames":
        env["AUTOCODING_NO_EXCHANGE"] = "1"
    killed = _build(extract, out, env, key="second")  # another split key: another split, another dataset hash
    _wait_paused(killed, stage)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    if stage == "output-between-renames":
        assert not out.exists()  # the one instant without renameat2: the next run completes the swap
    else:
        assert _hash(out) == old if stage != "output-exchanged" else _hash(out) != old
    again = _build(extract, out, key="second")
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert _hash(out) != old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dataset.lock", "dataset"]  # no leftovers


def test_exchanged_stage_already_holds_the_new_dataset(extract, tmp_path):
    """Killed right after the exchange: out= is the new dataset; the old one, left in the temporary name, is
    deleted by the next run."""
    out = tmp_path / "dataset"
    assert _build(extract, out).wait(timeout=300) == 0
    old = _hash(out)
    killed = _build(extract, out, {"AUTOCODING_PAUSE_AT": "output-exchanged"}, key="second")
    _wait_paused(killed, "output-exchanged")
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    assert _hash(out) != old
    assert any(p.name.startswith("dataset.tmp-") for p in tmp_path.iterdir())
