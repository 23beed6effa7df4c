"""Every option of every config group composes and instantiates, so a renamed class or key cannot break YAML
silently (nothing is fitted, nothing is loaded from disk)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hydra.utils import instantiate
from omegaconf import OmegaConf

from autocoding.config import compose, config_dir
from autocoding.model.encoder import ModelSpec
from autocoding.train.datamodule import LoaderSpec
from autocoding.train.precision import resolve_precision


def _options(group: str) -> list[str]:
    root = config_dir() / group
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.yaml"))


def _instantiate_all(cfg) -> None:
    import torch

    model = OmegaConf.to_container(cfg.model, resolve=True)
    if model["encoder"].get("pretrained") == "???":
        model["encoder"]["pretrained"] = "/not/loaded"
    spec = ModelSpec.from_dict(model)
    assert spec.segments.max_length > 2
    optimizer = instantiate(cfg.model.optimizer)([torch.nn.Parameter(torch.zeros(1))])
    if cfg.model.get("scheduler"):
        instantiate(cfg.model.scheduler)(optimizer, total_steps=10)
    LoaderSpec(**OmegaConf.to_container(cfg.datamodule, resolve=True))
    callbacks = [instantiate(c) for c in cfg.callbacks.values() if c is not None]
    precision = resolve_precision(cfg.trainer.precision, "cpu")
    trainer = instantiate(
        cfg.trainer,
        precision=precision,
        callbacks=callbacks,
        logger=False,
        accelerator="cpu",
        devices=1,
        strategy="auto",
    )
    assert trainer.max_epochs >= 1


@pytest.mark.parametrize("option", _options("model"))
def test_model_options(option):
    _instantiate_all(
        compose(
            "train",
            [f"model={option}", "model.encoder.pretrained=/not/loaded"]
            if option == "bert_base"
            else [f"model={option}"],
        )
    )


@pytest.mark.parametrize("option", _options("trainer"))
def test_trainer_options(option):
    _instantiate_all(compose("train", [f"trainer={option}"]))


def test_ddp_trainer_on_two_cpu_processes_instantiates():
    cfg = compose(
        "train", ["trainer=ddp", "trainer.accelerator=cpu", "trainer.devices=2", "trainer.precision=32"]
    )
    trainer = instantiate(cfg.trainer, logger=False)
    assert trainer.world_size == 2 and type(trainer.strategy).__name__ == "DDPStrategy"


@pytest.mark.parametrize("option", _options("debug"))
def test_debug_options(option):
    cfg = compose("train", [f"debug={option}"])
    _instantiate_all(cfg)
    assert cfg.callbacks.early_stopping is None


@pytest.mark.parametrize("option", _options("experiment"))
def test_experiment_options(option):
    cfg = compose("train", [f"experiment={option}"])
    _instantiate_all(cfg)
    assert cfg.dataset.name == Path(option).parent.name and cfg.model.name == Path(option).name


def test_every_group_has_options():
    for group in ("model", "trainer", "debug", "experiment"):
        assert _options(group), group
    assert {"minilm", "tiny", "bert_base"} <= set(_options("model"))
    assert {"cpu", "gpu", "ddp"} <= set(_options("trainer"))
