"""Fit the evidence detector (`policy.evidence`) for a trained bundle without retraining, and measure what it refuses.

    python benchmarks/refit_evidence.py --bundle DIR --data DATASET [--save-bundle DIR] [--extract DIR ...]
        [--quantile 0.01 [0.05 ...]] [--min-support 20] [--margin 1.0]

Fits on the dataset's validation split (as `autocoding train` does with `thresholds.evidence=true`), then codes the
test split and each extract (joined as the bundle's dataset config says, gold from its audit rows, as
`autocoding evaluate` does) and prints, per quantile: the episodes flagged `weak_evidence`, the auto-coded episodes
with and without the detector, each audit field's accuracy on flagged and unflagged episodes, the share of recorded
codes the coder's codes hold for weak and other codes; and, once, how well the evidence weight and the probability
tell right codes from wrong ones (ROC AUC among codes with probability >= 0.5). `--save-bundle` writes a copy of
the bundle with `evidence.json` (fitted at the first quantile), to be scored like any other
(`benchmarks/score_independent.py`, `autocoding evaluate`). Nothing is fitted on the extracts or the test split.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import numpy as np


def split_figures(name: str, flagged: np.ndarray, auto_without: np.ndarray, auto_with: np.ndarray,
                  per_episode: dict[str, np.ndarray], correct: np.ndarray) -> str:
    """One line: flagged share, automation lost, and each audit field's accuracy on flagged vs unflagged."""
    n = len(flagged)
    parts = [f"{name}: {int(flagged.sum())} of {n} flagged weak_evidence ({flagged.mean():.1%})",
             f"auto-coded {int(auto_without.sum())} -> {int(auto_with.sum())}"]
    if auto_with.any():
        parts.append(f"auto-coded right {correct[auto_with].mean():.1%}")
    for field, right in {**per_episode, "episode": correct}.items():
        on = f"{right[flagged].mean():.1%}" if flagged.any() else "n/a"
        off = f"{right[~flagged].mean():.1%}" if (~flagged).any() else "n/a"
        parts.append(f"{field} right: flagged {on}, not flagged {off}")
    return "; ".join(parts)


def code_split(decisions, gold: dict[str, list[list[str]]]) -> str:
    """Recorded codes (every episode's decided sequence) that the coder's codes hold, for the codes named in a
    `weak_evidence` reason and for the others."""
    counts = {True: [0, 0], False: [0, 0]}
    for system, sequences in decisions.codes.items():
        for row, codes in enumerate(sequences):
            weak = {c for r in decisions.reasons[row] if r.kind == "weak_evidence" and r.system == system
                    for c in r.codes}
            for code in codes:
                counts[code in weak][0] += code in gold[system][row]
                counts[code in weak][1] += 1
    (wr, wn), (orr, on) = counts[True], counts[False]
    return (f"recorded codes right: weak {wr}/{wn} ({wr / wn:.1%})" if wn else "recorded codes right: weak 0/0") + \
        (f", others {orr}/{on} ({orr / on:.1%})" if on else "")


def separation(coded, gold: dict[str, list[list[str]]]) -> str:
    """Per system, among codes with probability >= 0.5 in episodes with text: how well the evidence weight, and
    the probability, tell right codes from wrong ones (ROC AUC; 0.5 = not at all)."""
    from sklearn.metrics import roc_auc_score

    from autocoding.policy.evidence import gold_matrix

    rows = ~coded.decisions.flags["no_usable_text"]
    parts = []
    for system, out in coded.outputs.items():
        predicted = out.probs[rows] >= 0.5
        right = gold_matrix([gold[system][i] for i in np.flatnonzero(rows)], out.labels)[predicted] > 0
        if right.all() or not right.any():
            parts.append(f"{system}: {int(predicted.sum())} predicted, {int((~right).sum())} wrong")
            continue
        weight = coded.evidence.weights[system][rows][predicted]
        parts.append(f"{system}: {int(predicted.sum())} predicted, {int((~right).sum())} wrong, AUC right vs wrong: "
                     f"evidence weight {roc_auc_score(right, weight):.3f}, probability "
                     f"{roc_auc_score(right, out.probs[rows][predicted]):.3f}")
    return "; ".join(parts)


