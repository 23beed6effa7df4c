"""One entry for the whole evaluation: `evaluate_predictions(...)` -> `Evaluation` (metrics dict + decisions).

Called by the pipelines after training (on validation and test) and by `autocoding evaluate`. Inputs are numpy
arrays, so nothing here depends on the model:

```python
from autocoding.eval.evaluation import SystemOutputs, evaluate_predictions
from autocoding.policy.thresholds import ThresholdConfig, save_thresholds, load_thresholds
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.ood import OODDetector
from autocoding.policy.outputs import outputs_from_predictions
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.eval.report import write_report

# outputs = outputs_from_predictions(predictions, label_maps)   (policy.outputs; train.predict.Predictions)
outputs = {                                 # one entry per code system, e.g. "icd10", "opcs4"
    "icd10": SystemOutputs(
        probs=p,                            # (N, L) float: sigmoid(logits), presence probability per label
        primary_probs=q,                    # (N, L) float: softmax(primary_logits), which label is primary
        labels=["K21.9", ...],              # the system's label space, label id = index (labels.json)
    ),
}
gold = {"icd10": [["K21.9", "I10"], ...]}   # per episode, canonical codes, primary first (all codes, also
                                            # those outside the label space: they count as misses)
config = ThresholdConfig.from_mapping(OmegaConf.to_container(cfg.thresholds))   # in the command layer only
tables = fit_thresholds(val_outputs, val_gold, config, code_systems,            # on VALIDATION outputs;
                        ood_flags=val_ood_flags)   # optional; with config.episode_target set this also searches
                                                   # the strictness (eval.episode_target), see tables[s].episode
detector = OODDetector.fit(train_embeddings, val_embeddings,                   # (N, H) from Predictions.embeddings
                           method=config.ood_method, quantile=config.ood_quantile,
                           max_unknown_fraction=config.ood_max_unknown_fraction)
save_thresholds(tables, bundle / "thresholds.json"); detector.save(bundle / "ood.json")   # load_thresholds, OODDetector.load
result = evaluate_predictions(
    outputs, gold, tables,
    code_systems=code_systems,              # {name: CodeSystem} from autocoding.codes; None skips coding rules
    ood_flags=detector.flag(test_embeddings, texts=test_texts),   # (N,) bool or None
    split="test",
)
result.metrics     # {"test/icd10/f1_micro": 0.81, "test/audit/primary_diagnosis_accuracy": 0.9,
                   #  "test/automation/rate": 0.42, "test/automation/accuracy": 0.97,
                   #  "test/exceptions/uncertain_code": 0.3, ...}  floats only: log straight to MLflow
result.decisions   # Decisions: .auto (N,) bool, .codes {system: [[codes, primary first], ...]},
                   #            .reasons [[Reason(kind, system, codes, probabilities, detail)], ...]
result.per_code    # {system: pandas.DataFrame}: code, support, precision, recall, f1, threshold, auto, ...
result.thresholds  # how the thresholds were chosen: the episode-level search and each system's settings
result.decisions.to_records(episode_ids)   # JSON-ready per-episode decisions

# the report (eval.report / eval.tradeoff; the curve needs validation outputs, so it is optional):
curve = tradeoff_curve(val_outputs, val_gold, outputs, gold, config, code_systems, test_ood_flags=flags)
write_report(result, out_dir, specialty="endoscopy", tradeoff=curve, model="runs:/...")  # report.md/.json, PNGs
# per group of episodes (specialty, treatment function): evaluate_groups(outputs, gold, tables, groups, ...)
```

Metric keys read split / group / metric:
- `<split>/<system>/{map, map_document, f1_micro, f1_macro, f1_micro_all_codes, f1_macro_all_codes, precision_at_5,
  exact_match, ece, unseen_code_share}`: the metric set of `autocoding.metrics.metric_set.system_metrics`, the same
  function (and so the same names and numbers) as training's test figures, the Hugging Face wrapper and the
  baselines; thresholded ones at 0.5, the usual convention in the coding literature, so the numbers compare with
  published ones; `*_all_codes` count gold codes outside the label space as misses.
- `<split>/audit/*`: the clinical coding audit fields on the decided code sequences of all episodes
  (`eval.audit`), with `*_n` counts.
- `<split>/automation/{rate, accuracy, auto_episodes, episodes}` and `<split>/exceptions/<reason>` (share of all
  episodes that carry that reason).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from autocoding.eval.audit import AuditResult, Proportion, audit_fields, automation_figures
from autocoding.metrics import functional as F
from autocoding.metrics.metric_set import system_metrics
from autocoding.policy.decision import REASONS, Decisions, DecisionSettings, decide_episodes
from autocoding.policy.outputs import SystemOutputs, check_inputs, multi_hot
from autocoding.policy.rules import CodeSystemLike
from autocoding.policy.thresholds import ThresholdTable

__all__ = ["Evaluation", "SystemOutputs", "evaluate_groups", "evaluate_predictions", "model_metrics"]


@dataclass
class SystemMetrics:
    """Label-space metrics of one system: scalars, the per-code table and the calibration bin sums."""

    scalars: dict[str, float]
    per_code: object  # pandas.DataFrame
    calibration: tuple[np.ndarray, np.ndarray, np.ndarray]  # per-bin count, sum of probs, sum of outcomes


@dataclass
class Evaluation:
    split: str
    metrics: dict[str, float]
    decisions: Decisions
    per_code: dict[str, object]  # system -> pandas.DataFrame
    audit: AuditResult
    automation: dict[str, Proportion]
    calibration: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)  # how the thresholds were chosen: `threshold_summary`


def _title(code_system: CodeSystemLike | None, code: str) -> str:
    try:
        return str(code_system.title(code)) if code_system is not None else ""
    except Exception:  # a code unknown to the installed tables: show no title rather than fail the report
        return ""


def model_metrics(out: SystemOutputs, gold: Sequence[Sequence[str]], table: ThresholdTable | None = None,
                  code_system: CodeSystemLike | None = None, k: int = 5, n_bins: int = 10, *, split: str = "test",
                  system: str = "") -> SystemMetrics:
    """The metric set of `autocoding.metrics.metric_set` (thresholded at 0.5; keys `split/system/metric`) plus the
    per-code table with each code's auto-coding precision on this split."""
    # lazy: torch and pandas take seconds to import; `autocoding.eval` is imported by verbs that never score
    import pandas as pd
    import torch

    scalars = system_metrics(split, system, out.probs, gold, out.labels, k=k, n_bins=n_bins)
    probs = torch.from_numpy(out.probs)
    targets = torch.from_numpy(multi_hot(gold, out.labels))
    counts = F.confusion_counts(probs, targets, 0.5)
    scores = F.per_code_scores(counts)
    frame = pd.DataFrame({
        "code": out.labels,
        "title": [_title(code_system, c) for c in out.labels],
        "support": scores.support.numpy().astype(int),
        "precision": scores.precision.numpy(), "recall": scores.recall.numpy(), "f1": scores.f1.numpy(),
    })
    if table is not None:
        confident = out.probs >= table.present[None, :]
        auto_tp = (confident & (targets.numpy() > 0)).sum(0)
        frame["threshold"] = table.present
        frame["auto"] = table.auto
        frame["validation_support"] = table.support
        frame["auto_predicted"] = confident.sum(0)
        frame["auto_precision"] = np.divide(auto_tp, confident.sum(0), out=np.full(len(out.labels), np.nan),
                                            where=confident.sum(0) > 0)
    bins = tuple(t.numpy() for t in F.calibration_bins(probs, targets, n_bins))
    return SystemMetrics(scalars=scalars, per_code=frame, calibration=bins)


