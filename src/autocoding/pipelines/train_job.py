"""`autocoding train dataset=endoscopy data=DIR2 model=tiny`: fit -> thresholds on validation -> OOD fit ->
decisions + metrics on test -> report -> bundle -> MLflow (log, register as `challenger`). Prints the run id and the
model URI.

Everything lands in one MLflow run: the resolved config (flattened params + config.yaml), the dataset manifest
hash and git commit (tags), per-epoch metrics (Lightning's MLFlowLogger on the same run), final test metrics per
code system and audit field (`test/icd10/f1_micro`, `test/audit/primary_diagnosis_accuracy`), the threshold
table (CSV), the report, and the model: a pyfunc wrapping the bundle, registered with alias `challenger`. Training
never promotes: `autocoding promote` (the gate, `autocoding.registry.gate`) does. A dataset holding episodes or
patients of the registered model's frozen evaluation set is refused before anything is fitted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from autocoding.codes import code_table_versions, get_code_systems
from autocoding.config import check_targets
from autocoding.data.dataset_reader import read_manifest
from autocoding.eval.report import write_report
from autocoding.model.linear_coder import LinearSpec
from autocoding.pipelines.calibrate import calibrate
from autocoding.pipelines.linear_blend import add_linear
from autocoding.pipelines.promote_job import check_training_data
from autocoding.policy.thresholds import ThresholdConfig
from autocoding.registry import tracking
from autocoding.registry.bundle import BundleInfo, dataset_hash, git_commit, save_bundle
from autocoding.registry.promotion import mark_challenger
from autocoding.registry.tracking import DataInput
from autocoding.serving import PYFUNC_FILE
from autocoding.serving.pyfunc_io import input_example, signature
from autocoding.train import train

if TYPE_CHECKING:  # lightning loads in seconds: only the verb's run imports it
    from autocoding.train.run import Trained

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _stage(name: str):
    """Log how long each stage took (where the time of a run goes)."""
    start = time.perf_counter()
    yield
    log.info("%s: %.1f s", name, time.perf_counter() - start)


@dataclass
class TrainResult:
    run_id: str
    model_uri: str
    version: str | None
    bundle: Path
    report: Path
    metrics: dict[str, float]


def _manifest(data: str | Path) -> dict:
    return read_manifest(data)


def save_run_bundle(cfg_dict: dict, objects: Trained, calibrated, code_systems: dict, manifest: dict, out: Path,
                    linear=None) -> Path:
    """The bundle of this run at `out` (weights, tokenizer, labels, thresholds, OOD, config, manifest, tables; the
    linear coder when one was blended in)."""
    from autocoding import __version__

    spec = objects.spec
    info = BundleInfo(model_name=spec.name, systems=list(objects.labels), segments=asdict(spec.segments),
                      head=asdict(spec.head), dataset=str(cfg_dict.get("dataset", {}).get("name", "")),
                      dataset_hash=dataset_hash(manifest), git_commit=git_commit(Path(__file__).parent),
                      autocoding_version=__version__)
    return save_bundle(out, network=objects.module.network, tokenizer=objects.tokenizer, info=info,
                       thresholds=calibrated.thresholds, ood=calibrated.ood, evidence=calibrated.evidence,
                       config=cfg_dict, manifest=manifest,
                       code_tables=code_table_versions(code_systems),
                       cohort=(cfg_dict.get("dataset") or {}).get("cohort") or {}, linear=linear)


def write_tables(calibrated, out: Path) -> list[Path]:
    """thresholds.csv (per code and system), per_code_test.csv, test_decisions.json."""
    import pandas as pd

    out.mkdir(parents=True, exist_ok=True)
    thresholds = pd.concat([t.to_frame().assign(system=s) for s, t in calibrated.thresholds.items()])
    per_code = pd.concat([f.assign(system=s) for s, f in calibrated.evaluation.per_code.items()])
    paths = [out / "thresholds.csv", out / "per_code_test.csv", out / "test_decisions.json"]
    thresholds.to_csv(paths[0], index=False)
    per_code.to_csv(paths[1], index=False)
    paths[2].write_text(json.dumps(calibrated.evaluation.decisions.to_records(calibrated.test_episode_ids)))
    return paths


SPLIT_CONTEXTS = {"train": "training", "validation": "validation", "test": "test"}


def data_inputs(cfg, manifest: dict) -> list:
    """The dataset's splits as MLflow dataset inputs: name `<dataset>/<split>`, source the split's folder, digest
    the manifest's dataset hash, context training / validation / test."""
    root = Path(str(cfg.data)).resolve()
    return [DataInput(f"{cfg.dataset.name}/{split}", str(root / split), dataset_hash(manifest), context)
            for split, context in SPLIT_CONTEXTS.items()]


