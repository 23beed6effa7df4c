"""The audit sample: a share of the auto-coded episodes that coders check after the fact.

Validation, the frozen set and the detectors judge text like the training data; only a coder reading live
auto-coded episodes can show that a model is wrong on text nobody foresaw (a new template, a new consultant, a
new unit). `autocoding code` marks a share of each specialty's auto-coded episodes `audit_sample` and lists them in
`audit.csv`; coders' verdicts, imported as `kind=audit` (docs/corrections.md), give the live accuracy that trips
the circuit breaker (`corrections.breaker`).

The draw is a keyed hash of the episode id (BLAKE2b keyed with `key`, read as a number in [0, 1)), not a random
generator: an episode is in the sample or not whatever the chunk size, the worker count or a resume, and another
`key` draws a fresh sample. `fraction` is the share for every specialty; `by_specialty` overrides it per specialty
(the treatment-function group names of the extract's `specialty` column), e.g. a larger share for a specialty a
model has just started to code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from autocoding.errors import ConfigError

AUDIT_COLUMNS = ["rank", "episode_id", "specialty", "episode_end", "diagnoses", "procedures"]


@dataclass(frozen=True)
class AuditSettings:
    fraction: float = 0.05
    by_specialty: Mapping[str, float] = field(default_factory=dict)
    key: str = "autocoding-audit"

    def __post_init__(self) -> None:
        for name, value in {"fraction": self.fraction, **{f"by_specialty.{k}": v
                                                          for k, v in self.by_specialty.items()}}.items():
            if not 0.0 <= float(value) <= 1.0:
                raise ConfigError(f"audit.{name} must lie in [0, 1], got {value!r}")
        if not self.key:
            raise ConfigError("audit.key must not be empty")

    @classmethod
    def from_mapping(cls, values: Mapping | None) -> AuditSettings:
        values = dict(values or {})
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"audit: unknown keys {sorted(unknown)}")
        return cls(float(values.get("fraction", 0.05)),
                   {str(k): float(v) for k, v in (values.get("by_specialty") or {}).items()},
                   str(values.get("key", "autocoding-audit")))

    def as_dict(self) -> dict:
        return {"fraction": self.fraction, "by_specialty": dict(sorted(self.by_specialty.items())), "key": self.key}


def draws(episode_ids: Sequence[str], key: str) -> np.ndarray:
    """(N,) numbers in [0, 1), one per episode id, fixed by (key, id)."""
    secret = hashlib.sha256(key.encode()).digest()
    return np.array([int.from_bytes(hashlib.blake2b(str(e).encode(), digest_size=8, key=secret).digest(), "big")
                     / 2.0 ** 64 for e in episode_ids], dtype=np.float64)


def audit_sample(episode_ids: Sequence[str], specialties: Sequence[str], auto: np.ndarray,
                 settings: AuditSettings) -> np.ndarray:
    """(N,) bool: the auto-coded episodes in the sample."""
    share = np.array([settings.by_specialty.get(str(s), settings.fraction) for s in specialties], dtype=np.float64)
    return np.asarray(auto, dtype=bool) & (draws(episode_ids, settings.key) < share)


def audit_list(coded: pd.DataFrame) -> pd.DataFrame:
    """audit.csv: the sampled episodes of `coded` (Parquet rows as pandas), oldest episode first, with the codes
    submitted for them (`;`-separated, primary first) for the coder to check."""
    rows = coded[coded["audit_sample"].astype(bool)].copy()
    rows["episode_end"] = pd.to_datetime(rows["episode_end"])
    rows = rows.sort_values(["episode_end", "episode_id"], kind="stable", na_position="last")
    joined = [[";".join(str(c) for c in codes) for codes in rows[column]] for column in ("diagnoses", "procedures")]
    return pd.DataFrame({"rank": range(1, len(rows) + 1), "episode_id": rows["episode_id"].to_numpy(),
                         "specialty": rows["specialty"].to_numpy(),
                         "episode_end": rows["episode_end"].dt.date.astype(str).to_numpy(),
                         "diagnoses": joined[0], "procedures": joined[1]}, columns=AUDIT_COLUMNS)