def threshold_summary(thresholds: Mapping[str, ThresholdTable]) -> dict:
    """The episode-level search's result (the same in every table) and each system's settings, for reports."""
    systems = {name: {key: t.config.get(key) for key in ("target_precision", "present_floor", "absent_target",
                                                         "primary_target", "confidence")}
               | {"primary_threshold": t.primary if np.isfinite(t.primary) else None,
                  "auto_codes": int(np.sum(t.auto)), "codes": len(t.labels)}
               for name, t in thresholds.items()}
    episode = next((t.episode for t in thresholds.values() if t.episode), {})
    return {"episode": episode, "systems": systems}


def evaluate_predictions(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                         thresholds: Mapping[str, ThresholdTable],
                         code_systems: Mapping[str, CodeSystemLike] | None = None, *,
                         ood_flags: np.ndarray | None = None, split: str = "test",
                         settings: DecisionSettings | None = None, k: int = 5, n_bins: int = 10,
                         blocked: Mapping[str, Sequence] | None = None,
                         weak_evidence: Mapping[str, np.ndarray] | None = None) -> Evaluation:
    """Decide every episode, then score the model, the audit fields and the automation (see module docstring).
    `blocked`: pre-model exceptions (`policy.decision.decide_episodes`), e.g. episodes with no usable text;
    `weak_evidence`: {system: (N, L) bool} codes the model cannot point to (`policy.evidence`), None for none."""
    n = check_inputs(outputs, gold)
    if settings is None:
        suggest = next(iter(thresholds.values())).config.get("suggest_threshold", 0.5) if thresholds else 0.5
        settings = DecisionSettings(suggest_threshold=suggest)
    decisions = decide_episodes(outputs, thresholds, code_systems, ood_flags, settings, blocked, weak_evidence)
    metrics: dict[str, float] = {}
    per_code, calibration = {}, {}
    for name, out in outputs.items():
        result = model_metrics(out, gold[name], thresholds.get(name), (code_systems or {}).get(name), k, n_bins,
                               split=split, system=name)
        metrics.update(result.scalars)
        per_code[name], calibration[name] = result.per_code, result.calibration
    audit = audit_fields(decisions.codes, gold)
    for key, prop in audit.fields.items():
        metrics[f"{split}/audit/{key}"] = prop.value
        metrics[f"{split}/audit/{key}_n"] = float(prop.n)
    automation = automation_figures(decisions.auto, audit.episode_correct)
    metrics[f"{split}/automation/rate"] = automation["rate"].value
    metrics[f"{split}/automation/accuracy"] = automation["accuracy"].value
    metrics[f"{split}/automation/auto_episodes"] = float(automation["rate"].successes)
    metrics[f"{split}/automation/episodes"] = float(n)
    for kind in REASONS:
        metrics[f"{split}/exceptions/{kind}"] = float(decisions.flags[kind].mean()) if n else 0.0
    return Evaluation(split=split, metrics=metrics, decisions=decisions, per_code=per_code, audit=audit,
                      automation=automation, calibration=calibration, thresholds=threshold_summary(thresholds))


