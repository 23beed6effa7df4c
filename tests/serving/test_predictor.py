from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tests.helpers.tiny_bundle import LABELS, TEXTS

from autocoding.errors import ConfigError, InputError
from autocoding.serving.predictor import Coder, ServingOptions
from autocoding.serving.texts import join_episode_texts


def test_join_episode_texts_orders_by_type_then_extract_order():
    documents = pd.DataFrame({
        "episode_id": ["E2", "E1", "E1", "E1", "E3"],
        "doc_type": ["endoscopy_report", "histology", "endoscopy_report", "letter", "histology"],
        "text": ["report two", "histo one", "report one", "ignored", "  "],
    })
    texts = join_episode_texts(documents, ["E1", "E2", "E3", "E4"], ["endoscopy_report", "histology"])
    assert texts == ["[endoscopy_report]\nreport one\n\n[histology]\nhisto one", "[endoscopy_report]\nreport two",
                     "", ""]


def test_batched_length_sorted_equals_one_by_one(tiny_bundle):
    batched = Coder.from_bundle(tiny_bundle, batch_size=2, block_size=3)
    outputs, embeddings, _ = batched.predict(TEXTS)
    for i, text in enumerate(TEXTS):  # alone: no padding, no reordering
        single, emb, _ = Coder(batched.bundle, ServingOptions(batch_size=1)).predict([text])
        for system in LABELS:
            np.testing.assert_allclose(outputs[system].probs[i], single[system].probs[0], atol=1e-5)
        np.testing.assert_allclose(embeddings[i], emb[0], atol=1e-4)


def test_code_episodes_returns_one_decision_per_episode(tiny_bundle):
    coder = Coder.from_bundle(tiny_bundle)
    decisions = coder.code_episodes(TEXTS)
    assert len(decisions) == len(TEXTS)
    empty = decisions[-1]  # an empty text: nothing to code from, no suggestion made from nothing
    assert not empty.auto and [r.kind for r in empty.reasons] == ["no_usable_text"]
    assert empty.codes == {system: [] for system in LABELS}
    assert all(set(d.codes) == set(LABELS) for d in decisions)


def test_code_dataframe_keeps_episode_ids(tiny_bundle):
    coder = Coder.from_bundle(tiny_bundle, precision="bf16")
    frame = coder.code(pd.DataFrame({"episode_id": ["a", "b"], "text": TEXTS[:2]})).to_frame()
    assert list(frame["episode_id"]) == ["a", "b"]
    assert {"auto", "icd10", "opcs4", "reasons"} <= set(frame.columns)
    with pytest.raises(InputError, match="text"):
        coder.code(pd.DataFrame({"episode_id": ["a"]}))


def test_bad_precision_is_a_config_error():
    with pytest.raises(ConfigError):
        ServingOptions(precision="fp8")


def test_unknown_shares_ignore_special_tokens():
    from autocoding.serving.predictor import unknown_shares

    # [CLS]=101 a [UNK]=100 [SEP]=102 | [CLS] b c [SEP] [CLS] [UNK] [SEP] | empty document
    encoded = [[[101, 5, 100, 102]], [[101, 6, 7, 102], [101, 100, 102]], [[101, 102]]]
    assert unknown_shares(encoded, 100) == [0.5, 1 / 3, 0.0]


def test_device_names_are_checked():
    with pytest.raises(ConfigError, match="device"):
        ServingOptions(device="gpu0")


def test_auto_device_codes_as_cpu_does_without_a_gpu(tiny_bundle):
    import torch

    from autocoding.serving.predictor import resolve_device

    if torch.cuda.is_available():
        pytest.skip("this test is about a machine without a GPU")
    assert resolve_device("auto") == "cpu"
    with pytest.raises(ConfigError, match="no CUDA device"):
        Coder.from_bundle(tiny_bundle, device="cuda")
    cpu = Coder.from_bundle(tiny_bundle).code(TEXTS).outputs
    auto = Coder.from_bundle(tiny_bundle, device="auto").code(TEXTS).outputs
    for system in cpu:
        np.testing.assert_array_equal(cpu[system].probs, auto[system].probs)


@pytest.mark.skipif("not __import__('torch').cuda.is_available()", reason="needs a CUDA GPU")
def test_cuda_codes_as_cpu_does(tiny_bundle):
    cpu = Coder.from_bundle(tiny_bundle).code(TEXTS)
    gpu = Coder.from_bundle(tiny_bundle, device="cuda").code(TEXTS)
    assert list(gpu.decisions.auto) == list(cpu.decisions.auto)
    for system in cpu.outputs:
        np.testing.assert_allclose(gpu.outputs[system].probs, cpu.outputs[system].probs, atol=1e-4)
