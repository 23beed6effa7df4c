"""`autocoding code model=URI extract=DIR out=DIR2`: code new episodes, the exceptions worklist for coders.

1. The extract is read as uncoded (`diagnoses` / `procedures` need not be there, and are not read: the model codes
   from the text); rows that cannot be used go to `DIR2/quarantine.csv` (file, row, column, reason).
2. Episodes are coded in chunks of `chunk_size`, in extract order: each episode's documents are joined as the
   model's dataset joins them, episodes outside the bundle's cohort are `outside_cohort` (never auto-coded), those
   without usable text `no_usable_text` (no suggestion), the rest go through the model and the bundle's
   decision policy; each code gets its probability and evidence (`serving.evidence`). Each chunk's rows are
   written atomically (`pipelines.code_progress`), so a killed run resumes where it stopped. With `workers=N`
   (CPU) N processes code chunks side by side (`pipelines.code_workers`); the rows are those of one process.
   When the corrections store's audits show the model version's live accuracy below target (`breaker:`,
   `corrections.breaker`), every episode is an exception `live_accuracy_below_target` (`pipelines.code_breaker`).
3. At the end: `coded.parquet` and `coded.csv` (`serving.coded_output`), `worklist.csv` (the exceptions in coding
   order, `serving.worklist`), `quarantine.csv` and `summary.json`; every input episode row is in exactly one of
   coded and quarantine, and the run says how many of each. A finished run rerun with the same inputs, model and
   settings changes nothing ("already complete"); other inputs into the same out= are refused unless force=true.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from autocoding.data.extract import open_extract_stream
from autocoding.data.readers import read_batches
from autocoding.data.schema import DOCUMENTS, find_files
from autocoding.errors import ConfigError, InputError
from autocoding.pipelines.code_breaker import breaker_state
from autocoding.pipelines.code_chunks import RowSettings, code_chunk, cut_chunk
from autocoding.pipelines.code_finish import finish, print_counts
from autocoding.pipelines.code_progress import (
    RunState,
    bundle_hash,
    file_hash,
    run_key,
    write_atomic,
    write_json,
)
from autocoding.pipelines.code_workers import check_workers, code_in_workers
from autocoding.pipelines.report_job import extract_digest
from autocoding.registry.fetch import resolve_bundle_dir
from autocoding.registry.identity import describe_model
from autocoding.registry.judgement import log_judgement
from autocoding.registry.tracking import configure
from autocoding.serving.audit_sample import AuditSettings
from autocoding.serving.code_format import check_format
from autocoding.serving.predictor import Coder, ServingOptions
from autocoding.serving.screening import serving_rules
from autocoding.serving.worklist import check_order

OUTPUTS = ("coded.parquet", "coded.csv", "worklist.csv", "audit.csv", "quarantine.csv", "summary.json")
PAUSE_ENV = "AUTOCODING_CODE_PAUSE_AFTER_CHUNK"  # tests: stop (sleep) after writing chunk k, to be killed there
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CodeOptions:
    model: str
    extract: Path
    out: Path
    chunk_size: int = 2000
    batch_size: int = 32
    precision: str = "fp32"
    threads: int | None = None
    workers: int = 1  # processes coding chunks side by side (pipelines.code_workers); not part of the run key
    device: str = "cpu"
    code_format: str = "dotted"
    evidence: bool = True
    on_error: str = "quarantine"
    force: bool = False
    worklist_order: tuple[str, ...] = ("deadline", "uncertainty")
    deadline_days: int = 30
    tracking_uri: str | None = None
    mlflow: str = "auto"  # auto | true | false (conf/code.yaml)
    progress: bool = False
    breaker_detail: str | None = None  # set: the live-accuracy breaker is tripped for this model (pipelines.code_breaker)
    audit: AuditSettings = field(default_factory=AuditSettings)  # the audit sample (serving.audit_sample)
    settings: dict = field(default_factory=dict)  # what changes the rows: part of the run key

    def __post_init__(self) -> None:
        if self.chunk_size < 1:
            raise ConfigError(f"chunk_size must be positive, got {self.chunk_size}")
        check_format(self.code_format)
        check_order(self.worklist_order)
        check_workers(self.workers, self.device)
        object.__setattr__(self, "settings", {"chunk_size": self.chunk_size, "precision": self.precision,
                                              "device": self.device,
                                              "code_format": self.code_format, "evidence": self.evidence,
                                              "on_error": self.on_error, "audit": self.audit.as_dict(),
                                              **({"breaker": "tripped"} if self.breaker_detail else {})})

    @property
    def rows(self) -> RowSettings:
        return RowSettings(self.code_format, self.evidence, self.breaker_detail, self.audit)


@dataclass
class Inputs:
    episodes: pd.DataFrame
    documents: pd.DataFrame  # sorted by episode position (`_position`)
    quarantine: pd.DataFrame
    input_rows: int  # data rows of the episodes file
    quarantined_rows: int  # of those, rows set aside


def read_inputs(extract: Path, on_error: str) -> Inputs:
    """The extract as uncoded episodes, their documents (grouped by episode), the quarantine, the row counts."""
    import pyarrow as pa

    stream = open_extract_stream(extract, {}, on_error=on_error, codes="ignore")
    episodes = pd.concat(list(stream.episode_batches()), ignore_index=True)
    tables = list(stream.document_batches(list(DOCUMENTS.columns)))
    documents = pa.concat_tables(tables).to_pandas() if tables else pd.DataFrame(columns=list(DOCUMENTS.columns))
    position = pd.Index(episodes["episode_id"].astype(str)).get_indexer(documents["episode_id"].astype(str))
    documents = documents.assign(_position=position).sort_values("_position", kind="stable").reset_index(drop=True)
    quarantine = stream.quarantine()
    rows: set[int] = set()
    for batch in read_batches(stream.files.episodes, ["episode_id"], 50_000):
        rows.update(batch.rows.tolist())
        rows.update(r for r, _, _ in batch.problems if r is not None)
    name = str(stream.files.episodes)
    set_aside = quarantine.loc[quarantine["file"] == name, "row"].dropna().astype(int)
    return Inputs(episodes, documents, quarantine, len(rows), int(set_aside.nunique()))


def _pause_after(chunk: int) -> None:
    if os.environ.get(PAUSE_ENV) == str(chunk):
        print(f"paused after chunk {chunk} ({PAUSE_ENV})", flush=True)
        time.sleep(3600)


def _document_types(coder, documents: pd.DataFrame) -> list[str]:
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types")
    return list(types) if types else sorted(documents["doc_type"].astype(str).unique())


def _settings_from(cfg) -> CodeOptions:
    worklist = cfg.get("worklist") or {}
    return CodeOptions(
        model=str(cfg.model_uri), extract=Path(cfg.extract), out=Path(cfg.out), chunk_size=int(cfg.chunk_size),
        batch_size=int(cfg.batch_size), precision=str(cfg.precision),
        threads=int(cfg.threads) if cfg.get("threads") else None, workers=int(cfg.get("workers") or 1),
        device=str(cfg.get("device") or "cpu"),
        code_format=str(cfg.code_format),
        evidence=bool(cfg.evidence), on_error=str(cfg.on_error), force=bool(cfg.force),
        worklist_order=tuple(worklist.get("order") or ("deadline", "uncertainty")),
        deadline_days=int(worklist.get("deadline_days", 30)), tracking_uri=cfg.get("tracking_uri"),
        mlflow=_mlflow_setting(cfg.get("mlflow", "auto")), progress=bool(cfg.get("progress", False)),
        audit=AuditSettings.from_mapping(cfg.get("audit")))


def _mlflow_setting(value) -> str:
    setting = str(value).lower()
    if setting not in ("auto", "true", "false"):
        raise ConfigError(f"mlflow must be auto, true or false; got {value!r}")
    return setting


def log_coding_run(options: CodeOptions, summary: dict) -> str | None:
    """The finished coding run as an MLflow run (figures only: counts, reasons, throughput; never text), with the
    extract as its input (context `coding`) and, for a registered model, linked to the version it coded with."""
    tracked = options.model.startswith(("runs:/", "models:/"))
    if not options.tracking_uri or options.mlflow == "false" or (options.mlflow == "auto" and not tracked):
        return None
    import pandas as pd

    configure(options.tracking_uri)
    model, n = summary["model"], summary["coded"]
    seconds = summary["coding_seconds_this_run"]
    metrics = {"episodes_in": summary["input_episode_rows"], "coded": n, "auto": summary["auto"],
               "exceptions": summary["exceptions"], "automation_rate": summary["auto"] / n if n else 0.0,
               "quarantined_episode_rows": summary["quarantined_episode_rows"],
               "quarantine_lines": summary["quarantine_lines"], "coding_seconds": seconds,
               **({"episodes_per_s": n / seconds} if seconds else {}),
               **{f"reason.{kind}": count for kind, count in summary["exception_reasons"].items()}}
    tags = {"autocoding.model_uri": options.model, "code.extract": str(options.extract), "code.out": str(options.out),
            "code.key": summary["key"], **{f"code.{k}": v for k, v in options.settings.items()}}
    if model.get("model_alias"):
        tags["model.alias"] = model["model_alias"]
    if model.get("model_run_id"):
        tags["autocoding.model_run_id"] = model["model_run_id"]
    registered = model.get("model_version") or None
    ids = pd.read_parquet(Path(options.out) / "coded.parquet", columns=["episode_id"])
    return log_judgement("code", model.get("model_name") if registered else None, registered, ids,
                         options.extract.resolve().name, options.extract,
                         extract_digest(options.extract).removeprefix("sha256:"), metrics, tags=tags,
                         context="coding")


def run(cfg) -> int:
    """Command layer: conf/code.yaml -> coded output, worklist, quarantine (module docstring)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    options = _settings_from(cfg)
    if not options.extract.is_dir():
        raise InputError("the extract directory does not exist", file=str(options.extract))
    if options.tracking_uri and options.model.startswith(("runs:/", "models:/")):
        configure(options.tracking_uri)
    bundle_dir = resolve_bundle_dir(options.model)
    model = describe_model(options.model, _bundle_info(bundle_dir))
    breaker = breaker_state(cfg.get("breaker"), model)
    if breaker is not None and breaker.tripped:
        options = replace(options, breaker_detail=breaker.detail)
        print(f"circuit breaker: {model['model_name']} version {model['model_version'] or '(none)'} auto-codes "
              f"nothing ({breaker.detail}); every episode is an exception ({breaker.reason})")
    files = find_files(options.extract)
    input_hashes = {"episodes": file_hash(files.episodes), "documents": file_hash(files.documents)}
    key = run_key(input_hashes, {**model, "bundle": bundle_hash(bundle_dir)}, options.settings)
    state = RunState(options.out, key, {"inputs": input_hashes, "extract": str(options.extract), "model": model,
                                        "settings": options.settings}, 0)
    with state.lock():
        status = state.check(options.force, OUTPUTS)
        if status == "complete":
            print(f"already complete: {options.out} holds this run (key {key}); nothing changed")
            return 0
        coder = Coder.from_bundle(bundle_dir, ServingOptions(batch_size=options.batch_size,
                                                             precision=options.precision, threads=options.threads,
                                                             device=options.device))
        inputs = read_inputs(options.extract, options.on_error)
        n = len(inputs.episodes)
        state.n_chunks = n_chunks = -(-n // options.chunk_size)
        state.record.update(episodes=n, chunks=state.n_chunks)
        if not coder.bundle.cohort:
            log.warning("the bundle carries no cohort rules: no episode is screened out as outside_cohort")
        rules = serving_rules(coder.bundle.cohort)
        types = _document_types(coder, inputs.documents)
        done = set(state.done())
        if done:
            print(f"resuming: {len(done)} of {n_chunks} chunks already coded in {state.parts}")
        state.save()
        started = time.perf_counter()
        todo = (cut_chunk(inputs.episodes, inputs.documents, chunk, chunk * options.chunk_size,
                          min(n, (chunk + 1) * options.chunk_size)) for chunk in range(n_chunks) if chunk not in done)
        if options.workers > 1:
            serving = replace(coder.options, threads=options.threads)
            coded = code_in_workers(todo, options.workers, bundle_dir, serving, types, rules, model, options.rows)
        else:
            coded = ((c.index, code_chunk(coder, c, types, rules, model, options.rows)) for c in todo)
        for chunk, table in coded:
            write_atomic(state.part(chunk), lambda tmp, t=table: _write_parquet(t, tmp))
            state.save()
            if options.progress or sys.stdout.isatty():
                print(f"chunk {chunk + 1}/{n_chunks} coded ({len(state.done())} of {n_chunks} done)", flush=True)
            _pause_after(chunk)
        seconds = time.perf_counter() - started
        summary = finish(state, inputs, options, model, seconds)
        run_id = log_coding_run(options, summary)
        if run_id:
            summary["mlflow_run_id"] = run_id
            write_json(options.out / "summary.json", summary)
        state.save(complete=True)
    print_counts(summary, options.out)
    if summary.get("mlflow_run_id"):
        print(f"MLflow run {summary['mlflow_run_id']} at {options.tracking_uri}")
    return 0


def _bundle_info(bundle_dir: Path):
    """bundle.json as an object (model_name), without loading the network."""
    import json
    from types import SimpleNamespace

    return SimpleNamespace(**json.loads((Path(bundle_dir) / "bundle.json").read_text()))


def _write_parquet(table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)
