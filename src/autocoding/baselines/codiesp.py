"""The CodiEsp benchmark for the TF-IDF + ridge + code-title baseline.

    python -m autocoding.baselines.codiesp --data data/datasets/codiesp --out reports/codiesp_baseline.json

reads the dataset written by `autocoding build dataset=codiesp ...` (splits train / validation / test, where test is
CodiEsp dev), tunes the ridge strength and the title blend on validation MAP, then reports on test: the official
CodiEsp MAP (autocoding.metrics.codiesp_map) of the train-only fit and of the tuned configuration refitted on train +
validation, and the metric set of `autocoding.metrics.metric_set` on test (train-only fit) at one score threshold
tuned on validation micro-F1; the figures published for it are `f1_micro_all_codes` and `f1_macro_all_codes` (gold
codes outside the candidates count as misses; macro over the codes present in the test gold standard only). `--predictions DIR` also writes the ranked
test predictions in the official scorer's format (doc_id<TAB>code, best first, lower case).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from autocoding.baselines.linear import LinearConfig, TfidfFeatures
from autocoding.baselines.ranker import BlendConfig, CodeRanker, multi_hot
from autocoding.baselines.titles import TitleCoverage, icd10cm_titles
from autocoding.data.dataset_reader import read_dataset
from autocoding.files import write_text_atomic
from autocoding.metrics.codiesp_map import OFFICIAL_DEPTH, codiesp_map
from autocoding.metrics.metric_set import system_metrics

TITLE_SOURCES = {"icd10cm": icd10cm_titles}


@dataclass(frozen=True)
class SearchSpace:
    """Grid tuned on validation MAP (cheap: the ridge solve and the title scores are computed once per value)."""

    ridge: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3)
    title_weight: tuple[float, ...] = (0.0, 0.1, 0.15, 0.2, 0.3, 0.4)
    unseen_weight: tuple[float, ...] = (0.2, 0.3, 0.5, 0.8)


def load_splits(data_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The built dataset (`autocoding.data.dataset_reader`) as one DataFrame per split."""
    dataset = read_dataset(data_dir, columns=["episode_id", "text"])
    return {name: dataset.frame(name) for name in dataset.splits}


def run_benchmark(
    splits: Mapping[str, pd.DataFrame], systems: Sequence[str], space: SearchSpace = SearchSpace(), refit: bool = True
) -> tuple[dict, dict[str, dict[str, list[str]]]]:
    """-> (report {system: figures}, ranked test predictions {system: {episode_id: codes}}, of the train-only fit).
    refit: also report the test MAP of the tuned configuration refitted on train + validation."""
    train, validation, test = (splits[s] for s in ("train", "validation", "test"))
    features = TfidfFeatures(LinearConfig()).fit(train["text"].tolist())
    x = {name: features.transform(frame["text"].tolist()) for name, frame in splits.items()}
    report, ranked = {}, {}
    for system in systems:
        labels = sorted({c for codes in train[system] for c in codes})
        titles = TitleCoverage(TITLE_SOURCES[system]()) if system in TITLE_SOURCES else None
        ranker = CodeRanker(labels, titles)
        y = multi_hot(train[system].tolist(), labels)
        best, best_map = None, -1.0
        for ridge in space.ridge:
            ranker.fit(x["train"], y, ridge)
            ridge_val, cov_val = ranker.parts(x["validation"], validation["text"].tolist())
            weights = itertools.product(space.title_weight, space.unseen_weight) if titles else [(0.0, 0.0)]
            for tw, uw in weights:
                blend = BlendConfig(ridge, tw, uw)
                score = _map(validation, system, ranker, ranker.blend(ridge_val, cov_val, blend))
                if score > best_map:
                    best, best_map = blend, score
        ranker.fit(x["train"], y, best.ridge)
        val_scores = ranker.blend(*ranker.parts(x["validation"], validation["text"].tolist()), best)
        test_scores = ranker.blend(*ranker.parts(x["test"], test["text"].tolist()), best)
        threshold = _tune_threshold(val_scores, validation[system].tolist(), ranker.candidates)
        test_ranked = dict(zip(test["episode_id"], ranker.rank(test_scores, OFFICIAL_DEPTH), strict=True))
        # the scores rank every candidate (the label space plus titled codes), so the metric set's label space is
        # the candidates; `*_all_codes` count gold codes outside them as misses
        metrics = system_metrics("test", system, test_scores, test[system].tolist(), ranker.candidates,
                                 threshold=threshold)
        seen = set(labels)
        gold_test = [c for codes in test[system] for c in set(codes)]
        refit_map = _refit_map(splits, system, titles, best) if refit else None
        report[system] = {
            "map": {"validation": best_map, "test": codiesp_map(_gold(test, system), test_ranked),
                    "test_refit_train_validation": refit_map},
            "metrics": metrics, "threshold": threshold,
            "params": asdict(best), "labels": len(labels), "candidates": len(ranker.candidates),
            "test_gold_unseen_in_train": sum(c not in seen for c in gold_test) / max(len(gold_test), 1),
        }
        ranked[system] = test_ranked
    return report, ranked


