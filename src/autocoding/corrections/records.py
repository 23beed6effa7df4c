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
