"""Training's linear coder (`model.linear`, autocoding.model.linear_coder): fitted on the training split after the
network, and blended into the network's validation and test predictions before thresholds are fitted, so the
thresholds, the decision and every reported figure are those of the blend the bundle ships."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence

import numpy as np

from autocoding.model.linear_coder import LinearCoder, LinearSpec, blend
from autocoding.policy.outputs import multi_hot

log = logging.getLogger(__name__)


def linear_targets(gold: Sequence[Sequence[str]], labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(presence (N, L), primary (N, L)) 0/1 targets; the primary is the first code when it is in the label space."""
    index = {code: i for i, code in enumerate(labels)}
    primary = np.zeros((len(gold), len(labels)), dtype=np.float32)
    for row, codes in enumerate(gold):
        if codes and codes[0] in index:
            primary[row, index[codes[0]]] = 1.0
    return multi_hot(gold, labels).astype(np.float32), primary


def fit_linear(spec: LinearSpec, train_split, labels: Mapping[str, Sequence[str]]) -> LinearCoder:
    """The linear coder on a dataset split (columns `text` and one code list per system)."""
    started = time.perf_counter()
    targets = {system: linear_targets(train_split[system], codes) for system, codes in labels.items()}
    coder = LinearCoder.fit(spec, train_split["text"], labels, targets)
    log.info("linear coder: %d training documents, %d features, fitted in %.1f s", len(train_split),
             coder.weights.shape[0], time.perf_counter() - started)
    return coder


def blend_split(predictions, coder: LinearCoder, texts: Sequence[str]) -> None:
    """Blend the linear coder's scores of `texts` (the predictions' rows, in order) into `predictions` in place."""
    scores = coder.scores(texts)
    for system in list(predictions.probs):
        predictions.probs[system], predictions.primary[system] = blend(
            predictions.probs[system], predictions.primary[system], scores[system], coder.weight)


def add_linear(objects, spec: LinearSpec) -> LinearCoder | None:
    """With `spec.weight` > 0: fit on the training split and blend into `objects.predictions`; else None."""
    if spec.weight <= 0:
        return None
    coder = fit_linear(spec, objects.data.splits["train"], objects.labels)
    for split, predictions in objects.predictions.items():
        rows = predictions.rows.tolist()
        blend_split(predictions, coder, objects.data.splits[split].select(rows)["text"])
    return coder