def measure(name: str, coder, texts: list[str], gold: dict[str, list[list[str]]], detectors: dict) -> None:
    """Code `texts` once (weights included) and print the figures without and with each fitted detector."""
    from autocoding.eval.evaluation import evaluate_predictions

    started = time.perf_counter()
    coded = coder.code(texts, evidence=True)
    base = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                ood_flags=coded.ood_flags, split="x", blocked=coded.blocked)
    auto = base.decisions.auto
    counts = {k: int(base.decisions.flags[k].sum()) for k in ("no_usable_text", "out_of_distribution")}
    print(f"{name}: {len(texts)} episodes coded in {time.perf_counter() - started:.0f} s; without the detector "
          f"auto-coded {int(auto.sum())}" + (f", right {base.audit.episode_correct[auto].mean():.1%}" if auto.any()
                                             else "") + f"; exceptions {counts}")
    print("  " + separation(coded, gold))
    for q, detector in detectors.items():
        result = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                      ood_flags=coded.ood_flags, split="x", blocked=coded.blocked,
                                      weak_evidence=detector.weak(coded.evidence.weights))
        print(f"  quantile {q}: " + split_figures(name, result.decisions.flags["weak_evidence"], auto,
                                                  result.decisions.auto, result.audit.per_episode,
                                                  result.audit.episode_correct))
        print("    " + code_split(result.decisions, gold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, type=Path)
    parser.add_argument("--data", required=True, type=Path, help="the dataset the bundle was trained on")
    parser.add_argument("--save-bundle", type=Path)
    parser.add_argument("--extract", type=Path, action="append", default=[])
    parser.add_argument("--quantile", type=float, nargs="+", default=[0.01])
    parser.add_argument("--min-support", type=int, default=20)
    parser.add_argument("--margin", type=float, default=1.0)
    args = parser.parse_args(argv)
    if args.save_bundle and args.save_bundle.exists():
        raise SystemExit(f"{args.save_bundle} exists: give a new folder")

    from datasets import load_from_disk

    from autocoding.policy.evidence import EvidenceDetector, gold_matrix
    from autocoding.serving.predictor import Coder, ServingOptions

    splits = load_from_disk(str(args.data))
    coder = Coder.from_bundle(args.bundle, ServingOptions())
    systems = coder.systems
    started = time.perf_counter()
    validation = splits["validation"]
    val_outputs, val_weights = coder.evidence_weights(list(validation["text"]))
    val_gold = {s: gold_matrix(validation[s], coder.bundle.labels[s]) for s in systems}
    print(f"validation: {len(validation)} episodes coded with evidence in {time.perf_counter() - started:.0f} s")
    for s in systems:
        predicted = val_outputs[s].probs >= 0.5
        hit, miss = predicted & (val_gold[s] > 0), predicted & (val_gold[s] == 0)
        print(f"  {s}: evidence weight of predicted codes (p >= 0.5): right {hit.sum()} median "
              f"{np.median(val_weights[s][hit]):.3f} (1% {np.quantile(val_weights[s][hit], 0.01):.3f}), wrong "
              f"{miss.sum()} median {np.median(val_weights[s][miss]) if miss.any() else float('nan'):.3f}")

    detectors = {q: EvidenceDetector.fit(val_weights, {s: o.probs for s, o in val_outputs.items()}, val_gold,
                                         coder.bundle.labels, quantile=q, min_support=args.min_support,
                                         margin=args.margin) for q in args.quantile}
    coder.bundle.evidence = detectors[args.quantile[0]]  # computes the weights; each quantile decides from them
    test = splits["test"]
    measure("test split", coder, list(test["text"]), {s: [list(c) for c in test[s]] for s in systems}, detectors)
    if args.save_bundle:
        shutil.copytree(args.bundle, args.save_bundle)
        detectors[args.quantile[0]].save(args.save_bundle / "evidence.json")
        print(f"bundle with the evidence detector (quantile {args.quantile[0]}): {args.save_bundle}")
    for extract in args.extract:
        from autocoding.data.extract import load_extract
        from autocoding.pipelines.evaluate_job import gold_codes
        from autocoding.serving.texts import join_episode_texts

        loaded = load_extract(extract, coder.code_systems or {}, on_error="quarantine")
        types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types") \
            or sorted(loaded.documents["doc_type"].astype(str).unique())
        texts = join_episode_texts(loaded.documents, loaded.episodes["episode_id"].astype(str).tolist(), types)
        measure(str(extract), coder, texts, gold_codes(loaded, systems, "audit"), detectors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
