"""Each refusal detector of a bundle measured on its own, on any extracts (the independent set beside synthetic text).

    python benchmarks/refusal_detectors.py --bundle DIR_OR_URI --extract benchmarks/independent/endoscopy \
        --extract /tmp/synth_unseen [--out FILE.json]

An episode is auto-coded only when no detector refuses it, so the automation figures of `score_independent.py`
say what all of them do together. This script codes each extract once (the bundle's own document types, label maps,
thresholds, OOD detector and evidence detector), splits the refusal into its detectors, and for each one reports:

- flagged: the share of episodes it refuses;
- wrong among flagged: how often the model's suggestion for those episodes was not wholly right (a detector that
  refuses wrong episodes more often than the rest is doing its job);
- recall of wrong: the share of the episodes the model got wrong that it refuses;
- alone: had it been the only refusal (with the pre-model reasons), how many episodes would be auto-coded and how
  many of those right, with the lower 95% Wilson bound;
- sole: the episodes that it and no other detector refuses, and how many of those were right (what it costs).

The out-of-distribution refusal is split into its parts (embedding distance, wording novelty, unknown tokens). Gold
codes outside the model's label space are not a detector (production has no gold), but the episodes that hold one
cannot be coded right: the script counts them and how many any detector lets through.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ORDER = ("no_usable_text", "accuracy_target_not_met", "ood_embedding", "ood_wording", "ood_unknown_tokens",
         "no_code_predicted", "uncertain_code", "code_not_auto", "primary_uncertain", "coding_rule", "weak_evidence")
PRE_MODEL = ("no_usable_text", "outside_cohort")


def detector_flags(coder, coded) -> dict[str, np.ndarray]:
    """{detector: (N,) bool} for one coded extract; the OOD refusal split into its parts."""
    flags = {k: np.asarray(v, dtype=bool) for k, v in coded.decisions.flags.items() if k != "out_of_distribution"}
    ood = coder.bundle.ood
    n = len(coded.texts)
    if ood is None:
        return flags
    flags["ood_embedding"] = np.asarray(ood.score(coded.embeddings) > ood.threshold, dtype=bool)
    flags["ood_wording"] = (np.asarray(ood.novelty.flag(coded.texts), dtype=bool) if ood.novelty is not None
                            else np.zeros(n, dtype=bool))
    flags["ood_unknown_tokens"] = np.asarray(coded.unknown_fraction) > ood.max_unknown_fraction
    return flags


def wilson_low(right: int, n: int) -> float | None:
    from autocoding.policy.bounds import wilson_interval

    return float(wilson_interval(right, n)[0]) if n else None


def per_detector(flags: dict[str, np.ndarray], correct: np.ndarray) -> dict[str, dict]:
    """The figures of the module docstring for each detector, from the flags and per-episode correctness."""
    names = [k for k in ORDER if k in flags] + sorted(k for k in flags if k not in ORDER)
    stack = np.stack([flags[k] for k in names]) if names else np.zeros((0, len(correct)), dtype=bool)
    pre = np.zeros(len(correct), dtype=bool)
    for kind in PRE_MODEL:
        if kind in flags:
            pre |= flags[kind]
    wrong = ~correct
    out = {}
    for i, name in enumerate(names):
        flagged = stack[i]
        others = np.delete(stack, i, axis=0).any(axis=0) if len(names) > 1 else np.zeros_like(flagged)
        alone = ~(flagged | pre)
        sole = flagged & ~others
        out[name] = {
            "flagged": int(flagged.sum()), "flagged_share": float(flagged.mean()) if len(flagged) else 0.0,
            "wrong_among_flagged": float(wrong[flagged].mean()) if flagged.any() else None,
            "wrong_among_not_flagged": float(wrong[~flagged].mean()) if (~flagged).any() else None,
            "recall_of_wrong": float((flagged & wrong).sum() / wrong.sum()) if wrong.any() else None,
            "alone_auto": int(alone.sum()), "alone_right": int((alone & correct).sum()),
            "alone_accuracy_low95": wilson_low(int((alone & correct).sum()), int(alone.sum())),
            "sole": int(sole.sum()), "sole_right": int((sole & correct).sum()),
        }
    return out


def measure(bundle: str, extract: Path) -> dict:
    from autocoding.data.extract import load_extract
    from autocoding.eval.audit import audit_fields
    from autocoding.pipelines.evaluate_job import gold_codes
    from autocoding.serving.predictor import Coder, ServingOptions
    from autocoding.serving.texts import join_episode_texts

    coder = Coder.from_bundle(bundle, ServingOptions(progress=False))
    loaded = load_extract(extract, coder.code_systems or {}, on_error="quarantine")
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types")
    if not types:
        types = sorted(loaded.documents["doc_type"].astype(str).unique())
    ids = loaded.episodes["episode_id"].astype(str).tolist()
    coded = coder.code(join_episode_texts(loaded.documents, ids, types))
    gold = gold_codes(loaded, coder.systems, "audit")
    correct = np.asarray(audit_fields(coded.decisions.codes, gold).episode_correct, dtype=bool)
    flags = detector_flags(coder, coded)
    auto = np.asarray(coded.decisions.auto, dtype=bool)
    outside = np.zeros(len(ids), dtype=bool)
    for system, per_episode in gold.items():
        space = set(coder.bundle.labels.get(system, []))
        outside |= np.array([any(c not in space for c in codes) for codes in per_episode], dtype=bool)
    return {"bundle": bundle, "extract": str(extract), "episodes": len(ids),
            "auto": int(auto.sum()), "auto_right": int((auto & correct).sum()),
            "suggestion_wholly_right": int(correct.sum()),
            "gold_outside_label_space": int(outside.sum()), "gold_outside_and_auto": int((outside & auto).sum()),
            "detectors": per_detector(flags, correct)}


def render(r: dict) -> str:
    def pct(x):
        return "   n/a" if x is None else f"{100 * x:5.1f}%"

    lines = [f"{r['extract']}: {r['episodes']} episodes; auto-coded {r['auto']} ({r['auto_right']} right); "
             f"model's suggestion wholly right {r['suggestion_wholly_right']}; gold code outside the label space in "
             f"{r['gold_outside_label_space']} ({r['gold_outside_and_auto']} of them auto-coded)",
             f"  {'detector':<24}{'flagged':>14}{'wrong|flagged':>15}{'wrong|not':>11}{'recall wrong':>14}"
             f"{'alone: auto (right, LB95)':>28}{'sole (right)':>14}"]
    for name, d in r["detectors"].items():
        low = "" if d["alone_accuracy_low95"] is None else f", {100 * d['alone_accuracy_low95']:.1f}%"
        alone = f"{d['alone_auto']} ({d['alone_right']}{low})"
        lines.append(f"  {name:<24}{d['flagged']:>6} ({pct(d['flagged_share'])}){pct(d['wrong_among_flagged']):>15}"
                     f"{pct(d['wrong_among_not_flagged']):>11}{pct(d['recall_of_wrong']):>14}{alone:>28}"
                     f"{d['sole']:>7} ({d['sole_right']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory, runs:/ or models:/ URI")
    parser.add_argument("--extract", type=Path, action="append", required=True, help="an extract dir (repeatable)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    results = [measure(args.bundle, extract) for extract in args.extract]
    print("\n\n".join(render(r) for r in results))
    if args.out:
        from autocoding.files import write_json_atomic

        write_json_atomic(args.out, results, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
