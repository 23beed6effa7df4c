"""Per-code thresholds fitted on validation so that what is auto-coded meets a target precision.

For each code (label) of a system, from validation probabilities `p` (N,) and gold presence `y` (N,):
- `present`: at least `present_floor`, the LOWEST threshold t such that, among validation episodes with p >= t, the one-sided lower
  confidence bound on precision reaches `target_precision`. Lowest, because every step down auto-codes more.
  Codes that cannot show that on their own evidence (fewer than `min_support` validation positives, or a bound
  that never reaches the target: 6 of 6 right has a lower bound of only 0.89 at the default confidence) either
  share one threshold fitted on all such codes pooled (`fallback: shared`) or are never auto-coded
  (`fallback: never`). A code whose own evidence at the shared threshold is AGAINST the target (the upper bound
  of its precision there is below it) is never auto-coded (`not_reached`). A code is barred only on evidence
  against it, not for lack of evidence for it: with a few hundred validation episodes many codes cannot show the
  target alone, and barring them all sends most episodes to a coder for codes the model gets right.
  `inf` (JSON null) = never confidently present, and `auto` is False.
- `absent` (one per system, then capped at each code's `present`): the HIGHEST threshold t such that, pooled over
  all codes, the lower confidence bound on the share of validation gold codes with p >= t reaches `absent_target`.
  A gold code below it would be dismissed as "confidently absent": a MISSED code, the commonest way an
  auto-coded episode is wrong (a missing secondary). Pooling matters: per code, the share of true negatives below
  t (negative predictive value) is dominated by the easy negatives (a code with 6 positives in 400 episodes keeps
  394 / 397 = 0.992 with half its positives missed), and a rare code has too few positives to bound its own miss
  rate; pooled, the ~1,000 gold codes of a 400-episode validation set bound it tightly. A probability in [absent, present) is uncertain and
  sends the episode to a coder.
- `primary` (one per system): the lowest confidence (primary probability renormalised over the codes decided
  present) at which the decided primary code was right often enough on validation episodes whose codes were all
  confident, bounded the same way with `primary_target`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import numpy as np

from autocoding.errors import ConfigError, InputError
from autocoding.files import write_json_atomic
from autocoding.policy.bounds import BOUNDS, lower_bound

FORMAT_VERSION = 1


@dataclass(frozen=True)
class ThresholdConfig:
    """The `thresholds` config group (conf/thresholds/default.yaml, where each default is argued) as a typed object.

    `target_precision`, `present_floor`, `absent_target` and `primary_target` are the per-code rule; with
    `episode_target` set, the search picks `present_floor` from `episode_floor_grid` and `absent_target` from
    `episode_absent_grid` (the configured values are then unused).
    """

    target_precision: float = 0.9
    present_floor: float = 0.0  # no code is confidently present below this probability, whatever its evidence
    confidence: float = 0.8
    min_support: int = 5
    fallback: str = "shared"  # shared | never
    absent_target: float = 0.99
    bound: str = "wilson"  # wilson | clopper_pearson
    primary_target: float = 0.95
    episode_target: float | None = 0.97  # None: no episode-level search
    episode_confidence: float = 0.8
    episode_cross_fit: bool = True  # judge each validation half with thresholds fitted on the other
    episode_floor_grid: tuple[float, ...] = (0.0, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995)
    episode_absent_grid: tuple[float, ...] = (0.9, 0.95, 0.97, 0.98, 0.985, 0.99, 0.995)
    suggest_threshold: float = 0.5  # uncertain codes at or above this are still suggested to the coder
    ood_quantile: float = 0.99
    ood_method: str = "mahalanobis"  # mahalanobis | knn
    ood_max_unknown_fraction: float = 0.2
    ood_novelty: bool = True  # also flag wording unlike the training documents (policy.novelty)
    ood_novelty_quantile: float = 0.99
    ood_novelty_margin: float = 1.0
    evidence: bool = False  # refuse codes whose attention points at no word (policy.evidence); off: see the yaml
    evidence_quantile: float = 0.01
    evidence_min_support: int = 20
    evidence_margin: float = 1.0

    def __post_init__(self) -> None:
        if self.fallback not in {"shared", "never"}:
            raise ConfigError(f"thresholds.fallback must be 'shared' or 'never', got {self.fallback!r}")
        if self.bound not in BOUNDS:
            raise ConfigError(f"thresholds.bound must be one of {BOUNDS}, got {self.bound!r}")
        # lists from YAML become tuples: the config stays hashable and comparable
        for name in ("episode_floor_grid", "episode_absent_grid"):
            object.__setattr__(self, name, tuple(float(v) for v in getattr(self, name)))
            if not getattr(self, name):
                raise ConfigError(f"thresholds.{name} must list at least one value")
        proportions = [(name, getattr(self, name)) for name in
                       ("target_precision", "absent_target", "primary_target", "ood_quantile",
                        "ood_novelty_quantile", "evidence_quantile")]
        proportions += [("episode_target", self.episode_target)] if self.episode_target is not None else []
        proportions += [("episode_absent_grid", v) for v in self.episode_absent_grid]
        for name, value in proportions:
            if not 0 < value < 1:
                raise ConfigError(f"thresholds.{name} must be between 0 and 1, got {value}")
        for value in (self.present_floor, *self.episode_floor_grid):
            if not 0 <= value < 1:
                raise ConfigError(f"thresholds.present_floor and episode_floor_grid must be in [0, 1), got {value}")
        if self.evidence_min_support < 1 or self.evidence_margin <= 0:
            raise ConfigError("thresholds.evidence_min_support must be >= 1 and evidence_margin > 0, got "
                              f"{self.evidence_min_support}, {self.evidence_margin}")
        for name in ("confidence", "episode_confidence"):
            if not 0.5 <= getattr(self, name) < 1:
                raise ConfigError(f"thresholds.{name} must be in [0.5, 1), got {getattr(self, name)}")

    @classmethod
    def from_mapping(cls, values: Mapping) -> ThresholdConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown thresholds setting(s) {unknown}; known: {sorted(known)}")
        return cls(**dict(values))


@dataclass
class ThresholdTable:
    """Thresholds of one code system; arrays are (L,) in label order."""

    system: str
    labels: list[str]
    present: np.ndarray  # float, inf = never confidently present
    absent: np.ndarray  # float, p < absent = confidently absent
    auto: np.ndarray  # bool, may this code be auto-coded
    support: np.ndarray  # int, validation positives
    rule: list[str]  # "code" | "shared" | "never" (low support, no shared rule) | "not_reached" (evidence against)
    primary: float = math.inf
    config: dict = field(default_factory=dict)
    # the episode-level search (eval.episode_target.EpisodeSearch.to_dict()); empty when it was off. "met": False
    # means no setting reached `episode_target` on validation, and then no episode is auto-coded.
    episode: dict = field(default_factory=dict)
    # share of validation episodes with at least one code of this system (None: a file from before it was kept);
    # a system nearly every episode has (ICD-10 anywhere, OPCS-4 in endoscopy) is required (`policy.decision`)
    coded_share: float | None = None

    def to_frame(self):
        """One row per code, for the report and MLflow (`mlflow.log_table`)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "code": self.labels,
                "present_threshold": self.present,
                "absent_threshold": self.absent,
                "auto": self.auto,
                "support": self.support,
                "rule": self.rule,
            }
        )


