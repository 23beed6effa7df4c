"""`autocoding evaluate model=URI extract=DIR out=FILE`: judge a model bundle on any coded extract.

Every episode of the extract is coded (no cohort filter: what would the model do with all of this?) from its
documents joined as the bundle's dataset config says (types, order; `serving.texts`), with the bundle's own label
maps, thresholds and OOD detector. Gold per episode: the audit's codes where an audit row exists (`gold: audit`,
as the dataset build does for validation/test), else the coded history; `gold: coded` always takes the history.
Gold codes outside the model's label space count as misses. An episode with no usable text (no document of the
model's types left with text: none, or all empty and quarantined) is an exception `no_usable_text` with no codes,
not a prediction made from an empty input (its gold codes count as misses). Writes the metrics JSON to `out`, and beside it the
report (`<stem>-report/report.md`, PNGs), the per-episode decisions (`<stem>-decisions.jsonl`) and the rows the
loader set aside (`<stem>-quarantine.csv`: file, row, column, reason; the first few also printed).

Unless `mlflow=false`, the judgement is also an MLflow run at `tracking_uri` (`registry.judgement.log_judgement`,
kind `evaluate`): the figures as metrics, the extract as dataset input (context `evaluation`, digest = the hash of
its files), `mlflow.source.*` tags, and for a registered model (`models:/`) `model.name` / `model.version` tags with
the version tagged back (`judged.evaluate.run_id`). A bare bundle folder is judged in a run too, with no version
link. The run id is added to the metrics JSON as `mlflow_run_id`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from autocoding.data.extract import load_extract
from autocoding.data.schema import CODE_COLUMNS
from autocoding.errors import ConfigError
from autocoding.eval.evaluation import evaluate_predictions
from autocoding.eval.report import write_report
from autocoding.files import write_text_atomic
from autocoding.pipelines.report_job import extract_digest, model_identity
from autocoding.registry.judgement import log_judgement
from autocoding.registry.tracking import configure
from autocoding.serving.predictor import Coder, ServingOptions
from autocoding.serving.texts import join_episode_texts

GOLD = ("audit", "coded")
SHOWN_QUARANTINE_LINES = 5


@dataclass(frozen=True)
class EvaluateOptions:
    model: str
    extract: Path
    out: Path
    batch_size: int = 32
    precision: str = "fp32"
    on_error: str = "quarantine"
    gold: str = "audit"
    tracking_uri: str | None = None
    mlflow: bool = True  # log the judgement as an MLflow run at tracking_uri

    def __post_init__(self) -> None:
        if self.gold not in GOLD:
            raise ConfigError(f"gold must be one of {GOLD}, got {self.gold!r}")


def column_of(system: str) -> str:
    """The extract column holding a code system's codes (diagnoses or procedures)."""
    for column, systems in CODE_COLUMNS.items():
        if system in systems:
            return column
    raise ConfigError(f"no extract column holds {system!r} codes")


def gold_codes(extract, systems: list[str], source: str) -> dict[str, list[list[str]]]:
    """Per system, one list of canonical codes per episode (episodes' order), audit rows winning when asked."""
    episodes = extract.episodes
    audit = extract.audit if source == "audit" and extract.audit is not None else None
    audited = audit.set_index(audit["episode_id"].astype(str)) if audit is not None else None
    gold = {}
    for system in systems:
        column = column_of(system)
        coded = [list(c) if c is not None else [] for c in episodes[column]]
        if audited is not None:
            lookup = audited[column].to_dict()
            coded = [list(lookup[e]) if e in lookup and lookup[e] is not None else c
                     for e, c in zip(episodes["episode_id"].astype(str), coded, strict=True)]
        gold[system] = coded
    return gold


def _write_atomic(path: Path, text: str) -> None:
    write_text_atomic(path, text)


def evaluate(options: EvaluateOptions):
    """Code the extract with the bundle and score it; returns (Evaluation, episode ids, the loader's Quarantine)."""
    evaluation, ids, quarantine, _ = judge(options)
    return evaluation, ids, quarantine


