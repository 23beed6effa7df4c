"""The coder as an MLflow pyfunc: full signature, input example, and `mlflow models serve` answering over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import autocoding
from autocoding.serving import PYFUNC_FILE
from autocoding.serving.coded_output import SCHEMA

EPISODES = pd.DataFrame({
    "episode_id": ["a", "b", "c"],
    "text": ["[endoscopy_report]\ngastroscopy reflux oesophagitis biopsy taken",
             "[endoscopy_report]\ncolonoscopy polyp removed\n\n[histology]\nchronic gastritis helicobacter negative",
             ""],
    "specialty": ["301", "301", "301"], "patient_class": ["day_case"] * 3, "admission_method": ["11"] * 3,
    "episode_start": ["2026-01-02"] * 3, "episode_end": ["2026-01-02"] * 3,
})


@pytest.fixture(scope="module")
def pyfunc_dir(tiny_bundle, tmp_path_factory) -> Path:
    import mlflow

    from autocoding.serving.pyfunc_io import input_example, signature

    path = tmp_path_factory.mktemp("pyfunc") / "model"
    mlflow.pyfunc.save_model(str(path), python_model=str(PYFUNC_FILE), artifacts={"bundle": str(tiny_bundle)},
                             signature=signature(), input_example=input_example(), pip_requirements=["autocoding"])
    return path


def test_pyfunc_has_a_full_signature_and_an_input_example(pyfunc_dir):
    from mlflow.models import Model

    meta = Model.load(str(pyfunc_dir / "MLmodel"))
    inputs = {c["name"]: c for c in meta.signature.inputs.to_dict()}
    assert {"episode_id", "text", "specialty", "patient_class", "episode_end"} <= set(inputs)
    assert inputs["episode_id"]["required"] and not inputs["specialty"]["required"]
    assert [c["name"] for c in meta.signature.outputs.to_dict()] == SCHEMA.names
    assert meta.saved_input_example_info is not None and (pyfunc_dir / "serving_input_example.json").is_file()


def test_pyfunc_screens_rows_it_cannot_place_in_the_cohort(tmp_path):
    from tests.helpers.tiny_bundle import make_tiny_bundle

    from autocoding.serving.predictor import Coder
    from autocoding.serving.pyfunc_io import predict_frame

    bundle = make_tiny_bundle(tmp_path / "bundle", cohort={"patient_classes": ["day_case"]})
    coder = Coder.from_bundle(bundle)
    frame = EPISODES.iloc[:2].copy()
    frame.loc[1, "patient_class"] = "Ordinary"
    out = predict_frame(coder, frame)
    assert "outside_cohort" not in json.loads(out["reason_codes"].iloc[0])
    assert json.loads(out["reason_codes"].iloc[1])[0] == "outside_cohort"
    missing = predict_frame(coder, frame[["episode_id", "text"]])
    assert all(json.loads(r)[0] == "outside_cohort" for r in missing["reason_codes"])
    assert "patient_class" in json.loads(missing["reasons"].iloc[0])[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(port: int, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mlflow models serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mlflow models serve did not answer /ping within {seconds} s")


def test_mlflow_models_serve_codes_over_http(pyfunc_dir, tmp_path):
    import mlflow

    port = _free_port()
    src = str(Path(autocoding.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
           "MLFLOW_DISABLE_TELEMETRY": "true",
           # mlflow execs `uvicorn` by name: this interpreter's scripts first, whether or not its venv is activated
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    mlflow_cli = [sys.executable, "-m", "mlflow", "models", "serve", "-m", str(pyfunc_dir), "-p", str(port),
                  "--host", "127.0.0.1", "--env-manager", "local", "--workers", "1"]
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 (closed below, after the server)
    server = subprocess.Popen(mlflow_cli, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_up(port, server, 90)
        body = json.dumps({"dataframe_split": EPISODES.to_dict(orient="split", index=False)}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/invocations", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as reply:
            predictions = pd.DataFrame(json.loads(reply.read())["predictions"])
    finally:
        with contextlib.suppress(ProcessLookupError):  # already gone: it failed to start (the log says why)
            os.killpg(server.pid, signal.SIGTERM)  # the server and its uvicorn worker: the group this test started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()
    expected = mlflow.pyfunc.load_model(str(pyfunc_dir)).predict(EPISODES)
    assert list(predictions["episode_id"]) == ["a", "b", "c"]
    assert list(predictions.columns) == SCHEMA.names
    for column in ("status", "diagnoses", "procedures", "reason_codes"):
        assert list(predictions[column]) == list(expected[column])
    assert json.loads(predictions["reason_codes"].iloc[2]) == ["no_usable_text"]
    for text, evidence in zip(EPISODES["text"], predictions["evidence"], strict=True):
        for found in json.loads(evidence):
            assert text[found["start"] : found["end"]] == found["text"]
            assert found["doc_id"] in ("endoscopy_report", "histology")
