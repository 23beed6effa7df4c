"""The coded output: one row per episode (docs/data-format.md, "Coded output").

Parquet holds native lists and structs; CSV holds the same columns with lists and evidence as JSON text (one
cell per column, so a spreadsheet or `csv` reader sees one row per episode). Columns:

| column | Parquet type | meaning |
|---|---|---|
| `episode_id` | string | the extract's episode |
| `status` | string | `auto` (codes may be submitted as they are) or `exception` (to a coder) |
| `audit_sample` | bool | an auto-coded episode drawn for a coder's audit (`serving.audit_sample`; listed in audit.csv) |
| `specialty`, `episode_end` | string, date | from the extract: routing and the coding deadline |
| `diagnoses`, `procedures` | list<string> | the codes in sequence, primary first (for exceptions: the suggestion) |
| `diagnoses_probability`, `procedures_probability` | list<double> | each code's probability, same order |
| `evidence` | list<struct> | per code (diagnoses then procedures): system, code, doc_id, start, end, text, snippet, snippet_start, weight |
| `reason_codes` | list<string> | why an exception (`policy.decision.REASONS` kinds, one per reason); [] when auto |
| `reasons` | list<string> | the same reasons in words, with the codes and probabilities concerned |
| `uncertainty` | double | 0 (every code and the primary certain) to 1 (a code at p = 0.5, or no text): worklist order |
| `model_name`, `model_version`, `model_alias`, `model_uri` | string | the model it was coded with |
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from autocoding.data.schema import CODE_COLUMNS
from autocoding.serving.audit_sample import AuditSettings, audit_sample
from autocoding.serving.code_format import write_code
from autocoding.serving.evidence import code_evidence

EVIDENCE_TYPE = pa.struct([("system", pa.string()), ("code", pa.string()), ("doc_id", pa.string()),
                           ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
                           ("snippet", pa.string()), ("snippet_start", pa.int64()), ("weight", pa.float64())])
SCHEMA = pa.schema([
    ("episode_id", pa.string()), ("status", pa.string()), ("audit_sample", pa.bool_()), ("specialty", pa.string()),
    ("episode_end", pa.date32()),
    ("diagnoses", pa.list_(pa.string())), ("diagnoses_probability", pa.list_(pa.float64())),
    ("procedures", pa.list_(pa.string())), ("procedures_probability", pa.list_(pa.float64())),
    ("evidence", pa.list_(EVIDENCE_TYPE)), ("reason_codes", pa.list_(pa.string())), ("reasons", pa.list_(pa.string())),
    ("uncertainty", pa.float64()), ("model_name", pa.string()), ("model_version", pa.string()),
    ("model_alias", pa.string()), ("model_uri", pa.string()),
])
LIST_COLUMNS = ("diagnoses", "diagnoses_probability", "procedures", "procedures_probability", "evidence",
                "reason_codes", "reasons")
MODEL_FIELDS = ("model_name", "model_version", "model_alias", "model_uri")


def column_of(system: str) -> str:
    return next(column for column, systems in CODE_COLUMNS.items() if system in systems)


def uncertainty(coded) -> np.ndarray:
    """(N,) the largest of 1 - |2p - 1| over every label and, where a system has codes, 1 - primary confidence."""
    d = coded.decisions
    worst = np.zeros(len(coded))
    for system, out in coded.outputs.items():
        worst = np.maximum(worst, (1 - np.abs(2 * out.probs.astype(np.float64) - 1)).max(axis=1, initial=0.0))
        confidence = d.primary_confidence.get(system)
        if confidence is not None:
            has = np.array([bool(c) for c in d.codes[system]])
            worst = np.where(has, np.maximum(worst, 1 - np.asarray(confidence, dtype=np.float64)), worst)
    worst[d.flags["no_usable_text"]] = 1.0
    return np.round(np.clip(worst, 0.0, 1.0), 4)


def coded_table(coded, episodes: pd.DataFrame, model: Mapping[str, str], code_format: str = "dotted",
                sections: Sequence | None = None) -> pa.Table:
    """The coded rows of one chunk. coded: `Coder.code(...)` of `episodes` (same order), with evidence if wanted;
    sections: their `serving.texts.Section` lists (evidence then names documents)."""
    d, n = coded.decisions, len(coded)
    label_index = {s: {c: i for i, c in enumerate(out.labels)} for s, out in coded.outputs.items()}
    columns: dict[str, list] = {c: [[] for _ in range(n)] for c in ("diagnoses", "diagnoses_probability",
                                                                     "procedures", "procedures_probability")}
    evidence: list[list[dict]] = [[] for _ in range(n)]
    for system, sequences in d.codes.items():
        column, probs, index = column_of(system), coded.outputs[system].probs, label_index[system]
        for row, codes in enumerate(sequences):
            for code in codes:
                label = index[code]
                columns[column][row].append(write_code(system, code, code_format))
                columns[f"{column}_probability"][row].append(round(float(probs[row, label]), 4))
                if coded.evidence is not None:
                    found = code_evidence(coded.evidence, row, system, label, coded.texts[row],
                                          sections[row] if sections is not None else None)
                    if found is not None:
                        evidence[row].append({"system": system, "code": write_code(system, code, code_format),
                                              **found})
    reasons = [[str(r) for r in rs] for rs in d.reasons]
    kinds = [[r.kind for r in rs] for rs in d.reasons]
    ends = [None if pd.isna(d) else d.date() for d in pd.to_datetime(episodes["episode_end"], errors="coerce")]
    data = {
        "episode_id": coded.episode_ids, "status": ["auto" if a else "exception" for a in d.auto.tolist()],
        "audit_sample": [False] * n,
        "specialty": episodes["specialty"].astype(str).tolist(), "episode_end": ends, **columns,
        "evidence": evidence, "reason_codes": kinds, "reasons": reasons, "uncertainty": uncertainty(coded).tolist(),
        **{f: [str(model.get(f) or "")] * n for f in MODEL_FIELDS},
    }
    return pa.table({name: pa.array(data[name], type=SCHEMA.field(name).type) for name in SCHEMA.names},
                    schema=SCHEMA)


def mark_audit_sample(table: pa.Table, settings: AuditSettings) -> pa.Table:
    """`table` with `audit_sample` set on the auto-coded rows the audit draw picks (after any breaker)."""
    auto = np.array(table.column("status").to_pylist(), dtype=object) == "auto"
    sample = audit_sample(table.column("episode_id").to_pylist(), table.column("specialty").to_pylist(), auto,
                          settings)
    return table.set_column(table.schema.get_field_index("audit_sample"), "audit_sample",
                            pa.array(sample, pa.bool_()))


def to_csv_frame(table: pa.Table) -> pd.DataFrame:
    """The coded rows for CSV: list and evidence columns as JSON text, dates ISO."""
    frame = table.to_pandas()
    for column in LIST_COLUMNS:
        frame[column] = [json.dumps(_plain(v), ensure_ascii=False) for v in frame[column]]
    frame["episode_end"] = [v.isoformat() if v is not None and not pd.isna(v) else "" for v in frame["episode_end"]]
    return frame


def _plain(value):
    """numpy arrays / pandas values from to_pandas() -> JSON-ready Python values."""
    if isinstance(value, np.ndarray | list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    return value
