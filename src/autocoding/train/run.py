"""`train(cfg) -> (metrics, Trained)`: the one training entry point that the CLI job, tests and sweeps call.

Fits, restores the best checkpoint (val/map), predicts validation and test, and hands everything back as one
typed `Trained` (what the pipeline needs for thresholds, the OOD detector and the bundle).
Thresholds, the bundle and MLflow are the caller's business (`autocoding.pipelines.train_job`).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import lightning.pytorch as pl
import torch
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf

from autocoding.codes import get_code_systems
from autocoding.metrics.metric_set import split_map, system_metrics
from autocoding.model.encoder import ModelSpec, load_tokenizer
from autocoding.model.network import build_network
from autocoding.model.title_queries import init_title_queries
from autocoding.train.datamodule import CodingDataModule, LoaderSpec
from autocoding.train.dataset import load_coding_data
from autocoding.train.module import CoderModule
from autocoding.train.precision import resolve_precision
from autocoding.train.predict import Predictions, predict

log = logging.getLogger(__name__)


@dataclass
class Trained:
    """What `train` hands back beside the metrics. Before the fit only the first five are set (`build_objects`)."""

    spec: ModelSpec
    data: object  # autocoding.train.dataset.CodingData
    tokenizer: object  # a Hugging Face tokenizer
    datamodule: CodingDataModule
    module: CoderModule
    trainer: pl.Trainer | None = None
    best_checkpoint: str | None = None
    precision: str = "32-true"
    predictions: dict[str, Predictions] = field(default_factory=dict)  # "validation", "test" (rank 0 only)

    @property
    def labels(self) -> dict[str, list[str]]:
        """Label space per system, in label-id order."""
        return self.data.labels


def build_objects(cfg: DictConfig) -> Trained:
    """Data, tokenizer, datamodule and module from the composed config (no fitting)."""
    spec = ModelSpec.from_dict(OmegaConf.to_container(cfg.model, resolve=True))
    data = load_coding_data(cfg.data, systems=list(cfg.dataset.systems))
    tokenizer = load_tokenizer(spec.encoder, corpus=list(data.splits["train"]["text"]))
    loader = LoaderSpec(**OmegaConf.to_container(cfg.datamodule, resolve=True), seed=int(cfg.seed))
    datamodule = CodingDataModule(data, tokenizer, spec.segments, loader)
    network = build_network(spec, data.labels, vocab_size=len(tokenizer))
    presence, primary = data.priors()
    network.init_priors(
        {s: torch.tensor(v) for s, v in presence.items()}, {s: torch.tensor(v) for s, v in primary.items()}
    )
    if spec.head.title_init:
        codes = OmegaConf.to_container(cfg.codes, resolve=True) if cfg.get("codes") else {}
        init_title_queries(network, tokenizer, get_code_systems(codes, list(data.labels)))
    module = CoderModule(
        network,
        optimizer=instantiate(cfg.model.optimizer),
        scheduler=instantiate(cfg.model.scheduler) if cfg.model.get("scheduler") else None,
        head_lr=cfg.model.get("head_lr"),
        primary_weight=cfg.model.get("primary_weight", 1.0),
        presence_reduction=str(cfg.model.get("presence_reduction", "sum")),
        cache_frozen=bool(cfg.model.get("cache_frozen", True)),
        token_dropout=float(cfg.model.get("token_dropout", 0.0)),
    )
    return Trained(spec=spec, data=data, tokenizer=tokenizer, datamodule=datamodule, module=module)


def split_metrics(split: str, labels: dict[str, list[str]], pred: Predictions, data, prefix: str) -> dict[str, float]:
    """The metric set (`autocoding.metrics.metric_set`) of each system on the predicted rows, keyed
    `<prefix>/<system>/<metric>`, and `<prefix>/map` (the mean of the systems' `map`)."""
    rows = data.splits[split].select(pred.rows.tolist())
    out: dict[str, float] = {}
    for system, codes in labels.items():
        out.update(system_metrics(prefix, system, pred.probs[system], list(rows[system]), codes))
    return out | split_map(prefix, out, list(labels))


def train(cfg: DictConfig, loggers: list | None = None) -> tuple[dict[str, float], Trained]:
    pl.seed_everything(cfg.seed, workers=True)
    objects = build_objects(cfg)
    module, datamodule = objects.module, objects.datamodule
    callbacks = {name: instantiate(c) for name, c in (cfg.get("callbacks") or {}).items() if c is not None}
    precision = resolve_precision(cfg.trainer.precision, cfg.trainer.accelerator)
    trainer: pl.Trainer = instantiate(
        cfg.trainer,
        precision=precision,
        callbacks=list(callbacks.values()),
        logger=loggers or False,
        default_root_dir=str(cfg.out),
    )
    with warnings.catch_warnings():
        if module.network.frozen_layers:  # eval mode on purpose: frozen = no dropout (autocoding.model.network)
            warnings.filterwarnings("ignore", message=r"Found \d+ module\(s\) in eval mode")
        trainer.fit(module, datamodule=datamodule)
    metrics = {k: float(v) for k, v in trainer.callback_metrics.items() if v.numel() == 1}
    checkpoint = callbacks.get("checkpoint")
    best = getattr(checkpoint, "best_model_path", "") or ""
    if best and Path(best).is_file():
        module.load_state_dict(torch.load(best, map_location="cpu", weights_only=True)["state_dict"])
        metrics["val/map_best_checkpoint"] = float(checkpoint.best_model_score)
    objects.trainer, objects.best_checkpoint, objects.precision = trainer, best or None, precision
    if trainer.global_rank != 0:  # DDP: only rank 0 predicts and reports
        return metrics, objects
    # Lightning's teardown leaves the module on the CPU; predict on the GPU when we trained on one
    on_gpu = cfg.trainer.accelerator in ("gpu", "cuda", "auto") and torch.cuda.is_available()
    module.to("cuda" if on_gpu else "cpu")
    data = objects.data
    for split in ("validation", "test"):
        pred = predict(module, datamodule.predict_loader(split), precision, datamodule.loader.predict_batches)
        if "episode_id" in data.splits[split].column_names:
            episode_ids = list(data.splits[split]["episode_id"])
            pred.episode_ids = [episode_ids[int(i)] for i in pred.rows]
        objects.predictions[split] = pred
        # "val/..." from here on describe the restored best model over the whole validation split
        metrics.update(
            split_metrics(split, data.labels, pred, data, prefix="val" if split == "validation" else split)
        )
    return metrics, objects
