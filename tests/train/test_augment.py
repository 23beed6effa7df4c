"""Token dropout (autocoding.train.augment): what it hides, and that only training steps see it."""

from __future__ import annotations

import unittest.mock

import pytest
import torch
from tests.helpers.tiny_coding_dataset import tiny_overrides

from autocoding.config import compose
from autocoding.train.augment import drop_tokens


def _mask() -> torch.Tensor:
    mask = torch.zeros(4, 2, 50, dtype=torch.long)
    mask[:, 0, :50] = 1
    mask[:, 1, :20] = 1  # a short second segment, then padding
    mask[3, 1] = 0  # a document with one segment
    return mask


def test_hides_about_the_rate_of_real_tokens_and_never_the_first():
    mask = _mask()
    dropped = drop_tokens(mask, 0.3, torch.Generator().manual_seed(0))
    assert dropped.shape == mask.shape and dropped.dtype == mask.dtype
    assert torch.all(dropped <= mask)  # padding never becomes a token
    assert torch.all(dropped[:, 0, 0] == 1) and torch.all(dropped[:3, 1, 0] == 1)  # [CLS] of every real segment
    assert torch.equal(dropped.reshape(-1, 50).any(1), mask.reshape(-1, 50).any(1))  # the same segments remain
    real = (mask[..., 1:] == 1)
    share = 1 - dropped[..., 1:][real].float().mean().item()
    assert 0.22 < share < 0.38, share


def test_rate_zero_is_the_mask_itself_and_bad_rates_fail():
    mask = _mask()
    assert drop_tokens(mask, 0.0) is mask
    for rate in (-0.1, 1.0):
        with pytest.raises(ValueError, match="token dropout"):
            drop_tokens(mask, rate)


def test_training_steps_drop_tokens_validation_does_not(tiny_dataset, tmp_path):
    """With model.token_dropout the trained network sees a thinner mask in training steps only, the frozen-state
    cache computes from the whole text, and the tiny model still learns its word-keyed codes."""
    from autocoding.model.network import CoderNetwork
    from autocoding.train import train

    cfg = compose("train", [*tiny_overrides(tiny_dataset, tmp_path), "model.token_dropout=0.3",
                            "model.encoder.frozen_layers=1"])
    seen = {"bottom": [], "thinned": [], "whole": []}
    bottom, forward = CoderNetwork.bottom, CoderNetwork.forward

    def spy_bottom(self, input_ids, attention_mask):
        seen["bottom"].append(bool((attention_mask == (input_ids != 0).long()).all()))
        return bottom(self, input_ids, attention_mask)

    def spy_forward(self, input_ids, attention_mask, bottom_states=None):
        whole = (input_ids != 0).long()
        seen["whole" if torch.equal(attention_mask, whole) else "thinned"].append(self.training)
        return forward(self, input_ids, attention_mask, bottom_states)

    with unittest.mock.patch.object(CoderNetwork, "bottom", spy_bottom), \
            unittest.mock.patch.object(CoderNetwork, "forward", spy_forward):
        metrics, objects = train(cfg)
    assert seen["bottom"] and all(seen["bottom"])  # the cache saw every token
    assert seen["thinned"] and all(seen["thinned"])  # thinned masks: training steps only
    assert not any(seen["whole"])  # validation steps (eval mode) see the whole text
    assert objects.module.token_dropout == 0.3
    assert metrics["val/map"] > 0.8, metrics


def test_bad_token_dropout_is_a_config_error(tiny_dataset, tmp_path):
    from autocoding.errors import ConfigError
    from autocoding.train.run import build_objects

    cfg = compose("train", [*tiny_overrides(tiny_dataset, tmp_path), "model.token_dropout=1.5"])
    with pytest.raises(ConfigError, match="token_dropout"):
        build_objects(cfg)
