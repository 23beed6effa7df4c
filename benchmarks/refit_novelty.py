"""Fit the wording detector (`policy.novelty`) for a trained bundle without retraining, and measure what it refuses.

    python benchmarks/refit_novelty.py --bundle DIR --data DATASET [--extract DIR ...] [--save-bundle DIR]
        [--quantile 0.99] [--margin 1.0]

Fits on the dataset's training texts with thresholds from its validation texts (as `autocoding train` does with
`thresholds.ood_novelty=true`), then prints the share of episodes flagged on the dataset's test split and on each
extract (joined as the bundle's dataset config says, `serving.texts`). `--save-bundle` writes a copy of the
bundle whose `ood.json` carries the detector, to be scored like any other (`benchmarks/score_independent.py`,
`autocoding evaluate`). Nothing is fitted on the extracts.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import numpy as np


def extract_texts(extract: Path, types: list[str] | None) -> list[str]:
    from autocoding.data.extract import load_extract
    from autocoding.serving.texts import join_episode_texts

    loaded = load_extract(extract, {}, on_error="quarantine")
    types = types or sorted(loaded.documents["doc_type"].astype(str).unique())
    return join_episode_texts(loaded.documents, loaded.episodes["episode_id"].astype(str).tolist(), types)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", required=True, type=Path)
    parser.add_argument("--data", required=True, type=Path, help="the dataset the bundle was trained on")
    parser.add_argument("--extract", type=Path, action="append", default=[])
    parser.add_argument("--save-bundle", type=Path)
    parser.add_argument("--quantile", type=float, default=0.99)
    parser.add_argument("--margin", type=float, default=1.0)
    args = parser.parse_args(argv)

    from datasets import load_from_disk

    from autocoding.policy.novelty import NoveltyDetector
    from autocoding.policy.ood import OODDetector

    splits = load_from_disk(str(args.data))
    detector = NoveltyDetector.fit(splits["train"]["text"], list(splits["validation"]["text"]),
                                   quantile=args.quantile, margin=args.margin)
    print(f"fitted on {len(splits['train'])} training texts: {detector.word_bits.mean():.2%} of the word bitset, "
          f"{detector.bits.mean():.1%} of the 3-gram bitset set; thresholds: unseen words > "
          f"{detector.word_threshold:.3f}, unseen 3-grams > {detector.phrase_threshold:.3f}")
    import yaml

    bundle_config = yaml.safe_load((args.bundle / "config.yaml").read_text()) or {}
    types = ((bundle_config.get("dataset") or {}).get("documents") or {}).get("types")
    sets = {"test split": list(splits["test"]["text"])}
    sets.update({str(e): extract_texts(e, types) for e in args.extract})
    for name, texts in sets.items():
        scores = detector.score(texts)
        flags = detector.flag(texts, scores)
        print(f"{name}: {int(flags.sum())} of {len(texts)} flagged ({flags.mean():.1%}); median unseen words "
              f"{np.median(scores.word):.3f}, unseen 3-grams {np.median(scores.phrase):.3f}")
    if args.save_bundle:
        if args.save_bundle.exists():
            raise SystemExit(f"{args.save_bundle} exists: give a new folder")
        shutil.copytree(args.bundle, args.save_bundle)
        ood = OODDetector.load(args.save_bundle / "ood.json")
        ood.novelty = detector
        ood.save(args.save_bundle / "ood.json")
        print(f"bundle with the wording detector: {args.save_bundle}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
