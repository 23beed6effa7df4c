"""`autocoding report model=URI data=DATASET out=report.html` (or `extract=DIR`): the accuracy report a coding
manager signs off, as one self-contained HTML page with `report.json` beside it, logged to MLflow.

The episodes: with `data=` the test split of a built dataset (its validation split refits the thresholds for the
coverage-accuracy curve); with `extract=` every episode of a coded extract, judged as `autocoding evaluate` judges
it (`pipelines.evaluate_job`: the same texts, gold and decisions), with one section per treatment function when the
extract holds several (`validation=DATASET` adds the curve). The numbers are `evaluate_predictions`' on the
bundle's own thresholds, code tables and OOD detector; the page is `eval.html_report`'s.

MLflow: when a tracking URI is in effect (`tracking_uri=`, MLFLOW_TRACKING_URI, or the default store for a
runs:/ or models:/ URI) a run in experiment `autocoding-judgements` records the figures, the page and its JSON,
the data as an MLflow dataset input and the model version it judged (`registry.judgement`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from autocoding.data.dataset_reader import read_dataset, read_manifest
from autocoding.data.extract import load_extract
from autocoding.errors import ConfigError, InputError
from autocoding.eval.evaluation import evaluate_groups, evaluate_predictions
from autocoding.eval.html_report import write_html_report
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.policy.thresholds import ThresholdConfig
from autocoding.registry.bundle import git_commit
from autocoding.registry.judgement import log_judgement
from autocoding.registry.tracking import configure, log_artifact
from autocoding.serving.predictor import Coder, ServingOptions
from autocoding.serving.texts import join_episode_texts

log = logging.getLogger(__name__)
DEFAULT_STORE = "sqlite:///mlflow.db"
# NHS Data Dictionary treatment function codes seen in the endoscopy and neurology cohorts
TREATMENT_FUNCTIONS = {"100": "General Surgery", "104": "Colorectal Surgery", "106": "Upper Gastrointestinal Surgery",
                       "300": "General Internal Medicine", "301": "Gastroenterology", "306": "Hepatology",
                       "400": "Neurology", "401": "Clinical Neurophysiology"}
HEADLINE_METRICS = ("automation/rate", "automation/accuracy", "automation/auto_episodes", "automation/episodes",
                    "audit/primary_diagnosis_accuracy", "audit/secondary_diagnoses_accuracy",
                    "audit/primary_procedure_accuracy", "audit/secondary_procedures_accuracy",
                    "audit/episode_accuracy")


@dataclass
class Episodes:
    """The episodes judged: ids, texts, gold codes per system, optional group labels, and what they are."""

    ids: list[str]
    texts: list[str]
    gold: dict[str, list[list[str]]]
    description: str
    digest: str
    path: Path
    groups: list[str] | None = None
    validation: tuple[list[str], dict[str, list[list[str]]]] | None = None  # texts, gold
    quarantined: int = 0
    extra: dict = field(default_factory=dict)


def dataset_split(path: Path, split: str, systems: list[str]) -> tuple[list[str], list[str], dict]:
    part = read_dataset(path, [split], columns=["episode_id", "text", *systems]).split(split)
    return (list(map(str, part["episode_id"])), list(part["text"]),
            {s: [list(map(str, codes)) for codes in part[s]] for s in systems})


def from_dataset(path: Path, split: str, systems: list[str]) -> Episodes:
    manifest = read_manifest(path)
    ids, texts, gold = dataset_split(path, split, systems)
    _, val_texts, val_gold = dataset_split(path, "validation", systems) if split != "validation" else ([], [], {})
    digest = str((manifest.get("hash") or {}).get("dataset") or "")
    return Episodes(ids, texts, gold, f"{split} split of dataset {manifest.get('dataset', path.name)} ({path})",
                    digest, path, validation=(val_texts, val_gold) if val_texts else None,
                    extra={"dataset_manifest_hash": manifest.get("hash")})


def extract_digest(path: Path) -> str:
    """SHA-256 over the extract's files (names and bytes, sorted by name)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(str(file.relative_to(path)).encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()


