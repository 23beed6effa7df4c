"""`autocoding train dataset=endoscopy data=DIR2 model=tiny`: fit -> thresholds on validation -> OOD fit ->
decisions + metrics on test -> report -> bundle -> MLflow (log, register, promote). Prints the run id and the
model URI.

Everything lands in one MLflow run: the resolved config (flattened params + config.yaml), the dataset manifest
hash and git commit (tags), per-epoch metrics (Lightning's MLFlowLogger on the same run), final test metrics per
code system and audit field (`test/icd10/f1_micro`, `test/audit/primary_diagnosis_accuracy`), the threshold
table (CSV), the report, and the model: a pyfunc wrapping the bundle, registered and promoted
(`autocoding.registry.promotion`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
    promoted: bool | None
    bundle: Path
    report: Path
    metrics: dict[str, float]


def _manifest(data: str | Path) -> dict:
    path = Path(data) / "manifest.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def save_run_bundle(cfg_dict: dict, objects: Trained, calibrated, code_systems: dict, manifest: dict, out: Path) -> Path:
    """The bundle of this run at `out` (weights, tokenizer, labels, thresholds, OOD, config, manifest, tables)."""
    from autocoding import __version__
    from autocoding.codes import code_table_versions
    from autocoding.registry.bundle import BundleInfo, dataset_hash, git_commit, save_bundle

    spec = objects.spec
    info = BundleInfo(model_name=spec.name, systems=list(objects.labels), segments=asdict(spec.segments),
                      head=asdict(spec.head), dataset=str(cfg_dict.get("dataset", {}).get("name", "")),
                      dataset_hash=dataset_hash(manifest), git_commit=git_commit(Path(__file__).parent),
                      autocoding_version=__version__)
    return save_bundle(out, network=objects.module.network, tokenizer=objects.tokenizer, info=info,
                       thresholds=calibrated.thresholds, ood=calibrated.ood, config=cfg_dict, manifest=manifest,
                       code_tables=code_table_versions(code_systems))


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


def champion_score(name: str, version: str, calibrated):
    """The current champion's Score on this run's test episodes (its own thresholds and label space)."""
    from autocoding.eval.evaluation import evaluate_predictions
    from autocoding.registry.promotion import score_from_metrics
    from autocoding.serving.predictor import Coder

    coder = Coder.from_bundle(f"models:/{name}/{version}")
    coded = coder.code(calibrated.test_texts)
    gold = {system: calibrated.test_gold[system] for system in coder.systems}  # KeyError: systems differ
    result = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                  ood_flags=coded.ood_flags, split="test")
    return score_from_metrics(result.metrics)


def register_and_promote(settings, policy, run_id: str, version: str, calibrated):
    from autocoding.registry import tracking
    from autocoding.registry.promotion import current_champion, promote, score_from_metrics

    name = settings.registered_model
    champion_version = current_champion(name)
    champion = None
    if champion_version is not None and champion_version != version:
        try:
            champion = champion_score(name, champion_version, calibrated)
        except KeyError as exc:
            log.warning("champion v%s codes systems this test set lacks (%s): kept as champion", champion_version, exc)
            from mlflow import MlflowClient

            MlflowClient().set_registered_model_alias(name, "challenger", version)
            return None
    result = promote(name, version, score_from_metrics(calibrated.evaluation.metrics), champion, champion_version,
                     policy)
    tracking.set_tags(run_id, {"promotion.result": "champion" if result.promoted else "challenger",
                               "promotion.reason": result.reason,
                               "promotion.compared_with": champion_version or "none"})
    return result


def run(cfg) -> TrainResult:
    """Command layer: the composed conf/train.yaml -> trained, calibrated, logged, registered model."""
    from omegaconf import OmegaConf

    from autocoding.codes import get_code_systems
    from autocoding.eval.report import write_report
    from autocoding.pipelines.calibrate import calibrate
    from autocoding.policy.thresholds import ThresholdConfig
    from autocoding.registry import tracking
    from autocoding.registry.bundle import dataset_hash, git_commit
    from autocoding.registry.promotion import PromotionPolicy
    from autocoding.serving import PYFUNC_FILE
    from autocoding.train import train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    cfg_dict = OmegaConf.to_container(cfg, resolve=True)
    settings = tracking.TrackingSettings.from_mapping(cfg_dict.get("logger") or {})
    policy = PromotionPolicy.from_mapping((cfg_dict.get("logger") or {}).get("promotion"))
    thresholds_config = ThresholdConfig.from_mapping(cfg_dict["thresholds"])
    manifest = _manifest(cfg.data)
    out = Path(cfg.out)
    run_id = tracking.start_run(settings, tags={
        "dataset": cfg.dataset.name, "dataset.hash": dataset_hash(manifest), "model": cfg.model.name,
        "git.commit": git_commit(Path(__file__).parent) or "unknown", "data": str(cfg.data)})
    try:
        with _stage("mlflow: params and config"), tempfile.TemporaryDirectory() as tmp:
            tracking.log_params(run_id, cfg_dict)
            (Path(tmp) / "config.yaml").write_text(OmegaConf.to_yaml(cfg, resolve=True))
            tracking.log_artifact(run_id, Path(tmp) / "config.yaml")
        with _stage("fit and predict"):
            fit_metrics, objects = train(cfg, loggers=[tracking.lightning_logger(settings, run_id)])
        with _stage("thresholds, OOD, test evaluation, trade-off curve"):
            code_systems = get_code_systems(cfg_dict.get("codes") or {}, list(objects.labels))
            calibrated = calibrate(objects, thresholds_config, code_systems)
        metrics = {**fit_metrics, **calibrated.evaluation.metrics}
        tracking.log_metrics(run_id, metrics, step=int(objects.trainer.current_epoch))
        for path in write_tables(calibrated, out / "tables"):
            tracking.log_artifact(run_id, path, "evaluation")
        with _stage("bundle"):
            bundle = save_run_bundle(cfg_dict, objects, calibrated, code_systems, manifest, out / "bundle")
        with _stage("mlflow: log and register the model"):
            model_uri, version = tracking.log_bundle_model(run_id, bundle, PYFUNC_FILE, settings.registered_model)
        with _stage("report"):
            report = write_report(calibrated.evaluation, out / "report", specialty=str(cfg.dataset.name),
                                  tradeoff=calibrated.tradeoff, model=model_uri)
            tracking.log_artifact(run_id, report.markdown.parent, "report")
        with _stage("promotion"):
            promotion = register_and_promote(settings, policy, run_id, version, calibrated) if version else None
    except BaseException:
        tracking.end_run(run_id, "FAILED")
        raise
    tracking.end_run(run_id)
    print(f"MLflow run id: {run_id}")
    print(f"model URI: {model_uri}")
    if version:
        alias = "champion" if promotion is not None and promotion.promoted else "challenger"
        print(f"registered model: models:/{settings.registered_model}/{version} (alias {alias})")
        if promotion is not None:
            print(f"promotion: {promotion.reason}")
    print(f"tracking URI: {settings.tracking_uri}; bundle: {bundle}; report: {report.markdown}")
    return TrainResult(run_id, model_uri, version, None if promotion is None else promotion.promoted, bundle,
                       report.markdown, metrics)
