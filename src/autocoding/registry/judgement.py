"""MLflow runs that record a judgement of a model version (`autocoding promote`, `evaluate`, `report`).

Each run is linked to what was judged and on what: tags `autocoding.kind`, `autocoding.model_name`,
`autocoding.model_version` (and the version's own training run), also as `model.name` / `model.version`, the data as
an MLflow dataset input (name, digest = its content hash, source = its path, context `evaluation`), `mlflow.source.*`
tags naming the command (`tracking.source_tags`), and the figures as
metrics; the version in turn gets a tag pointing back at the run (`judged.<kind>.run_id`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from autocoding.registry.tracking import source_tags

EXPERIMENT = "autocoding-judgements"
EVALUATION = "evaluation"  # the dataset input's context: what the model was judged on


def log_judgement(kind: str, model_name: str | None, model_version: str | None, frame, dataset_name: str,
                  dataset_path: str | Path, digest: str, metrics: Mapping[str, float],
                  tags: Mapping[str, str] | None = None, experiment: str = EXPERIMENT,
                  context: str = EVALUATION) -> str:
    """One finished run; returns its id. `frame`: a small pandas frame standing for the data (ids and codes)."""
    import mlflow
    from mlflow import MlflowClient

    client = MlflowClient()
    found = client.get_experiment_by_name(experiment)
    experiment_id = found.experiment_id if found else client.create_experiment(experiment)
    all_tags = {"autocoding.kind": kind, **source_tags(kind), **{k: str(v) for k, v in (tags or {}).items()}}
    if model_name:
        all_tags["autocoding.model_name"] = all_tags["model.name"] = model_name
    if model_version:
        all_tags["autocoding.model_version"] = all_tags["model.version"] = str(model_version)
        version = client.get_model_version(model_name, str(model_version))
        if version.run_id:
            all_tags["autocoding.model_run_id"] = version.run_id
    with mlflow.start_run(experiment_id=experiment_id, run_name=f"{kind}-{model_name}-v{model_version}",
                          tags=all_tags) as run:
        dataset = mlflow.data.from_pandas(frame, source=str(Path(dataset_path).resolve()), name=dataset_name,
                                          digest=digest[:36])
        mlflow.log_input(dataset, context=context)
        finite = {k: float(v) for k, v in metrics.items() if isinstance(v, int | float) and math.isfinite(v)}
        if finite:
            mlflow.log_metrics(finite)
        run_id = run.info.run_id
    if model_name and model_version:
        client.set_model_version_tag(model_name, str(model_version), f"judged.{kind}.run_id", run_id)
    return run_id
