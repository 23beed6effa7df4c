"""`autocoding retrain specialty=endoscopy extract=DIR db=URL out=DIR`: learn from the coders' corrections.

1. The extract is loaded (autocoding.data.extract) and the corrections store's final codes applied to it
   (autocoding.corrections.apply: a corrected episode's codes replace its history; an audit becomes a gold audit row).
2. Every episode of the registered model's frozen evaluation set, and every episode of a patient of it, is dropped
   from the corrected extract, whatever the corrections say: the set the gate judges on is never trained on.
3. The corrected extract is written to `out/extract/` (owner-only files, each written whole) with
   `out/corrections.json` beside it (how many corrections were used, which were set aside, and a SHA-256 over the
   corrections used); the dataset is built into `out/dataset/`; a model is trained (`out/run/`, registered as
   `challenger`) with that hash as the run's `corrections.hash` tag and the JSON as an MLflow dataset input; the
   promotion gate judges it on the frozen set. Exit status: promote's (0 promoted, 3 refused).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from autocoding.codes import get_code_systems
from autocoding.config import compose
from autocoding.corrections.apply import apply_corrections
from autocoding.corrections.records import FinalCodes
from autocoding.corrections.store import open_store
from autocoding.data.build import run as build
from autocoding.data.extract import load_extract
from autocoding.files import write_bytes_atomic, write_json_atomic
from autocoding.pipelines.promote_job import promote
from autocoding.pipelines.train_job import run as train
from autocoding.registry import frozen as frozen_sets
from autocoding.registry.tracking import DataInput, configure, log_inputs

log = logging.getLogger(__name__)
CORRECTIONS_FILE = "corrections.json"
TAG_HASH, TAG_COUNT = "corrections.hash", "corrections.count"


@dataclass
class CorrectedExtract:
    """What retraining learns from, and what was kept out of it."""

    episodes: pd.DataFrame
    documents: pd.DataFrame
    audit: pd.DataFrame | None
    used: list[FinalCodes]                  # corrections applied to an episode that stays in the extract
    missing: list[str] = field(default_factory=list)         # corrected episodes the extract lacks
    frozen_episodes: int = 0                # episodes dropped: in the frozen set or of a patient of it
    frozen_corrections: list[str] = field(default_factory=list)  # corrections dropped with those episodes

    @property
    def digest(self) -> str:
        return corrections_hash(self.used)

    def summary(self) -> dict:
        return {"corrections": len(self.used), "sha256": self.digest, "not_in_extract": len(self.missing),
                "dropped_frozen": len(self.frozen_corrections), "frozen_episodes_dropped": self.frozen_episodes,
                "episodes": len(self.episodes), "episode_ids": sorted(c.episode_id for c in self.used)}


def corrections_hash(used: list[FinalCodes]) -> str:
    """SHA-256 over the corrections used (episode, codes, kind, coder, time), in episode order."""
    digest = hashlib.sha256()
    for c in sorted(used, key=lambda c: c.episode_id):
        digest.update(json.dumps([c.episode_id, list(c.diagnoses), list(c.procedures), c.kind, c.coder_id,
                                  c.coded_at.isoformat()]).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def correct_extract(episodes: pd.DataFrame, documents: pd.DataFrame, audit: pd.DataFrame | None,
                    corrections: Mapping[str, FinalCodes], frozen=None) -> CorrectedExtract:
    """Corrections applied, then every frozen episode and every episode of a frozen patient dropped (`frozen`: an
    autocoding.registry.frozen.FrozenSet, or None when the model has none yet)."""

    episodes, audit, missing = apply_corrections(episodes, audit, corrections)
    ids = episodes["episode_id"].astype(str)
    dropped = pd.Series(False, index=episodes.index)
    if frozen is not None:
        dropped = (ids.isin(set(map(str, frozen.frame["episode_id"])))
                   | episodes["patient_id"].astype(str).isin(set(map(str, frozen.frame["patient_id"]))))
    gone = set(ids[dropped])
    kept_ids = set(ids[~dropped])
    episodes = episodes[~dropped].reset_index(drop=True)
    documents = documents[~documents["episode_id"].astype(str).isin(gone)].reset_index(drop=True)
    if audit is not None:
        audit = audit[~audit["episode_id"].astype(str).isin(gone)].reset_index(drop=True)
    used = [c for e, c in sorted(corrections.items()) if e in kept_ids]
    frozen_corrections = sorted(e for e in corrections if e in gone)
    return CorrectedExtract(episodes, documents, audit, used, missing, len(gone), frozen_corrections)


def write_extract_table(path: Path, frame: pd.DataFrame) -> None:
    """The validated table back in the extract format (docs/data-format.md): times as ISO text, ages as plain
    integers, no pandas dtype metadata, so the loader reads it as it reads a trust's own export."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = frame.copy()
    for column in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].map(lambda t: None if pd.isna(t) else t.isoformat())
        elif isinstance(frame[column].dtype, pd.api.extensions.ExtensionDtype):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    write_bytes_atomic(path, buffer.getvalue())


