"""A bundle with an evidence detector (`evidence.json`): the Coder computes the weights and refuses weak codes;
a bundle without one decides as before."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from tests.helpers.tiny_bundle import LABELS, TEXTS

from autocoding.errors import InputError
from autocoding.policy.evidence import EvidenceDetector
from autocoding.registry.bundle import load_bundle
from autocoding.serving.coded_output import coded_table
from autocoding.serving.predictor import Coder


def _detector(bound: float) -> EvidenceDetector:
    return EvidenceDetector({s: list(c) for s, c in LABELS.items()},
                            {s: np.full(len(c), bound) for s, c in LABELS.items()},
                            {s: np.zeros(len(c), bool) for s, c in LABELS.items()},
                            {s: np.zeros(len(c), np.int64) for s, c in LABELS.items()}, dict.fromkeys(LABELS, bound))


@pytest.fixture
def with_detector(tiny_bundle, tmp_path):
    def make(bound: float):
        out = tmp_path / f"bundle_{bound}"
        shutil.copytree(tiny_bundle, out)
        _detector(bound).save(out / "evidence.json")
        return out
    return make


def test_bundle_without_detector_decides_as_before(tiny_bundle, with_detector):
    plain = Coder.from_bundle(tiny_bundle)
    assert plain.bundle.evidence is None
    before = plain.code(TEXTS)
    assert before.weak_evidence is None and not before.decisions.flags["weak_evidence"].any()
    loose = Coder.from_bundle(with_detector(0.0)).code(TEXTS)  # no weight lies below 0: nothing refused
    assert loose.decisions.auto.tolist() == before.decisions.auto.tolist()
    assert [[str(r) for r in rs] for rs in loose.decisions.reasons] == \
        [[str(r) for r in rs] for rs in before.decisions.reasons]
    assert loose.evidence is None  # weights computed for the detector, no evidence records unless asked


def test_codes_below_the_bound_are_weak_evidence_and_say_so(with_detector):
    coder = Coder.from_bundle(with_detector(1.01))  # above any attention weight: every recorded code is weak
    coded = coder.code(pd.DataFrame({"episode_id": [str(i) for i in range(len(TEXTS))], "text": TEXTS}))
    weak = coded.decisions.flags["weak_evidence"]
    recorded = np.array([any(c[i] for c in coded.decisions.codes.values()) for i in range(len(TEXTS))])
    assert recorded.any()
    assert weak.tolist() == (recorded & np.array([bool(t) for t in TEXTS])).tolist()
    assert not coded.decisions.auto[weak].any()
    for system, mask in coded.weak_evidence.items():
        w = np.asarray(mask)
        assert w.shape == (len(TEXTS), len(LABELS[system])) and w[:-1].all()
    table = coded_table(coded, pd.DataFrame({"specialty": ["301"] * len(TEXTS), "episode_end": [None] * len(TEXTS)}),
                        {"model_name": "m", "model_version": "1"})
    row = table.to_pylist()[int(np.flatnonzero(weak)[0])]
    assert "weak_evidence" in row["reason_codes"]
    assert any("cannot point to text that supports these codes" in r for r in row["reasons"])


def test_detector_for_another_label_space_is_refused(tiny_bundle, tmp_path):
    out = tmp_path / "bundle"
    shutil.copytree(tiny_bundle, out)
    wrong = _detector(0.1)
    wrong.labels["icd10"] = ["X00"] * len(LABELS["icd10"])
    wrong.save(out / "evidence.json")
    with pytest.raises(InputError, match="evidence bounds"):
        load_bundle(out)


def test_network_coder_gives_the_weights_the_bundle_coder_uses(tiny_bundle):
    from autocoding.serving.predictor import network_coder

    served = Coder.from_bundle(tiny_bundle)
    bundle = served.bundle
    coder = network_coder(bundle.network, bundle.tokenizer, bundle.labels, bundle.info.segments,
                          bundle.config["dataset"]["documents"]["types"])
    texts = [t for t in TEXTS if t]
    outputs, weights = coder.evidence_weights(texts)
    expected_outputs, expected = served.evidence_weights(texts)
    for system in LABELS:
        assert weights[system].shape == (len(texts), len(LABELS[system]))
        assert np.allclose(weights[system], expected[system]) and (weights[system] > 0).all()
        assert np.allclose(outputs[system].probs, expected_outputs[system].probs)
