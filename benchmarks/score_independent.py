"""Score a model bundle on the hand-written independent development set (benchmarks/independent/<specialty>/).

    python benchmarks/score_independent.py --bundle URI_OR_DIR --specialty endoscopy|neurology [--out FILE]

The set is written by hand, independently of the synthetic generator (benchmarks/independent/README.md): never train,
fit thresholds or tune the generator on it. This script codes it exactly as `autocoding evaluate` does
(autocoding.pipelines.evaluate_job.evaluate: the bundle's document types, label maps, thresholds and OOD detector)
and prints the automation rate, auto-coded accuracy with its 95% Wilson interval, primary diagnosis / primary
procedure / whole-episode accuracy over all episodes, and the share of gold codes outside the model's label space.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "independent"
SPECIALTIES = ("endoscopy", "neurology")


def wilson(successes: float, n: float) -> tuple[float, float]:
    try:
        from autocoding.policy.bounds import wilson_interval
    except ImportError:  # before the policy package lands
        from autocoding.eval.bounds import wilson_interval
    return wilson_interval(successes, n)


def label_space_gap(gold: dict[str, list[list[str]]], labels: dict[str, list[str]]) -> dict[str, float]:
    """Share of gold codes (per system and overall) and of episodes with a gold code the model cannot predict."""
    out, outside_all, total_all = {}, 0, 0
    episodes = None
    for system, per_episode in gold.items():
        space = set(labels.get(system, []))
        missing = [[c for c in codes if c not in space] for codes in per_episode]
        outside = sum(len(m) for m in missing)
        total = sum(len(codes) for codes in per_episode)
        out[f"{system}_codes_outside"] = outside / total if total else 0.0
        outside_all, total_all = outside_all + outside, total_all + total
        flags = [bool(m) for m in missing]
        episodes = flags if episodes is None else [a or b for a, b in zip(episodes, flags, strict=True)]
    out["codes_outside"] = outside_all / total_all if total_all else 0.0
    out["episodes_with_code_outside"] = sum(episodes or []) / len(episodes) if episodes else 0.0
    return out


def score(bundle: str, specialty: str, extract: Path | None = None) -> dict:
    from autocoding.data.extract import load_extract
    from autocoding.pipelines.evaluate_job import EvaluateOptions, evaluate, gold_codes
    from autocoding.serving.predictor import Coder, ServingOptions

    extract = extract or ROOT / specialty
    options = EvaluateOptions(model=bundle, extract=extract, out=Path("unused.json"))
    evaluation, ids, quarantined = evaluate(options)
    m = {k.removeprefix("evaluate/"): v for k, v in evaluation.metrics.items()}
    auto_n = int(m["automation/auto_episodes"])
    right = int(round(m["automation/accuracy"] * auto_n)) if auto_n else 0
    low, high = wilson(right, auto_n) if auto_n else (float("nan"), float("nan"))
    coder = Coder.from_bundle(bundle, ServingOptions(progress=False))
    loaded = load_extract(extract, coder.code_systems or {}, on_error="quarantine")
    gap = label_space_gap(gold_codes(loaded, coder.systems, "audit"), coder.bundle.labels)
    return {"bundle": bundle, "specialty": specialty, "extract": str(extract), "episodes": len(ids),
            "quarantined_rows": len(quarantined),
            "automation_rate": m["automation/rate"], "auto_coded": auto_n,
            "auto_coded_accuracy": m["automation/accuracy"] if auto_n else None,
            "auto_coded_accuracy_ci95": [low, high] if auto_n else None,
            "primary_diagnosis_accuracy": m.get("audit/primary_diagnosis_accuracy"),
            "primary_procedure_accuracy": m.get("audit/primary_procedure_accuracy"),
            "episode_accuracy": m.get("audit/episode_accuracy"),
            "label_space": gap, "metrics": m}


def render(r: dict) -> str:
    def pct(x):
        return "n/a" if x is None or x != x else f"{100 * x:.1f}%"
    ci = r["auto_coded_accuracy_ci95"]
    lines = [f"{r['specialty']}: {r['episodes']} independent episodes ({r['quarantined_rows']} quarantined rows), "
             f"bundle {r['bundle']}",
             f"  automation rate          {pct(r['automation_rate'])} ({r['auto_coded']} auto-coded)",
             f"  auto-coded accuracy      {pct(r['auto_coded_accuracy'])}"
             + (f" (95% CI {pct(ci[0])}-{pct(ci[1])})" if ci else ""),
             f"  primary diagnosis        {pct(r['primary_diagnosis_accuracy'])} (all episodes)",
             f"  primary procedure        {pct(r['primary_procedure_accuracy'])} (all episodes)",
             f"  whole episode            {pct(r['episode_accuracy'])} (all episodes)"]
    for key, value in r["label_space"].items():
        lines.append(f"  gold {key.replace('_', ' '):<22} {pct(value)} (outside the model's label space)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory, runs:/ or models:/ URI")
    parser.add_argument("--specialty", required=True, choices=SPECIALTIES)
    parser.add_argument("--extract", type=Path, default=None, help="another extract dir (default: the set)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    result = score(args.bundle, args.specialty, args.extract)
    print(render(result))
    if args.out:
        from autocoding.files import write_json_atomic

        write_json_atomic(args.out, result, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
