"""`autocoding demo`: the whole path on a fresh machine, on synthetic data, in one command.

synth (conf/synth.yaml) -> build (conf/build.yaml) -> train (conf/train.yaml with `experiment=endoscopy/minilm`:
fit, thresholds, OOD, test evaluation, report, bundle, MLflow; the version becomes `challenger`) -> promote (the
gate on the frozen evaluation set: the test split, frozen at this first promotion) -> a summary a coding
manager can read. Each step
composes its verb's entry config with overrides (`autocoding.config.compose`), so the demo does exactly what the
verbs do. Outputs live under `workdir`; a step whose output exists is skipped unless `force=true`.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from autocoding.config import compose
from autocoding.data.build import run as build_dataset
from autocoding.data.synth.command import run as synth_extract
from autocoding.files import write_json_atomic
from autocoding.pipelines import promote_job, train_job

SUMMARY_FILE = "demo_summary.json"


@dataclass(frozen=True)
class DemoOptions:
    workdir: Path
    force: bool = False
    specialty: str = "endoscopy"
    dataset_config: str = "endoscopy"  # conf/dataset/<this>.yaml
    n_episodes: int = 4000
    seed: int = 0
    train_experiment: str = "endoscopy/minilm"
    tracking_uri: str = "sqlite:///demo/mlflow.db"
    overrides: dict | None = None

    def extra(self, step: str) -> list[str]:
        return [str(o) for o in (self.overrides or {}).get(step) or []]

    @property
    def extract(self) -> Path:
        return self.workdir / "extract"

    @property
    def dataset(self) -> Path:
        return self.workdir / "dataset"

    @property
    def run_dir(self) -> Path:
        return self.workdir / "run"


def _step(name: str, done: bool, force: bool) -> bool:
    """True when the step must run; says so either way."""
    if done and not force:
        print(f"[demo] {name}: output exists, skipped (force=true to redo)")
        return False
    print(f"[demo] {name} ...", flush=True)
    return True


def synth(options: DemoOptions) -> None:

    if _step("synth", (options.extract / "episodes.parquet").is_file(), options.force):
        shutil.rmtree(options.extract, ignore_errors=True)
        synth_extract(compose("synth", [f"specialty={options.specialty}", f"n_episodes={options.n_episodes}",
                              f"seed={options.seed}", f"out={options.extract}", *options.extra("synth")]))


def build(options: DemoOptions) -> None:

    if _step("build", (options.dataset / "manifest.json").is_file(), options.force):
        build_dataset(compose("build", [f"dataset={options.dataset_config}", f"extract={options.extract}",
                              f"out={options.dataset}", f"seed={options.seed}", *options.extra("build")]))


def train(options: DemoOptions) -> dict:
    """The train verb's job; its result (run id, model URI, metrics) is kept in demo_summary.json."""

    summary_file = options.workdir / SUMMARY_FILE
    if not _step("train", summary_file.is_file(), options.force):
        return json.loads(summary_file.read_text())
    artifacts = (options.workdir / "mlartifacts").resolve()
    result = train_job.run(compose("train", [
        f"experiment={options.train_experiment}", f"data={options.dataset}", f"out={options.run_dir}",
        f"seed={options.seed}", f"tracking_uri={options.tracking_uri}",
        f"logger.artifact_location={artifacts.as_uri()}", *options.extra("train")]))
    summary = {"run_id": result.run_id, "model_uri": result.model_uri, "version": result.version,
               "bundle": str(result.bundle), "report": str(result.report),
               "tracking_uri": options.tracking_uri, "metrics": result.metrics}
    write_json_atomic(summary_file, summary, indent=1)
    return summary


def promote(options: DemoOptions, summary: dict) -> dict:
    """The promote verb on the trained version; its verdict is kept in the summary."""

    if not summary.get("version"):
        return summary
    if not _step("promote", "promotion" in summary, options.force):
        return summary
    code = promote_job.promote(compose("promote", [f"specialty={options.dataset_config}", f"version={summary['version']}",
                                   f"tracking_uri={options.tracking_uri}",
                                   f"frozen_dir={options.workdir / 'frozen'}", f"data={options.dataset}"]))
    summary["promotion"] = "production" if code == 0 else "refused"
    write_json_atomic(options.workdir / SUMMARY_FILE, summary, indent=1)
    return summary


def _pct(metrics: dict, key: str) -> str:
    value = metrics.get(key)
    return "n/a" if value is None or value != value else f"{value:.1%}"


WIDTH = 44  # the longest label, "secondary procedures right (all episodes):", and a space


def print_summary(summary: dict, seconds: float) -> None:
    m = summary["metrics"]
    auto, n = int(m.get("test/automation/auto_episodes", 0)), int(m.get("test/automation/episodes", 0))
    print("\n=== autocoding demo: test episodes ===")
    print(f"{'automation rate:':<{WIDTH}}{_pct(m, 'test/automation/rate')} ({auto} of {n} coded automatically)")
    print(f"{'accuracy of auto-coded:':<{WIDTH}}{_pct(m, 'test/automation/accuracy')}")
    for key, words in (("primary_diagnosis_accuracy", "primary diagnosis right"),
                       ("secondary_diagnoses_accuracy", "secondary diagnoses right"),
                       ("primary_procedure_accuracy", "primary procedure right"),
                       ("secondary_procedures_accuracy", "secondary procedures right"),
                       ("episode_accuracy", "whole episode right")):
        print(f"{words + ' (all episodes):':<{WIDTH}}{_pct(m, f'test/audit/{key}')}")
    for system in ("icd10", "opcs4"):
        if f"test/{system}/map" in m:
            print(f"{system}: mAP {m[f'test/{system}/map']:.3f}, micro-F1 {m[f'test/{system}/f1_micro']:.3f}")
    print(f"MLflow: run {summary['run_id']} in {summary['tracking_uri']} "
          f"(mlflow ui --backend-store-uri {summary['tracking_uri']})")
    print(f"model: {summary['model_uri']}" + (f" (registered version {summary['version']})" if summary.get("version")
                                              else ""))
    print(f"bundle: {summary['bundle']}; report: {summary['report']}")
    if summary.get("promotion"):
        print(f"promotion gate on the frozen test split: {summary['promotion']} (details above; "
              "`autocoding promote --help`)")
    print(f"demo took {seconds / 60:.1f} min")


def run(cfg) -> dict:
    from omegaconf import OmegaConf

    values = OmegaConf.to_container(cfg, resolve=True)
    options = DemoOptions(workdir=Path(values["workdir"]), force=bool(values.get("force", False)),
                          specialty=str(values.get("specialty", "endoscopy")),
                          dataset_config=str(values.get("dataset", "endoscopy")),
                          n_episodes=int(values.get("n_episodes", 4000)), seed=int(values.get("seed", 0)),
                          train_experiment=str(values.get("train_experiment", "endoscopy/minilm")),
                          tracking_uri=str(values["tracking_uri"]), overrides=values.get("overrides"))
    options.workdir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    synth(options)
    build(options)
    summary = promote(options, train(options))
    print_summary(summary, time.perf_counter() - start)
    return summary
