"""After the fit, before anything is shipped: thresholds on validation, the OOD detector, decisions and metrics on
test. Works on what `autocoding.train.train` hands back; no MLflow here (`train_job` logs the result).

Validation tunes (thresholds, OOD quantile), test only measures: no number reported on test was chosen on it.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from autocoding.eval.evaluation import evaluate_predictions
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.eval.tuning import fit_thresholds
from autocoding.model.segments import tokenize_segments
from autocoding.policy.evidence import EvidenceDetector, gold_matrix
from autocoding.policy.novelty import NoveltyDetector
from autocoding.policy.ood import OODDetector
from autocoding.policy.outputs import outputs_from_predictions
from autocoding.serving.predictor import network_coder, unknown_shares
from autocoding.train.predict import predict

if TYPE_CHECKING:  # lightning loads in seconds: only the verb's run imports it
    from autocoding.train.run import Trained

log = logging.getLogger(__name__)
OOD_TRAIN_EPISODES = 2000  # training episodes embedded to fit the OOD detector (its cost is one prediction pass)


@dataclass
class Calibrated:
    """Thresholds {system: ThresholdTable}, the OOD detector, the test Evaluation and what produced it."""

    thresholds: dict
    ood: object
    evaluation: object  # autocoding.eval.evaluation.Evaluation on test
    tradeoff: object  # pandas.DataFrame or None
    test_texts: list[str]
    test_gold: dict[str, list[list[str]]]
    test_episode_ids: list[str]
    evidence: object = None  # policy.evidence.EvidenceDetector, or None (thresholds.evidence=false)


def split_gold(data, split: str, rows: np.ndarray, systems: list[str]) -> dict[str, list[list[str]]]:
    """Gold code lists (primary first) of the predicted rows of a split."""
    part = data.splits[split].select(rows.tolist())
    return {system: [list(codes) for codes in part[system]] for system in systems}


def unknown_share(tokenizer, texts: list[str], segments) -> np.ndarray:
    """(N,) share of each text's tokens that the tokenizer does not know ([UNK])."""
    encoded, _ = tokenize_segments(tokenizer, texts, segments)
    return np.asarray(unknown_shares(encoded, tokenizer.unk_token_id), dtype=float)


def fit_ood(objects: Trained, config, validation_embeddings: np.ndarray):
    """OOD detector on up to OOD_TRAIN_EPISODES training embeddings, threshold on validation embeddings; the
    wording detector on every training text, thresholds on the validation texts."""
    loader = objects.datamodule.predict_loader("train")
    batches = math.ceil(OOD_TRAIN_EPISODES / max(loader.batch_size or 1, 1))
    train_pred = predict(objects.module, loader, objects.precision, batches)
    detector = OODDetector.fit(train_pred.embeddings, validation_embeddings, method=config.ood_method,
                               quantile=config.ood_quantile, max_unknown_fraction=config.ood_max_unknown_fraction)
    if config.ood_novelty:
        detector.novelty = NoveltyDetector.fit(
            objects.data.splits["train"]["text"], list(objects.data.splits["validation"]["text"]),
            quantile=config.ood_novelty_quantile, margin=config.ood_novelty_margin)
    return detector


def fit_evidence(objects: Trained, config, document_types, validation_rows: np.ndarray, test_rows: np.ndarray,
                 validation_gold: dict):
    """The evidence detector on validation (one more inference pass, with evidence weights) and the test split's
    {system: (N, L)} weak-evidence masks (another pass), in the predictions' row order."""
    from dataclasses import asdict

    coder = network_coder(objects.module.network, objects.tokenizer, objects.labels, asdict(objects.spec.segments),
                          document_types)
    val_texts = list(objects.data.splits["validation"].select(validation_rows.tolist())["text"])
    outputs, weights = coder.evidence_weights(val_texts)
    gold = {s: gold_matrix(validation_gold[s], objects.labels[s]) for s in objects.labels}
    detector = EvidenceDetector.fit(weights, {s: o.probs for s, o in outputs.items()}, gold, objects.labels,
                                    quantile=config.evidence_quantile, min_support=config.evidence_min_support,
                                    margin=config.evidence_margin)
    _, test_weights = coder.evidence_weights(list(objects.data.splits["test"].select(test_rows.tolist())["text"]))
    return detector, detector.weak(test_weights)


def calibrate(objects: Trained, config, code_systems: dict | None, with_tradeoff: bool = True,
              document_types=()) -> Calibrated:
    """Thresholds + OOD (+ the evidence detector with `config.evidence`) from validation, then decisions and
    metrics on test.

    objects: from `train(cfg)` (predictions, labels, data, datamodule, module, tokenizer, spec);
    config: autocoding.policy.thresholds.ThresholdConfig; document_types: the `[doc_type]` headers of the texts.
    """
    data, labels, preds = objects.data, objects.labels, objects.predictions
    systems = list(labels)
    val, test = preds["validation"], preds["test"]
    val_outputs, test_outputs = outputs_from_predictions(val, labels), outputs_from_predictions(test, labels)
    val_gold = split_gold(data, "validation", val.rows, systems)
    test_gold = split_gold(data, "test", test.rows, systems)
    thresholds = fit_thresholds(val_outputs, val_gold, config, code_systems)
    ood = fit_ood(objects, config, val.embeddings)
    test_split = data.splits["test"].select(test.rows.tolist())
    texts = list(test_split["text"])
    ids = list(test_split["episode_id"]) if "episode_id" in test_split.column_names else [str(r) for r in test.rows]
    flags = ood.flag(test.embeddings, texts=texts,
                     unknown_fraction=unknown_share(objects.tokenizer, texts, objects.spec.segments))
    evidence, weak = (fit_evidence(objects, config, document_types, val.rows, test.rows, val_gold)
                      if config.evidence else (None, None))
    evaluation = evaluate_predictions(test_outputs, test_gold, thresholds, code_systems, ood_flags=flags, split="test",
                                      weak_evidence=weak)
    curve = None
    if with_tradeoff:
        curve = tradeoff_curve(val_outputs, val_gold, test_outputs, test_gold, config, code_systems,
                               test_ood_flags=flags)
    return Calibrated(thresholds, ood, evaluation, curve, texts, test_gold, [str(i) for i in ids], evidence)
