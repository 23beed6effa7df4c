"""Small hand-made inputs for the corrections tests: a coded.parquet as `autocoding code` writes it, and files of
coders' work."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from autocoding.serving.coded_output import SCHEMA

COLUMNS = ["episode_id", "diagnoses", "procedures", "coder_id", "coded_at", "kind", "comment"]


def write_coded(path: Path, rows: list[dict], model_name: str = "autocoding-endoscopy", version: str = "3") -> Path:
    """rows: {episode_id, status, diagnoses, procedures}; the other columns filled as a real run fills them."""
    full = []
    for r in rows:
        full.append({"episode_id": r["episode_id"], "status": r["status"], "specialty": "301", "episode_end": None,
                     "diagnoses": r["diagnoses"], "diagnoses_probability": [0.9] * len(r["diagnoses"]),
                     "procedures": r["procedures"], "procedures_probability": [0.9] * len(r["procedures"]),
                     "evidence": [], "reason_codes": [] if r["status"] == "auto" else ["uncertain_code"],
                     "reasons": [], "uncertainty": 0.1, "model_name": model_name, "model_version": version,
                     "model_alias": "production", "model_uri": f"models:/{model_name}@production"})
    pq.write_table(pa.Table.from_pylist(full, schema=SCHEMA), path)
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: (" ".join(row[c]) if isinstance(row.get(c), list) else row.get(c, ""))
                             for c in COLUMNS})
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def correction(i: int, diagnoses=("K21.9",), procedures=("G45.1",), kind="exception_review", coder="c1",
               at="2026-03-01T10:00:00Z", comment="") -> dict:
    return {"episode_id": f"E{i:04d}", "diagnoses": list(diagnoses), "procedures": list(procedures),
            "coder_id": coder, "coded_at": at, "kind": kind, "comment": comment}


def many(n: int, start: int = 0, **kw) -> list[dict]:
    return [correction(i, at=f"2026-03-01T10:{i % 60:02d}:00Z", **kw) for i in range(start, start + n)]
