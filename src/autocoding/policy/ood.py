"""Out-of-distribution detection: send text unlike the training data to a coder instead of auto-coding it.

A model can be confidently wrong on text it has never seen the like of (another specialty's letters, a new
template, an empty or garbled document). The detector scores each episode's pooled document embedding (N, H),
from the model, against the training embeddings:
- `mahalanobis` (default): distance to the training mean under a Ledoit-Wolf shrinkage covariance (a full
  covariance of 384 dimensions from a few thousand episodes is singular without shrinkage);
- `knn`: mean cosine distance to the k nearest training embeddings (a subsample of at most `max_reference`).
The threshold is the `quantile` (e.g. 0.99) of VALIDATION scores, so about 1% of in-distribution episodes are
flagged: the cost of safety, visible in the exception counts. Cheap text signals add to it: an empty text, or
a share of unknown tokens above `max_unknown_fraction`, is always flagged; and with `novelty`
(`policy.novelty.NoveltyDetector`), wording unlike the training documents: a fine-tuned encoder maps a new
template close to what it knows, the words themselves do not.

Saved as `ood.json` in the model bundle (arrays as base64 float32 with their shape, so the file stays small).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autocoding.errors import InputError
from autocoding.files import write_json_atomic
from autocoding.policy.novelty import NoveltyDetector

METHODS = ("mahalanobis", "knn")


def _encode(array: np.ndarray) -> dict:
    data = np.ascontiguousarray(array, dtype=np.float32)
    return {"shape": list(data.shape), "float32_base64": base64.b64encode(data.tobytes()).decode("ascii")}


def _decode(blob: dict) -> np.ndarray:
    raw = base64.b64decode(blob["float32_base64"])
    return np.frombuffer(raw, dtype=np.float32).reshape(blob["shape"]).astype(np.float64)


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def empty_texts(texts: Sequence[str]) -> np.ndarray:
    """(N,) bool: texts with no non-space character."""
    return np.array([not (t or "").strip() for t in texts], dtype=bool)


def unknown_token_fraction(input_ids: np.ndarray, attention_mask: np.ndarray, unk_id: int) -> np.ndarray:
    """(N,) share of real tokens that are the tokenizer's unknown token; ids/mask (N, T) or (N, S, T)."""
    ids = np.asarray(input_ids).reshape(len(input_ids), -1)
    mask = np.asarray(attention_mask).reshape(len(input_ids), -1).astype(bool)
    real = mask.sum(1)
    return np.divide(((ids == unk_id) & mask).sum(1), real, out=np.zeros(len(ids)), where=real > 0)


@dataclass
class OODDetector:
    method: str
    mean: np.ndarray  # (H,)
    matrix: np.ndarray  # mahalanobis: precision (H, H); knn: unit-norm reference embeddings (M, H)
    threshold: float
    quantile: float
    k: int = 10
    max_unknown_fraction: float = 0.2
    novelty: NoveltyDetector | None = None

    @classmethod
    def fit(cls, train: np.ndarray, validation: np.ndarray, method: str = "mahalanobis", quantile: float = 0.99,
            k: int = 10, max_reference: int = 2000, max_unknown_fraction: float = 0.2, seed: int = 0) -> OODDetector:
        """Fit on training embeddings (N, H); threshold at the `quantile` of validation scores (M, H)."""
        train = np.asarray(train, dtype=np.float64)
        if method not in METHODS:
            raise ValueError(f"unknown OOD method {method!r}; choose one of {METHODS}")
        if train.ndim != 2 or len(train) < 2:
            raise ValueError(f"need at least 2 training embeddings (N, H), got shape {train.shape}")
        mean = train.mean(axis=0)
        if method == "mahalanobis":
            from scipy.linalg import pinvh
            from sklearn.covariance import ledoit_wolf

            covariance, _ = ledoit_wolf(train - mean, assume_centered=True)
            matrix = pinvh(covariance)
        else:
            rng = np.random.default_rng(seed)
            rows = rng.choice(len(train), size=min(max_reference, len(train)), replace=False)
            matrix = _unit(train[np.sort(rows)])
        detector = cls(method, mean, matrix, np.inf, quantile, min(k, len(matrix)), max_unknown_fraction)
        detector.threshold = float(np.quantile(detector.score(validation), quantile))
        return detector

    def score(self, embeddings: np.ndarray, chunk: int = 4096) -> np.ndarray:
        """(N,) distance from the training data; larger = less like it."""
        x = np.asarray(embeddings, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != len(self.mean):
            raise ValueError(f"embeddings must be (N, {len(self.mean)}), got {x.shape}")
        if self.method == "mahalanobis":
            centred = x - self.mean
            return np.sqrt(np.maximum(np.einsum("nh,hk,nk->n", centred, self.matrix, centred), 0.0))
        scores = []
        for start in range(0, len(x), chunk):
            distance = 1.0 - _unit(x[start:start + chunk]) @ self.matrix.T  # (n, M) cosine distance
            nearest = np.partition(distance, self.k - 1, axis=1)[:, : self.k]
            scores.append(nearest.mean(axis=1))
        return np.concatenate(scores) if scores else np.zeros(0)

    def flag(self, embeddings: np.ndarray, texts: Sequence[str] | None = None,
             unknown_fraction: np.ndarray | None = None) -> np.ndarray:
        """(N,) bool, True = out of distribution: score above threshold, empty text, or too many unknown tokens."""
        flags = self.score(embeddings) > self.threshold
        if texts is not None:
            flags |= empty_texts(texts)
            if self.novelty is not None:
                flags |= self.novelty.flag(texts)
        if unknown_fraction is not None:
            flags |= np.asarray(unknown_fraction) > self.max_unknown_fraction
        return flags

    def to_json(self) -> dict:
        return {"format_version": 1, "method": self.method, "threshold": self.threshold, "quantile": self.quantile,
                "k": self.k, "max_unknown_fraction": self.max_unknown_fraction,
                "mean": _encode(self.mean), "matrix": _encode(self.matrix),
                "novelty": self.novelty.to_json() if self.novelty is not None else None}

    @classmethod
    def from_json(cls, data: dict) -> OODDetector:
        return cls(data["method"], _decode(data["mean"]), _decode(data["matrix"]), float(data["threshold"]),
                   float(data["quantile"]), int(data["k"]), float(data["max_unknown_fraction"]),
                   NoveltyDetector.from_json(data["novelty"]) if data.get("novelty") else None)

    def save(self, path: str | Path) -> Path:
        return write_json_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> OODDetector:
        try:
            return cls.from_json(json.loads(Path(path).read_text()))
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(f"cannot read the out-of-distribution detector: {exc}", file=str(path)) from exc
