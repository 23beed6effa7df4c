"""`train(cfg)` end to end with the tiny model on the tiny dataset (seconds)."""

from __future__ import annotations

import unittest.mock

import numpy as np
import pytest
from tests.helpers.tiny_coding_dataset import tiny_overrides

from autocoding.config import compose
from autocoding.metrics.metric_set import metric_key, metric_names
from autocoding.train import train


@pytest.fixture(scope="module")
def trained(tiny_dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    cfg = compose("train", tiny_overrides(tiny_dataset, out))
    metrics, objects = train(cfg)
    return cfg, metrics, objects


def test_learns_word_keyed_codes(trained):
    _, metrics, _ = trained
    # codes are keyed by single words: a working model ranks them almost perfectly
    assert metrics["val/map"] > 0.9, metrics
    assert metrics["test/icd10/map"] > 0.9, metrics
    assert metrics["test/opcs4/f1_micro"] > 0.9, metrics
    assert metrics["val/map_best"] >= metrics["val/map"] - 1e-6


def test_logs_expected_keys(trained):
    _, metrics, _ = trained
    for key in ("train/loss", "val/loss", "val/icd10/map", "val/opcs4/map", "val/map", "val/map_best"):
        assert key in metrics
    # the metric set of autocoding.metrics.metric_set on both splits, with precision@k named for its k only
    for split in ("val", "test"):
        assert {key for key in metrics if key.startswith(f"{split}/icd10/")} == {
            metric_key(split, "icd10", name) for name in metric_names()}
    assert not any(key.endswith("precision_at_k") for key in metrics)


def test_returns_predictions_in_row_order(trained):
    _, _, objects = trained
    data = objects.data
    for split in ("validation", "test"):
        pred = objects.predictions[split]
        n = len(data.splits[split])
        assert pred.probs["icd10"].shape == (n, 5) and pred.probs["opcs4"].shape == (n, 3)
        assert np.array_equal(pred.rows, np.arange(n))
        assert pred.episode_ids == list(data.splits[split]["episode_id"])
        assert np.allclose(pred.primary["icd10"].sum(1), 1.0, atol=1e-5)
        assert pred.embeddings.shape == (n, 64) and np.isfinite(pred.embeddings).all()


def test_primary_is_learned(trained):
    _, _, objects = trained
    data, pred = objects.data, objects.predictions["test"]
    labels = objects.labels["opcs4"]
    gold = [codes[0] for codes in list(data.splits["test"]["opcs4"])]
    chosen = [labels[i] for i in pred.primary["opcs4"].argmax(1)]
    assert np.mean([g == c for g, c in zip(gold, chosen, strict=True)]) > 0.9


def test_best_checkpoint_written_and_label_maps(trained):
    cfg, _, objects = trained
    assert objects.best_checkpoint and objects.best_checkpoint.startswith(str(cfg.out))
    assert objects.data.label2id("icd10")["D12.6"] == 0
    assert objects.labels["opcs4"][0] == "G45.1"
    assert objects.tokenizer.cls_token_id is not None


def test_partial_fine_tuning_with_cached_frozen_layers(tiny_dataset, tmp_path):
    """model.encoder.frozen_layers=1 of the tiny model's 2: the embeddings and layer 0 keep their weights, the
    frozen part's output is computed once per document and reused, and the model still learns."""
    import lightning.pytorch as pl
    import torch

    from autocoding.train.run import build_objects

    cfg = compose("train", [*tiny_overrides(tiny_dataset, tmp_path), "model.encoder.frozen_layers=1"])
    pl.seed_everything(cfg.seed, workers=True)  # as train() does: the same initial weights
    initial = build_objects(cfg).module.network.encoder
    from autocoding.model.network import CoderNetwork

    modes = []  # the frozen part's mode each time it runs: never training (no dropout), whatever Lightning restores
    bottom = CoderNetwork.bottom

    def spy(self, input_ids, attention_mask):
        states = bottom(self, input_ids, attention_mask)
        modes.extend(m.training for f in self.frozen_modules() for m in f.modules())
        return states

    with unittest.mock.patch.object(CoderNetwork, "bottom", spy):
        metrics, objects = train(cfg)
    assert modes and not any(modes)
    module = objects.module
    encoder, cache = module.network.encoder, module.frozen_cache
    n_train, n_val = len(objects.data.splits["train"]), len(objects.data.splits["validation"])
    assert len(cache) == cache.misses == n_train + n_val  # every train and validation document computed once
    assert objects.trainer.current_epoch >= 2 and cache.hits >= 2 * n_train  # then reused every epoch
    assert torch.equal(encoder.embeddings.word_embeddings.weight, initial.embeddings.word_embeddings.weight)
    for frozen, start in zip(encoder.encoder.layer[0].parameters(), initial.encoder.layer[0].parameters(), strict=True):
        assert torch.equal(frozen, start)
    assert not torch.equal(encoder.encoder.layer[1].output.dense.weight, initial.encoder.layer[1].output.dense.weight)
    assert metrics["val/map"] > 0.8, metrics
