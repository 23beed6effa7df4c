"""Targets from the manifest label space, primary handling, dynamic padding, length bucketing."""

from __future__ import annotations

import pytest
import torch
from tests.helpers.tiny_coding_dataset import RARE

from autocoding.errors import InputError
from autocoding.model.encoder import EncoderSpec, SegmentSpec, load_tokenizer
from autocoding.model.loss import IGNORE
from autocoding.train.datamodule import CodingDataModule, LoaderSpec
from autocoding.train.dataset import load_coding_data, target_columns
from autocoding.train.sampler import LengthBucketSampler


def test_target_columns():
    label2id = {"icd10": {"K21.9": 0, "K29.7": 1}}
    batch = {"icd10": [["K29.7", "K21.9"], [RARE, "K21.9"], []]}
    out = target_columns(batch, ["icd10"], label2id)
    assert out["icd10__ids"] == [[0, 1], [0], []]
    assert out["icd10__primary"] == [1, IGNORE, IGNORE]  # primary outside the label space / no code: ignored


def test_batches(tiny_dataset):
    data = load_coding_data(tiny_dataset)
    assert data.systems == ["icd10", "opcs4"] and len(data.labels["icd10"]) == 5
    tokenizer = load_tokenizer(
        EncoderSpec(config={}, vocab_size=300), corpus=list(data.splits["train"]["text"])
    )
    dm = CodingDataModule(
        data, tokenizer, SegmentSpec(max_length=8, max_segments=2), LoaderSpec(batch_size=4)
    )
    dm.setup()
    batch = next(iter(dm.val_dataloader()))
    b, s, t = batch["input_ids"].shape
    assert b == 16 and s <= 2 and t <= 8
    assert batch["targets"]["icd10"].shape == (16, 5) and batch["targets"]["opcs4"].shape == (16, 3)
    row = int(batch["row"][0])
    codes = data.splits["validation"][row]["icd10"]
    expected = {data.labels["icd10"].index(c) for c in codes if c != RARE}
    assert set(torch.nonzero(batch["targets"]["icd10"][0]).flatten().tolist()) == expected
    presence, primary = data.priors()
    assert abs(sum(primary["opcs4"]) - 1) < 1e-9 and all(0 < p < 1 for p in presence["icd10"])


def test_missing_manifest_and_system(tmp_path, tiny_dataset):
    with pytest.raises(InputError, match="manifest.json"):
        load_coding_data(tmp_path)
    with pytest.raises(InputError, match="icd10pcs"):
        load_coding_data(tiny_dataset, systems=["icd10pcs"])


def test_length_bucket_sampler():
    lengths = [(i * 37) % 101 for i in range(200)]
    sampler = LengthBucketSampler(lengths, batch_size=10, pool_batches=5, seed=0)
    first, second = list(sampler), list(sampler)
    assert sorted(first) == list(range(200)) and first != second  # a permutation, new each epoch
    spread = [
        max(lengths[i] for i in first[k : k + 10]) - min(lengths[i] for i in first[k : k + 10])
        for k in range(0, 200, 10)
    ]
    assert max(spread) < 30  # random batches of 10 from 0..100 would spread ~80
    assert list(LengthBucketSampler(lengths, 10, 5, seed=0)) == first  # seeded
