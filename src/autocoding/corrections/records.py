"""What a coder finally decided for an episode: the codes the corrections store hands to retraining."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

KINDS: tuple[str, ...] = ("exception_review", "audit")


@dataclass(frozen=True)
class FinalCodes:
    """The latest correction of one episode (a correction of a correction supersedes it; history stays in the store)."""

    episode_id: str
    diagnoses: tuple[str, ...]     # in sequence, primary first, as the code system normalises them
    procedures: tuple[str, ...]    # in sequence, primary first
    kind: str                      # one of KINDS
    coder_id: str
    coded_at: datetime
    model_name: str | None         # the model whose output was corrected (None when unknown)
    model_version: str | None


@dataclass(frozen=True)
class Correction:
    """One row of a coder's work as stored: what they decided and what the model had said (when known)."""

    episode_id: str
    kind: str
    coder_id: str
    coded_at: datetime
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]
    comment: str | None = None
    model_name: str | None = None
    model_version: str | None = None
    model_status: str | None = None            # `auto` or `exception`, from coded.parquet
    model_diagnoses: tuple[str, ...] | None = None  # the codes it corrects (None when coded.parquet was not given)
    model_procedures: tuple[str, ...] | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One step of an episode's history: who changed its codes, when, from what, to what."""

    coder_id: str
    coded_at: datetime
    kind: str
    before_diagnoses: tuple[str, ...] | None  # the model's codes for the first step (None when unknown)
    before_procedures: tuple[str, ...] | None
    after_diagnoses: tuple[str, ...]
    after_procedures: tuple[str, ...]
    comment: str | None = None
