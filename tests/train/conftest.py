from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers.tiny_coding_dataset import write_tiny_dataset


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    return write_tiny_dataset(tmp_path_factory.mktemp("tiny") / "dataset")
