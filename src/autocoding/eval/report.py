"""The accuracy report a coding manager reads: `write_report(evaluation, out_dir, specialty) -> ReportFiles`.

Markdown for people, JSON with the same numbers for machines, PNG figures beside them. Every rate comes with its
count and a 95% confidence interval (Wilson): "41 of 50 (82%, 69% to 90%)" says how much to trust it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from autocoding.eval.audit import Proportion
from autocoding.eval.evaluation import Evaluation
from autocoding.eval.plots import reliability_plot, tradeoff_plot
from autocoding.files import write_text_atomic
from autocoding.policy.bounds import wilson_interval
from autocoding.policy.decision import REASONS

FIELD_WORDS = {
    "primary_diagnosis_accuracy": "Primary diagnosis right (first ICD-10 code matches the coder's)",
    "secondary_diagnoses_accuracy": "Secondary diagnoses right (same set of other ICD-10 codes, order ignored)",
    "secondary_diagnoses_precision": "Suggested secondary diagnoses that were right",
    "secondary_diagnoses_recall": "Coder's secondary diagnoses that the model found",
    "primary_procedure_accuracy": "Primary procedure right (first OPCS-4 code; no procedure on both sides counts)",
    "secondary_procedures_accuracy": "Secondary procedures right (same set of other OPCS-4 codes)",
    "secondary_procedures_precision": "Suggested secondary procedures that were right",
    "secondary_procedures_recall": "Coder's secondary procedures that the model found",
    "episode_accuracy": "Whole episode right (all of the above fields)",
}
REASON_WORDS = {
    "no_usable_text": "No usable text: every document was missing, empty or set aside",
    "outside_cohort": "The episode is outside the cohort the model was trained for",
    "accuracy_target_not_met": "Automatic coding is off: on the validation set no threshold setting kept "
                               "auto-coded episodes right often enough",
    "out_of_distribution": "The notes look unlike anything the model was trained on",
    "no_code_predicted": "The model found no diagnosis code",
    "uncertain_code": "The model was unsure whether a code applies",
    "code_not_auto": "A code the model may not code on its own: on validation it was not right often enough",
    "weak_evidence": "The model could not point to text that supports a code",
    "primary_uncertain": "The model was unsure which code comes first",
    "coding_rule": "The suggested codes broke a coding rule (e.g. a Y/Z code first)",
}
GLOSSARY = [
    ("Auto-coded", "coded by the model with no coder involved; every other episode goes to a coder (an exception)."),
    ("Precision", "of the times the model gave a code, the share where the coder gave it too."),
    ("Recall", "of the times the coder gave a code, the share where the model gave it too."),
    ("F1", "one number combining precision and recall (their harmonic mean); 1 is perfect."),
    ("Threshold", "how sure (0 to 1) the model must be to give a code automatically; blank = never automatic."),
    ("95% interval", "the range the true figure very likely lies in, given how many episodes were checked."),
    ("Calibration error", "how far the model's stated confidence is from how often it is right (0 = honest)."),
]


@dataclass
class ReportFiles:
    markdown: Path
    json: Path
    plots: dict[str, Path]


def _proportion(prop: Proportion) -> dict:
    low, high = wilson_interval(prop.successes, prop.n)
    return {"count": prop.successes, "total": prop.n, "value": _num(prop.value), "ci95": [_num(low), _num(high)]}


def _num(x) -> float | None:
    x = float(x)
    return round(x, 6) if math.isfinite(x) else None


def _pct(entry: dict) -> str:
    if entry["value"] is None:
        return f"{entry['count']} of {entry['total']} (no episodes to judge)"
    low, high = entry["ci95"]
    return f"{entry['count']} of {entry['total']} ({entry['value']:.1%}; 95% interval {low:.1%} to {high:.1%})"


def report_data(evaluation: Evaluation, specialty: str, tradeoff=None, model: str | None = None) -> dict:
    """The report's numbers as a JSON-ready dict."""
    n = len(evaluation.decisions)
    per_code = {}
    for system, frame in evaluation.per_code.items():
        frame = frame.sort_values(["support", "code"], ascending=[False, True])
        per_code[system] = [{k: (_num(v) if isinstance(v, float | np.floating) else
                                 bool(v) if isinstance(v, bool | np.bool_) else
                                 int(v) if isinstance(v, int | np.integer) else v)
                             for k, v in row.items()} for row in frame.to_dict("records")]
    systems = {key.split("/")[1] for key in evaluation.metrics if key.count("/") == 2}
    return {
        "specialty": specialty, "split": evaluation.split, "episodes": n, "model": model,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "audit": {name: _proportion(prop) for name, prop in evaluation.audit.fields.items()},
        "automation": {name: _proportion(prop) for name, prop in evaluation.automation.items()},
        "exceptions": {kind: {"episodes": int(evaluation.decisions.flags[kind].sum()),
                              "share": _num(evaluation.decisions.flags[kind].mean()) if n else None}
                       for kind in REASONS},
        "model_metrics": {s: {k.split("/")[2]: _num(v) for k, v in evaluation.metrics.items()
                              if k.startswith(f"{evaluation.split}/{s}/")}
                          for s in sorted(systems - {"audit", "automation", "exceptions"})},
        "per_code": per_code,
        "tradeoff": None if tradeoff is None else
        [{k: v if isinstance(v, str) else _num(v) for k, v in row.items()} for row in tradeoff.to_dict("records")],
        "thresholds": evaluation.thresholds,
    }