# ---------------------------------------------------------------------------------------------- fitting rules


def _last_of_run(sorted_scores: np.ndarray) -> np.ndarray:
    """(N, L) bool: the last row of each run of equal scores (a threshold admits tied scores together)."""
    last = np.ones_like(sorted_scores, dtype=bool)
    last[:-1] = sorted_scores[1:] != sorted_scores[:-1]
    return last


def present_threshold_grid(probs: np.ndarray, targets: np.ndarray, target_values: Sequence[float],
                           confidence: float, bound: str = "wilson") -> np.ndarray:
    """(T, L): per target value, the lowest threshold per column whose precision lower bound reaches it; inf where
    none does. One sort serves every target value (the trade-off curves ask for several).

    probs, targets: (N, L). Sorted descending, cutting after row i predicts rows 0..i present: precision bound
    of tp_i / (i + 1). Only cuts at the end of a run of tied scores are real thresholds.
    """
    n, n_labels = probs.shape
    if n == 0:
        return np.full((len(target_values), n_labels), np.inf)
    order = np.argsort(-probs, axis=0, kind="stable")
    scores = np.take_along_axis(probs, order, 0)
    tp = np.cumsum(np.take_along_axis(targets, order, 0), axis=0)
    predicted = np.arange(1, n + 1, dtype=np.float64)[:, None]
    lower = np.where(_last_of_run(scores), lower_bound(tp, predicted, confidence, bound), -1.0)
    columns = np.arange(n_labels)
    result = np.empty((len(target_values), n_labels))
    for i, target in enumerate(target_values):
        ok = lower >= target
        lowest_row = n - 1 - np.argmax(ok[::-1], axis=0)  # the largest qualifying row = the lowest threshold
        result[i] = np.where(ok.any(axis=0), scores[lowest_row, columns], np.inf)
    return result


