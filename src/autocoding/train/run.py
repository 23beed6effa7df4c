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

from autocoding.metrics import functional as F
from autocoding.model.encoder import ModelSpec, load_tokenizer
from autocoding.model.network import build_network
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
    module = CoderModule(
        network,
        optimizer=instantiate(cfg.model.optimizer),
        scheduler=instantiate(cfg.model.scheduler) if cfg.model.get("scheduler") else None,
        head_lr=cfg.model.get("head_lr"),
        primary_weight=cfg.model.get("primary_weight", 1.0),
        presence_reduction=str(cfg.model.get("presence_reduction", "sum")),
        cache_frozen=bool(cfg.model.get("cache_frozen", True)),
    )
    return Trained(spec=spec, data=data, tokenizer=tokenizer, datamodule=datamodule, module=module)


def document_map(gold: list[list[str]], probs, codes: list[str]) -> float:
    """Mean over documents of the average precision of the label space ranked by probability: CodiEsp's official
    MAP (`autocoding.metrics.codiesp_map`), where gold codes outside the label space count as misses and a document
    without gold codes scores 0."""
    import numpy as np

    from autocoding.metrics.codiesp_map import codiesp_map

    order = np.argsort(-probs, axis=1, kind="stable")
    ranked = {str(i): [codes[j] for j in row] for i, row in enumerate(order)}
    return float(codiesp_map({str(i): list(g) for i, g in enumerate(gold)}, ranked))


def split_metrics(
    split: str, labels: dict[str, list[str]], pred: Predictions, data, prefix: str
) -> dict[str, float]:
    """`<prefix>/<system>/{map,f1_micro,f1_macro,precision_at_k,map_document}` at 0.5 on the predicted rows,
    `<prefix>/map`."""
    from autocoding.train.dataset import target_columns

    rows = data.splits[split].select(pred.rows.tolist())
    out, maps = {}, []
    for system, codes in labels.items():
        ids = target_columns(rows.to_dict(), [system], {system: {c: i for i, c in enumerate(codes)}})[
            f"{system}__ids"
        ]
        targets = torch.zeros(len(ids), len(codes), dtype=torch.long)
        for i, present in enumerate(ids):
            targets[i, present] = 1
        probs = torch.from_numpy(pred.probs[system])
        out[f"{prefix}/{system}/map"] = float(F.mean_average_precision(probs, targets))
        out[f"{prefix}/{system}/f1_micro"] = float(F.f1_micro(probs, targets, 0.5))
        out[f"{prefix}/{system}/f1_macro"] = float(F.f1_macro(probs, targets, 0.5))
        out[f"{prefix}/{system}/precision_at_k"] = float(F.precision_at_k(probs, targets, 5))
        out[f"{prefix}/{system}/map_document"] = document_map(rows[system], pred.probs[system], codes)
        maps.append(out[f"{prefix}/{system}/map"])
    out[f"{prefix}/map"] = sum(maps) / len(maps)
    return out


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