_TRADEOFF_WORDS = {
    "episode": "Each row fits the thresholds on the validation set so that auto-coded episodes are fully right at "
               "least the target share of the time there (lower confidence bound), then codes this set.",
    "per_code": "Each row fits the thresholds on the validation set for a target precision, then codes this set. "
                "The target applies to each code on its own: an episode with several codes is fully right less "
                "often than each of its codes, so whole-episode accuracy can sit below the target.",
}


def _threshold_lines(summary: dict) -> list[str]:
    """How the thresholds were chosen on validation (the episode-level search, `eval.episode_target`)."""
    search = summary.get("episode") or {}
    lines = ["", "## How the confidence thresholds were chosen", ""]
    if not search:
        return lines + ["Per code only, on the validation set (no whole-episode accuracy target was set)."]
    chosen = search["chosen"]
    figures = (f"{chosen['correct']} of {chosen['auto_episodes']} auto-coded validation episodes fully right "
               f"(of {chosen['episodes']}; at least {chosen['accuracy_lower']:.1%} with "
               f"{search['confidence']:.0%} confidence)")
    if search.get("cross_fit"):
        figures += (" - each half of the validation set judged with thresholds fitted on the other half, so these "
                    "are held-out figures")
    if not search["met"]:
        return lines + [f"**Automatic coding is off.** Target: auto-coded episodes fully right at least "
                        f"{search['target']:.1%} of the time. No setting of the {len(search['grid'])} tried on the "
                        f"validation set showed that; the best gave {figures}. Every episode goes to a coder, "
                        "with the model's suggestion."]
    return lines + [f"Target: auto-coded episodes fully right at least {search['target']:.1%} of the time. Of the "
                    f"{len(search['grid'])} settings tried on the validation set, the one coding the most episodes "
                    f"automatically while showing that was kept: {figures}; probability floor "
                    f"{chosen['present_floor']:.2f}, at most {1 - chosen['absent_target']:.1%} of codes dismissed."]


