"""Lightning training of the coder network: `train(cfg) -> (metrics, objects)` and `predict(module, loader)`.

Submodules: `dataset` (reading a built dataset, targets), `datamodule`, `module` (LightningModule),
`schedule`, `precision`, `predict`, `run` (`train`). Heavy imports happen on first call, not at import.
"""

from __future__ import annotations

from typing import Any


def train(cfg, loggers: list | None = None) -> tuple[dict[str, float], dict[str, Any]]:
    """Fit on `cfg.data`, restore the best checkpoint, predict validation and test. See `autocoding.train.run`."""
    from autocoding.train.run import (
        train as _train,  # lazy: imports lightning (seconds), off the CLI's start-up
    )

    return _train(cfg, loggers=loggers)


def predict(model, dataloader, precision: str = "32-true", max_batches: int | None = None):
    """Probabilities for every batch of `dataloader`. See `autocoding.train.predict.predict`."""
    from autocoding.train.predict import predict as _predict  # lazy: imports torch, off the CLI's start-up

    return _predict(model, dataloader, precision, max_batches)
