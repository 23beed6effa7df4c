"""Hand-made extracts for the build tests: episodes and documents as small tables whose outcome is known."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pyarrow as pa

from autocoding.data.dataset_spec import BuildOptions, DatasetSpec

ENDOSCOPY = {
    "name": "endoscopy",
    "source": "extract",
    "cohort": {
        "treatment_functions": ["301", "100"],
        "patient_classes": ["day_case"],
        "max_length_of_stay_days": 0,
        "admission_methods": ["11", "12", "13"],
        "required_procedure_chapters": ["G", "H"],
    },
    "documents": {"types": ["endoscopy_report", "histology"]},
    "systems": ["icd10", "opcs4"],
    "labels": {"min_count": 2, "audit_splits": ["validation", "test"]},
    "split": {"train": 0.6, "validation": 0.2, "test": 0.2},
}


def episode(
    eid: str, pid: str, dx=("K21.9",), px=("G45.9",), tf="301", pc="day_case", los=0, am="11"
) -> dict:
    """One episode row in the loader's columns: canonical codes, primary first."""
    return {
        "episode_id": eid,
        "patient_id": pid,
        "specialty": tf,  # the treatment function code
        "admission_method": am,
        "patient_class": pc,
        "episode_start": "2025-01-06",
        "episode_end": (pd.Timestamp("2025-01-06") + pd.Timedelta(days=los)).date().isoformat(),
        "diagnoses": list(dx),
        "procedures": list(px),
    }


def document(eid: str, doc_type: str, text: str) -> dict:
    return {"episode_id": eid, "doc_type": doc_type, "text": text}


class TableStream:
    """An ExtractStream over in-memory tables, served in batches of `batch` rows (order as given)."""

    def __init__(
        self, episodes: list[dict], documents: list[dict], audit: list[dict] | None = None, batch: int = 3
    ):
        self.episodes = pd.DataFrame(episodes)
        self.documents = pa.Table.from_pylist(documents)
        self._audit = pd.DataFrame(audit) if audit else None
        self.batch = batch

    def episode_batches(self) -> Iterator[pd.DataFrame]:
        for start in range(0, len(self.episodes), self.batch):
            yield self.episodes.iloc[start : start + self.batch]

    def document_batches(self, columns: list[str]) -> Iterator[pa.Table]:
        for start in range(0, self.documents.num_rows, self.batch):
            yield self.documents.slice(start, self.batch).select(columns)

    def audit(self) -> pd.DataFrame | None:
        return self._audit

    def quarantine(self) -> pd.DataFrame:
        return pd.DataFrame(columns=["file", "row", "column", "reason"])


def options(tmp_path, spec: dict | None = None, **kwargs) -> BuildOptions:
    return BuildOptions(
        dataset=DatasetSpec.from_mapping(spec or ENDOSCOPY),
        extract=tmp_path / "extract",
        out=tmp_path / "out",
        **kwargs,
    )