def _markdown(data: dict, plots: dict[str, Path]) -> str:
    auto, acc = data["automation"]["rate"], data["automation"]["accuracy"]
    lines = [f"# Auto-coding accuracy report: {data['specialty']}", "",
             f"{data['episodes']} episodes of the `{data['split']}` set, coded by the model and compared with the "
             f"coders' codes. Generated {data['generated_at']}" + (f"; model `{data['model']}`." if data["model"] else "."),
             "", "## In short", "",
             f"- **Coded automatically:** {_pct(auto)}.",
             f"- **Of those, fully right** (every audited field matches the coder): {_pct(acc)}.",
             "- Every other episode goes to a coder, with the model's suggestion and the reason (below).", "",
             "## Audit fields (all episodes, the model's suggested codes)", "",
             "| field | result |", "|---|---|"]
    lines += [f"| {FIELD_WORDS.get(name, name)} | {_pct(entry)} |" for name, entry in data["audit"].items()]
    lines += _threshold_lines(data.get("thresholds") or {})
    lines += ["", "## Why episodes went to a coder", "",
              "An episode can have several reasons, so the shares can add up to more than the exception rate.", "",
              "| reason | episodes | share of all episodes |", "|---|---|---|"]
    for kind, entry in data["exceptions"].items():
        share = "" if entry["share"] is None else f"{entry['share']:.1%}"
        lines.append(f"| {REASON_WORDS[kind]} (`{kind}`) | {entry['episodes']} | {share} |")
    if data["tradeoff"]:
        lines += ["", "## More automation or more accuracy?", "",
                  _TRADEOFF_WORDS[data["tradeoff"][0].get("target_kind", "per_code")], "",
                  "| target | coded automatically | fully right when auto-coded | 95% interval |",
                  "|---|---|---|---|"]
        for row in data["tradeoff"]:
            a = row["automation_accuracy"]
            interval = "" if a is None else f"{row['accuracy_low']:.1%} to {row['accuracy_high']:.1%}"
            lines.append(f"| {row['target']:.3g} | {row['automation_rate']:.1%} "
                         f"| {'' if a is None else f'{a:.1%}'} | {interval} |")
    for name, path in plots.items():
        lines += ["", f"![{name}]({path.name})"]
    lines += ["", "## Model scores per code system", "",
              "Standard scores at probability 0.5 (comparable with published work): mean average precision (`map`), "
              "F1 over all codes (`f1_micro`) and averaged per code (`f1_macro`), calibration error (`ece`).", ""]
    for system, scores in data["model_metrics"].items():
        lines.append(f"- **{system}**: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items() if v is not None))
    for system, rows in data["per_code"].items():
        lines += ["", f"## Codes: {system}", "",
                  "Support = episodes with the code in this set. Precision/recall/F1 at probability 0.5; threshold = "
                  "the confidence needed to code it automatically.", "",
                  "| code | title | support | precision | recall | F1 | threshold | automatic? |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in rows:
            threshold = "" if r.get("threshold") is None else f"{r['threshold']:.2f}"
            lines.append(f"| {r['code']} | {r.get('title', '')} | {r['support']} | {r['precision']:.2f} "
                         f"| {r['recall']:.2f} | {r['f1']:.2f} | {threshold} | {'yes' if r.get('auto') else 'no'} |")
    lines += ["", "## Words used", ""] + [f"- **{term}**: {text}" for term, text in GLOSSARY]
    return "\n".join(lines) + "\n"


def _write_text(path: Path, text: str) -> None:
    write_text_atomic(path, text)


def write_report(evaluation: Evaluation, out_dir: str | Path, specialty: str, tradeoff=None,
                 model: str | None = None) -> ReportFiles:
    """Write `report.md`, `report.json`, `reliability.png` and, given a trade-off curve, `tradeoff.png`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plots = {"reliability": reliability_plot(evaluation.calibration, out / "reliability.png")}
    if tradeoff is not None:
        plots["tradeoff"] = tradeoff_plot(tradeoff, out / "tradeoff.png")
    data = report_data(evaluation, specialty, tradeoff, model)
    data["plots"] = {name: path.name for name, path in plots.items()}
    _write_text(out / "report.json", json.dumps(data, indent=1))
    _write_text(out / "report.md", _markdown(data, plots))
    return ReportFiles(markdown=out / "report.md", json=out / "report.json", plots=plots)