def present_thresholds(probs: np.ndarray, targets: np.ndarray, target: float, confidence: float,
                       bound: str = "wilson") -> np.ndarray:
    """(L,) lowest threshold per column whose precision lower bound reaches `target`; inf where none does."""
    return present_threshold_grid(probs, targets, [target], confidence, bound)[0]


def absent_threshold(probs: np.ndarray, targets: np.ndarray, target: float, confidence: float,
                     bound: str = "wilson") -> float:
    """The highest t with, pooled over all columns of (N, L), lower bound of (gold codes with p >= t) / (gold codes)
    >= `target`; 0 (nothing confidently absent) when there are no gold codes or even t = 0 does not show it.

    Allowing m misses, t is the (m + 1)-th smallest gold probability: only the m below it are missed (fewer if
    tied), and any higher t misses one more.
    """
    positives = np.sort(np.asarray(probs, dtype=np.float64)[np.asarray(targets) > 0])
    k = len(positives)
    if k == 0:
        return 0.0
    misses = np.arange(k, dtype=np.float64)
    ok = lower_bound(k - misses, np.full(k, float(k)), confidence, bound) >= target  # True then False
    return float(positives[int(ok.sum()) - 1]) if ok[0] else 0.0


def shared_threshold(probs: np.ndarray, targets: np.ndarray, config: ThresholdConfig) -> float:
    """One threshold for several codes pooled ((N, K) flattened to one column); inf when the pooled positives
    are fewer than `min_support` or the target is never reached."""
    if probs.size == 0 or targets.sum() < config.min_support:
        return math.inf
    pooled_p, pooled_y = probs.reshape(-1, 1), targets.reshape(-1, 1)
    return float(present_thresholds(pooled_p, pooled_y, config.target_precision, config.confidence, config.bound)[0])


def evidence_against(probs: np.ndarray, targets: np.ndarray, threshold: float, config: ThresholdConfig) -> np.ndarray:
    """(L,) bool: codes whose validation precision at `threshold` is shown BELOW `target_precision` (its upper
    confidence bound, at `confidence`, is under the target). No episode at or above the threshold: no evidence."""
    predicted = probs >= threshold
    n = predicted.sum(axis=0).astype(np.float64)
    wrong = (predicted & (targets <= 0)).sum(axis=0).astype(np.float64)
    upper = 1.0 - lower_bound(wrong, n, config.confidence, config.bound)
    return (n > 0) & (upper < config.target_precision)


def fit_code_threshold_grid(system: str, labels: Sequence[str], probs: np.ndarray, targets: np.ndarray,
                            config: ThresholdConfig,
                            settings: Sequence[tuple[float, float]]) -> list[ThresholdTable]:
    """One ThresholdTable per (present_floor, absent_target) setting, from validation probs (N, L) and multi-hot
    targets (N, L); `config` gives the rest (target_precision, confidence, min_support, fallback, bound)."""
    probs, targets = np.asarray(probs, dtype=np.float64), np.asarray(targets, dtype=np.float64)
    if probs.shape != targets.shape or probs.shape[1] != len(labels):
        raise ValueError(f"{system}: probs {probs.shape}, targets {targets.shape}, {len(labels)} labels")
    support = targets.sum(axis=0).astype(np.int64)
    fitted = present_thresholds(probs, targets, config.target_precision, config.confidence, config.bound)
    rule = np.where(np.isfinite(fitted), "code", "not_reached").astype(object)
    low = support < config.min_support
    fitted[low], rule[low] = math.inf, "never"
    pooled = low | ~np.isfinite(fitted)  # no threshold of their own
    if config.fallback == "shared" and pooled.any():
        shared = shared_threshold(probs[:, pooled], targets[:, pooled], config)
        if math.isfinite(shared):
            against = pooled & evidence_against(probs, targets, shared, config)
            fitted[pooled & ~against], rule[pooled & ~against] = shared, "shared"
            rule[against] = "not_reached"
    coded_share = float((targets.sum(axis=1) > 0).mean()) if len(targets) else None
    tables = []
    for floor, absent_target in settings:
        present = np.maximum(fitted, floor)
        absent = np.minimum(absent_threshold(probs, targets, absent_target, config.confidence, config.bound), present)
        used = replace(config, present_floor=floor, absent_target=absent_target)
        tables.append(ThresholdTable(system=system, labels=list(labels), present=present, absent=absent,
                                     auto=np.isfinite(present), support=support, rule=list(rule), config=asdict(used),
                                     coded_share=coded_share))
    return tables