def write_corrected(corrected: CorrectedExtract, out: Path) -> tuple[Path, Path]:
    """(extract folder, corrections JSON) under `out`: every file owner-only and written whole."""
    extract = out / "extract"
    extract.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_extract_table(extract / "episodes.parquet", corrected.episodes)
    write_extract_table(extract / "documents.parquet", corrected.documents)
    if corrected.audit is not None:
        write_extract_table(extract / "audit.parquet", corrected.audit)
    else:
        (extract / "audit.parquet").unlink(missing_ok=True)
    summary = out / CORRECTIONS_FILE
    write_json_atomic(summary, corrected.summary(), indent=1)
    return extract, summary


def _frozen_set(tracking_uri: str, name: str):
    from mlflow import MlflowClient
    from mlflow.exceptions import MlflowException


    configure(tracking_uri)
    try:
        return frozen_sets.recorded(MlflowClient(), name)
    except MlflowException:
        return None  # the model is not registered yet: nothing frozen


def run(cfg) -> int:
    from omegaconf import OmegaConf


    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    out, name = Path(cfg.out), str(cfg.registered_model)
    extras = {step: [str(o) for o in (cfg.get(f"{step}_overrides") or [])] for step in ("build", "train", "promote")}
    build_cfg = compose("build", [f"dataset={cfg.dataset}", f"extract={cfg.extract}", f"out={out / 'dataset'}",
                                  *extras["build"]])
    codes = OmegaConf.to_container(build_cfg.codes, resolve=True) if "codes" in build_cfg else {}
    systems = get_code_systems(codes, list(build_cfg.dataset.systems))
    extract = load_extract(cfg.extract, systems, on_error=str(build_cfg.on_error))
    with open_store(str(cfg.db)) as store:
        final = store.final_codes()
    frozen = _frozen_set(str(cfg.tracking_uri), name)
    corrected = correct_extract(extract.episodes, extract.documents, extract.audit, final, frozen)
    corrected_dir, summary = write_corrected(corrected, out)
    print(f"corrections: {len(corrected.used)} used (hash {corrected.digest[:12]}), {len(corrected.missing)} name "
          f"episodes not in the extract, {len(corrected.frozen_corrections)} dropped with the frozen set")
    print(f"frozen evaluation set of {name}: " + (
        f"{corrected.frozen_episodes} episodes (its own or of its patients) dropped from the extract"
        if frozen is not None else "none yet (the gate makes one from the new dataset's test split)"))
    print(f"corrected extract: {len(corrected.episodes)} episodes -> {corrected_dir} ({summary})")

    build_cfg.extract = str(corrected_dir)
    dataset = build(build_cfg)
    result = train(compose("train", [f"dataset={cfg.dataset}", f"data={dataset}", f"out={out / 'run'}",
                                     f"tracking_uri={cfg.tracking_uri}", f"logger.registered_model={name}",
                                     *extras["train"]]),
                   tags={TAG_HASH: corrected.digest, TAG_COUNT: str(len(corrected.used)),
                         "corrections.file": str(summary.resolve())})
    log_inputs(result.run_id, [DataInput(f"{name}-corrections", str(summary.resolve()), corrected.digest,
                                         "training")])
    print(f"trained {result.model_uri} (run {result.run_id})")
    if result.version is None:
        print(f"{name}: the run registered no version, so there is nothing for the gate to judge")
        return 1
    return promote(compose("promote", [f"specialty={cfg.specialty}", f"registered_model={name}",
                                       f"version={result.version}", f"tracking_uri={cfg.tracking_uri}",
                                       f"frozen_dir={cfg.frozen_dir}", f"data={dataset}",
                                       f"corrections_db={cfg.db}", *extras["promote"]]))