def from_extract(path: Path, coder, gold_source: str, on_error: str, validation: Path | None) -> Episodes:
    from autocoding.pipelines.evaluate_job import gold_codes  # here: evaluate_job imports this module

    if not path.is_dir():
        raise ConfigError(f"extract {path} does not exist")
    extract = load_extract(path, coder.code_systems or {}, on_error=on_error)
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types")
    if not types:
        types = sorted(extract.documents["doc_type"].astype(str).unique())
    ids = extract.episodes["episode_id"].astype(str).tolist()
    groups = extract.episodes["specialty"].astype(str).tolist() if "specialty" in extract.episodes else None
    val = None
    if validation is not None:
        _, val_texts, val_gold = dataset_split(validation, "validation", coder.systems)
        val = (val_texts, val_gold)
    return Episodes(ids, join_episode_texts(extract.documents, ids, types), gold_codes(extract, coder.systems,
                    gold_source), f"extract {path} ({len(ids)} episodes, {len(extract.quarantine)} rows set aside)",
                    extract_digest(path), path, groups=groups, validation=val, quarantined=len(extract.quarantine))


def model_identity(uri: str, bundle) -> dict:
    """Registered name, version, alias and training run of a model URI (MLflow is asked for models:/ URIs)."""
    identity = {"model_name": None, "model_version": None, "model_alias": None, "run_id": None}
    match = re.fullmatch(r"models:/([^/@]+)(?:@([^/]+)|/(\d+))(/.*)?", uri)
    if match:
        from mlflow import MlflowClient

        name, alias, version = match.group(1), match.group(2), match.group(3)
        client = MlflowClient()
        found = client.get_model_version_by_alias(name, alias) if alias else client.get_model_version(name, version)
        identity.update(model_name=name, model_version=str(found.version), model_alias=alias, run_id=found.run_id)
    elif uri.startswith("runs:/"):
        identity["run_id"] = uri.split("/")[1]
    if identity["model_name"] is None:
        identity["model_name"] = f"{bundle.info.dataset or 'autocoding'} ({bundle.info.model_name} bundle)"
    return identity


def provenance(uri: str, coder, episodes: Episodes, cfg_dict: dict) -> dict:
    from omegaconf import OmegaConf

    from autocoding import __version__

    bundle = coder.bundle
    configuration = {"report": cfg_dict, "thresholds": bundle.config.get("thresholds") or {},
                     "thresholds_chosen": next(iter(bundle.thresholds.values())).episode if bundle.thresholds else {}}
    return {**model_identity(uri, bundle),
            "training_dataset": bundle.info.dataset, "training_dataset_hash": bundle.info.dataset_hash,
            "trained_at": bundle.info.created, "trained_with_commit": bundle.info.git_commit,
            "data_description": episodes.description, "data_hash": episodes.digest,
            "code_tables": dict(bundle.code_tables or bundle.info.code_tables or {}),
            "code_tables_now": {s: c.version for s, c in (coder.code_systems or {}).items()},
            "autocoding_version": __version__, "git_commit": git_commit(Path(__file__).parent),
            "configuration": configuration,
            "configuration_text": OmegaConf.to_yaml(OmegaConf.create(configuration))}


def tracking_uri(cfg, model: str) -> str | None:
    uri = cfg.get("tracking_uri") or os.environ.get("MLFLOW_TRACKING_URI")
    if not uri and model.startswith(("runs:/", "models:/")):
        uri = DEFAULT_STORE
    return str(uri) if uri else None


def log_to_mlflow(report, evaluation, episodes: Episodes, identity: dict, systems: list[str]) -> str:
    """A finished `report` run linked to the model version (when registered) with the data as its input."""
    import pandas as pd

    frame = pd.DataFrame({"episode_id": episodes.ids, **{s: episodes.gold[s] for s in systems}})
    metrics = {k: v for k, v in ((key, evaluation.metrics.get(f"{evaluation.split}/{key}"))
                                 for key in HEADLINE_METRICS) if v is not None}
    name = Path(episodes.path).name
    tags = {"autocoding.model_uri": report.document["model"], "report.data": episodes.description}
    version = identity["model_version"]
    run_id = log_judgement("report", identity["model_name"] if version else None, version, frame, name,
                           episodes.path, episodes.digest.removeprefix("sha256:"), metrics, tags=tags)
    return run_id


