from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from tests.helpers.tiny_bundle import TEXTS

from autocoding.errors import InputError
from autocoding.registry.bundle import load_bundle, load_bundle_dir
from autocoding.registry.fetch import resolve_bundle_dir


def _probs(network, tokenizer) -> dict[str, np.ndarray]:
    from autocoding.model.encoder import SegmentSpec
    from autocoding.train.predict import predict, text_batches

    batches = text_batches(TEXTS[:4], tokenizer, SegmentSpec(max_length=16, max_segments=2), batch_size=2)
    return predict(network, batches).probs


def test_round_trip_same_probabilities(tiny_bundle, tmp_path):
    from autocoding.registry.bundle import BundleInfo, save_bundle

    first = load_bundle(tiny_bundle)
    before = _probs(first.network, first.tokenizer)
    info = BundleInfo(**json.loads((tiny_bundle / "bundle.json").read_text()))
    copy = save_bundle(tmp_path / "copy", network=first.network, tokenizer=first.tokenizer, info=info,
                       thresholds=first.thresholds, ood=first.ood, config=first.config, manifest=first.manifest,
                       code_tables=first.code_tables)
    second = load_bundle_dir(copy)
    after = _probs(second.network, second.tokenizer)
    for system in before:
        np.testing.assert_array_equal(before[system], after[system])
    assert second.labels == first.labels and second.labels["icd10"][0] == "K21.9"
    assert np.isinf(second.thresholds["opcs4"].present[2]) and not second.thresholds["opcs4"].auto[2]
    assert second.ood.threshold == pytest.approx(first.ood.threshold)
    assert second.manifest["hash"]["dataset"] == "sha256:abc"
    assert second.code_tables == {"icd10": "test", "opcs4": "test"} == second.info.code_tables
    assert not second.network.training


def test_code_table_releases_default_to_the_dataset_manifest(tiny_bundle, tmp_path):
    from autocoding.registry.bundle import BundleInfo, save_bundle

    first = load_bundle(tiny_bundle)
    info = BundleInfo(**json.loads((tiny_bundle / "bundle.json").read_text()))
    releases = {"icd10": "ICD-10 WHO 2019 (test)", "opcs4": "OPCS-4 (test)"}
    copy = save_bundle(tmp_path / "copy", network=first.network, tokenizer=first.tokenizer, info=info,
                       thresholds=first.thresholds, manifest={**first.manifest, "code_tables": releases})
    assert json.loads((copy / "code_tables.json").read_text()) == releases
    assert json.loads((copy / "bundle.json").read_text())["code_tables"] == releases


def test_loaded_weights_are_the_saved_ones(tiny_bundle):
    from safetensors.torch import load_file

    bundle = load_bundle(tiny_bundle)
    saved = load_file(str(tiny_bundle / "model.safetensors"))
    state = bundle.network.state_dict()
    assert set(saved) == set(state)
    assert all(torch.equal(saved[k], state[k]) for k in saved)


def test_labels_json_has_both_maps(tiny_bundle):
    labels = json.loads((tiny_bundle / "labels.json").read_text())
    assert labels["opcs4"]["label2id"] == {"G45.1": 0, "H22.1": 1, "H25.9": 2}
    assert labels["opcs4"]["id2label"] == {"0": "G45.1", "1": "H22.1", "2": "H25.9"}


def test_not_a_bundle_names_the_folder(tmp_path):
    with pytest.raises(InputError, match="bundle.json not found"):
        resolve_bundle_dir(str(tmp_path))
    with pytest.raises(InputError, match="no such directory"):
        resolve_bundle_dir(str(tmp_path / "missing"))


def test_finds_bundle_inside_downloaded_pyfunc_model(tiny_bundle, tmp_path):
    import shutil

    shutil.copytree(tiny_bundle, tmp_path / "model" / "artifacts" / "bundle")
    assert resolve_bundle_dir(str(tmp_path / "model")) == tmp_path / "model" / "artifacts" / "bundle"
