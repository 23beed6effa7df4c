"""Pass 1 of the build: the episodes of the dataset, their gold codes and their split, without any text.

Episode batches stream through the cohort rules; what is kept is a narrow Arrow table (ids and code lists: ~100
bytes an episode, ~150 MB for 1.1M). Then, in order:
1. duplicate episode ids are dropped (the first row wins) and counted;
2. episodes without a document of the configured types are dropped (`no_document`);
3. episodes with no code in any configured system are dropped (`uncoded`: not coded yet, nothing to learn);
4. patients are split (autocoding.data.split: a keyed hash of the patient id, or stratified on their coded labels);
   each episode takes its patient's split, so no patient is in two splits;
5. in `labels.audit_splits`, an episode with an audit row takes the audit's codes as its gold codes (`from_audit`).
The table ends sorted by split, then episode_id: the order of the dataset rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from autocoding.data.cohort import IN_COHORT, RULES, rule_failures
from autocoding.data.dataset_spec import DatasetSpec
from autocoding.data.manifest import Exclusions
from autocoding.data.split import SPLITS, hash_patient_split, stratified_patient_split

# which extract column holds each code system's codes (docs/data-format.md)
SYSTEM_COLUMN = {
    "icd10": "diagnoses",
    "icd10cm": "diagnoses",
    "opcs4": "procedures",
    "icd10pcs": "procedures",
}
CODES_TYPE = pa.list_(pa.string())


@dataclass
class SelectedEpisodes:
    table: pa.Table  # episode_id, patient_id, <systems>, split (int8 index into SPLITS), from_audit; sorted
    exclusions: Exclusions
    input_episodes: int
    duplicates: list[str] = field(default_factory=list)  # episode ids seen more than once (first row kept)


class EpisodeSelector:
    """Feed episode batches (pandas, the loader's columns) with `add`, then `finish`."""

    def __init__(self, spec: DatasetSpec):
        self.spec = spec
        self._chunks: list[pa.Table] = []
        self._cohort_counts = np.zeros(len(RULES), dtype=np.int64)
        self.input_episodes = 0

    def add(self, episodes: pd.DataFrame) -> None:
        self.input_episodes += len(episodes)
        failure = rule_failures(episodes, self.spec.cohort)
        self._cohort_counts += np.bincount(failure[failure >= 0], minlength=len(RULES))
        kept = episodes.loc[failure == IN_COHORT]
        columns = {
            "episode_id": pa.array(kept["episode_id"].astype(str).to_numpy(), pa.string()),
            "patient_id": pa.array(kept["patient_id"].astype(str).to_numpy(), pa.string()),
        }
        for system in self.spec.systems:
            columns[system] = _code_lists(kept[SYSTEM_COLUMN[system]])
        self._chunks.append(pa.table(columns))

    def finish(self, documented: Iterable[str], audit: pd.DataFrame | None, seed: int) -> SelectedEpisodes:
        """documented: ids of episodes with a document of a configured type. audit: episode_id + code columns."""
        systems = list(self.spec.systems)
        schema = pa.schema(
            [("episode_id", pa.string()), ("patient_id", pa.string())] + [(s, CODES_TYPE) for s in systems]
        )
        table = pa.concat_tables(self._chunks) if self._chunks else schema.empty_table()
        self._chunks = []
        exclusions = Exclusions(
            cohort={name: int(n) for (name, _), n in zip(RULES, self._cohort_counts, strict=True)}
        )

        ids = table.column("episode_id").to_pandas()
        dup = ids.duplicated(keep="first").to_numpy()
        duplicates = sorted(set(ids[dup]))
        table = table.filter(pa.array(~dup))

        has_doc = pc.is_in(
            table.column("episode_id"), value_set=pa.array(sorted(set(documented)), pa.string())
        )
        exclusions.no_document = int(
            table.num_rows - np.count_nonzero(has_doc.to_numpy(zero_copy_only=False))
        )
        table = table.filter(has_doc)

        coded = np.zeros(table.num_rows, dtype=bool)
        for system in systems:
            coded |= pc.fill_null(pc.list_value_length(table.column(system)), 0).to_numpy() > 0
        exclusions.uncoded = int((~coded).sum())
        table = table.filter(pa.array(coded))

        split = _split_episodes(table, systems, self.spec, seed)
        table = table.append_column("split", pa.array(split, pa.int8()))
        table = _apply_audit(table, audit, systems, self.spec.labels.audit_splits)
        table = table.sort_by([("split", "ascending"), ("episode_id", "ascending")])
        return SelectedEpisodes(table, exclusions, self.input_episodes, duplicates)


def _code_lists(column: pd.Series) -> pa.Array:
    """The loader's code lists (list, tuple, numpy array or missing) as list<string>; missing -> []."""
    try:  # fast path: lists (or None / NaN) converted by Arrow in C
        array = pa.array(column.to_numpy(dtype=object), CODES_TYPE, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        array = None
    if array is None or array.null_count:
        array = pa.array(
            [list(v) if v is not None and not _is_missing(v) else [] for v in column], CODES_TYPE
        )
    return array


def _is_missing(value) -> bool:
    return isinstance(value, float) and np.isnan(value)


def _split_episodes(table: pa.Table, systems: list[str], spec: DatasetSpec, seed: int) -> np.ndarray:
    """Split index per episode, from its patient's split (sorted ids, so row order is irrelevant)."""
    patient_codes, patients = pd.factorize(table.column("patient_id").to_pandas(), sort=True)
    if spec.split.method == "hash":
        return hash_patient_split(patients.astype(str).tolist(), spec.split.fractions, spec.split.key)[patient_codes]
    pat_parts, label_parts, offset = [np.empty(0, np.int64)], [np.empty(0, np.int64)], 0
    for system in systems:  # label ids: codes of each system numbered after those of the systems before it
        column = table.column(system).combine_chunks() if table.num_rows else pa.array([], CODES_TYPE)
        parents = pc.list_parent_indices(column).to_numpy()
        codes, uniques = pd.factorize(pc.list_flatten(column).to_pandas(), sort=True)
        pat_parts.append(patient_codes[parents])
        label_parts.append(codes.astype(np.int64) + offset)
        offset += len(uniques)
    patient_split = stratified_patient_split(
        np.concatenate(pat_parts), np.concatenate(label_parts), len(patients), spec.split.fractions, seed
    )
    return patient_split[patient_codes]


def _apply_audit(table: pa.Table, audit: pd.DataFrame | None, systems: list[str], audit_splits) -> pa.Table:
    """Gold codes from the audit where the episode has an audit row and its split is in audit_splits."""
    wanted = [SPLITS.index(s) for s in audit_splits]
    if audit is None or len(audit) == 0 or not wanted or table.num_rows == 0:
        return table.append_column("from_audit", pa.array(np.zeros(table.num_rows, dtype=bool)))
    audit = audit.drop_duplicates("episode_id", keep="last")  # a re-audit supersedes the earlier one
    position = pd.Index(audit["episode_id"].astype(str)).get_indexer(table.column("episode_id").to_pandas())
    use = (position >= 0) & np.isin(table.column("split").to_numpy(), wanted)
    take = pa.array(np.where(use, position, 0))
    for system in systems:
        gold = _code_lists(audit[SYSTEM_COLUMN[system]]).take(take)
        merged = pc.if_else(pa.array(use), gold, table.column(system).combine_chunks())
        table = table.set_column(table.schema.get_field_index(system), system, merged)
    return table.append_column("from_audit", pa.array(use))