def evaluate_groups(outputs: Mapping[str, SystemOutputs], gold: Mapping[str, Sequence[Sequence[str]]],
                    thresholds: Mapping[str, ThresholdTable], groups: Sequence[str],
                    code_systems: Mapping[str, CodeSystemLike] | None = None, *, ood_flags: np.ndarray | None = None,
                    split: str = "test", settings: DecisionSettings | None = None,
                    weak_evidence: Mapping[str, np.ndarray] | None = None) -> dict[str, Evaluation]:
    """`evaluate_predictions` per group of episodes (e.g. specialty or treatment function), for per-group reports.

    groups: (N,) one label per episode. Keys of each result's metrics keep the `<split>/...` form.
    """
    labels = np.asarray(groups, dtype=object)
    if len(labels) != check_inputs(outputs, gold):
        raise ValueError(f"{len(labels)} group labels for {check_inputs(outputs, gold)} episodes")
    results = {}
    for group in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == group)
        results[group] = evaluate_predictions(
            {name: out.subset(rows) for name, out in outputs.items()},
            {name: [codes[i] for i in rows] for name, codes in gold.items()},
            thresholds, code_systems, ood_flags=None if ood_flags is None else np.asarray(ood_flags)[rows],
            split=split, settings=settings,
            weak_evidence=None if weak_evidence is None else {s: np.asarray(w)[rows] for s, w in weak_evidence.items()})
    return results