def register_challenger(settings, run_id: str, version: str) -> None:
    """A trained version becomes `challenger`; production moves only through `autocoding promote`."""
    from mlflow import MlflowClient

    mark_challenger(MlflowClient(), settings.registered_model, version)
    tracking.set_tags(run_id, {"registry.alias": "challenger"})


def run(cfg, tags: Mapping[str, str] | None = None) -> TrainResult:
    """Command layer: the composed conf/train.yaml -> trained, calibrated, logged, registered model. `tags` are
    added to the run's (a sweep's `sweep.id` and `mlflow.parentRunId`)."""
    from omegaconf import OmegaConf

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    check_targets(cfg)  # also for configs composed in code (the demo's overrides), not only on the command line
    cfg_dict = tracking.redact_tree(OmegaConf.to_container(cfg, resolve=True))  # no credentials logged or bundled
    settings = tracking.TrackingSettings.from_mapping(  # the real URI, credentials and all, for connecting only
        OmegaConf.to_container(cfg.logger, resolve=True) if cfg.get("logger") else {})
    thresholds_config = ThresholdConfig.from_mapping(cfg_dict["thresholds"])
    linear_spec = LinearSpec.from_mapping((cfg_dict.get("model") or {}).get("linear"))
    manifest = _manifest(cfg.data)
    out = Path(cfg.out)
    if settings.registered_model:
        from mlflow import MlflowClient

        tracking.configure(settings.tracking_uri)
        check_training_data(MlflowClient(), settings.registered_model, cfg.data)
    run_id = tracking.start_run(settings, tags={
        "dataset": cfg.dataset.name, "dataset.hash": dataset_hash(manifest), "model": cfg.model.name,
        "git.commit": git_commit(Path(__file__).parent) or "unknown", "data": str(cfg.data),
        **tracking.source_tags("train"), **dict(tags or {})})
    try:
        tracking.log_inputs(run_id, data_inputs(cfg, manifest))
        with _stage("mlflow: params and config"), tempfile.TemporaryDirectory() as tmp:
            tracking.log_params(run_id, cfg_dict)
            (Path(tmp) / "config.yaml").write_text(OmegaConf.to_yaml(OmegaConf.create(cfg_dict)))
            tracking.log_artifact(run_id, Path(tmp) / "config.yaml")
        with _stage("fit and predict"):
            fit_metrics, objects = train(cfg, loggers=[tracking.lightning_logger(settings, run_id)])
        with _stage("linear coder"):
            linear = add_linear(objects, linear_spec)
        with _stage("thresholds, OOD, test evaluation, trade-off curve"):
            code_systems = get_code_systems(cfg_dict.get("codes") or {}, list(objects.labels))
            types = ((cfg_dict.get("dataset") or {}).get("documents") or {}).get("types") or ()
            calibrated = calibrate(objects, thresholds_config, code_systems, document_types=types)
        metrics = {**fit_metrics, **calibrated.evaluation.metrics}
        tracking.log_metrics(run_id, metrics, step=int(objects.trainer.current_epoch))
        for path in write_tables(calibrated, out / "tables"):
            tracking.log_artifact(run_id, path, "evaluation")
        with _stage("bundle"):
            bundle = save_run_bundle(cfg_dict, objects, calibrated, code_systems, manifest, out / "bundle", linear)
        with _stage("mlflow: log and register the model"):
            model_uri, version = tracking.log_bundle_model(run_id, bundle, PYFUNC_FILE, settings.registered_model,
                                                           signature(), input_example())
        with _stage("report"):
            report = write_report(calibrated.evaluation, out / "report", specialty=str(cfg.dataset.name),
                                  tradeoff=calibrated.tradeoff, model=model_uri)
            tracking.log_artifact(run_id, report.markdown.parent, "report")
        if version:
            register_challenger(settings, run_id, version)
    except BaseException:
        tracking.end_run(run_id, "FAILED")
        raise
    tracking.end_run(run_id)
    print(f"MLflow run id: {run_id}")
    print(f"model URI: {model_uri}")
    if version:
        print(f"registered model: models:/{settings.registered_model}/{version} (alias challenger; "
              f"`autocoding promote ... version={version}` judges it for production)")
    print(f"tracking URI: {settings.tracking_uri}; bundle: {bundle}; report: {report.markdown}")
    return TrainResult(run_id, model_uri, version, bundle, report.markdown, metrics)
