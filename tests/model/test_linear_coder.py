"""The linear coder: it learns which words mean which code, round-trips through its files without any training word,
solves the same ridge in the dual and the primal, and blends as documented."""

from __future__ import annotations

import numpy as np
import pytest

from autocoding.errors import ConfigError, InputError
from autocoding.model.linear_coder import LinearCoder, LinearSpec, blend

LABELS = {"icd10": ["K21.9", "K29.7", "K57.3"], "opcs4": ["G45.9", "H22.9"]}
PHRASES = {"K21.9": "reflux oesophagitis seen", "K29.7": "gastritis in the antrum",
           "K57.3": "diverticular disease of sigmoid"}
PROCEDURE = {"K21.9": "G45.9", "K29.7": "G45.9", "K57.3": "H22.9"}


def corpus(n: int, seed: int = 0):
    """Texts naming one or two diagnoses; the first named is primary; the procedure follows the first."""
    rng = np.random.default_rng(seed)
    texts, codes = [], []
    for _ in range(n):
        picked = list(rng.choice(LABELS["icd10"], size=int(rng.integers(1, 3)), replace=False))
        filler = " ".join(rng.choice(["patient", "tolerated", "well", "sedation", "none", "scope"], size=4))
        texts.append(". ".join(PHRASES[c] for c in picked) + ". " + filler)
        codes.append({"icd10": picked, "opcs4": [PROCEDURE[picked[0]]]})
    return texts, codes


def targets(codes):
    out = {}
    for system, labels in LABELS.items():
        presence = np.zeros((len(codes), len(labels)), np.float32)
        primary = np.zeros_like(presence)
        for row, episode in enumerate(codes):
            for k, code in enumerate(episode[system]):
                presence[row, labels.index(code)] = 1
                if k == 0:
                    primary[row, labels.index(code)] = 1
        out[system] = (presence, primary)
    return out


@pytest.fixture(scope="module")
def fitted():
    texts, codes = corpus(120)
    return LinearCoder.fit(LinearSpec(weight=0.5, n_features=1 << 16), texts, LABELS, targets(codes))


def test_scores_find_the_codes_the_words_name(fitted):
    texts, codes = corpus(40, seed=1)
    scores = fitted.scores(texts)
    presence, primary = scores["icd10"]
    assert presence.shape == (40, 3) and presence.min() >= 0 and presence.max() <= 1
    np.testing.assert_allclose(primary.sum(axis=1), 1.0, rtol=1e-5)
    gold = targets(codes)["icd10"][0]
    assert ((presence >= 0.5) == (gold == 1)).mean() > 0.95
    top = [LABELS["icd10"][i] for i in primary.argmax(axis=1)]
    assert np.mean([t == c["icd10"][0] for t, c in zip(top, codes, strict=True)]) > 0.8
    procedure = [LABELS["opcs4"][i] for i in scores["opcs4"][1].argmax(axis=1)]
    assert procedure == [c["opcs4"][0] for c in codes]


def test_round_trip_is_exact_and_holds_no_training_word(fitted, tmp_path):
    fitted.save(tmp_path / "linear")
    loaded = LinearCoder.load(tmp_path / "linear")
    texts, _ = corpus(10, seed=2)
    for system in LABELS:
        for a, b in zip(fitted.scores(texts)[system], loaded.scores(texts)[system], strict=True):
            np.testing.assert_array_equal(a, b)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "linear").iterdir())
    assert b"diverticular" not in stored and b"oesophagitis" not in stored and b"antrum" not in stored


def test_dual_and_primal_solve_the_same_ridge():
    texts, codes = corpus(60, seed=3)
    dual = LinearCoder.fit(LinearSpec(n_features=1 << 12), texts, LABELS, targets(codes))
    primal = LinearCoder.fit(LinearSpec(n_features=1 << 12, dual_max=0), texts, LABELS, targets(codes))
    np.testing.assert_allclose(dual.weights, primal.weights, atol=2e-3)


def test_a_text_with_no_feature_gets_no_code_and_a_uniform_primary(fitted):
    presence, primary = fitted.scores([""])["opcs4"]
    np.testing.assert_array_equal(presence, 0.0)
    np.testing.assert_allclose(primary, 0.5)


def test_blend_weights_each_side():
    probs, primary = np.array([[0.2, 0.8]], np.float32), np.array([[0.6, 0.4]], np.float32)
    linear = (np.array([[1.0, 0.0]], np.float32), np.array([[0.0, 1.0]], np.float32))
    mixed_probs, mixed_primary = blend(probs, primary, linear, 0.25)
    np.testing.assert_allclose(mixed_probs, [[0.4, 0.6]])
    np.testing.assert_allclose(mixed_primary, [[0.45, 0.55]])
    assert blend(probs, primary, linear, 0.0) == (probs, primary)


@pytest.mark.parametrize("values", [{"weight": 1.5}, {"ridge": 0}, {"char_ngrams": [5, 3]}, {"colour": "red"}])
def test_bad_settings_are_refused(values):
    with pytest.raises(ConfigError):
        LinearSpec.from_mapping(values)


def test_a_damaged_coder_is_refused(fitted, tmp_path):
    fitted.save(tmp_path / "linear")
    (tmp_path / "linear" / "weights.npz").write_bytes(b"not an archive")
    with pytest.raises(InputError, match="linear"):
        LinearCoder.load(tmp_path / "linear")
