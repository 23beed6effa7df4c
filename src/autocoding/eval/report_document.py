"""The numbers of the HTML accuracy report (`autocoding report`): `report_document(evaluation, gold, ...) -> dict`.

Built on `eval.report.report_data` (the markdown report's numbers, the same `Evaluation` from
`evaluate_predictions`), so the page, its `report.json` and `report.md` never disagree. Added here:
- the headline: automation rate and accuracy of auto-coded episodes at the configured target (counts, 95% Wilson
  intervals);
- the four audit fields for auto-coded episodes, for exceptions (the model's suggestion) and for all episodes,
  judged against the national standards (`STANDARDS`: 90% primary / 80% secondary as the minimum, 95% / 90% as
  the higher tier; judged on the observed share, as a coding audit is);
- per code: the share of episodes holding the code (per the coders) that were auto-coded;
- the most frequent confusions: primary codes given in place of the coder's, codes missed and codes added;
- the exception reasons as shares of all episodes and of the exceptions;
- one section per group (treatment function) when there are several, each built the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from autocoding.eval.audit import audit_fields
from autocoding.eval.evaluation import Evaluation
from autocoding.eval.report import FIELD_WORDS, REASON_WORDS, _proportion, report_data
from autocoding.policy.decision import REASONS

# field: (minimum, higher tier) of the national clinical coding audit standards
STANDARDS = {"primary_diagnosis_accuracy": (0.90, 0.95), "secondary_diagnoses_accuracy": (0.80, 0.90),
             "primary_procedure_accuracy": (0.90, 0.95), "secondary_procedures_accuracy": (0.80, 0.90)}
SUBSETS = {"auto": "Auto-coded episodes", "exceptions": "Exceptions (the model's suggestion)", "all": "All episodes"}
TOP_CONFUSIONS = 10


def standard_level(field: str, value: float | None) -> str:
    """"higher", "minimum" or "below" the national standard for `field`; "" when not judged (no episodes)."""
    if value is None or field not in STANDARDS:
        return ""
    minimum, higher = STANDARDS[field]
    return "higher" if value >= higher else "minimum" if value >= minimum else "below"


def _subset(codes: Mapping[str, Sequence[Sequence[str]]], rows: np.ndarray) -> dict[str, list]:
    return {system: [list(per_episode[i]) for i in rows] for system, per_episode in codes.items()}


def audit_by_subset(evaluation: Evaluation, gold: Mapping[str, Sequence[Sequence[str]]]) -> dict:
    """{field: {subset: proportion dict + "level"}} for the four audit fields (those the systems give)."""
    auto = np.asarray(evaluation.decisions.auto, dtype=bool)
    rows = {"auto": np.flatnonzero(auto), "exceptions": np.flatnonzero(~auto), "all": np.arange(len(auto))}
    audited = {s: c for s, c in evaluation.decisions.codes.items() if s in gold}
    results = {name: (evaluation.audit if name == "all" else
                      audit_fields(_subset(audited, idx), _subset(gold, idx))).fields for name, idx in rows.items()}
    table = {}
    for field in STANDARDS:
        if field not in results["all"]:
            continue
        table[field] = {}
        for name in SUBSETS:
            entry = _proportion(results[name][field])
            table[field][name] = {**entry, "level": standard_level(field, entry["value"])}
    return table


def confusions(predicted: Mapping[str, Sequence[Sequence[str]]], gold: Mapping[str, Sequence[Sequence[str]]],
               title: Callable[[str, str], str] | None = None, top: int = TOP_CONFUSIONS) -> dict:
    """Per system: `primary` (coder's primary, model's primary, episodes) where both gave one and they differ;
    `missed` (coder's code the model did not give) and `added` (model's code the coder did not give)."""
    name = title or (lambda system, code: "")
    out = {}
    for system, gold_codes in gold.items():
        pred_codes = predicted.get(system)
        if pred_codes is None:
            continue
        primary, missed, added = Counter(), Counter(), Counter()
        for p, g in zip(pred_codes, gold_codes, strict=True):
            if p and g and p[0] != g[0]:
                primary[(g[0], p[0])] += 1
            missed.update(set(g) - set(p))
            added.update(set(p) - set(g))
        out[system] = {
            "primary": [{"gold": g, "gold_title": name(system, g), "predicted": p, "predicted_title": name(system, p),
                         "episodes": n} for (g, p), n in primary.most_common(top)],
            "missed": [{"code": c, "title": name(system, c), "episodes": n} for c, n in missed.most_common(top)],
            "added": [{"code": c, "title": name(system, c), "episodes": n} for c, n in added.most_common(top)],
        }
    return out


def _auto_share(rows: list[dict], gold_codes: Sequence[Sequence[str]], auto: np.ndarray) -> list[dict]:
    """Each per-code row gains `gold_episodes` and `auto_share` (of those episodes, the share auto-coded)."""
    held: dict[str, list[int]] = {}
    for i, codes in enumerate(gold_codes):
        for code in set(codes):
            held.setdefault(code, []).append(i)
    out = []
    for row in rows:
        idx = held.get(row["code"], [])
        share = float(auto[idx].mean()) if idx else None
        out.append({**row, "gold_episodes": len(idx), "auto_share": None if share is None else round(share, 6)})
    return out


def exception_reasons(evaluation: Evaluation) -> list[dict]:
    auto = np.asarray(evaluation.decisions.auto, dtype=bool)
    n, n_exc = len(auto), int((~auto).sum())
    rows = []
    for kind in REASONS:
        flags = np.asarray(evaluation.decisions.flags[kind], dtype=bool)
        count = int(flags.sum())
        rows.append({"kind": kind, "words": REASON_WORDS[kind], "episodes": count,
                     "share_of_all": round(count / n, 6) if n else None,
                     "share_of_exceptions": round(int(flags[~auto].sum()) / n_exc, 6) if n_exc else None})
    return rows


def headline(evaluation: Evaluation) -> dict:
    """Automation rate and accuracy of auto-coded episodes at the configured target."""
    search = (evaluation.thresholds or {}).get("episode") or {}
    systems = (evaluation.thresholds or {}).get("systems") or {}
    if search:
        target = {"kind": "episode", "value": search.get("target"), "met_on_validation": bool(search.get("met")),
                  "confidence": search.get("confidence")}
    else:
        per_code = next(iter(systems.values()), {})
        target = {"kind": "per_code", "value": per_code.get("target_precision"), "met_on_validation": None,
                  "confidence": per_code.get("confidence")}
    return {"target": target, "automation_rate": _proportion(evaluation.automation["rate"]),
            "auto_accuracy": _proportion(evaluation.automation["accuracy"]),
            "episode_accuracy": _proportion(evaluation.audit.fields["episode_accuracy"]),
            "exceptions": len(evaluation.decisions) - evaluation.automation["rate"].successes}


def report_document(evaluation: Evaluation, gold: Mapping[str, Sequence[Sequence[str]]], *, specialty: str,
                    tradeoff=None, model: str | None = None, provenance: Mapping | None = None,
                    groups: Sequence[str] | None = None, group_evaluations: Mapping[str, Evaluation] | None = None,
                    group_names: Mapping[str, str] | None = None,
                    title: Callable[[str, str], str] | None = None) -> dict:
    """The report's numbers, JSON-ready. `groups` (one label per episode) with `group_evaluations` (from
    `evaluate_groups` on the same inputs) add one section per group when there are two or more."""
    data = report_data(evaluation, specialty, tradeoff, model)
    auto = np.asarray(evaluation.decisions.auto, dtype=bool)
    data["per_code"] = {system: _auto_share(rows, gold.get(system, [[]] * len(auto)), auto)
                        for system, rows in data["per_code"].items()}
    data.update({
        "headline": headline(evaluation),
        "audit_by_subset": audit_by_subset(evaluation, gold),
        "standards": {field: {"minimum": low, "higher": high} for field, (low, high) in STANDARDS.items()},
        "field_words": {field: FIELD_WORDS[field] for field in STANDARDS},
        "confusions": confusions(evaluation.decisions.codes, gold, title),
        "exception_reasons": exception_reasons(evaluation),
        "provenance": dict(provenance or {}),
        "sections": [],
    })
    if groups is not None and group_evaluations and len(group_evaluations) > 1:
        labels = np.asarray(groups, dtype=object)
        for group, part in group_evaluations.items():
            rows = np.flatnonzero(labels == group)
            section = report_document(part, _subset(gold, rows), specialty=str(group), title=title)
            keep = ("headline", "audit_by_subset", "exception_reasons", "per_code", "confusions", "episodes")
            data["sections"].append({"group": str(group), "name": (group_names or {}).get(group, str(group)),
                                     **{k: section[k] for k in keep}})
    return data
