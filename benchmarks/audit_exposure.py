"""How many wrong auto-coded episodes go out before the audit sample trips the circuit breaker.

    python benchmarks/audit_exposure.py [--fraction 0.05 0.2] [--accuracy 0.04 0.5 0.8 0.9 0.95] [--runs 2000]

The audit sample (`serving.audit_sample`) sends `fraction` of the auto-coded episodes to coders; the breaker
(`corrections.breaker`) trips once the upper end of the two-sided 95% Wilson interval of the audited episodes'
accuracy is below the target (0.97). For a model whose real accuracy on live auto-coded episodes is `accuracy`
(on text unlike its validation data it can be far below what validation showed: issue 13's neurology demo
auto-coded 23 independent letters and got 1 right), this draws auto-coded episodes (each audited with probability
`fraction`, each right with probability `accuracy`, audits returned at once) until the breaker trips, and reports
the median and 90th centile of the auto-coded and of the wrong auto-coded episodes by then, over `runs` runs.
Audits come back later in real life: add the episodes coded while they wait. Numbers only; no model is run.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np


def exposure(accuracy: float, fraction: float, target: float, runs: int, limit: int, seed: int = 0) -> dict:
    from autocoding.policy.bounds import wilson_interval

    rng = np.random.default_rng(seed)
    trips: dict[tuple[int, int], bool] = {}  # (right, audits) -> the breaker trips there
    coded, wrong, never = [], [], 0
    for _ in range(runs):
        audits = right = n = bad = 0
        while True:
            gap = int(rng.geometric(fraction))  # auto-coded episodes up to and including the next audited one
            if n + gap > limit:
                never += 1
                bad += int(rng.binomial(limit - n, 1 - accuracy))
                n = limit
                break
            n += gap
            ok = rng.random() < accuracy
            bad += int(rng.binomial(gap - 1, 1 - accuracy)) + (not ok)
            audits, right = audits + 1, right + ok
            key = (right, audits)
            if key not in trips:
                trips[key] = wilson_interval(right, audits)[1] < target
            if trips[key]:
                break
        coded.append(n)
        wrong.append(bad)
    return {"accuracy": accuracy, "fraction": fraction, "runs": runs,
            "auto_coded_median": float(np.median(coded)), "auto_coded_p90": float(np.percentile(coded, 90)),
            "wrong_median": float(np.median(wrong)), "wrong_p90": float(np.percentile(wrong, 90)),
            "not_tripped_within_limit": never / runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, nargs="+", default=[0.05, 0.2])
    parser.add_argument("--accuracy", type=float, nargs="+", default=[0.04, 0.5, 0.8, 0.9, 0.95])
    parser.add_argument("--target", type=float, default=0.97)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--limit", type=int, default=20_000, help="auto-coded episodes after which a run stops")
    args = parser.parse_args(argv)
    print("| live accuracy | audit fraction | auto-coded before the trip: median (90th centile) | wrong among them: "
          "median (90th centile) | runs not tripped within the limit |")
    print("|---:|---:|---:|---:|---:|")
    for accuracy in args.accuracy:
        for fraction in args.fraction:
            r = exposure(accuracy, fraction, args.target, args.runs, args.limit)
            print(f"| {accuracy:.0%} | {fraction:.0%} | {r['auto_coded_median']:.0f} ({r['auto_coded_p90']:.0f}) | "
                  f"{r['wrong_median']:.0f} ({r['wrong_p90']:.0f}) | {r['not_tripped_within_limit']:.1%} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
