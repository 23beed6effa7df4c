"""The label space of each code system, read from the train split, and code counts per split.

Rules (recorded in the manifest, so a model's label ids can always be traced to the data):
- a code is a label when it is seen in at least `min_count` train episodes;
- a code seen in train less often is dropped ("fewer than N in train"): too few examples to learn or to set a
  threshold on;
- a code seen only in validation or test is dropped ("unseen in train"): the model cannot predict it, and evaluation
  counts it as a miss (the dataset columns keep every code).
Labels are sorted by code, so label id = position in that sorted list and does not depend on row order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from autocoding.errors import ConfigError


@dataclass(frozen=True)
class LabelRules:
    """`labels:` in conf/dataset/*.yaml."""

    min_count: int = 3
    audit_splits: tuple[str, ...] = ("validation", "test")

    @classmethod
    def from_mapping(cls, section: Mapping) -> LabelRules:
        unknown = set(section) - {"min_count", "audit_splits"}
        if unknown:
            raise ConfigError(
                f"dataset.labels: unknown keys {sorted(unknown)}; known: ['audit_splits', 'min_count']"
            )
        min_count = int(section.get("min_count", 3))
        if min_count < 1:
            raise ConfigError(f"dataset.labels.min_count must be >= 1, got {min_count}")
        splits = tuple(section.get("audit_splits") or ())
        bad = [s for s in splits if s not in ("train", "validation", "test")]
        if bad:
            raise ConfigError(f"dataset.labels.audit_splits: unknown splits {bad}")
        return cls(min_count=min_count, audit_splits=splits)


@dataclass
class CodeCounts:
    """Episodes per code (a code counted once per episode) and episodes per split, accumulated batch by batch."""

    systems: list[str]
    episodes: Counter = field(default_factory=Counter)  # split -> episodes
    patients: Counter = field(default_factory=Counter)  # split -> patients
    from_audit: Counter = field(
        default_factory=Counter
    )  # split -> episodes whose codes came from an audit row
    audit_codes: Counter = field(default_factory=Counter)  # system -> codes (labels) taken from audit rows
    codes: dict[str, dict[str, Counter]] = field(default_factory=dict)  # split -> system -> code -> episodes
    _patients: dict[str, set] = field(default_factory=dict, repr=False)

    def add_table(self, split: str, table: pa.Table) -> None:
        """Count the rows of one written batch: episodes, patients, audit-labelled episodes, codes per system."""
        self.episodes[split] += table.num_rows
        self._patients.setdefault(split, set()).update(table.column("patient_id").to_pylist())
        self.patients[split] = len(self._patients[split])
        if "from_audit" in table.column_names:
            audited = table.filter(table.column("from_audit"))
            self.from_audit[split] += audited.num_rows
            for system in self.systems:
                self.audit_codes[system] += int(
                    pc.sum(pc.list_value_length(audited.column(system))).as_py() or 0
                )
        for system in self.systems:
            self.codes.setdefault(split, {}).setdefault(system, Counter()).update(
                episodes_per_code(table.column(system))
            )

    def of(self, split: str, system: str) -> Counter:
        return self.codes.get(split, {}).get(system, Counter())


def episodes_per_code(column: pa.ChunkedArray | pa.Array) -> dict[str, int]:
    """{code: episodes holding it} for a list<string> column; a code repeated in one episode counts once."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    pairs = pd.DataFrame(
        {"episode": pc.list_parent_indices(column).to_numpy(), "code": pc.list_flatten(column).to_pandas()}
    )
    return pairs.drop_duplicates()["code"].value_counts(sort=False).to_dict()


@dataclass(frozen=True)
class LabelSpace:
    system: str
    labels: list[str]
    dropped: dict[str, str]


def build_label_space(system: str, counts: CodeCounts, splits: Iterable[str], min_count: int) -> LabelSpace:
    """Labels of one system from the train counts; every other code seen in any split is listed as dropped."""
    train = counts.of("train", system)
    labels = sorted(code for code, n in train.items() if n >= min_count)
    dropped: dict[str, str] = {}
    for code in sorted(c for c, n in train.items() if n < min_count):
        dropped[code] = f"fewer than {min_count} in train"
    for split in splits:
        if split == "train":
            continue
        for code in counts.of(split, system):
            if code not in train:
                dropped.setdefault(code, "unseen in train")
    return LabelSpace(system=system, labels=labels, dropped=dict(sorted(dropped.items())))
