"""The episode-level target: how strict the per-code rules must be for whole auto-coded episodes to be right.

Per-code targets do not add up to episode accuracy: an episode is auto-coded only when all of its ~300 labels per
system are confident, and it is right only when every code, the primary and every secondary, is right. With a
per-code precision of 0.95 auto-coded episodes were fully right about 94% of the time. So after the per-code rules
are fitted, a small grid of strictness settings is tried on VALIDATION (`Setting`: a floor under every present
threshold, and the pooled absent target that bounds missed codes), and `choose_setting` keeps the one that
auto-codes the MOST validation episodes while the lower confidence bound (at `episode_confidence`) of the share of
auto-coded episodes fully right reaches `episode_target`.

Two guards against flattering figures, since validation sets hold a few hundred episodes:
- cross-fitting (`episode_cross_fit`): the thresholds judged on one half of the validation episodes are fitted on
  the other half, and the two halves' counts are added. Judged on the episodes they were fitted on, thresholds
  look better than they are: an absent threshold sits just below the validation codes it must not miss, a
  present threshold just where validation precision reached its target. (In simulation, same-data figures were
  2-3 points above test accuracy.) Half-size fits are a little more cautious than the final fit on all of
  validation, so the figures err towards less automation.
- a lower confidence bound, not the raw share: it pays for the sampling noise of a few hundred episodes and for
  picking the best of ~20 settings on them. When no setting reaches the target nothing is auto-coded (`met` False; the decision then names the
reason) rather than shipping thresholds known to miss it.

Deterministic: settings are tried in a fixed order and ties go to the stricter setting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from autocoding.eval.audit import audit_fields
from autocoding.policy.bounds import lower_bound
from autocoding.policy.decision import DecisionSettings, decide_episodes
from autocoding.policy.outputs import SystemOutputs
from autocoding.policy.rules import CodeSystemLike
from autocoding.policy.thresholds import ThresholdConfig, ThresholdTable


@dataclass(frozen=True, order=True)
class Setting:
    """One strictness setting of the per-code rules; ordered loosest to strictest."""

    present_floor: float  # no code is confidently present below this probability
    absent_target: float  # pooled share of gold codes not dismissed as confidently absent


@dataclass(frozen=True)
class SettingResult:
    """A setting's validation figures: auto-coded episodes, how many fully right, the bound on that share."""

    setting: Setting
    episodes: int
    auto_episodes: int
    correct: int
    accuracy_lower: float

    @property
    def rate(self) -> float:
        return self.auto_episodes / self.episodes if self.episodes else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.auto_episodes if self.auto_episodes else math.nan

    def to_dict(self) -> dict:
        accuracy = self.accuracy
        return {**asdict(self.setting), "episodes": self.episodes, "auto_episodes": self.auto_episodes,
                "correct": self.correct, "rate": round(self.rate, 6),
                "accuracy": None if math.isnan(accuracy) else round(accuracy, 6),
                "accuracy_lower": round(self.accuracy_lower, 6)}


@dataclass(frozen=True)
class EpisodeSearch:
    """The search's outcome, stored in every system's ThresholdTable.episode (thresholds.json) for the reports."""

    target: float
    confidence: float
    met: bool
    chosen: SettingResult  # when not met: the setting with the best bound, kept for the coders' suggestions
    results: tuple[SettingResult, ...]
    cross_fit: bool = False  # figures from halves judged with thresholds fitted on the other half

    def to_dict(self) -> dict:
        return {"target": self.target, "confidence": self.confidence, "met": self.met, "cross_fit": self.cross_fit,
                "chosen": self.chosen.to_dict(), "grid": [r.to_dict() for r in self.results]}


def grid_settings(config: ThresholdConfig) -> list[Setting]:
    """Every (floor, absent) pair of the config's grids, loosest first."""
    return sorted(Setting(f, a) for f in set(config.episode_floor_grid) for a in set(config.episode_absent_grid))


def count_outcomes(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                   tables: Mapping[str, ThresholdTable], code_systems: Mapping[str, CodeSystemLike] | None,
                   ood_flags: np.ndarray | None, settings: DecisionSettings) -> tuple[int, int, int]:
    """Decide episodes with `tables`: (episodes, auto-coded, auto-coded and fully right on every audit field)."""
    decisions = decide_episodes(outputs, tables, code_systems, ood_flags, settings)
    correct = audit_fields(decisions.codes, gold).episode_correct
    return len(decisions.auto), int(decisions.auto.sum()), int((decisions.auto & correct).sum())


def setting_result(setting: Setting, counts: Sequence[tuple[int, int, int]], config: ThresholdConfig) -> SettingResult:
    """Sum the (episodes, auto, correct) counts of the folds and bound the accuracy at `episode_confidence`."""
    episodes, n_auto, n_correct = (int(sum(c[i] for c in counts)) for i in range(3))
    bound = float(lower_bound(np.array(n_correct), np.array(n_auto), config.episode_confidence, config.bound))
    return SettingResult(setting, episodes, n_auto, n_correct, bound)


def choose_setting(results: Sequence[SettingResult], target: float, confidence: float) -> EpisodeSearch:
    """The most automating result whose bound reaches `target` (ties: higher bound, then stricter); when none
    does, the one with the highest bound (ties: stricter) and `met` False."""
    if not results:
        raise ValueError("no settings to choose from")
    feasible = [r for r in results if r.auto_episodes > 0 and r.accuracy_lower >= target]
    if feasible:
        chosen = max(feasible, key=lambda r: (r.auto_episodes, r.accuracy_lower, r.setting))
    else:
        chosen = max(results, key=lambda r: (r.accuracy_lower, r.setting))
    return EpisodeSearch(target=target, confidence=confidence, met=bool(feasible), chosen=chosen,
                         results=tuple(results))
