"""Refit a trained model's thresholds with the current rules and measure automation on its test split.

    python benchmarks/refit_thresholds.py --bundle DEMO/run/bundle --data DEMO/dataset \
        --outputs /tmp/demo_outputs.pkl [thresholds.KEY=VALUE ...]

Codes the validation and test splits of the dataset the bundle was trained on (`autocoding.serving.Coder`, the
serving path: tokenisation, network, OOD flags), saves those outputs to `--outputs` (reused when the file exists,
so several threshold settings can be compared in seconds), then does what training does after the fit: thresholds
and the episode-level search on VALIDATION (`autocoding.eval.tuning.fit_thresholds`), decisions and metrics on TEST
(`autocoding.eval.evaluation.evaluate_predictions`). Nothing is written into the bundle; `--save-bundle DIR`
writes a copy of a bundle DIRECTORY with the refitted thresholds.json, to judge them on other extracts with
`autocoding evaluate model=DIR ...`.

Used to compare threshold rules on models that took an hour to train (docs/benchmarks.md, "Thresholds").
The serving path's probabilities can differ from those of the training run's own prediction pass in the last
digits (batching), so a figure can move by an episode against the run's report.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path


def code_splits(bundle: str, data: str) -> dict:
    """{split: {outputs, flags, gold}} for validation and test."""
    from datasets import load_from_disk

    from autocoding.serving.predictor import Coder

    dataset = load_from_disk(data)
    coder = Coder.from_bundle(bundle)
    result = {}
    for split in ("validation", "test"):
        start = time.perf_counter()
        texts = list(dataset[split]["text"])
        outputs, embeddings, unknown = coder.predict(texts)
        flags = coder.ood_flags(embeddings, texts, unknown)
        gold = {system: [list(codes) for codes in dataset[split][system]] for system in outputs}
        result[split] = {"outputs": outputs, "flags": flags, "gold": gold}
        print(f"{split}: {len(texts)} episodes coded in {time.perf_counter() - start:.1f} s", flush=True)
    return result


def refit(coded: dict, overrides: list[str], save_bundle: tuple[str, str] | None = None) -> dict:
    """Thresholds on validation as `autocoding train` composes them (conf/train.yaml + overrides, e.g.
    `thresholds.episode_target=0.95` or `experiment=neurology_short_stay/minilm`), figures on test."""
    from omegaconf import OmegaConf

    from autocoding.codes import get_code_systems
    from autocoding.config import compose
    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.eval.tuning import fit_thresholds
    from autocoding.policy.thresholds import ThresholdConfig

    config = ThresholdConfig.from_mapping(OmegaConf.to_container(compose("train", overrides).thresholds, resolve=True))
    val, test = coded["validation"], coded["test"]
    code_systems = get_code_systems({}, list(val["outputs"]))
    tables = fit_thresholds(val["outputs"], val["gold"], config, code_systems, ood_flags=val["flags"])
    evaluation = evaluate_predictions(test["outputs"], test["gold"], tables, code_systems, ood_flags=test["flags"],
                                      split="test")
    if save_bundle is not None:
        import shutil

        from autocoding.policy.thresholds import save_thresholds

        source, target = save_bundle
        shutil.copytree(source, target)
        save_thresholds(tables, Path(target) / "thresholds.json")
    metrics = evaluation.metrics
    search = next(iter(tables.values())).episode
    return {
        "overrides": overrides,
        "test_episodes": int(metrics["test/automation/episodes"]),
        "auto_coded": int(metrics["test/automation/auto_episodes"]),
        "automation_rate": round(metrics["test/automation/rate"], 4),
        "auto_coded_right": round(metrics["test/automation/accuracy"], 4),
        "validation_chosen": search.get("chosen"),
        "rules": {name: {rule: t.rule.count(rule) for rule in sorted(set(t.rule))} for name, t in tables.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, help="bundle directory or runs:/ / models:/ URI")
    parser.add_argument("--data", required=True, help="the dataset directory the bundle was trained on")
    parser.add_argument("--outputs", required=True, help="pickle of the coded splits (written once, then reused)")
    parser.add_argument("--save-bundle", help="write a copy of --bundle (a directory) with the new thresholds here")
    parser.add_argument("overrides", nargs="*", help="train overrides, e.g. thresholds.episode_target=0.95")
    args = parser.parse_args()
    path = Path(args.outputs)
    if path.exists():
        coded = pickle.loads(path.read_bytes())
    else:
        coded = code_splits(args.bundle, args.data)
        path.write_bytes(pickle.dumps(coded))
    save = (args.bundle, args.save_bundle) if args.save_bundle else None
    print(json.dumps(refit(coded, args.overrides, save), indent=1))


if __name__ == "__main__":
    main()
