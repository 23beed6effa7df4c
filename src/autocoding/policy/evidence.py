"""Codes whose evidence the model cannot point to: refuse a predicted code that no word of the text supports.

Each code's label-wise attention spreads one softmax over the episode's tokens (`autocoding.model.label_attention`);
its evidence weight is the largest share of that softmax any one document word holds (`serving.evidence`: [CLS],
[SEP] and the `[doc_type]` headers excluded). The idea: when the model is right about a code it points at the
words that carry it ("Barrett's", "polypectomy") and the weight is high; a code given while the attention is
spread over many tokens with none standing out rests on the document's overall look, not on anything a coder
could check. Measured on the demo model (docs/benchmarks.md, "The independent development set") the weight tells
right codes from wrong ones only weakly on synthetic text and not at all on the independent set, which is why
`thresholds.evidence` is off by default.

The detector keeps, per code system and code, a lower bound on the evidence weight of CORRECT predictions, fitted
on the validation split: the `quantile` (e.g. 0.01) of the weights of true positives (gold code with probability
>= `predicted_at`). A code with at least `min_support` true positives gets its own bound; the others share the
bound of all the system's true positives pooled. The bound is then multiplied by `margin` (< 1 loosens it). At
decision time a code the decision would record (confident, or suggested) whose weight lies below its bound makes
the episode an exception `weak_evidence` (`policy.decision`): by construction about `quantile` of correct
predictions on validation fall below, which is the detector's cost on in-distribution episodes.

Saved as `evidence.json` in the model bundle; a bundle without it decides as before (no detector).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autocoding.errors import InputError
from autocoding.files import write_json_atomic

FORMAT_VERSION = 1


@dataclass
class EvidenceDetector:
    """{system: (L,) lower bounds} on the evidence weight, in the label order of `labels`; `own` (L,) True where
    the code's bound is its own (else the system's shared one); `support` (L,) its validation true positives."""

    labels: dict[str, list[str]]
    bounds: dict[str, np.ndarray]
    own: dict[str, np.ndarray]
    support: dict[str, np.ndarray]
    shared: dict[str, float]
    quantile: float = 0.01
    min_support: int = 20
    margin: float = 1.0
    predicted_at: float = 0.5

    @classmethod
    def fit(cls, weights: Mapping[str, np.ndarray], probs: Mapping[str, np.ndarray], gold: Mapping[str, np.ndarray],
            labels: Mapping[str, Sequence[str]], quantile: float = 0.01, min_support: int = 20, margin: float = 1.0,
            predicted_at: float = 0.5) -> EvidenceDetector:
        """weights, probs, gold: per system (N, L) arrays (gold 0/1) of the same validation episodes."""
        if not 0.0 <= quantile < 1.0:
            raise ValueError(f"evidence quantile must be in [0, 1), got {quantile}")
        if min_support < 1 or margin <= 0:
            raise ValueError(f"evidence min_support must be >= 1 and margin > 0, got {min_support}, {margin}")
        bounds, own, support, shared = {}, {}, {}, {}
        for system, codes in labels.items():
            w = np.asarray(weights[system], dtype=np.float64)
            hit = (np.asarray(probs[system]) >= predicted_at) & (np.asarray(gold[system]) > 0)
            if w.shape != hit.shape or w.shape[1:] != (len(codes),):
                raise ValueError(f"{system}: weights {w.shape}, probabilities/gold {hit.shape}, {len(codes)} labels")
            n = hit.sum(axis=0)
            pooled = float(np.quantile(w[hit], quantile)) if hit.any() else 0.0
            bound = np.full(len(codes), pooled)
            mine = n >= min_support
            for label in np.flatnonzero(mine).tolist():
                bound[label] = np.quantile(w[hit[:, label], label], quantile)
            bounds[system], own[system], support[system], shared[system] = bound * margin, mine, n, pooled * margin
        return cls({s: list(c) for s, c in labels.items()}, bounds, own, support, shared, quantile, min_support,
                   margin, predicted_at)

    def weak(self, weights: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """{system: (N, L) bool}: True where a code's evidence weight lies below its bound (whether predicted or
        not; the decision keeps the codes it would record)."""
        out = {}
        for system, bound in self.bounds.items():
            if system not in weights:
                continue
            w = np.asarray(weights[system])
            if w.ndim != 2 or w.shape[1] != len(bound):
                raise ValueError(f"{system}: evidence weights must be (N, {len(bound)}), got {w.shape}")
            out[system] = w < bound[None, :]
        return out

    def to_json(self) -> dict:
        return {"format_version": FORMAT_VERSION, "quantile": self.quantile, "min_support": self.min_support,
                "margin": self.margin, "predicted_at": self.predicted_at,
                "systems": {s: {"labels": self.labels[s], "bounds": [round(float(b), 6) for b in self.bounds[s]],
                                "own": self.own[s].astype(bool).tolist(), "support": self.support[s].astype(int).tolist(),
                                "shared": round(float(self.shared[s]), 6)} for s in self.labels}}

    @classmethod
    def from_json(cls, data: dict) -> EvidenceDetector:
        if data.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"unsupported evidence detector format {data.get('format_version')!r}")
        systems = data["systems"]
        return cls({s: list(v["labels"]) for s, v in systems.items()},
                   {s: np.asarray(v["bounds"], dtype=np.float64) for s, v in systems.items()},
                   {s: np.asarray(v["own"], dtype=bool) for s, v in systems.items()},
                   {s: np.asarray(v["support"], dtype=np.int64) for s, v in systems.items()},
                   {s: float(v["shared"]) for s, v in systems.items()},
                   float(data["quantile"]), int(data["min_support"]), float(data["margin"]),
                   float(data["predicted_at"]))

    def save(self, path: str | Path) -> Path:
        return write_json_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: str | Path) -> EvidenceDetector:
        try:
            return cls.from_json(json.loads(Path(path).read_text()))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"cannot read the evidence detector: {exc}", file=str(path)) from exc


def gold_matrix(gold: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """(N, L) 0/1 from per-episode gold code lists (codes outside the label space are ignored)."""
    index = {c: i for i, c in enumerate(labels)}
    out = np.zeros((len(gold), len(labels)), dtype=np.int8)
    for row, codes in enumerate(gold):
        for code in codes:
            if code in index:
                out[row, index[code]] = 1
    return out
