"""The clinical coding audit fields and the automation figures, on decided code sequences.

A clinical coding audit (NHS Data Security and Protection Toolkit style) scores four fields per episode:
primary diagnosis, secondary diagnoses, primary procedure, secondary procedures. Here, per episode:
- primary correct: the first codes are equal; an episode with no gold procedure is right only when none is
  predicted either (uncoded-procedure episodes), and the same for diagnoses;
- secondaries correct: the SETS of codes after the first are equal (order among secondaries is not audited);
- secondary precision / recall: pooled over episodes, |predicted & gold| / |predicted| and / |gold|.
Gold codes outside the model's label space can never be predicted, so they simply count as misses.

Automation: `rate` = share of episodes auto-coded; `accuracy` = share of auto-coded episodes whose every
audited field is right (both primaries and both secondary sets).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

AUDIT_ROLES = {"icd10": "diagnosis", "icd10cm": "diagnosis", "opcs4": "procedure", "icd10pcs": "procedure"}
_FIELD_NAMES = {"diagnosis": ("primary_diagnosis", "secondary_diagnoses"),
                "procedure": ("primary_procedure", "secondary_procedures")}


def primary_correct(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> np.ndarray:
    """(N,) bool: same first code, or both empty."""
    return np.array([(p[0] if p else None) == (g[0] if g else None) for p, g in zip(predicted, gold, strict=True)],
                    dtype=bool)


def secondary_correct(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> np.ndarray:
    """(N,) bool: the sets of codes after the first are equal (both empty counts as equal)."""
    return np.array([set(p[1:]) == set(g[1:]) for p, g in zip(predicted, gold, strict=True)], dtype=bool)


def secondary_overlap(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> tuple[int, int, int]:
    """Pooled (hits, predicted secondaries, gold secondaries) over episodes, each counted as a set."""
    hits = n_pred = n_gold = 0
    for p, g in zip(predicted, gold, strict=True):
        ps, gs = set(p[1:]), set(g[1:])
        hits, n_pred, n_gold = hits + len(ps & gs), n_pred + len(ps), n_gold + len(gs)
    return hits, n_pred, n_gold


@dataclass
class Proportion:
    """successes / n, kept as counts so reports can give confidence intervals."""

    successes: int
    n: int

    @property
    def value(self) -> float:
        return self.successes / self.n if self.n else float("nan")


@dataclass
class AuditResult:
    fields: dict[str, Proportion]  # e.g. "primary_diagnosis_accuracy" -> Proportion
    episode_correct: np.ndarray  # (N,) bool: every audited field right
    per_episode: dict[str, np.ndarray] = field(default_factory=dict)  # field name -> (N,) bool


def audit_fields(predicted: Mapping[str, Sequence[Sequence[str]]],
                 gold: Mapping[str, Sequence[Sequence[str]]]) -> AuditResult:
    """Audit fields for every system with an audit role (see `AUDIT_ROLES`); other systems are ignored."""
    fields_: dict[str, Proportion] = {}
    per_episode: dict[str, np.ndarray] = {}
    n = len(next(iter(gold.values()))) if gold else 0
    for system, role in AUDIT_ROLES.items():
        if system not in predicted:
            continue
        primary_name, secondary_name = _FIELD_NAMES[role]
        if primary_name in per_episode:
            raise ValueError(f"two {role} systems given; audit one of them at a time")
        pred, ref = predicted[system], gold[system]
        per_episode[primary_name] = primary_correct(pred, ref)
        per_episode[secondary_name] = secondary_correct(pred, ref)
        for name in (primary_name, secondary_name):
            fields_[f"{name}_accuracy"] = Proportion(int(per_episode[name].sum()), len(ref))
        hits, n_pred, n_gold = secondary_overlap(pred, ref)
        fields_[f"{secondary_name}_precision"] = Proportion(hits, n_pred)
        fields_[f"{secondary_name}_recall"] = Proportion(hits, n_gold)
    correct = np.all(np.stack(list(per_episode.values())), axis=0) if per_episode else np.ones(n, dtype=bool)
    fields_["episode_accuracy"] = Proportion(int(correct.sum()), len(correct))
    return AuditResult(fields=fields_, episode_correct=correct, per_episode=per_episode)


def automation_figures(auto: np.ndarray, episode_correct: np.ndarray) -> dict[str, Proportion]:
    """`rate`: auto-coded share of all episodes; `accuracy`: right share of the auto-coded ones."""
    auto = np.asarray(auto, dtype=bool)
    return {"rate": Proportion(int(auto.sum()), len(auto)),
            "accuracy": Proportion(int(episode_correct[auto].sum()), int(auto.sum()))}
