"""Champion / challenger: a new model version becomes `challenger`; it takes `champion` only when it beats the
current champion on the same test episodes.

The decision metric is what the coding service buys: the share of episodes coded automatically (automation
rate), provided the auto-coded episodes are right often enough (auto-coded accuracy >= `min_accuracy`). A model
below that accuracy is not eligible however much it automates. Ties on automation go to the higher mean average
precision (the ranking quality behind every threshold); a full tie keeps the champion (no churn).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

CHALLENGER, CHAMPION = "challenger", "champion"


@dataclass(frozen=True)
class PromotionPolicy:
    min_accuracy: float = 0.95  # auto-coded episodes must be this accurate for a model to be eligible

    @classmethod
    def from_mapping(cls, values: Mapping | None) -> PromotionPolicy:
        return cls(min_accuracy=float((values or {}).get("min_accuracy", cls.min_accuracy)))


@dataclass(frozen=True)
class Score:
    """One model on one test set: automation rate and accuracy of the auto-coded episodes, mean mAP over systems."""

    automation_rate: float
    automation_accuracy: float  # NaN when nothing was auto-coded
    map: float

    def eligible(self, policy: PromotionPolicy) -> bool:
        """Nothing auto-coded cannot be wrong (rate 0 is eligible, and loses to any eligible automation)."""
        return self.automation_rate == 0 or (
            not math.isnan(self.automation_accuracy) and self.automation_accuracy >= policy.min_accuracy)

    def key(self, policy: PromotionPolicy) -> tuple:
        """Larger is better: eligible first; then automation if eligible, else accuracy; then mAP."""
        eligible = self.eligible(policy)
        second = self.automation_rate if eligible else _num(self.automation_accuracy)
        return (eligible, second, _num(self.map))

    def as_tags(self, prefix: str) -> dict[str, str]:
        return {f"{prefix}.automation_rate": f"{self.automation_rate:.6f}",
                f"{prefix}.automation_accuracy": f"{self.automation_accuracy:.6f}", f"{prefix}.map": f"{self.map:.6f}"}


def _num(x: float) -> float:
    return -math.inf if x is None or math.isnan(x) else float(x)


def score_from_metrics(metrics: Mapping[str, float], split: str = "test") -> Score:
    """From `evaluate_predictions` metrics: `<split>/automation/{rate,accuracy}` and `<split>/<system>/map`."""
    maps = [v for k, v in metrics.items() if k.startswith(f"{split}/") and k.endswith("/map") and k.count("/") == 2]
    return Score(automation_rate=float(metrics[f"{split}/automation/rate"]),
                 automation_accuracy=float(metrics[f"{split}/automation/accuracy"]),
                 map=sum(maps) / len(maps) if maps else math.nan)


def challenger_wins(challenger: Score, champion: Score | None, policy: PromotionPolicy) -> tuple[bool, str]:
    """(wins, reason) for the comparison on the same test episodes."""
    if champion is None:
        return True, "no champion yet"
    new, old = challenger.key(policy), champion.key(policy)
    if new > old:
        return True, f"challenger {_describe(challenger, policy)} beats champion {_describe(champion, policy)}"
    return False, f"challenger {_describe(challenger, policy)} does not beat champion {_describe(champion, policy)}"


def _describe(score: Score, policy: PromotionPolicy) -> str:
    tag = "" if score.eligible(policy) else f", below the {policy.min_accuracy:.0%} accuracy bar"
    return (f"(automation {score.automation_rate:.3f} at accuracy {score.automation_accuracy:.3f}, "
            f"mAP {score.map:.3f}{tag})")


@dataclass
class PromotionResult:
    version: str
    promoted: bool
    reason: str
    champion_version: str | None  # the champion before this decision


def current_champion(name: str) -> str | None:
    """The version holding `champion`, or None."""
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException

    try:
        return str(MlflowClient().get_model_version_by_alias(name, CHAMPION).version)
    except MlflowException:
        return None


def promote(name: str, version: str, challenger: Score, champion: Score | None, champion_version: str | None,
            policy: PromotionPolicy) -> PromotionResult:
    """Alias `challenger` -> version; `champion` -> version only if it wins; the comparison recorded as tags."""
    from mlflow import MlflowClient

    client = MlflowClient()
    client.set_registered_model_alias(name, CHALLENGER, version)
    wins, reason = challenger_wins(challenger, champion, policy)
    if wins:
        client.set_registered_model_alias(name, CHAMPION, version)
    tags = {"promotion.result": "champion" if wins else "challenger", "promotion.reason": reason,
            "promotion.min_accuracy": str(policy.min_accuracy),
            "promotion.compared_with": champion_version or "none", **challenger.as_tags("challenger")}
    if champion is not None:
        tags.update(champion.as_tags("champion"))
    for key, value in tags.items():
        client.set_model_version_tag(name, version, key, value)
    return PromotionResult(version=version, promoted=wins, reason=reason, champion_version=champion_version)
