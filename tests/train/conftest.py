from __future__ import annotations

from pathlib import Path

import pytest
from tiny_coding_dataset import write_tiny_dataset


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    return write_tiny_dataset(tmp_path_factory.mktemp("tiny") / "dataset")


def tiny_overrides(data: Path, out: Path) -> list[str]:
    """The config trims for fast tests: tiny model, CPU fp32, no progress bar, outputs in tmp."""
    return [
        "model=tiny",
        f"data={data}",
        f"out={out}",
        "trainer.precision=32",
        "trainer.enable_progress_bar=false",
        "trainer.max_epochs=4",
        "trainer.log_every_n_steps=5",
        "datamodule.batch_size=16",
        "datamodule.eval_batch_size=32",
    ]