def _refit_map(splits: Mapping[str, pd.DataFrame], system: str, titles, blend: BlendConfig) -> float:
    """Test MAP of the tuned configuration refitted on train + validation (the usual last step before a test
    submission: 15% more documents; the threshold and F1 figures stay with the train-only fit)."""
    both = pd.concat([splits["train"], splits["validation"]], ignore_index=True)
    test = splits["test"]
    features = TfidfFeatures(LinearConfig()).fit(both["text"].tolist())
    labels = sorted({c for codes in both[system] for c in codes})
    ranker = CodeRanker(labels, titles).fit(
        features.transform(both["text"].tolist()), multi_hot(both[system].tolist(), labels), blend.ridge
    )
    scores = ranker.blend(*ranker.parts(features.transform(test["text"].tolist()), test["text"].tolist()), blend)
    return _map(test, system, ranker, scores)


def _gold(frame: pd.DataFrame, system: str) -> dict[str, list[str]]:
    return dict(zip(frame["episode_id"], frame[system], strict=True))


def _map(frame: pd.DataFrame, system: str, ranker: CodeRanker, scores: np.ndarray) -> float:
    ranked = dict(zip(frame["episode_id"], ranker.rank(scores, OFFICIAL_DEPTH), strict=True))
    return codiesp_map(_gold(frame, system), ranked)


def _tune_threshold(scores: np.ndarray, gold: Sequence[Sequence[str]], candidates: Sequence[str]) -> float:
    """The global score threshold that maximises micro-F1 over all gold codes (`f1_micro_all_codes` of the metric
    set: gold codes outside the candidates are misses) on validation; thresholds tried: the top-50 scores per doc."""
    index = {c: j for j, c in enumerate(candidates)}
    targets = np.zeros(scores.shape, dtype=bool)
    n_gold = 0
    for i, codes in enumerate(gold):
        codes = set(codes)
        n_gold += len(codes)
        targets[i, [index[c] for c in codes if c in index]] = True
    top = -np.sort(-scores, axis=1)[:, :50]
    best_t, best_f1 = float(top.max()), -1.0
    for t in np.unique(np.round(top, 4))[::-1]:
        predicted = scores >= float(t)
        tp = int((predicted & targets).sum())
        # micro-F1 = 2 tp / (2 tp + fp + fn), with fp + fn = predicted + gold - 2 tp
        f1 = 2 * tp / (int(predicted.sum()) + n_gold) if int(predicted.sum()) + n_gold else 0.0
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t


def write_official_run(ranked: Mapping[str, Sequence[str]], path: Path) -> None:
    """doc_id<TAB>code per line, best first, lower case: the input of codiespD_P_evaluation.py."""
    lines = [f"{doc}\t{code.lower()}\n" for doc, codes in ranked.items() for code in codes]
    write_text_atomic(path, "".join(lines))


def run(cfg) -> dict:
    """Command layer for a CLI verb (`autocoding baseline dataset=codiesp data=DIR out=FILE`): reads `data`, `out`,
    optional `predictions`, and the systems of `dataset`; writes the JSON report and returns it."""
    report = benchmark_to_files(
        Path(cfg.data), Path(cfg.out), list(cfg.dataset.systems), cfg.get("predictions")
    )
    return report


def benchmark_to_files(data: Path, out: Path, systems: list[str], predictions: str | None = None) -> dict:
    report, ranked = run_benchmark(load_splits(data), systems)
    write_text_atomic(out, json.dumps(report, indent=2) + "\n")
    if predictions:
        for system, runs in ranked.items():
            write_official_run(runs, Path(predictions) / f"{system}_test_ranked.tsv")
    for system, figures in report.items():
        refit = figures["map"]["test_refit_train_validation"]
        scores = figures["metrics"]
        print(f"{system}: test MAP {figures['map']['test']:.3f} (validation {figures['map']['validation']:.3f}"
              + (f"; refitted on train + validation {refit:.3f}" if refit is not None else "") + "), "
              f"micro-F1 {scores[f'test/{system}/f1_micro_all_codes']:.3f}, "
              f"macro-F1 {scores[f'test/{system}/f1_macro_all_codes']:.3f} (all gold codes)")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder written by `autocoding build dataset=codiesp`")
    parser.add_argument("--out", required=True, help="JSON report to write")
    parser.add_argument("--systems", nargs="+", default=["icd10cm", "icd10pcs"])
    parser.add_argument("--predictions", help="folder for the ranked test predictions (official scorer format)")
    args = parser.parse_args(argv)
    benchmark_to_files(Path(args.data), Path(args.out), args.systems, args.predictions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
