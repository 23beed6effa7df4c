"""A linear coder (hashed TF-IDF features + multi-output ridge) that a bundle blends with its network's outputs.

Why: measured on the broadened endoscopy generator (docs/benchmarks.md, "The linear coder"), the transformer and
the linear coder err on different episodes; their average beat either alone on the synthetic test split and on the
independent development set. The linear coder trains in seconds on a CPU from the same training split.

Features: word 1-2 grams and character 4-grams within word boundaries, each hashed into `n_features` columns
(so the bundle holds no word or phrase of the training documents, only column numbers and weights), sublinear tf
times idf, each block of unit L2 norm, stacked and scaled to unit row norm. Columns seen in fewer than `min_df`
training documents are dropped.

Scores: one ridge regression per target column, presence (N, L) and primary (N, L) per code system, fitted in the
dual (alpha = (X X^T + ridge I)^-1 Y, one solve for every column) up to `dual_max` training documents and with
conjugate gradients in the primal above that; the bundle keeps the primal weights W = X^T alpha, (features, 2L).
Presence scores are clipped to [0, 1]; primary scores are clipped at 0 and normalised to sum to 1 per episode
(uniform when all are 0). They are not calibrated probabilities: the bundle's thresholds are fitted on the blend.

numpy, scipy and scikit-learn only (no torch); saved as `linear/linear.json` + `linear/weights.npz` (no pickle; weights
in float16).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from autocoding.errors import ConfigError, InputError

FORMAT_VERSION = 1
INFO_FILE = "linear.json"
WEIGHTS_FILE = "weights.npz"


@dataclass(frozen=True)
class LinearSpec:
    """`weight`: the linear coder's share of the blend (0: no linear coder is trained or shipped)."""

    weight: float = 0.0
    ridge: float = 0.03
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (4, 4)
    min_df: int = 2
    n_features: int = 1 << 20  # hashed columns per block (words, characters)
    dual_max: int = 25_000  # training documents up to which the ridge is solved in the dual

    def __post_init__(self) -> None:
        if not 0.0 <= float(self.weight) <= 1.0:
            raise ConfigError(f"model.linear.weight must lie in [0, 1], got {self.weight!r}")
        if float(self.ridge) <= 0:
            raise ConfigError(f"model.linear.ridge must be > 0, got {self.ridge!r}")
        for name in ("word_ngrams", "char_ngrams"):
            low, high = getattr(self, name)
            if not 1 <= int(low) <= int(high):
                raise ConfigError(f"model.linear.{name} must be [low, high] with 1 <= low <= high")
        object.__setattr__(self, "word_ngrams", tuple(int(v) for v in self.word_ngrams))
        object.__setattr__(self, "char_ngrams", tuple(int(v) for v in self.char_ngrams))

    @classmethod
    def from_mapping(cls, values: Mapping | None) -> LinearSpec:
        values = dict(values or {})
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"model.linear: unknown keys {sorted(unknown)}")
        return cls(**values)


def _vectorizers(spec: LinearSpec):
    from sklearn.feature_extraction.text import HashingVectorizer

    common = dict(n_features=spec.n_features, alternate_sign=False, norm=None, lowercase=True,
                  strip_accents="unicode", dtype=np.float32)
    return (HashingVectorizer(ngram_range=spec.word_ngrams, **common),
            HashingVectorizer(analyzer="char_wb", ngram_range=spec.char_ngrams, **common))


def _lookup(columns: np.ndarray, n_features: int) -> np.ndarray:
    """Hashed column -> feature index, -1 for a dropped column."""
    lookup = np.full(n_features, -1, dtype=np.int64)
    lookup[columns] = np.arange(len(columns))
    return lookup


def _block(counts: sparse.csr_matrix, lookup: np.ndarray, idf: np.ndarray):
    """One block's kept cells as (rows, feature index, value): sublinear tf x idf, each row of unit L2 norm."""
    index = lookup[counts.indices]
    kept = index >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[kept]
    index = index[kept]
    values = (1.0 + np.log(counts.data[kept])) * idf[index]
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=counts.shape[0]))
    return rows, index, values / np.where(norms > 0, norms, 1.0)[rows]


def _stack(blocks, sizes: list[int], n_rows: int) -> sparse.csr_matrix:
    """The blocks side by side, scaled so each row has unit norm."""
    offsets = np.cumsum([0, *sizes[:-1]])
    rows = np.concatenate([b[0] for b in blocks])
    cols = np.concatenate([b[1] + offset for b, offset in zip(blocks, offsets, strict=True)])
    values = (np.concatenate([b[2] for b in blocks]) / np.sqrt(len(blocks))).astype(np.float32)
    return sparse.csr_matrix((values, (rows, cols)), shape=(n_rows, int(sum(sizes))))


