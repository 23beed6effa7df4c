"""Coding throughput of a model bundle on CPU: episodes/s and peak RSS, fp32 and bf16, on N synthetic episodes.

    python benchmarks/bench_throughput.py --bundle demo/run/bundle --n 2000 --json /tmp/bench_throughput.json

Episodes come from `autocoding synth` (a seed the demo did not train on), joined as the bundle's dataset config
says. Each precision codes the same texts with `autocoding.serving.Coder` (tokenise in blocks, length-sorted
batches, dynamic padding, inference_mode); time covers tokenisation, the network, OOD and the decision. The two
precisions are compared on the same episodes: decision agreement, largest probability difference, and the
automation figures against the synthetic audit codes. Goal: 150,000 episodes in under 30 minutes on the 2-core
machine (>= 84 episodes/s) at unchanged accuracy.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np


def synthetic_episodes(n: int, seed: int, types: list[str]):
    """(texts, gold {system: lists}) for n synthetic endoscopy episodes."""
    from autocoding.codes import get_code_systems
    from autocoding.config import compose
    from autocoding.data.extract import load_extract
    from autocoding.data.synth.command import run as synth
    from autocoding.pipelines.evaluate_job import gold_codes
    from autocoding.serving.texts import join_episode_texts

    with tempfile.TemporaryDirectory() as tmp:
        synth(compose("synth", ["specialty=endoscopy", f"n_episodes={n}", f"seed={seed}", f"out={tmp}/extract"]))
        extract = load_extract(f"{tmp}/extract", get_code_systems({}, ["icd10", "opcs4"]))
    ids = extract.episodes["episode_id"].astype(str).tolist()
    return join_episode_texts(extract.documents, ids, types), gold_codes(extract, ["icd10", "opcs4"], "audit")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def code_once(bundle, texts, gold, precision: str, batch_size: int, threads: int | None) -> dict:
    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.serving.predictor import Coder, ServingOptions

    coder = Coder(bundle, ServingOptions(batch_size=batch_size, precision=precision, threads=threads))
    coder.code(texts[: batch_size * 2])  # warm-up: first-call allocations and oneDNN kernel selection
    start = time.perf_counter()
    coded = coder.code(texts)
    seconds = time.perf_counter() - start
    gold = {s: gold[s] for s in coder.systems}
    metrics = evaluate_predictions(coded.outputs, gold, bundle.thresholds, coder.code_systems,
                                   ood_flags=coded.ood_flags, split="bench",
                                   weak_evidence=coded.weak_evidence).metrics
    return {"precision": precision, "episodes": len(texts), "seconds": seconds,
            "episodes_per_s": len(texts) / seconds, "peak_rss_mib": peak_rss_mib(), "coded": coded,
            "metrics": {k.removeprefix("bench/"): v for k, v in metrics.items()}}


def compare(a: dict, b: dict) -> dict:
    da, db = a["coded"].decisions, b["coded"].decisions
    same_codes = np.ones(len(da), bool)
    max_diff = 0.0
    for system in da.codes:
        same_codes &= np.array([x == y for x, y in zip(da.codes[system], db.codes[system], strict=True)])
        max_diff = max(max_diff, float(np.abs(a["coded"].outputs[system].probs - b["coded"].outputs[system].probs).max()))
    return {"auto_agreement": float((da.auto == db.auto).mean()), "codes_agreement": float(same_codes.mean()),
            "max_probability_difference": max_diff}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default="demo/run/bundle")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--precisions", default="fp32,bf16")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    import torch

    from autocoding.registry.bundle import load_bundle
    from autocoding.train.precision import cpu_supports_bf16

    bundle = load_bundle(args.bundle)
    types = ((bundle.config.get("dataset") or {}).get("documents") or {}).get("types") or ["endoscopy_report"]
    texts, gold = synthetic_episodes(args.n, args.seed, types)
    results = [code_once(bundle, texts, gold, p, args.batch_size, args.threads) for p in args.precisions.split(",")]
    summary = {"machine": f"{platform.processor() or platform.machine()}, {torch.get_num_threads()} threads, "
                          f"native bf16: {cpu_supports_bf16()}", "torch": torch.__version__, "bundle": args.bundle,
               "n": len(texts), "batch_size": args.batch_size, "runs": []}
    keys = ("automation/rate", "automation/accuracy", "audit/primary_diagnosis_accuracy",
            "audit/primary_procedure_accuracy", "icd10/f1_micro", "opcs4/f1_micro")
    for r in results:
        row = {k: r[k] for k in ("precision", "episodes", "seconds", "episodes_per_s", "peak_rss_mib")}
        row["minutes_for_150k"] = 150_000 / r["episodes_per_s"] / 60
        row.update({k: r["metrics"].get(k) for k in keys})
        summary["runs"].append(row)
        print(json.dumps(row))
    if len(results) == 2:
        summary["fp32_vs_bf16"] = compare(results[0], results[1])
        print(json.dumps(summary["fp32_vs_bf16"]))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
