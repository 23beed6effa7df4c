"""Rank every candidate code of one code system for each document: ridge scores blended with title coverage.

score(doc, code) = ridge(doc, code)                      for codes of the label space (seen in train)
                 + title_weight * coverage(doc, code)     for codes with a title, times `unseen_weight` when the code
                                                          is outside the label space (a classifier never saw it)
Candidates are the label space plus, where the system has titles, every titled code (ICD-10-CM: 46,842), so codes
unseen in train can still be ranked and found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from autocoding.baselines.linear import DualRidge
from autocoding.baselines.titles import TitleCoverage


@dataclass(frozen=True)
class BlendConfig:
    ridge: float = 0.03
    title_weight: float = 0.2
    unseen_weight: float = 0.3


def multi_hot(code_lists: Sequence[Sequence[str]], labels: Sequence[str]) -> np.ndarray:
    """-> (n_docs, n_labels) 0/1; codes outside `labels` are ignored."""
    index = {c: i for i, c in enumerate(labels)}
    y = np.zeros((len(code_lists), len(labels)))
    for r, codes in enumerate(code_lists):
        for c in codes:
            if c in index:
                y[r, index[c]] = 1.0
    return y


class CodeRanker:
    """Fitted on one system's train codes; `score` returns (n_docs, n_candidates) in `self.candidates` order."""

    def __init__(self, labels: Sequence[str], titles: TitleCoverage | None):
        self.labels = list(labels)
        self.titles = titles
        extra = [c for c in titles.codes if c not in set(self.labels)] if titles else []
        self.candidates = self.labels + extra
        position = {c: i for i, c in enumerate(self.candidates)}
        if titles:
            label_set = set(self.labels)
            self._title_columns = np.array([position[c] for c in titles.codes])
            self._title_seen = np.array([c in label_set for c in titles.codes])

    def fit(self, x: sparse.csr_matrix, y: np.ndarray, ridge: float) -> CodeRanker:
        self.model = DualRidge(ridge).fit(x, y)
        return self

    def parts(self, x: sparse.csr_matrix, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray | None]:
        """The two score blocks, computed once so that blends can be tuned cheaply:
        ridge (n_docs, n_labels), coverage (n_docs, n_titled_codes) or None."""
        return self.model.scores(x), (self.titles.score(texts) if self.titles else None)

    def blend(self, ridge_scores: np.ndarray, coverage: np.ndarray | None, config: BlendConfig) -> np.ndarray:
        """-> (n_docs, n_candidates)."""
        out = np.zeros((ridge_scores.shape[0], len(self.candidates)))
        out[:, : len(self.labels)] = ridge_scores
        if coverage is not None and config.title_weight:
            weight = config.title_weight * np.where(self._title_seen, 1.0, config.unseen_weight)
            out[:, self._title_columns] += coverage * weight
        return out

    def rank(self, scores: np.ndarray, depth: int) -> list[list[str]]:
        """Codes per document, best first, at most `depth` (the official scorer reads 1000)."""
        depth = min(depth, scores.shape[1])
        top = np.argpartition(-scores, depth - 1, axis=1)[:, :depth]
        order = np.take_along_axis(top, np.argsort(-np.take_along_axis(scores, top, 1), axis=1), 1)
        return [[self.candidates[j] for j in row] for row in order]
