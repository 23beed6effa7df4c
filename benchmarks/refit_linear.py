"""Blend a linear coder into a trained bundle, refit its thresholds on the blend, and measure it on the test split.

    python benchmarks/refit_linear.py --bundle DEMO/run/bundle --data DEMO/dataset --weight 0.5 --save-bundle OUT

Does what `autocoding train model.linear.weight=W` does after the network's fit, without training the network
again: fits the linear coder (autocoding.model.linear_coder) on the dataset's TRAIN split, writes a copy of the
bundle DIRECTORY with it (`linear/`) to `--save-bundle`, codes the validation and test splits with that copy (the
serving path, so the outputs are the blend), fits thresholds and the episode-level search on VALIDATION with the
bundle's own threshold settings (its config.yaml), writes them into the copy, and prints the TEST figures.
`--weight 0` gives the same refit of the network alone, the fair baseline (the serving path's outputs can differ
from the training run's in the last digits). Score the copy on other extracts with score_independent.py.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path


def refit(bundle: Path, data: Path, weight: float, out: Path, spec_overrides: dict | None = None) -> dict:
    import numpy as np
    from datasets import load_from_disk

    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.eval.tuning import fit_thresholds
    from autocoding.model.linear_coder import LinearSpec
    from autocoding.pipelines.linear_blend import fit_linear
    from autocoding.policy.thresholds import ThresholdConfig, save_thresholds
    from autocoding.registry.bundle import LINEAR_DIR, load_bundle
    from autocoding.serving.predictor import Coder, ServingOptions

    if out.exists():
        raise SystemExit(f"{out} exists: give a new --save-bundle directory")
    shutil.copytree(bundle, out)
    shutil.rmtree(out / LINEAR_DIR, ignore_errors=True)
    dataset = load_from_disk(str(data))
    loaded = load_bundle(out)
    spec = LinearSpec.from_mapping({**((loaded.config.get("model") or {}).get("linear") or {}),
                                    **(spec_overrides or {}), "weight": weight})
    started = time.perf_counter()
    if weight > 0:
        fit_linear(spec, dataset["train"], loaded.labels).save(out / LINEAR_DIR)
    fit_seconds = time.perf_counter() - started
    coder = Coder.from_bundle(str(out), ServingOptions(progress=False))
    coded = {}
    for split in ("validation", "test"):
        texts = list(dataset[split]["text"])
        outputs, embeddings, unknown = coder.predict(texts)
        coded[split] = (outputs, coder.ood_flags(embeddings, texts, unknown),
                        {s: [list(c) for c in dataset[split][s]] for s in outputs})
    config = ThresholdConfig.from_mapping(loaded.config.get("thresholds") or {})
    (val_out, _, val_gold), (test_out, test_flags, test_gold) = coded["validation"], coded["test"]
    tables = fit_thresholds(val_out, val_gold, config, coder.code_systems)  # as training does (pipelines.calibrate)
    save_thresholds(tables, out / "thresholds.json")
    m = evaluate_predictions(test_out, test_gold, tables, coder.code_systems, ood_flags=test_flags,
                             split="test").metrics
    top1 = {}
    for system, out_ in test_out.items():
        labels = out_.labels
        top = [labels[i] for i in np.argmax(out_.primary_probs, axis=1)]
        top1[system] = float(np.mean([bool(g) and g[0] == t for g, t in zip(test_gold[system], top, strict=True)]))
    return {"bundle": str(bundle), "weight": weight, "spec": spec_overrides or {}, "saved": str(out), "linear_fit_s": round(fit_seconds, 1),
            "test_episodes": int(m["test/automation/episodes"]), "auto_coded": int(m["test/automation/auto_episodes"]),
            "auto_coded_right": m["test/automation/accuracy"],
            "primary_diagnosis": m.get("test/audit/primary_diagnosis_accuracy"),
            "primary_procedure": m.get("test/audit/primary_procedure_accuracy"),
            "whole_episode": m.get("test/audit/episode_accuracy"), "top_primary_score_right": top1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, type=Path, help="a bundle directory")
    parser.add_argument("--data", required=True, type=Path, help="the dataset directory the bundle was trained on")
    parser.add_argument("--weight", type=float, default=0.5, help="the linear coder's share of the blend (0: none)")
    parser.add_argument("--save-bundle", required=True, type=Path, help="where the blended copy is written")
    parser.add_argument("--spec", type=json.loads, default=None,
                        help='other linear coder settings as JSON, e.g. \'{"char_ngrams": [4, 4]}\'')
    args = parser.parse_args(argv)
    print(json.dumps(refit(args.bundle, args.data, args.weight, args.save_bundle, args.spec), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
