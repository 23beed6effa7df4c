"""`model.head.title_init` in training (autocoding.train.run.build_objects, autocoding.model.title_queries)."""

from __future__ import annotations

import torch


def test_training_starts_each_code_at_its_title(tiny_dataset, tmp_path):
    """model.head.title_init=true: build_objects reads the tiny dataset's codes' titles from the default tables and
    every code's first query is set; without it, the queries are the random ones of the same seed."""
    import lightning.pytorch as pl
    from tests.helpers.tiny_coding_dataset import tiny_overrides

    from autocoding.config import compose
    from autocoding.train.run import build_objects

    heads = {}
    for flag in ("false", "true"):
        cfg = compose("train", [*tiny_overrides(tiny_dataset, tmp_path), f"model.head.title_init={flag}"])
        pl.seed_everything(cfg.seed, workers=True)
        heads[flag] = build_objects(cfg).module.network.heads
    for system in ("icd10", "opcs4"):
        plain, titled = heads["false"][system], heads["true"][system]
        k = plain.queries.shape[0] // plain.n_labels
        first = titled.queries.detach()[::k]
        assert torch.allclose(first.norm(dim=1), torch.ones(plain.n_labels), atol=1e-5)
        assert not torch.allclose(first, plain.queries.detach()[::k])
        if k > 1:
            assert torch.equal(titled.queries.detach()[1::k], plain.queries.detach()[1::k])
