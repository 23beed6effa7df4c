"""`manifest.json`: what a built dataset holds and how it was made (schema in docs/architecture.md).

It carries no timestamp and no absolute path, so the same input and configuration give the same file byte for byte;
`hash.inputs`, `hash.config` and `hash.dataset` identify the data, the recipe and the result. Training copies the
manifest (and its hash) into the model bundle.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autocoding.data.dataset_reader import MANIFEST_FILE
from autocoding.data.dataset_writer import file_sha256
from autocoding.data.label_space import CodeCounts, LabelSpace

QUARANTINE_FILE = "quarantine.csv"


def sha256_json(value) -> str:
    """Hash of a JSON-able value in canonical form (sorted keys, no whitespace)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def hash_inputs(files: Iterable[Path], root: Path) -> tuple[str, dict[str, dict]]:
    """(combined hash, {relative name: {sha256, bytes}}) over the input files, in name order."""
    listing = {}
    for path in sorted(Path(p) for p in files):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        listing[name] = {"sha256": file_sha256(path), "bytes": path.stat().st_size}
    return sha256_json(listing), listing


@dataclass
class Exclusions:
    """Episodes left out of the dataset, by reason. Cohort exclusions are not errors: the extract holds every
    episode of the trust and the cohort picks the specialty's."""

    cohort: dict[str, int] = field(default_factory=dict)  # rule -> episodes (first failing rule only)
    no_document: int = 0  # no non-empty document of the configured types
    uncoded: int = 0  # no code in any configured system
    quarantined: int = 0  # episode rows the loader set aside (details in quarantine.csv)

    def as_dict(self) -> dict:
        return {
            "cohort": dict(self.cohort),
            "no_document": self.no_document,
            "uncoded": self.uncoded,
            "quarantined": self.quarantined,
        }


def counts_section(counts: CodeCounts, splits: Iterable[str]) -> dict:
    section = {}
    for split in splits:
        entry = {
            "episodes": counts.episodes[split],
            "patients": counts.patients[split],
            "from_audit": counts.from_audit[split],
        }
        for system in counts.systems:
            entry[system] = dict(sorted(counts.of(split, system).items()))
        section[split] = entry
    return section


def build_manifest(
    *,
    dataset: str,
    source: str,
    version: str,
    spaces: Mapping[str, LabelSpace],
    code_versions: Mapping[str, str],
    counts: CodeCounts,
    splits: list[str],
    exclusions: Exclusions,
    input_episodes: int,
    audit: Mapping,
    split_method: Mapping,
    hashes: Mapping[str, str],
    inputs: Mapping[str, dict],
    quarantine_rows: int,
    config: Mapping,
) -> dict:
    return {
        "dataset": dataset,
        "source": source,
        "created_by": f"autocoding {version}",
        "systems": {
            name: {"version": code_versions[name], "labels": space.labels, "dropped": space.dropped}
            for name, space in spaces.items()
        },
        "counts": counts_section(counts, splits),
        "input_episodes": input_episodes,
        "excluded": exclusions.as_dict(),
        "audit": dict(audit),
        "split": dict(split_method),
        "hash": dict(hashes),
        "inputs": dict(inputs),
        "code_tables": dict(code_versions),
        "quarantine": {"rows": quarantine_rows, "file": QUARANTINE_FILE},
        "config": dict(config),
    }


def write_manifest(directory: Path, manifest: Mapping) -> Path:
    path = Path(directory) / MANIFEST_FILE
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


def read_manifest(directory: str | Path) -> dict:
    return json.loads((Path(directory) / MANIFEST_FILE).read_text(encoding="utf-8"))
