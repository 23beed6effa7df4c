"""The promotion gate: may a challenger replace the production model? Decided on the frozen evaluation set only.

A challenger passes when, on the frozen set,
1. the accuracy of its auto-coded episodes is shown at or above the target: the LOWER 95% confidence bound
   (Wilson) of "auto-coded episodes wholly right", not the point estimate (40 of 40 right does not show 97%);
2. each audit field of its auto-coded episodes (primary / secondary diagnoses, primary / secondary procedures) is
   at or above the higher national tier (95% primary, 90% secondary: the point estimate, as an audit reports it);
3. its automation rate is not lower than the champion's (the production model's, scored on the same episodes).
A first version (no champion) must pass 1 and 2. Nothing auto-coded passes 1 and 2 vacuously and then only
beats a champion that automates nothing either: a model that refuses everything is safe, never an improvement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from autocoding.eval.audit import audit_fields
from autocoding.policy.bounds import wilson_interval

AUDIT_TIERS = {  # the higher tier of the national clinical coding audit standards (minimum: 90% / 80%)
    "primary_diagnosis_accuracy": 0.95,
    "secondary_diagnoses_accuracy": 0.90,
    "primary_procedure_accuracy": 0.95,
    "secondary_procedures_accuracy": 0.90,
}


@dataclass(frozen=True)
class GateSettings:
    target: float = 0.97  # auto-coded episodes wholly right, shown by the lower confidence bound
    confidence: float = 0.95
    tiers: Mapping[str, float] = field(default_factory=lambda: dict(AUDIT_TIERS))


@dataclass
class GateScore:
    """One model on the frozen set: counts, so that bounds can be recomputed and recorded."""

    episodes: int
    auto: int
    auto_right: int
    auto_fields: dict[str, float]  # audit field -> accuracy over the auto-coded episodes (NaN when none)
    map: float = math.nan

    @property
    def automation_rate(self) -> float:
        return self.auto / self.episodes if self.episodes else 0.0

    @property
    def auto_accuracy(self) -> float:
        return self.auto_right / self.auto if self.auto else math.nan

    def lower_bound(self, confidence: float = 0.95) -> float:
        if not self.auto:
            return math.nan
        return wilson_interval(self.auto_right, self.auto, confidence)[0]

    def as_tags(self, prefix: str, confidence: float = 0.95) -> dict[str, str]:
        tags = {f"{prefix}.{k}": str(v) for k, v in asdict(self).items() if k != "auto_fields"}
        tags.update({f"{prefix}.automation_rate": f"{self.automation_rate:.6f}",
                     f"{prefix}.auto_accuracy": f"{self.auto_accuracy:.6f}",
                     f"{prefix}.auto_accuracy_lower": f"{self.lower_bound(confidence):.6f}"})
        tags.update({f"{prefix}.auto.{k}": f"{v:.6f}" for k, v in self.auto_fields.items()})
        return tags

    def describe(self, confidence: float = 0.95) -> str:
        if not self.auto:
            return f"automates 0 of {self.episodes}"
        return (f"automates {self.auto} of {self.episodes} ({self.automation_rate:.1%}), {self.auto_right} right "
                f"({self.auto_accuracy:.1%}, lower bound {self.lower_bound(confidence):.1%})")


def gate_score(evaluation, gold: Mapping[str, list[list[str]]]) -> GateScore:
    """From an `eval.evaluation.Evaluation` of the frozen set and its gold codes."""
    decisions = evaluation.decisions
    auto = np.asarray(decisions.auto, dtype=bool)
    systems = [s for s in decisions.codes if s in gold]
    result = audit_fields({s: decisions.codes[s] for s in systems}, {s: gold[s] for s in systems})
    index = np.flatnonzero(auto)
    fields_ = {}
    if len(index):
        sub = audit_fields({s: [decisions.codes[s][i] for i in index] for s in systems},
                           {s: [gold[s][i] for i in index] for s in systems})
        fields_ = {k: v.value for k, v in sub.fields.items() if k in AUDIT_TIERS}
    maps = [v for k, v in evaluation.metrics.items() if k.endswith("/map") and k.count("/") == 2]
    return GateScore(episodes=len(auto), auto=int(auto.sum()), auto_right=int(result.episode_correct[auto].sum()),
                     auto_fields=fields_, map=float(np.mean(maps)) if maps else math.nan)


@dataclass
class GateDecision:
    passed: bool
    reasons: list[str]  # why not (empty when passed), or what was shown

    @property
    def summary(self) -> str:
        return "; ".join(self.reasons)


def gate_decision(challenger: GateScore, champion: GateScore | None, settings: GateSettings) -> GateDecision:
    """Apply the three bars (module docstring); every failed bar is named."""
    failed, shown = [], []
    if challenger.auto:
        low = challenger.lower_bound(settings.confidence)
        line = (f"auto-coded accuracy {challenger.auto_accuracy:.1%} ({challenger.auto_right} of {challenger.auto}), "
                f"lower bound {low:.1%} {'>=' if low >= settings.target else '<'} target {settings.target:.1%}")
        (shown if low >= settings.target else failed).append(line)
        for name, tier in settings.tiers.items():
            value = challenger.auto_fields.get(name, math.nan)
            if math.isnan(value):
                continue  # e.g. no procedure system: that field is not audited
            line = f"{name} of auto-coded episodes {value:.1%} {'>=' if value >= tier else '<'} tier {tier:.0%}"
            (shown if value >= tier else failed).append(line)
    else:
        shown.append("auto-codes nothing (safe, not an improvement)")
    if champion is not None:
        ok = challenger.automation_rate >= champion.automation_rate
        if challenger.auto == 0 and champion.auto == 0:
            ok = False  # nothing gained by replacing one refusing model with another
        line = (f"automation {challenger.automation_rate:.1%} {'>=' if ok else '<'} champion's "
                f"{champion.automation_rate:.1%}")
        (shown if ok else failed).append(line)
    elif challenger.auto == 0:
        failed.append("a first version that auto-codes nothing has nothing to put in production")
    return GateDecision(passed=not failed, reasons=failed or shown)