class LinearCoder:
    """Fit on training texts and targets; `scores(texts)` -> {system: (presence (N, L), primary (N, L))}."""

    def __init__(self, spec: LinearSpec, labels: Mapping[str, Sequence[str]], columns: list[np.ndarray],
                 idf: list[np.ndarray], weights: np.ndarray):
        self.spec = spec
        self.labels = {s: list(c) for s, c in labels.items()}
        self.columns = columns  # per block: the hashed column kept at each feature index
        self.idf = idf  # per block: idf of the kept columns
        self.weights = weights  # (features, sum over systems of 2L), float32
        self._lookup: list[np.ndarray] | None = None
        expected = sum(2 * len(c) for c in self.labels.values())
        if weights.shape != (sum(len(c) for c in columns), expected):
            raise InputError(f"linear weights {weights.shape} do not fit {expected} target columns")

    @property
    def weight(self) -> float:
        return float(self.spec.weight)

    def features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """(N, features): each block's kept columns, sublinear tf x idf, unit norm; stacked with unit row norm."""
        if self._lookup is None:  # built once
            self._lookup = [_lookup(columns, self.spec.n_features) for columns in self.columns]
        texts = list(texts)
        blocks = [_block(vectorizer.transform(texts), lookup, idf)
                  for vectorizer, lookup, idf in zip(_vectorizers(self.spec), self._lookup, self.idf, strict=True)]
        return _stack(blocks, [len(idf) for idf in self.idf], len(texts))

    def scores(self, texts: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        raw = np.asarray(self.features(texts) @ self.weights, dtype=np.float32)
        out, start = {}, 0
        for system, codes in self.labels.items():
            n = len(codes)
            presence = np.clip(raw[:, start:start + n], 0.0, 1.0)
            primary = np.clip(raw[:, start + n:start + 2 * n], 0.0, None)
            total = primary.sum(axis=1, keepdims=True)
            primary = np.divide(primary, total, out=np.full_like(primary, 1.0 / max(n, 1)), where=total > 0)
            out[system] = (presence, primary)
            start += 2 * n
        return out

    @classmethod
    def fit(cls, spec: LinearSpec, texts: Sequence[str], labels: Mapping[str, Sequence[str]],
            targets: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> LinearCoder:
        """targets: {system: (presence (N, L) 0/1, primary (N, L) one-hot or all-zero)} in `labels` order."""
        texts = list(texts)
        if not texts:
            raise InputError("the linear coder needs training texts")
        columns, idf, blocks = [], [], []
        for vectorizer in _vectorizers(spec):
            counts = vectorizer.transform(texts)
            df = np.bincount(counts.indices, minlength=spec.n_features)  # a column appears once per row at most
            keep = np.flatnonzero(df >= spec.min_df)
            block_idf = (np.log((1.0 + len(texts)) / (1.0 + df[keep])) + 1.0).astype(np.float32)
            columns.append(keep.astype(np.int64))
            idf.append(block_idf)
            blocks.append(_block(counts, _lookup(keep, spec.n_features), block_idf))
        x = _stack(blocks, [len(i) for i in idf], len(texts))
        y = np.hstack([np.hstack([np.asarray(targets[s][0], np.float32), np.asarray(targets[s][1], np.float32)])
                       for s in labels])
        if y.shape[0] != len(texts):
            raise InputError(f"{len(texts)} texts but {y.shape[0]} target rows")
        # rounded to what the bundle stores, so a loaded coder scores exactly as the one thresholds were fitted on
        weights = _ridge(x, y, float(spec.ridge), spec.dual_max).astype(np.float16).astype(np.float32)
        return cls(spec, labels, columns, idf, weights)

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays = {"weights": self.weights.astype(np.float16)}  # half the size; scores move by < 1e-3
        for k, (columns, idf) in enumerate(zip(self.columns, self.idf, strict=True)):
            arrays[f"columns_{k}"], arrays[f"idf_{k}"] = columns, idf
        np.savez(directory / WEIGHTS_FILE, **arrays)
        info = {"format_version": FORMAT_VERSION, "spec": asdict(self.spec), "labels": self.labels}
        (directory / INFO_FILE).write_text(json.dumps(info, indent=1))
        return directory

    @classmethod
    def load(cls, directory: str | Path) -> LinearCoder:
        directory = Path(directory)
        try:
            info = json.loads((directory / INFO_FILE).read_text())
            with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the linear coder: {exc}", file=str(directory)) from exc
        if info.get("format_version") != FORMAT_VERSION:
            raise InputError(f"unsupported linear coder format {info.get('format_version')!r}",
                             file=str(directory / INFO_FILE))
        blocks = sum(1 for k in arrays if k.startswith("columns_"))
        return cls(LinearSpec(**info["spec"]), info["labels"], [arrays[f"columns_{k}"] for k in range(blocks)],
                   [arrays[f"idf_{k}"] for k in range(blocks)], arrays["weights"].astype(np.float32))


def _ridge(x: sparse.csr_matrix, y: np.ndarray, ridge: float, dual_max: int) -> np.ndarray:
    """Primal weights (features, targets) of the ridge regression of y on x (no intercept)."""
    if x.shape[0] <= dual_max:
        gram = (x @ x.T).toarray().astype(np.float64)
        gram[np.diag_indices_from(gram)] += ridge
        alpha = np.linalg.solve(gram, y.astype(np.float64))
        return np.asarray(x.T @ alpha, dtype=np.float32)
    from scipy.sparse.linalg import LinearOperator, cg

    n_features = x.shape[1]
    normal = LinearOperator((n_features, n_features), matvec=lambda v: x.T @ (x @ v) + ridge * v, dtype=np.float64)
    rhs = np.asarray(x.T @ y, dtype=np.float64)
    weights = np.zeros((n_features, y.shape[1]), dtype=np.float32)
    for j in range(y.shape[1]):
        solution, _ = cg(normal, rhs[:, j], rtol=1e-6, maxiter=500)
        weights[:, j] = solution
    return weights


def blend(probs: np.ndarray, primary: np.ndarray, linear: tuple[np.ndarray, np.ndarray], weight: float
          ) -> tuple[np.ndarray, np.ndarray]:
    """(1 - weight) x the network's (presence, primary) + weight x the linear coder's; primary rows still sum to 1."""
    if weight <= 0:
        return probs, primary
    w = np.float32(weight)
    return ((1 - w) * probs + w * linear[0]).astype(np.float32), ((1 - w) * primary + w * linear[1]).astype(np.float32)
