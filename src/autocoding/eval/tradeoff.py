"""The accuracy / automation trade-off: how many episodes are auto-coded, and how accurately, as the target varies.

With `episode_target` set (the default) the target varied is the episode-level one: "auto-coded episodes fully
right at least this often on validation" (`eval.episode_target`), the figure a coding manager sets. Without it,
the per-code `target_precision` (and `primary_target`) is varied. For each target the thresholds are fitted afresh
on VALIDATION and the episodes of TEST are decided with them, so every point is an honest held-out estimate of
what that setting would give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from autocoding.eval.audit import audit_fields, automation_figures
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.bounds import wilson_interval
from autocoding.policy.decision import DecisionSettings, decide_episodes
from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.rules import CodeSystemLike
from autocoding.policy.thresholds import ThresholdConfig

DEFAULT_TARGETS = (0.80, 0.85, 0.90, 0.925, 0.95, 0.97, 0.98, 0.99)


def _with_target(config: ThresholdConfig, target: float) -> ThresholdConfig:
    if config.episode_target is not None:
        return replace(config, episode_target=target)
    return replace(config, target_precision=target, primary_target=target)


def tradeoff_curve(validation: Mapping[str, SystemOutputs], validation_gold: Mapping[str, Sequence[Sequence[str]]],
                   test: Mapping[str, SystemOutputs], test_gold: Mapping[str, Sequence[Sequence[str]]],
                   config: ThresholdConfig | None = None, code_systems: Mapping[str, CodeSystemLike] | None = None,
                   targets: Sequence[float] = DEFAULT_TARGETS, test_ood_flags: np.ndarray | None = None,
                   validation_ood_flags: np.ndarray | None = None):
    """pandas.DataFrame, one row per target: target, target_kind ("episode" | "per_code"), automation_rate,
    automation_accuracy, auto_episodes, correct_auto, accuracy_low, accuracy_high (95% Wilson interval)."""
    import pandas as pd

    config = config or ThresholdConfig()
    kind = "per_code" if config.episode_target is None else "episode"
    rows = []
    for target in targets:
        tables = fit_thresholds(validation, validation_gold, _with_target(config, target), code_systems,
                                ood_flags=validation_ood_flags)
        decisions = decide_episodes(test, tables, code_systems, test_ood_flags,
                                    DecisionSettings(suggest_threshold=config.suggest_threshold))
        figures = automation_figures(decisions.auto, audit_fields(decisions.codes, test_gold).episode_correct)
        rate, accuracy = figures["rate"], figures["accuracy"]
        low, high = wilson_interval(accuracy.successes, accuracy.n)
        rows.append({"target": target, "target_kind": kind, "automation_rate": rate.value,
                     "automation_accuracy": accuracy.value, "auto_episodes": rate.successes,
                     "correct_auto": accuracy.successes, "accuracy_low": low, "accuracy_high": high})
    return pd.DataFrame(rows)
