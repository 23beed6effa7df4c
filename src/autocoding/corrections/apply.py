"""An extract's episodes with coders' corrections applied: what retraining learns from.

A corrected episode's codes replace its historical codes (the coder's final decision supersedes the coded history);
an episode corrected by an audit also gets an audit row with those codes, so the build takes them as gold in the
audit splits (autocoding.data.episode_table). Episodes the corrections name but the extract lacks are returned,
not silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from autocoding.corrections.records import FinalCodes


def apply_corrections(episodes: pd.DataFrame, audit: pd.DataFrame | None, corrections: Mapping[str, FinalCodes]
                      ) -> tuple[pd.DataFrame, pd.DataFrame | None, list[str]]:
    """(episodes, audit, ids of corrections whose episode is not in the extract). Inputs are not modified."""
    ids = episodes["episode_id"].astype(str)
    found = ids[ids.isin(corrections.keys())]
    episodes = episodes.copy()
    for row, episode_id in found.items():
        final = corrections[episode_id]
        episodes.at[row, "diagnoses"] = list(final.diagnoses)
        episodes.at[row, "procedures"] = list(final.procedures)
    audited = [c for c in corrections.values() if c.kind == "audit" and c.episode_id in set(found)]
    if audited:
        rows = pd.DataFrame({"episode_id": [c.episode_id for c in audited],
                             "diagnoses": [list(c.diagnoses) for c in audited],
                             "procedures": [list(c.procedures) for c in audited]})
        kept = audit[~audit["episode_id"].astype(str).isin(rows["episode_id"])] if audit is not None else None
        audit = pd.concat([kept, rows], ignore_index=True) if kept is not None else rows
    missing = sorted(set(corrections) - set(found))
    return episodes, audit, missing
