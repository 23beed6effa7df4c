"""The exceptions worklist: the episodes a coder must code, in the order they should be coded.

The order is config (`worklist.order` in conf/code.yaml), a list of keys applied in turn:
- `deadline`: nearest coding deadline first; the deadline is episode end + `deadline_days` (30: NHS trusts code
  an episode within a month of its end, before the data flows to SUS);
- `uncertainty`: most uncertain first (`serving.coded_output.uncertainty`: no text and codes near p = 0.5 top);
- `episode_end`: oldest episode first (without the deadline arithmetic).
Ties end in episode_id order, so the same exceptions always give the same list.

Columns: rank, episode_id, specialty, episode_end, coding_deadline, uncertainty, reason_codes and reasons
(`;`-separated), and the model's suggestion (diagnoses, procedures; `;`-separated, primary first).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pandas as pd

from autocoding.errors import ConfigError

ORDER_KEYS = {"deadline": ("coding_deadline", True), "uncertainty": ("uncertainty", False),
              "episode_end": ("episode_end", True)}
COLUMNS = ["rank", "episode_id", "specialty", "episode_end", "coding_deadline", "uncertainty", "reason_codes",
           "reasons", "diagnoses", "procedures"]


def check_order(order: Sequence[str]) -> tuple[str, ...]:
    order = tuple(str(k) for k in order)
    unknown = [k for k in order if k not in ORDER_KEYS]
    if unknown:
        raise ConfigError(f"worklist.order: unknown keys {unknown}; known: {sorted(ORDER_KEYS)}")
    return order


def worklist(coded: pd.DataFrame, order: Sequence[str] = ("deadline", "uncertainty"), deadline_days: int = 30
             ) -> pd.DataFrame:
    """The exceptions of `coded` (the Parquet rows as pandas: lists as lists) ordered for coders."""
    order = check_order(order)
    if deadline_days < 0:
        raise ConfigError(f"worklist.deadline_days must be >= 0, got {deadline_days}")
    rows = coded[coded["status"] == "exception"].copy()
    rows["episode_end"] = pd.to_datetime(rows["episode_end"])
    rows["coding_deadline"] = rows["episode_end"] + timedelta(days=int(deadline_days))
    keys = [ORDER_KEYS[k][0] for k in order] + ["episode_id"]
    ascending = [ORDER_KEYS[k][1] for k in order] + [True]
    rows = rows.sort_values(keys, ascending=ascending, kind="stable", na_position="last")
    joined = lambda values, sep: [sep.join(str(x) for x in v) for v in values]  # noqa: E731
    return pd.DataFrame({
        "rank": range(1, len(rows) + 1), "episode_id": rows["episode_id"].to_numpy(),
        "specialty": rows["specialty"].to_numpy(), "episode_end": rows["episode_end"].dt.date.astype(str).to_numpy(),
        "coding_deadline": rows["coding_deadline"].dt.date.astype(str).to_numpy(),
        "uncertainty": rows["uncertainty"].to_numpy(), "reason_codes": joined(rows["reason_codes"], ";"),
        "reasons": joined(rows["reasons"], "; "), "diagnoses": joined(rows["diagnoses"], ";"),
        "procedures": joined(rows["procedures"], ";"),
    }, columns=COLUMNS)