def judge(options: EvaluateOptions):
    """`evaluate`, with the Coder that did the coding as a fourth item (its bundle names the model)."""
    if options.tracking_uri and (options.mlflow or options.model.startswith(("runs:/", "models:/"))):
        configure(options.tracking_uri)
    coder = Coder.from_bundle(options.model, ServingOptions(batch_size=options.batch_size,
                                                            precision=options.precision, progress=True))
    if not options.extract.exists():
        raise ConfigError(f"extract {options.extract} does not exist")
    extract = load_extract(options.extract, coder.code_systems or {}, on_error=options.on_error)
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types")
    if not types:
        types = sorted(extract.documents["doc_type"].astype(str).unique())
    ids = extract.episodes["episode_id"].astype(str).tolist()
    texts = join_episode_texts(extract.documents, ids, types)
    coded = coder.code(texts)
    gold = gold_codes(extract, coder.systems, options.gold)
    evaluation = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                      ood_flags=coded.ood_flags, split="evaluate", blocked=coded.blocked,
                                      weak_evidence=coded.weak_evidence)
    return evaluation, ids, extract.quarantine, coder


def run(cfg) -> dict[str, float]:
    """Command layer: conf/evaluate.yaml -> EvaluateOptions -> metrics JSON, report and decisions beside it."""
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    options = EvaluateOptions(model=str(cfg.model_uri), extract=Path(cfg.extract), out=Path(cfg.out),
                              batch_size=int(cfg.get("batch_size", 32)), precision=str(cfg.get("precision", "fp32")),
                              on_error=str(cfg.get("on_error", "quarantine")), gold=str(cfg.get("gold", "audit")),
                              tracking_uri=cfg.get("tracking_uri"), mlflow=bool(cfg.get("mlflow", True)))
    evaluation, ids, quarantine, coder = judge(options)
    metrics = {key.removeprefix("evaluate/"): value for key, value in evaluation.metrics.items()}
    stem = options.out.with_suffix("")
    quarantine_file = quarantine.write(Path(f"{stem}-quarantine.csv"))
    document = {"model": options.model, "extract": str(options.extract), "gold": options.gold,
                "episodes": len(ids),
                "quarantined_rows": len(quarantine), "quarantine": str(quarantine_file), "metrics": metrics}
    _write_atomic(options.out, json.dumps(document, indent=1))
    decisions = evaluation.decisions.to_records(ids)
    _write_atomic(Path(f"{stem}-decisions.jsonl"), "".join(json.dumps(r) + "\n" for r in decisions))
    report = write_report(evaluation, Path(f"{stem}-report"), specialty=str(options.extract), model=options.model)
    print(f"{len(ids)} episodes coded by {options.model}")
    for key in ("automation/rate", "automation/accuracy", "audit/primary_diagnosis_accuracy",
                "audit/primary_procedure_accuracy", "audit/episode_accuracy"):
        if key in metrics:
            print(f"  {key}: {metrics[key]:.3f}")
    for key in sorted(k for k in metrics if k.endswith("/f1_micro") or k.endswith("/map")):
        print(f"  {key}: {metrics[key]:.3f}")
    print_quarantine(quarantine, quarantine_file)
    print(f"metrics: {options.out}; report: {report.markdown}; decisions: {stem}-decisions.jsonl")
    if options.mlflow and options.tracking_uri:
        run_id = log_to_mlflow(options, coder.bundle, ids, metrics)
        _write_atomic(options.out, json.dumps({**document, "mlflow_run_id": run_id}, indent=1))
        print(f"MLflow run {run_id} at {options.tracking_uri}")
    return metrics


def log_to_mlflow(options: EvaluateOptions, bundle, ids: list[str], metrics: dict[str, float]) -> str:
    """A finished `evaluate` run: the figures, the extract as its input, linked to the model version when the model
    is a registered one (a bare bundle or runs:/ URI: no version to link)."""
    import pandas as pd

    identity = model_identity(options.model, bundle)
    version = identity["model_version"]
    tags = {"autocoding.model_uri": options.model, "evaluate.gold": options.gold,
            "evaluate.extract": str(options.extract)}
    if identity.get("run_id"):
        tags["autocoding.model_run_id"] = identity["run_id"]
    return log_judgement("evaluate", identity["model_name"] if version else None, version,
                         pd.DataFrame({"episode_id": ids}), options.extract.resolve().name, options.extract,
                         extract_digest(options.extract).removeprefix("sha256:"), metrics, tags=tags)


def print_quarantine(quarantine, path: Path, shown: int = SHOWN_QUARANTINE_LINES) -> None:
    """The count of quarantine lines and the first few as `file:row: column: reason` (no values of the rows)."""
    if not len(quarantine):
        print("quarantine: no row set aside")
        return
    print(f"quarantine: {len(quarantine)} problem line(s) in {path}; the first {min(shown, len(quarantine))}:")
    for (file, row, column, reason), _ in zip(quarantine, range(shown), strict=False):
        where = f"{file}:{row}" if row is not None else str(file)
        print(f"  {where}: {f'{column}: ' if column else ''}{reason}")
