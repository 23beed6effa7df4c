"""`autocoding build dataset=<name> extract=DIR out=DIR2`: a specialty's dataset from an extract.

Writes DIR2 as a Hugging Face DatasetDict (train / validation / test) with manifest.json and quarantine.csv
(docs/architecture.md). The whole output appears at once (autocoding.data.output_dir): a failed build leaves any
previous DIR2 untouched. Deterministic: the same input and configuration give identical files.

Sources (`dataset.source`): `extract`, a trust extract in the documented format (docs/data-format.md), built in two
streaming passes (autocoding.data.extract_build); `codiesp`, the CodiEsp corpus, whose rows arrive whole with a fixed
split (autocoding.data.sources.codiesp).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pyarrow as pa

from autocoding.codes import get_code_systems
from autocoding.data.balance import split_balance, warn_imbalance
from autocoding.data.dataset_spec import BuildOptions, DatasetSpec
from autocoding.data.dataset_writer import DatasetDictWriter, arrow_schema
from autocoding.data.extract_build import ExtractStream, WrittenDataset, build_from_extract
from autocoding.data.label_space import build_label_space
from autocoding.data.manifest import (
    QUARANTINE_FILE,
    Exclusions,
    build_manifest,
    hash_inputs,
    sha256_json,
    write_manifest,
)
from autocoding.data.output_dir import atomic_directory
from autocoding.data.split import SPLITS
from autocoding.errors import ConfigError, InputError

log = logging.getLogger(__name__)
QUARANTINE_COLUMNS = ["file", "row", "column", "reason"]
HEADER_LINE = r"(?m)^\[[^\]\n]*\]$"  # a document heading in `text`, e.g. "[case_report]"
# sources whose module exposes load_rows(path, dataset_cfg, code_systems) -> (rows, quarantine)
ROW_SOURCES = {"codiesp": "autocoding.data.sources.codiesp", "mimic_iv": "autocoding.data.sources.mimic_iv"}


def run(cfg) -> Path:
    """Command layer: the composed Hydra config (conf/build.yaml) -> BuildOptions -> build."""
    from omegaconf import OmegaConf

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    options = BuildOptions(
        dataset=DatasetSpec.from_mapping(OmegaConf.to_container(cfg.dataset, resolve=True)),
        extract=Path(cfg.extract),
        out=Path(cfg.out),
        seed=int(cfg.seed),
        on_error=str(cfg.on_error),
        codes=OmegaConf.to_container(cfg.codes, resolve=True) if "codes" in cfg else {},
        episodes_per_bucket=int(cfg.get("episodes_per_bucket", 20_000)),
        max_document_chars=None if cfg.get("max_document_chars", 200_000) is None else int(cfg.max_document_chars),
        lost_document=str(cfg.get("lost_document", "episode")),
    )
    out = build(options)
    print(f"dataset written to {out}")
    return out


def build(
    options: BuildOptions, code_systems: dict | None = None, stream: ExtractStream | None = None
) -> Path:
    """Build the dataset into options.out. code_systems / stream: given by tests; by default from the config
    (autocoding.codes) and the extract folder (autocoding.data.extract)."""
    spec = options.dataset
    if not options.extract.exists():
        raise ConfigError(f"extract {options.extract} does not exist")
    if spec.cohort.required_procedure_chapters:
        log.warning("dataset.cohort.required_procedure_chapters=%s selects episodes on their coded procedures, which "
                    "are not known when a model codes an episode: the model will never see the episodes it drops "
                    "(e.g. abandoned examinations) and will code them as if done (autocoding.data.cohort)",
                    list(spec.cohort.required_procedure_chapters))
    if code_systems is None:
        code_systems = get_code_systems(options.codes, list(spec.systems))
    with atomic_directory(options.out, "dataset", spec.name) as tmp:
        if spec.source == "extract":
            if stream is None:
                from autocoding.data.extract import open_extract_stream

                stream = open_extract_stream(options.extract, code_systems, on_error=options.on_error,
                                             max_document_chars=options.max_document_chars,
                                             lost_document=options.lost_document)
            written = build_from_extract(stream, options, tmp)
            quarantine = stream.quarantine()
            _count_quarantined_episodes(written, quarantine, getattr(stream, "files", None))
        else:
            written, quarantine = _build_from_rows(options, code_systems, tmp)
        _check_not_empty(written, options)
        quarantine = pd.concat(
            [
                quarantine[QUARANTINE_COLUMNS],
                pd.DataFrame(written.extra_quarantine, columns=QUARANTINE_COLUMNS),
            ],
            ignore_index=True,
        )
        quarantine.to_csv(tmp / QUARANTINE_FILE, index=False)
        manifest = _manifest(options, code_systems, written, len(quarantine))
        write_manifest(tmp, manifest)
        _log_summary(manifest)
    return options.out


def _count_quarantined_episodes(written: WrittenDataset, quarantine: pd.DataFrame, files) -> None:
    """Episode rows the loader set aside count as read and excluded (`quarantined`); one row may have several
    problems, so rows are counted, not quarantine lines."""
    if files is None or quarantine.empty:
        return
    rows = quarantine.loc[quarantine["file"].astype(str) == str(files.episodes), "row"]
    written.exclusions.quarantined = int(rows.nunique())
    written.input_episodes += written.exclusions.quarantined


def _check_not_empty(written: WrittenDataset, options: BuildOptions) -> None:
    """A dataset without training episodes is a wrong extract or cohort, not a result: say why, keep DIR2."""
    if written.writer.counts.episodes["train"] == 0:
        raise InputError(
            f"no episode left for training: {written.input_episodes} read, excluded "
            f"{written.exclusions.as_dict()}; check the extract and dataset.cohort / dataset.documents.types",
            file=str(options.extract),
        )


def _manifest(options: BuildOptions, code_systems, written: WrittenDataset, quarantine_rows: int) -> dict:
    from autocoding import __version__

    spec = options.dataset
    counts = written.writer.counts
    spaces = {s: build_label_space(s, counts, SPLITS, spec.labels.min_count) for s in spec.systems}
    balance = split_balance(counts, spaces, SPLITS)
    warn_imbalance(balance)
    versions = {s: str(code_systems[s].version) for s in spec.systems}
    input_hash, inputs = hash_inputs(_input_files(options.extract), options.extract)
    build_params = {
        "seed": options.seed,
        "on_error": options.on_error,
        "episodes_per_bucket": options.episodes_per_bucket,
        "max_document_chars": options.max_document_chars,
        "lost_document": options.lost_document,
    }
    config_hash = sha256_json({"dataset": spec.raw, "build": build_params, "code_tables": versions})
    return build_manifest(
        dataset=spec.name,
        source=spec.source,
        version=__version__,
        spaces=spaces,
        code_versions=versions,
        counts=counts,
        splits=list(SPLITS),
        exclusions=written.exclusions,
        input_episodes=written.input_episodes,
        audit={
            "splits": list(spec.labels.audit_splits),
            "episodes": int(sum(counts.from_audit.values())),
            "codes": {system: int(counts.audit_codes[system]) for system in spec.systems},
        },
        split_method={**spec.split.describe(options.seed), "balance": balance},
        hashes={"inputs": input_hash, "config": config_hash, "dataset": written.dataset_hash},
        inputs=inputs,
        quarantine_rows=quarantine_rows,
        config=spec.raw,
    )


def _input_files(root: Path) -> list[Path]:
    """Every regular file under the extract directory, hidden ones aside."""
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _build_from_rows(options: BuildOptions, code_systems, out: Path) -> tuple[WrittenDataset, pd.DataFrame]:
    """Sources whose rows come whole with text (CodiEsp, MIMIC-IV): drop blank and uncoded rows, write. A source
    may fix the split (a `split` column: CodiEsp); otherwise patients are split here (MIMIC-IV)."""
    import importlib

    spec = options.dataset
    load_rows = importlib.import_module(ROW_SOURCES[spec.source]).load_rows
    rows, quarantine = load_rows(options.extract, spec.raw, code_systems)
    systems = list(spec.systems)
    if "split" not in rows:
        from autocoding.data.split import split_of_patients

        patients = rows.groupby("patient_id", sort=True)[systems].agg(
            lambda s: [c for codes in s for c in codes]
        )
        labels = [
            [f"{name}:{c}" for name, codes in zip(systems, record, strict=True) for c in codes]
            for record in patients.itertuples(index=False)
        ]
        assignment = split_of_patients(patients.index.tolist(), labels, spec.split, options.seed)
        rows["split"] = rows["patient_id"].map(assignment)
    # blank: nothing but "[doc_type]" header lines and white space
    blank = rows["text"].fillna("").str.replace(HEADER_LINE, "", regex=True).str.strip().eq("")
    uncoded = ~blank & rows[systems].map(len).sum(axis=1).eq(0)
    exclusions = Exclusions(no_document=int(blank.sum()), uncoded=int(uncoded.sum()))
    kept = rows.loc[~blank & ~uncoded].sort_values("episode_id", kind="stable")
    writer = DatasetDictWriter(out, systems, SPLITS)
    for split in SPLITS:
        part = kept.loc[kept["split"] == split, ["episode_id", "patient_id", "text", *systems]]
        # the schema keeps an empty split's list columns typed (a tiny source can leave a split empty)
        writer.write(split, pa.Table.from_pandas(part, schema=arrow_schema(systems), preserve_index=False))
    dataset_hash = writer.close()
    return WrittenDataset(writer, dataset_hash, exclusions, input_episodes=len(rows)), quarantine


def _log_summary(manifest: dict) -> None:
    counts = manifest["counts"]
    sizes = ", ".join(f"{s} {counts[s]['episodes']}" for s in SPLITS)
    labels = ", ".join(f"{s} {len(v['labels'])}" for s, v in manifest["systems"].items())
    log.info("episodes: %s; labels: %s; excluded: %s", sizes, labels, manifest["excluded"])
