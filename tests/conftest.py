"""Shared test set-up: offline, no telemetry, and the path to ../shared when it is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# fixtures several folders share: `episodes`, `audit_example`, `make_table`, ... (tests/eval, tests/policy) and
# `built` / `trained`, the one tiny training run (tests/pipelines, tests/eval's browser test)
pytest_plugins = ["tests.helpers.episodes", "tests.helpers.pipeline_run"]

for _key, _value in {
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "DVC_NO_ANALYTICS": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}.items():
    os.environ.setdefault(_key, _value)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data`; tests that use it skip when it is absent (a user's fresh clone has none)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED_DATA
