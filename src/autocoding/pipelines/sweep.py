"""`autocoding train -m model.optimizer.lr=1e-4,3e-4 ...`: one training run per combination of the swept values.

The command line expands the sweep as Hydra's basic sweeper does (`config.sweep_combinations`: the cartesian product,
in order) and composes every combination before anything trains, so a bad value fails the sweep at once. Here each
combination trains as `autocoding train` would (`train_job.run`), with its own out dir `<out>/sweep-<id>/<n>` and its
own MLflow run, nested under one parent run (`mlflow.parentRunId`) and tagged `sweep.id` (the parent's run id),
`sweep.job` (n) and `sweep.overrides` (the values this run took). When all have run, the child with the best
`sweep.metric` (conf/train.yaml; default `val/map`, higher is better: selection on validation, never on test) is named
on the parent (tags `sweep.best`, `sweep.best.job`, `sweep.best.overrides`, `sweep.best.model_uri`; metric
`sweep/best/<metric>`) and tagged `sweep.best=true` itself; each child's figure is also on the parent as the metric
`sweep/<metric>` at step n. Its registered version, not the last one trained, is the `challenger`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from autocoding.errors import ConfigError
from autocoding.pipelines.train_job import register_challenger
from autocoding.pipelines.train_job import run as train
from autocoding.registry import tracking


@dataclass(frozen=True)
class SweepSettings:
    """The `sweep` section of conf/train.yaml."""

    metric: str = "val/map"
    mode: str = "max"

    def __post_init__(self) -> None:
        if self.mode not in ("max", "min"):
            raise ConfigError(f"sweep.mode must be max or min, got {self.mode!r}")

    @classmethod
    def from_mapping(cls, values) -> SweepSettings:
        values = values or {}
        return cls(metric=str(values.get("metric") or cls.metric), mode=str(values.get("mode") or cls.mode))

    def best(self, scored: list[tuple[int, float]]) -> int | None:
        """The job number with the best finite figure (the first of ties); None when none has one."""
        finite = [(job, value) for job, value in scored if value is not None and math.isfinite(value)]
        if not finite:
            return None
        sign = 1.0 if self.mode == "max" else -1.0
        return max(finite, key=lambda item: (sign * item[1], -item[0]))[0]


def swept_overrides(combinations: list[list[str]]) -> set[str]:
    """The overrides that differ between combinations (what the sweep varies)."""
    return {o for combination in combinations for o in combination if not all(o in c for c in combinations)}


def run(jobs: list[tuple[list[str], object]]) -> int:
    """`jobs`: (overrides, composed conf/train.yaml) per combination, in order. Returns 0 when every run finished."""
    from omegaconf import OmegaConf

    if not jobs:
        raise ConfigError("the sweep has no combinations")
    configs = [cfg for _, cfg in jobs]
    settings = [tracking.TrackingSettings.from_mapping(OmegaConf.to_container(c.logger, resolve=True)) for c in configs]
    if len({s.tracking_uri for s in settings}) > 1:
        raise ConfigError("a sweep logs to one MLflow store: do not sweep tracking_uri")
    sweep = SweepSettings.from_mapping(OmegaConf.to_container(configs[0].sweep, resolve=True)
                                       if configs[0].get("sweep") else {})
    varying = swept_overrides([o for o, _ in jobs])
    parent = tracking.start_run(
        tracking.TrackingSettings(settings[0].tracking_uri, settings[0].experiment, None,
                                  f"sweep {' '.join(sorted(varying))}"[:250], settings[0].artifact_location),
        tags={**tracking.source_tags("train"), "sweep.size": str(len(jobs)), "sweep.metric": sweep.metric,
              "sweep.mode": sweep.mode, "sweep.varies": " ".join(sorted(varying))})
    tracking.set_tags(parent, {"sweep.id": parent})
    results = []
    try:
        for job, (overrides, cfg) in enumerate(jobs):
            taken = " ".join(o for o in overrides if o in varying)
            cfg.out = f"{cfg.out}/sweep-{parent[:8]}/{job}"
            if cfg.logger.get("run_name") is None:
                cfg.logger.run_name = taken or f"sweep-{job}"
            print(f"sweep {parent[:8]} run {job + 1} of {len(jobs)}: {taken or '(no swept value)'} -> {cfg.out}")
            result = train(cfg, tags={"mlflow.parentRunId": parent, "sweep.id": parent, "sweep.job": str(job),
                                      "sweep.overrides": taken})
            value = result.metrics.get(sweep.metric)
            if value is not None and math.isfinite(float(value)):
                tracking.log_metrics(parent, {f"sweep/{sweep.metric}": float(value)}, step=job)
            results.append((taken, result, settings[job]))
        best = sweep.best([(job, r.metrics.get(sweep.metric)) for job, (_, r, _) in enumerate(results)])
        for job, (_, result, _) in enumerate(results):
            tracking.set_tags(result.run_id, {"sweep.best": str(job == best).lower()})
        if best is None:
            tracking.set_tags(parent, {"sweep.best": "none"})
            print(f"sweep {parent[:8]}: no run has a finite {sweep.metric}; no best run named")
        else:
            taken, result, chosen = results[best]
            tracking.set_tags(parent, {"sweep.best": result.run_id, "sweep.best.job": str(best),
                                       "sweep.best.overrides": taken, "sweep.best.model_uri": result.model_uri})
            tracking.log_metrics(parent, {f"sweep/best/{sweep.metric}": float(result.metrics[sweep.metric])})
            if result.version and chosen.registered_model:
                register_challenger(chosen, result.run_id, result.version)
    except BaseException:
        tracking.end_run(parent, "FAILED")
        raise
    tracking.end_run(parent)
    print(f"sweep {parent[:8]} (MLflow parent run {parent}; children tagged sweep.id={parent}):")
    for job, (taken, result, _) in enumerate(results):
        value = result.metrics.get(sweep.metric)
        mark = "  <- best" if job == best else ""
        print(f"  {job}: {taken or '-'}  {sweep.metric}={value if value is not None else 'n/a'}  "
              f"run {result.run_id}{mark}")
    return 0
