"""The LightningModule: loss, optimiser and schedule, per-epoch validation metrics per code system.

Logged: `train/loss`, `val/loss`, `val/<system>/<metric>` (map, f1_micro, f1_macro, precision_at_k,
exact_match, ece; thresholded ones at `metric_threshold`, a fixed 0.5 for tracking only: the real per-code
thresholds are tuned after training by `autocoding.eval`), `val/map` (mean over systems; early stopping and
checkpoints watch it) and `val/map_best`.
"""

from __future__ import annotations

import lightning.pytorch as pl
import torch
from lightning.pytorch.utilities import rank_zero_info
from torch import nn
from torchmetrics import MaxMetric

from autocoding.errors import ConfigError
from autocoding.metrics.collection import coding_metrics
from autocoding.model.loss import REDUCTIONS, coder_loss
from autocoding.model.network import CoderNetwork
from autocoding.train.augment import drop_tokens
from autocoding.train.frozen_cache import FrozenStatesCache
from autocoding.train.schedule import OptimizerFactory, SchedulerFactory, parameter_groups


class CoderModule(pl.LightningModule):
    def __init__(
        self,
        network: CoderNetwork,
        optimizer: OptimizerFactory,
        scheduler: SchedulerFactory | None = None,
        head_lr: float | None = None,
        primary_weight: float = 1.0,
        metric_threshold: float = 0.5,
        cache_frozen: bool = True,
        presence_reduction: str = "sum",
        token_dropout: float = 0.0,
    ):
        super().__init__()
        self.network = network
        self.optimizer_factory, self.scheduler_factory = optimizer, scheduler
        self.head_lr, self.primary_weight = head_lr, primary_weight
        if presence_reduction not in REDUCTIONS:
            raise ConfigError(f"model.presence_reduction must be one of {list(REDUCTIONS)}; got {presence_reduction!r}")
        self.presence_reduction = presence_reduction
        if not 0.0 <= token_dropout < 1.0:
            raise ConfigError(f"model.token_dropout must be in [0, 1); got {token_dropout}")
        self.token_dropout = token_dropout  # training steps only (autocoding.train.augment)
        self.val_metrics = nn.ModuleDict(
            {s: coding_metrics(len(codes), metric_threshold) for s, codes in network.labels.items()}
        )
        self.val_map_best = MaxMetric()
        # frozen bottom layers: their output per document, computed once (autocoding.train.frozen_cache)
        self.frozen_cache = FrozenStatesCache() if network.frozen_layers and cache_frozen else None

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        return self.network(input_ids, attention_mask)

    def _step(self, batch: dict, split: str) -> tuple[dict, torch.Tensor]:
        bottom = None
        if self.frozen_cache is not None:
            bottom = self.frozen_cache.states(self.network, split, batch["row"], batch["input_ids"],
                                              batch["attention_mask"])
        mask = batch["attention_mask"]
        if split == "train" and self.token_dropout:
            mask = drop_tokens(mask, self.token_dropout)  # the cache above saw the whole text
        outputs = self.network(batch["input_ids"], mask, bottom)
        loss = coder_loss(outputs, batch["targets"], batch["primary"], self.primary_weight,
                          self.presence_reduction)
        return outputs, loss

    def on_train_start(self) -> None:
        # Sanity-check validation must not count towards the best mAP.
        self.val_map_best.reset()
        for metrics in self.val_metrics.values():
            metrics.reset()

    def training_step(self, batch: dict, batch_idx: int) -> torch.Tensor:
        _, loss = self._step(batch, "train")
        self.log("train/loss", loss, on_step=True, on_epoch=True, prog_bar=True, batch_size=len(batch["row"]))
        return loss

    def validation_step(self, batch: dict, batch_idx: int) -> None:
        outputs, loss = self._step(batch, "validation")
        self.log("val/loss", loss, on_epoch=True, prog_bar=True, sync_dist=True, batch_size=len(batch["row"]))
        for system, metrics in self.val_metrics.items():
            metrics.update(torch.sigmoid(outputs[system]["logits"].float()), batch["targets"][system].long())

    def on_validation_epoch_end(self) -> None:
        maps = []
        for system, metrics in self.val_metrics.items():
            values = metrics.compute()  # synced across DDP ranks by torchmetrics
            metrics.reset()
            for name, value in values.items():
                self.log(f"val/{system}/{name}", value.float(), prog_bar=(name == "map"))
            maps.append(values["map"].float())
        val_map = torch.stack(maps).mean()
        self.val_map_best.update(val_map)
        self.log("val/map", val_map, prog_bar=True)
        self.log("val/map_best", self.val_map_best.compute(), prog_bar=False)
        if not self.trainer.sanity_checking:  # one line per epoch, also where no progress bar is drawn (logs, CI)
            per_system = " ".join(f"{s}={m:.4f}" for s, m in zip(self.val_metrics, maps, strict=True))
            cached = "" if self.frozen_cache is None else (
                f" frozen-state cache={len(self.frozen_cache)} documents, {self.frozen_cache.nbytes / 2**20:.0f} MiB")
            rank_zero_info(f"epoch {self.current_epoch}: val/map={val_map:.4f} ({per_system}) step={self.global_step}"
                           + cached)

    def configure_optimizers(self):
        groups = parameter_groups(self.network.encoder, self.network.heads, self.head_lr)
        optimizer = self.optimizer_factory(groups)
        if self.scheduler_factory is None:
            return optimizer
        scheduler = self.scheduler_factory(optimizer, total_steps=self.trainer.estimated_stepping_batches)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