def run(cfg) -> int:
    """Command layer: conf/report.yaml -> report.html + report.json (+ an MLflow run)."""
    from omegaconf import OmegaConf

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    cfg_dict = OmegaConf.to_container(cfg, resolve=True)
    model, out = str(cfg.model_uri), Path(cfg.out)
    if bool(cfg.get("data")) == bool(cfg.get("extract")):
        raise ConfigError("give exactly one of data=DATASET (its test split) or extract=DIR")
    if out.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"out={out}: the report is an HTML page; name it *.html (report.json goes beside it)")
    uri = tracking_uri(cfg, model) if cfg.get("mlflow", True) else None
    if uri:
        configure(uri)
    coder = Coder.from_bundle(model, ServingOptions(batch_size=int(cfg.batch_size), precision=str(cfg.precision),
                                                    progress=True))
    if cfg.get("data"):
        episodes = from_dataset(Path(cfg.data), str(cfg.split), coder.systems)
    else:
        validation = Path(cfg.validation) if cfg.get("validation") else None
        episodes = from_extract(Path(cfg.extract), coder, str(cfg.gold), str(cfg.on_error), validation)
    if not episodes.ids:
        raise InputError("no episodes to judge", file=str(episodes.path))
    coded = coder.code(episodes.texts)
    thresholds, systems = coder.bundle.thresholds, coder.code_systems
    evaluation = evaluate_predictions(coded.outputs, episodes.gold, thresholds, systems,
                                      ood_flags=coded.ood_flags, split="report",
                                      weak_evidence=coded.weak_evidence)
    groups = episodes.groups if episodes.groups and len(set(episodes.groups)) > 1 else None
    per_group = evaluate_groups(coded.outputs, episodes.gold, thresholds, groups, systems,
                                ood_flags=coded.ood_flags, split="report",
                                weak_evidence=coded.weak_evidence) if groups else None
    curve = None
    if episodes.validation is not None and coder.bundle.config.get("thresholds"):
        val_texts, val_gold = episodes.validation
        val_coded = coder.code(val_texts)
        curve = tradeoff_curve(val_coded.outputs, val_gold, coded.outputs, episodes.gold,
                               ThresholdConfig.from_mapping(coder.bundle.config["thresholds"]), systems,
                               test_ood_flags=coded.ood_flags)
    prov = provenance(model, coder, episodes, cfg_dict)
    names = {g: f"{g} {TREATMENT_FUNCTIONS[g]}" if g in TREATMENT_FUNCTIONS else g for g in set(groups or [])}

    def title(system: str, code: str) -> str:
        try:
            return str(systems[system].title(code)) if systems and system in systems else ""
        except (KeyError, ValueError):
            return ""

    def write(provenance_now: dict):
        return write_html_report(evaluation, episodes.gold, out, specialty=str(coder.bundle.info.dataset or
                                 "episodes"), tradeoff=curve, model=model, provenance=provenance_now, groups=groups,
                                 group_evaluations=per_group, group_names=names, title=title)

    report = write(prov)
    if uri:
        run_id = log_to_mlflow(report, evaluation, episodes, prov, coder.systems)
        report = write({**prov, "mlflow_run_id": run_id, "tracking_uri": uri})
        log_artifact(run_id, report.html, "report")
        log_artifact(run_id, report.json, "report")
        print(f"MLflow run {run_id} ({uri}, experiment autocoding-judgements)")
    head = report.document["headline"]
    rate, accuracy = head["automation_rate"], head["auto_accuracy"]
    print(f"{len(episodes.ids)} episodes judged ({episodes.description})")
    print(f"  coded automatically: {rate['count']} of {rate['total']}"
          + (f" ({rate['value']:.1%})" if rate["value"] is not None else ""))
    print(f"  right when auto-coded: {accuracy['count']} of {accuracy['total']}"
          + (f" ({accuracy['value']:.1%})" if accuracy["value"] is not None else ""))
    print(f"report: {report.html}; numbers: {report.json}")
    return 0
