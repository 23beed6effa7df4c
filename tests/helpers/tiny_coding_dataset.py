"""A tiny built dataset (DatasetDict + manifest.json) whose codes are keyed by words in the text, so a
small model can learn them in seconds, and the config trims that train on it in seconds."""

from __future__ import annotations

import json
import random
from pathlib import Path

# finding word -> (icd10 code); procedure word -> opcs4 code
FINDINGS = {
    "reflux": "K21.9",
    "gastritis": "K29.7",
    "diverticula": "K57.3",
    "polyp": "K63.5",
    "adenoma": "D12.6",
}
PROCEDURES = {"gastroscopy": "G45.1", "colonoscopy": "H22.1", "sigmoidoscopy": "H25.9"}
FILLER = "patient tolerated the procedure well sedation given consent obtained scope passed without difficulty".split()
RARE = "Z99.9"  # never in the label space: a primary outside it must be ignored by the loss


def _episode(rng: random.Random, i: int) -> dict:
    findings = rng.sample(list(FINDINGS), rng.randint(1, 2))
    procedure = rng.choice(list(PROCEDURES))
    words = [procedure, *findings, *rng.sample(FILLER, 6)]
    rng.shuffle(words)
    icd10 = [FINDINGS[f] for f in findings]
    if i % 50 == 0:
        icd10 = [RARE, *icd10]
    return {
        "episode_id": f"E{i:05d}",
        "patient_id": f"P{i:05d}",
        "text": "[endoscopy_report]\n" + " ".join(words),
        "icd10": icd10,
        "opcs4": [PROCEDURES[procedure]],
    }


def write_tiny_dataset(path: Path, n: int = 500, seed: int = 0) -> Path:
    from datasets import Dataset, DatasetDict

    rng = random.Random(seed)
    rows = [_episode(rng, i) for i in range(n)]
    cut1, cut2 = int(n * 0.7), int(n * 0.85)
    parts = {"train": rows[:cut1], "validation": rows[cut1:cut2], "test": rows[cut2:]}
    DatasetDict({k: Dataset.from_list(v) for k, v in parts.items()}).save_to_disk(str(path))
    manifest = {
        "dataset": "tiny",
        "source": "test",
        "systems": {
            "icd10": {"version": "test", "labels": sorted(FINDINGS.values()), "dropped": {RARE: "rare"}},
            "opcs4": {"version": "test", "labels": sorted(PROCEDURES.values()), "dropped": {}},
        },
    }
    (path / "manifest.json").write_text(json.dumps(manifest))
    return path


def tiny_overrides(data: Path, out: Path) -> list[str]:
    """The config trims for fast tests: tiny model, CPU fp32, no progress bar, outputs in tmp."""
    return [
        "model=tiny",
        f"data={data}",
        f"out={out}",
        "trainer.precision=32",
        "trainer.enable_progress_bar=false",
        "trainer.max_epochs=4",
        "trainer.log_every_n_steps=5",
        "datamodule.batch_size=16",
        "datamodule.eval_batch_size=32",
    ]
