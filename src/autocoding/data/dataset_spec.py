"""The typed form of a dataset config (conf/dataset/<name>.yaml) and of the build options (conf/build.yaml).

The command layer turns the Hydra config into these once; everything below receives them, never a DictConfig.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autocoding.data.cohort import CohortRules
from autocoding.data.label_space import LabelRules
from autocoding.data.split import SplitRules
from autocoding.errors import ConfigError

KNOWN_SYSTEMS = ("icd10", "opcs4", "icd10cm", "icd10pcs")
SOURCES = ("extract", "codiesp", "mimic_iv")


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    source: str
    systems: tuple[str, ...]
    document_types: tuple[str, ...]
    cohort: CohortRules
    labels: LabelRules
    split: SplitRules
    raw: dict = field(default_factory=dict, compare=False)  # the resolved section, recorded in the manifest

    @classmethod
    def from_mapping(cls, section: Mapping) -> DatasetSpec:
        section = dict(section)
        for key in ("name", "systems", "documents"):
            if key not in section:
                raise ConfigError(f"dataset.{key} is required (conf/dataset/<name>.yaml)")
        source = str(section.get("source", "extract"))
        if source not in SOURCES:
            raise ConfigError(f"dataset.source: unknown source {source!r}; known: {list(SOURCES)}")
        systems = tuple(str(s) for s in section["systems"])
        unknown = [s for s in systems if s not in KNOWN_SYSTEMS]
        if unknown or not systems or len(set(systems)) != len(systems):
            raise ConfigError(
                f"dataset.systems: expected distinct names among {list(KNOWN_SYSTEMS)}, got {list(systems)}"
            )
        types = tuple(str(t) for t in (section["documents"] or {}).get("types") or ())
        if not types:
            raise ConfigError("dataset.documents.types: list the document types to use, in order")
        return cls(
            name=str(section["name"]),
            source=source,
            systems=systems,
            document_types=types,
            cohort=CohortRules.from_mapping(section.get("cohort")),
            labels=LabelRules.from_mapping(section.get("labels") or {}),
            split=SplitRules.from_mapping(section.get("split") or {}),
            raw=section,
        )


@dataclass(frozen=True)
class BuildOptions:
    dataset: DatasetSpec
    extract: Path
    out: Path
    seed: int = 0
    on_error: str = "quarantine"  # quarantine | fail
    codes: dict = field(default_factory=dict)  # the `codes:` section, for autocoding.codes.get_code_systems
    episodes_per_bucket: int = (
        20_000  # pass 2 joins text in buckets of this many episodes (memory ~ bucket text)
    )
    max_document_chars: int | None = 200_000  # longer documents are set aside (None: no limit)
    lost_document: str = "episode"  # a document set aside sets aside its episode too | "document": only itself

    def __post_init__(self):
        if self.on_error not in ("quarantine", "fail"):
            raise ConfigError(f"on_error must be quarantine or fail, got {self.on_error!r}")
        if self.episodes_per_bucket < 1:
            raise ConfigError("episodes_per_bucket must be >= 1")
        if self.max_document_chars is not None and self.max_document_chars < 1:
            raise ConfigError("max_document_chars must be >= 1 (or null: no limit)")
        if self.lost_document not in ("episode", "document"):
            raise ConfigError(f"lost_document must be episode or document, got {self.lost_document!r}")
