"""The out-of-distribution detector on synthetic embeddings: training-like ones pass, unlike ones are flagged."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.policy.ood import OODDetector, empty_texts, unknown_token_fraction

H = 32


def _embeddings(seed: int = 0):
    rng = np.random.default_rng(seed)
    basis = rng.normal(size=(6, H))  # training documents live near a 6-dimensional subspace

    def near(n):
        return rng.normal(size=(n, 6)) @ basis + 0.1 * rng.normal(size=(n, H))

    unlike = rng.normal(size=(200, 6)) @ rng.normal(size=(6, H))  # another subspace: another kind of text
    return near(1500), near(500), near(1000), unlike


@pytest.mark.parametrize("method", ["mahalanobis", "knn"])
def test_flags_unlike_text_not_training_like(method, tmp_path):
    train, validation, test, unlike = _embeddings()
    detector = OODDetector.fit(train, validation, method=method, quantile=0.99)
    assert detector.flag(test).mean() < 0.04  # about 1% by construction of the threshold
    assert detector.flag(unlike).mean() > 0.95
    loaded = OODDetector.load(detector.save(tmp_path / "ood.json"))
    np.testing.assert_allclose(loaded.score(test), detector.score(test), rtol=1e-4)
    assert loaded.threshold == detector.threshold and loaded.method == method


def test_text_signals():
    assert empty_texts(["[letter]\nfine", "", "   \n"]).tolist() == [False, True, True]
    ids = np.array([[5, 100, 100, 0], [5, 6, 7, 8]])
    mask = np.array([[1, 1, 1, 0], [1, 1, 1, 1]])
    assert unknown_token_fraction(ids, mask, unk_id=100).tolist() == [2 / 3, 0.0]
    train, validation, test, _ = _embeddings()
    detector = OODDetector.fit(train, validation, max_unknown_fraction=0.5)
    flags = detector.flag(test[:2], texts=["", "text"], unknown_fraction=np.array([0.0, 0.6]))
    assert flags.tolist() == [True, True]
