"""`autocoding promote`, `autocoding rollback`, `autocoding freeze`: production moves only through the gate.

promote: the challenger (a version, default the one holding `challenger`) and the production model are both
scored on the specialty's frozen evaluation set (made from the challenger's training dataset's test split when
the registered model has none yet); `registry.gate` decides; the decision, both score sets and the reasons are
recorded on the version and in an MLflow run linked to it. `force=true reason="..."` promotes whatever the gate
says, recorded as forced. Exit status 0 when promoted, 3 when refused. A version that passes the gate closes its
live-accuracy circuit breaker if it was tripped (`corrections.breaker`; a forced promotion does not).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from autocoding.data.dataset_reader import read_dataset
from autocoding.errors import ConfigError
from autocoding.eval.evaluation import evaluate_predictions
from autocoding.pipelines.code_breaker import clear_after_gate
from autocoding.registry import frozen as frozen_sets
from autocoding.registry import promotion
from autocoding.registry.gate import GateSettings, gate_decision, gate_score
from autocoding.registry.judgement import log_judgement
from autocoding.registry.tracking import configure
from autocoding.serving.predictor import Coder, ServingOptions

log = logging.getLogger(__name__)
REFUSED = 3


def _client(tracking_uri: str):
    from mlflow import MlflowClient

    configure(tracking_uri)
    return MlflowClient()


def score_on_frozen(name: str, version: str, frozen, cfg):
    """(GateScore, Evaluation, coder) of `models:/name/version` on the frozen set."""
    coder = Coder.from_bundle(f"models:/{name}/{version}", ServingOptions(
        batch_size=int(cfg.batch_size), precision=str(cfg.precision)))
    missing = [s for s in coder.systems if s not in frozen.systems]
    if missing:
        raise ConfigError(f"v{version} codes {missing}, which the frozen set of {name} does not hold")
    gold = {s: g for s, g in frozen.gold().items() if s in coder.systems}
    coded = coder.code(list(frozen.frame["text"]))
    evaluation = evaluate_predictions(coded.outputs, gold, coder.bundle.thresholds, coder.code_systems,
                                      ood_flags=coded.ood_flags, split="frozen", blocked=coded.blocked,
                                      weak_evidence=coded.weak_evidence)
    return gate_score(evaluation, gold), evaluation, coder


def _frozen(client, name: str, version: str, cfg):
    found = frozen_sets.recorded(client, name)
    if found is not None:
        return found
    data = cfg.get("data") or client.get_run(client.get_model_version(name, version).run_id).data.tags.get("data")
    if not data:
        raise ConfigError(f"{name} has no frozen evaluation set and v{version}'s run names no dataset: "
                          "make one with `autocoding freeze specialty=... data=DATASET`")
    made = frozen_sets.make_frozen_set(data, cfg.frozen_dir, split=str(cfg.get("split") or "test"))
    frozen_sets.record(client, name, made)
    print(f"frozen evaluation set of {name}: {len(made.frame)} episodes from {data} (test split) -> {made.path}")
    return made


def promote(cfg) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    if cfg.force and not (cfg.get("reason") or "").strip():
        raise ConfigError('force=true needs reason="..." (it is recorded on the version)')
    client = _client(cfg.tracking_uri)
    name = str(cfg.registered_model)
    version = str(cfg.version) if cfg.get("version") is not None else promotion.alias_version(
        client, name, promotion.CHALLENGER)
    if version is None:
        raise ConfigError(f"{name} has no challenger: give version=N")
    frozen = _frozen(client, name, version, cfg)
    challenger, evaluation, coder = score_on_frozen(name, version, frozen, cfg)
    production = promotion.alias_version(client, name, promotion.PRODUCTION)
    champion = None
    if production is not None and production != version:
        champion, _, _ = score_on_frozen(name, production, frozen, cfg)
    target = cfg.get("target")
    if target is None:
        target = next(iter(coder.bundle.thresholds.values())).config.get("episode_target") or 0.97
    settings = GateSettings(target=float(target), confidence=float(cfg.confidence), tiers=dict(cfg.tiers))
    decision = gate_decision(challenger, champion, settings)
    promoted, forced = decision.passed or bool(cfg.force), bool(cfg.force) and not decision.passed
    reasons = list(decision.reasons) + ([f"forced: {cfg.reason}"] if cfg.force else [])
    if promoted and production != version:
        promotion.set_production(client, name, version)
    if decision.passed:
        if clear_after_gate(cfg.get("corrections_db"), name, version, "passed the promotion gate: " + decision.summary):
            print(f"{name} v{version}: live-accuracy circuit breaker cleared (it passed the gate again)")
    outcome = promotion.Outcome(version, promoted, forced, reasons, production)
    tags = {**challenger.as_tags("challenger", settings.confidence), "promotion.target": str(settings.target),
            "frozen_set.hash": frozen.digest}
    if champion is not None:
        tags.update(champion.as_tags("champion", settings.confidence))
    promotion.record_decision(client, name, version, outcome, tags)
    metrics = {f"challenger/{k}": v for k, v in evaluation.metrics.items()}
    log_judgement("promote", name, version, frozen.frame[["episode_id", *frozen.systems]], f"{name}-frozen",
                  frozen.path, frozen.digest, metrics, tags={"promotion.result": "production" if promoted
                                                              else "refused", "promotion.forced": str(forced)})
    print(f"challenger v{version}: {challenger.describe(settings.confidence)}")
    if champion is not None:
        print(f"production v{production}: {champion.describe(settings.confidence)}")
    verdict = "FORCED into production" if forced else ("PROMOTED to production" if promoted else "REFUSED")
    print(f"{name} v{version}: {verdict}")
    for reason in reasons:
        print(f"  - {reason}")
    return 0 if promoted else REFUSED


def rollback(cfg) -> int:
    client = _client(cfg.tracking_uri)
    name = str(cfg.registered_model)
    current, target = promotion.rollback(client, name)
    print(f"{name}: production rolled back from v{current} to v{target}")
    return 0


def freeze(cfg) -> int:
    client = _client(cfg.tracking_uri)
    name = str(cfg.registered_model)
    from mlflow.exceptions import MlflowException

    try:
        client.get_registered_model(name)
    except MlflowException:
        client.create_registered_model(name)
    if frozen_sets.recorded(client, name) is not None:
        raise ConfigError(f"{name} already has a frozen evaluation set; it is made once")
    made = frozen_sets.make_frozen_set(cfg.data, cfg.frozen_dir, split=str(cfg.get("split") or "test"))
    frozen_sets.record(client, name, made)
    print(f"frozen evaluation set of {name}: {len(made.frame)} episodes -> {Path(made.path)} "
          f"(hash {made.digest[:12]})")
    return 0


def check_training_data(client, name: str | None, data: str | Path) -> None:
    """Refuse a dataset whose train or validation split holds a frozen episode or a patient of one."""
    from mlflow.exceptions import MlflowException

    if not name:
        return
    try:
        found = frozen_sets.recorded(client, name)
    except MlflowException:
        return  # the model is not registered yet: nothing frozen
    if found is None:
        return
    dataset = read_dataset(data, ("train", "validation"), columns=("episode_id", "patient_id"))
    for split in ("train", "validation"):
        part = dataset.split(split)
        episodes, patients = frozen_sets.overlap(found, part["episode_id"], part["patient_id"])
        if episodes or patients:
            raise ConfigError(
                f"the {split} split of {data} holds {len(episodes)} episodes and {len(patients)} patients of "
                f"{name}'s frozen evaluation set ({found.path}, episode_ids.txt); rebuild the dataset from an "
                "extract without those patients")
