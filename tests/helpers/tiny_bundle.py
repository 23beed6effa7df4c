"""A tiny untrained bundle (random 2-layer BERT, WordPiece from a few texts): serving needs no fitted model to
check batching, ordering and decisions."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

TEXTS = [
    "[endoscopy_report]\ngastroscopy reflux oesophagitis biopsy taken",
    "[endoscopy_report]\ncolonoscopy polyp removed snare diverticula seen in the sigmoid colon " * 3,
    "[endoscopy_report]\nsigmoidoscopy normal",
    "[endoscopy_report]\ngastroscopy gastritis\n\n[histology]\nchronic gastritis helicobacter negative",
    "",
]
LABELS = {"icd10": ["K21.9", "K29.7", "K57.3", "K63.5"], "opcs4": ["G45.1", "H22.1", "H25.9"]}


def make_tiny_bundle(out: Path, cohort: dict | None = None) -> Path:
    import torch

    from autocoding.model.encoder import ModelSpec
    from autocoding.model.network import build_network
    from autocoding.model.wordpiece import build_wordpiece_tokenizer
    from autocoding.policy.ood import OODDetector
    from autocoding.policy.thresholds import ThresholdTable
    from autocoding.registry.bundle import BundleInfo, save_bundle

    torch.manual_seed(0)
    spec = ModelSpec.from_dict({"name": "tiny", "encoder": {"config": {
        "model_type": "bert", "hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
        "intermediate_size": 64, "max_position_embeddings": 64}},
        "segments": {"max_length": 16, "max_segments": 2}, "head": {"attention_dim": 16, "dropout": 0.0}})
    tokenizer = build_wordpiece_tokenizer(TEXTS * 5, vocab_size=120, model_max_length=64)
    network = build_network(spec, LABELS, vocab_size=len(tokenizer))
    tables = {s: ThresholdTable(system=s, labels=codes, present=np.full(len(codes), 0.6),
                                absent=np.full(len(codes), 0.4), auto=np.ones(len(codes), bool),
                                support=np.full(len(codes), 10), rule=["code"] * len(codes), primary=0.5,
                                config={"suggest_threshold": 0.5})
              for s, codes in LABELS.items()}
    tables["opcs4"].present[2] = math.inf
    tables["opcs4"].auto[2] = False
    rng = np.random.default_rng(0)
    ood = OODDetector.fit(rng.normal(size=(40, 32)), rng.normal(size=(20, 32)), quantile=0.99)
    info = BundleInfo(model_name="tiny", systems=list(LABELS), segments={"max_length": 16, "max_segments": 2},
                      head={"attention_dim": 16, "dropout": 0.0}, dataset="tiny")
    config = {"dataset": {"name": "tiny", "documents": {"types": ["endoscopy_report", "histology"]}}, "codes": {}}
    return save_bundle(out, network=network.eval(), tokenizer=tokenizer, info=info, thresholds=tables, ood=ood,
                       config=config, manifest={"dataset": "tiny", "hash": {"dataset": "sha256:abc"}},
                       code_tables={"icd10": "test", "opcs4": "test"}, cohort=cohort)