def fit_code_thresholds(system: str, labels: Sequence[str], probs: np.ndarray, targets: np.ndarray,
                        config: ThresholdConfig) -> ThresholdTable:
    """Present/absent thresholds of one system at the config's own settings (see `fit_code_threshold_grid`)."""
    return fit_code_threshold_grid(system, labels, probs, targets, config,
                                   [(config.present_floor, config.absent_target)])[0]


def primary_threshold(confidence: np.ndarray, correct: np.ndarray, config: ThresholdConfig) -> float:
    """Lowest primary confidence at which the decided primary was right often enough; inf when never.

    confidence (M,), correct (M,) bool over validation episodes that had a decided primary.
    """
    if confidence.size == 0:
        return math.inf
    return float(present_thresholds(confidence[:, None].astype(np.float64), correct[:, None].astype(np.float64),
                                    config.primary_target, config.confidence, config.bound)[0])


# ---------------------------------------------------------------------------------------------- JSON


def tables_to_json(tables: Mapping[str, ThresholdTable]) -> dict:
    def num(x: float) -> float | None:
        return float(x) if math.isfinite(x) else None

    systems = {}
    for name, t in tables.items():
        codes = {
            code: {"present": num(t.present[i]), "absent": float(t.absent[i]), "auto": bool(t.auto[i]),
                   "support": int(t.support[i]), "rule": t.rule[i]}
            for i, code in enumerate(t.labels)
        }
        systems[name] = {"primary": num(t.primary), "config": t.config, "episode": t.episode,
                         "episodes_with_code": t.coded_share, "codes": codes}
    return {"format_version": FORMAT_VERSION, "systems": systems}


def tables_from_json(data: Mapping, file: str | None = None) -> dict[str, ThresholdTable]:
    if data.get("format_version") != FORMAT_VERSION:
        raise InputError(f"unsupported thresholds format {data.get('format_version')!r}", file=file)
    tables = {}
    for name, sysdata in data["systems"].items():
        codes = sysdata["codes"]
        labels = list(codes)
        present = np.array([np.inf if codes[c]["present"] is None else codes[c]["present"] for c in labels], dtype=float)
        primary = sysdata.get("primary")
        tables[name] = ThresholdTable(
            system=name, labels=labels, present=present,
            absent=np.array([codes[c]["absent"] for c in labels], dtype=float),
            auto=np.array([codes[c]["auto"] for c in labels], dtype=bool),
            support=np.array([codes[c]["support"] for c in labels], dtype=np.int64),
            rule=[codes[c]["rule"] for c in labels],
            primary=math.inf if primary is None else float(primary), config=dict(sysdata.get("config", {})),
            episode=dict(sysdata.get("episode") or {}),  # absent from files written before the episode search
            coded_share=sysdata.get("episodes_with_code"),
        )
    return tables


def save_thresholds(tables: Mapping[str, ThresholdTable], path: str | Path) -> Path:
    """Write thresholds.json atomically (temp file then rename: an old file is never left half-written)."""
    return write_json_atomic(path, tables_to_json(tables), indent=1)


def load_thresholds(path: str | Path) -> dict[str, ThresholdTable]:
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read thresholds: {exc}", file=str(path)) from exc
    return tables_from_json(data, file=str(path))
