"""One chunk of an `autocoding code` run: its episodes and their documents, coded into the coded rows.

A chunk is the unit of work and of resume (`pipelines.code_progress`): the parent process cuts the extract into
chunks (`cut_chunk`), and the same `code_chunk` codes one in the parent or in a worker process
(`pipelines.code_workers`), so the rows do not depend on where they were coded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from autocoding.pipelines.code_breaker import apply_breaker
from autocoding.serving.audit_sample import AuditSettings
from autocoding.serving.coded_output import coded_table, mark_audit_sample
from autocoding.serving.screening import outside_cohort
from autocoding.serving.texts import join_episode_sections


@dataclass(frozen=True)
class RowSettings:
    """What, beside the model, shapes a chunk's coded rows."""

    code_format: str = "dotted"
    evidence: bool = True
    breaker_detail: str | None = None  # set: the live-accuracy breaker is tripped (pipelines.code_breaker)
    audit: AuditSettings | None = None  # the audit sample of auto-coded episodes (None: no sample)


@dataclass(frozen=True)
class Chunk:
    index: int
    episodes: pd.DataFrame  # the chunk's episode rows, in extract order
    documents: pd.DataFrame  # their documents


def cut_chunk(episodes: pd.DataFrame, documents: pd.DataFrame, index: int, start: int, stop: int) -> Chunk:
    """Episodes [start, stop) and their documents; `documents` sorted by episode position (`_position`)."""
    position = documents["_position"].to_numpy()
    a, b = np.searchsorted(position, [start, stop], side="left")
    return Chunk(index, episodes.iloc[start:stop].reset_index(drop=True), documents.iloc[a:b])


def no_text_details(ids: list[str], texts: list[str], documents: pd.DataFrame, types) -> list[str | None]:
    """Per episode None (it has text) or why it has none, in words."""
    kinds = documents.groupby(documents["episode_id"].astype(str))["doc_type"].agg(lambda t: sorted(set(t)))
    details = []
    for episode_id, text in zip(ids, texts, strict=True):
        if text.strip():
            details.append(None)
        elif episode_id in kinds.index:
            details.append(f"only documents the model does not read ({', '.join(kinds[episode_id])}; "
                           f"it reads {', '.join(types)})")
        else:
            details.append("no document with text (any it had were empty or set aside: see quarantine.csv)")
    return details


def code_chunk(coder, chunk: Chunk, types, rules, model: dict, settings: RowSettings):
    """The coded rows (pyarrow Table) of one chunk."""
    episodes, documents = chunk.episodes, chunk.documents
    ids = episodes["episode_id"].astype(str).tolist()
    texts, sections = join_episode_sections(documents, ids, types)
    frame = pd.DataFrame({"episode_id": ids, "text": texts})
    blocked = {"outside_cohort": outside_cohort(episodes, rules),
               "no_usable_text": no_text_details(ids, texts, documents, types)}
    coded = coder.code(frame, sections=sections, blocked=blocked, evidence=settings.evidence)
    table = coded_table(coded, episodes, model, settings.code_format, sections)
    if settings.breaker_detail:
        table = apply_breaker(table, settings.breaker_detail)
    if settings.audit is not None:
        table = mark_audit_sample(table, settings.audit)
    return table
