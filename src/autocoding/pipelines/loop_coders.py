"""Simulated coders for `autocoding simulate-loop`: what a coding department does with one round's coded output.

Every exception is reviewed and coded with the episode's true codes; a sample of the auto-coded episodes is audited
the same way (kind `audit`). A share of those decisions carries one coder mistake (a secondary code dropped, or the
only code of a field replaced by another code of the same system), so the loop learns from imperfect corrections
as a real one does. The rows are in the import format of `autocoding corrections import` (docs/corrections.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from autocoding.eval.audit import primary_correct, secondary_correct

Codes = tuple[tuple[str, ...], tuple[str, ...]]  # (diagnoses, procedures), each in sequence
COLUMNS = ("episode_id", "diagnoses", "procedures", "coder_id", "coded_at", "kind", "comment")


@dataclass(frozen=True)
class CoderSettings:
    error_rate: float = 0.03      # share of reviewed or audited episodes a coder gets wrong (one code)
    audit_fraction: float = 0.1   # share of auto-coded episodes audited
    coders: int = 4               # coder ids c1 ... cN, drawn at random per episode

    def __post_init__(self) -> None:
        for name in ("error_rate", "audit_fraction"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if self.coders < 1:
            raise ValueError(f"coders must be at least 1, got {self.coders}")


def wholly_right(predicted: Codes, gold: Codes) -> bool:
    """All four audit fields right (primary and secondary diagnoses, primary and secondary procedures)."""
    return all(bool(primary_correct([list(p)], [list(g)])[0]) and bool(secondary_correct([list(p)], [list(g)])[0])
               for p, g in zip(predicted, gold, strict=True))


def mistake(codes: Codes, vocabulary: Sequence[Sequence[str]], rng: np.random.Generator) -> Codes:
    """`codes` with one coder mistake: in a field with codes, a secondary dropped, or the only code swapped for
    another of `vocabulary[field]` (the codes of that field's system seen so far)."""
    fields = [i for i, field in enumerate(codes) if field] or [0]
    i = int(rng.choice(fields))
    field = list(codes[i])
    if len(field) > 1:
        del field[int(rng.integers(1, len(field)))]
    else:
        others = [c for c in vocabulary[i] if c not in field]
        if not others:
            return codes
        field = [str(rng.choice(others))]
    return tuple(tuple(field) if j == i else codes[j] for j in range(len(codes)))


def coders_work(coded: pd.DataFrame | None, episode_ids: Sequence[str], truth: Mapping[str, Codes],
                vocabulary: Sequence[Sequence[str]], settings: CoderSettings, rng: np.random.Generator,
                coded_at: datetime) -> pd.DataFrame:
    """The corrections rows for one round. `coded`: the round's coded.parquet rows (episode_id, status), or None
    when no model was in production (every episode is then coded by hand as an exception review)."""
    status = (dict(zip(coded["episode_id"].astype(str), coded["status"].astype(str), strict=True))
              if coded is not None else {})
    rows = []
    for n, episode_id in enumerate(map(str, episode_ids)):
        kind = "exception_review" if status.get(episode_id, "exception") == "exception" else (
            "audit" if rng.random() < settings.audit_fraction else None)
        if kind is None:
            continue
        codes, comment = truth[episode_id], ""
        if rng.random() < settings.error_rate:
            codes, comment = mistake(codes, vocabulary, rng), "simulated coder mistake"
        rows.append({"episode_id": episode_id, "diagnoses": " ".join(codes[0]), "procedures": " ".join(codes[1]),
                     "coder_id": f"c{int(rng.integers(1, settings.coders + 1))}",
                     "coded_at": (coded_at + timedelta(seconds=n)).isoformat(), "kind": kind, "comment": comment})
    return pd.DataFrame(rows, columns=list(COLUMNS))
