"""Label balance of a built dataset's splits: checked and reported, since the hash split does not steer it.

The per-code episode counts of each split are in the manifest's `counts` section; this module adds the findings a
reader needs from them (`split.balance` in the manifest, and a warning in the build log):
- codes seen in validation or test but never in train: the model cannot learn them; each counts as a miss;
- labels (codes of the label space) absent from validation: their threshold is fitted on no positive example;
- the share of episodes each split holds, against the configured fractions of patients.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from autocoding.data.label_space import CodeCounts, LabelSpace

log = logging.getLogger(__name__)
SHOWN = 10  # codes named in a warning; the manifest lists them all


def split_balance(counts: CodeCounts, spaces: Mapping[str, LabelSpace], splits: Sequence[str]) -> dict:
    """{"episode_share": {split: share}, <system>: {"absent_from_train": [...], "labels_absent_from_validation":
    [...]}} (codes sorted)."""
    total = sum(counts.episodes[s] for s in splits) or 1
    report: dict = {"episode_share": {s: round(counts.episodes[s] / total, 4) for s in splits}}
    for system, space in spaces.items():
        train = counts.of("train", system)
        elsewhere = set().union(*(counts.of(s, system) for s in splits if s != "train"))
        validation = counts.of("validation", system)
        report[system] = {
            "absent_from_train": sorted(c for c in elsewhere if c not in train),
            "labels_absent_from_validation": sorted(c for c in space.labels if c not in validation)
            if "validation" in splits and counts.episodes["validation"] else [],
        }
    return report


def warn_imbalance(report: Mapping) -> list[str]:
    """Log (and return) one warning per finding of split_balance."""
    messages = []
    for system, found in report.items():
        if system == "episode_share":
            continue
        for key, words in (("absent_from_train", "codes seen in validation/test but not in train (they count as "
                                                 "misses)"),
                           ("labels_absent_from_validation", "labels absent from validation (their thresholds "
                                                             "are fitted on no positive example)")):
            codes = found[key]
            if codes:
                more = f" and {len(codes) - SHOWN} more" if len(codes) > SHOWN else ""
                messages.append(f"{system}: {len(codes)} {words}: {', '.join(codes[:SHOWN])}{more}")
    for message in messages:
        log.warning("split balance: %s", message)
    return messages
