"""Score a model bundle on a split of a built dataset (e.g. the synthetic test split its demo trained beside).

    python benchmarks/score_split.py --bundle BUNDLE --dataset DATASET_DIR [--split test] [--precision fp32|bf16]

The dataset is what `autocoding build` wrote (`<workdir>/dataset` of a demo). The split's joined texts are coded
with the bundle's own thresholds, code-system rules and detectors (`Coder.code`, as `autocoding code` does) and
scored by `autocoding.eval.evaluation.evaluate_predictions` against the split's codes: automation rate, auto-coded
accuracy, primary diagnosis / procedure and whole-episode accuracy over all episodes. The same printout as
`score_independent.py`, so a bundle's synthetic and independent figures sit side by side, measured the same way
(and a bundle changed after training, e.g. refitted, is scored on the split it never saw).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def score(bundle: str, dataset: Path, split: str = "test", precision: str = "fp32") -> dict:
    from datasets import load_from_disk

    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.serving.predictor import Coder, ServingOptions

    data = load_from_disk(str(dataset))[split]
    coder = Coder.from_bundle(bundle, ServingOptions(progress=False, precision=precision))
    coded = coder.code(list(data["text"]))
    gold = {system: [list(codes) for codes in data[system]] for system in coder.systems}
    evaluation = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                      ood_flags=coded.ood_flags, split="split", blocked=coded.blocked,
                                      weak_evidence=coded.weak_evidence)
    m = {k.removeprefix("split/"): v for k, v in evaluation.metrics.items()}
    auto_n = int(m["automation/auto_episodes"])
    return {"bundle": bundle, "dataset": str(dataset), "split": split, "episodes": len(data),
            "automation_rate": m["automation/rate"], "auto_coded": auto_n,
            "auto_coded_right": int(round(m["automation/accuracy"] * auto_n)) if auto_n else 0,
            "auto_coded_accuracy": m["automation/accuracy"] if auto_n else None,
            "primary_diagnosis_accuracy": m.get("audit/primary_diagnosis_accuracy"),
            "primary_procedure_accuracy": m.get("audit/primary_procedure_accuracy"),
            "episode_accuracy": m.get("audit/episode_accuracy"), "metrics": m}


def render(r: dict) -> str:
    def pct(x):
        return "n/a" if x is None or x != x else f"{100 * x:.1f}%"
    return "\n".join([
        f"{r['split']} split of {r['dataset']}: {r['episodes']} episodes, bundle {r['bundle']}",
        f"  automation rate          {pct(r['automation_rate'])} ({r['auto_coded']} auto-coded)",
        f"  auto-coded accuracy      {pct(r['auto_coded_accuracy'])} ({r['auto_coded_right']} right)",
        f"  primary diagnosis        {pct(r['primary_diagnosis_accuracy'])} (all episodes)",
        f"  primary procedure        {pct(r['primary_procedure_accuracy'])} (all episodes)",
        f"  whole episode            {pct(r['episode_accuracy'])} (all episodes)"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory, runs:/ or models:/ URI")
    parser.add_argument("--dataset", type=Path, required=True, help="a dataset folder written by autocoding build")
    parser.add_argument("--split", default="test")
    parser.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    result = score(args.bundle, args.dataset, args.split, args.precision)
    print(render(result))
    if args.out:
        from autocoding.files import write_json_atomic

        write_json_atomic(args.out, result, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
