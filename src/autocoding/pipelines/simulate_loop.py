"""`autocoding simulate-loop specialty=endoscopy out=DIR [rounds=3]`: the iterative-learning loop on synthetic extracts.

Round 0: an initial extract (`initial.episodes`, house styles `initial.styles`) is synthesised, built, trained on
(a `challenger`) and judged by the promotion gate, which freezes the dataset's test split as the specialty's frozen
evaluation set. Each round r >= 1, with the verbs' own code:
1. a new batch of `batch.episodes` arrives (patients and episodes of its own, `batch.styles`: a shifted generator
   when they differ from the initial ones);
2. the production model codes it (`autocoding code`, the live-accuracy breaker on); with none in production every
   episode is an exception;
3. simulated coders review every exception and audit `coders.audit_fraction` of the auto-coded episodes with the
   true codes, making a mistake in `coders.error_rate` of them (`pipelines.loop_coders`); their work is imported
   into the corrections store (`autocoding corrections import`, linked to coded.parquet);
4. the batch joins the extract with the codes that were submitted (the model's for auto-coded episodes, the coders'
   for the rest) and `autocoding retrain` builds, trains a challenger and runs the gate on the frozen set.
Each round's figures are kept in `out/round-<r>/record.json` (a killed simulation resumes at the first round without
one); `out/loop.{csv,md,json,png}` hold the table and plot, logged to MLflow as one run (experiment
`autocoding-simulate-loop`). docs/loop.md.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from autocoding.codes import get_code_systems
from autocoding.config import compose
from autocoding.corrections.importer import import_file
from autocoding.corrections.stats import live_accuracy
from autocoding.corrections.store import open_store
from autocoding.data.build import run as build_dataset
from autocoding.data.synth.command import run as synth_extract
from autocoding.errors import ConfigError
from autocoding.files import write_json_atomic, write_text_atomic
from autocoding.pipelines import code_job, promote_job, retrain_job, train_job
from autocoding.pipelines.loop_coders import CoderSettings, Codes, coders_work, wholly_right
from autocoding.pipelines.loop_table import RoundRecord, log_to_mlflow, markdown, write_table
from autocoding.registry import promotion
from autocoding.registry.tracking import configure

log = logging.getLogger(__name__)
ID_STRIDE = 1_000_000  # round r's batch numbers its patients and episodes from r * ID_STRIDE
RECORD = "record.json"
EXPERIMENT = "autocoding-simulate-loop"


@dataclass(frozen=True)
class LoopOptions:
    out: Path
    specialty: str
    dataset: str
    registered_model: str
    rounds: int
    seed: int
    initial_episodes: int
    initial_styles: dict | None
    batch_episodes: int
    batch_styles: dict | None
    coders: CoderSettings
    gate_target: float | None
    tracking_uri: str
    db: str
    train_experiment: str | None
    overrides: dict[str, list[str]]

    @classmethod
    def from_cfg(cls, cfg) -> LoopOptions:
        from omegaconf import OmegaConf

        def plain(node):
            return OmegaConf.to_container(node, resolve=True) if node is not None else None

        rounds, initial, batch = int(cfg.rounds), int(cfg.initial.episodes), int(cfg.batch.episodes)
        if rounds < 1:
            raise ConfigError(f"simulate-loop: rounds must be at least 1, got {rounds}")
        if initial < 50 or batch < 1:
            raise ConfigError(f"simulate-loop: initial.episodes must be at least 50 and batch.episodes at least 1, "
                              f"got {initial} and {batch}")
        if batch >= ID_STRIDE or initial >= ID_STRIDE:
            raise ConfigError(f"simulate-loop: at most {ID_STRIDE - 1} episodes per extract")
        try:
            coders = CoderSettings(error_rate=float(cfg.coders.error_rate),
                                   audit_fraction=float(cfg.coders.audit_fraction), coders=int(cfg.coders.count))
        except ValueError as exc:
            raise ConfigError(f"simulate-loop: coders: {exc}") from exc
        overrides = {step: [str(o) for o in (cfg.get(f"{step}_overrides") or [])]
                     for step in ("synth", "build", "train", "promote", "code")}
        return cls(out=Path(str(cfg.out)), specialty=str(cfg.specialty), dataset=str(cfg.dataset),
                   registered_model=str(cfg.registered_model), rounds=rounds, seed=int(cfg.seed),
                   initial_episodes=initial, initial_styles=plain(cfg.initial.get("styles")),
                   batch_episodes=batch, batch_styles=plain(cfg.batch.get("styles")), coders=coders,
                   gate_target=None if cfg.get("gate_target") is None else float(cfg.gate_target),
                   tracking_uri=str(cfg.tracking_uri), db=str(cfg.db),
                   train_experiment=str(cfg.train_experiment) if cfg.get("train_experiment") else None,
                   overrides=overrides)

    def round_dir(self, r: int) -> Path:
        return self.out / f"round-{r}"

    @property
    def artifacts(self) -> str:
        return (self.out / "mlartifacts").resolve().as_uri()

    @property
    def frozen_dir(self) -> Path:
        return self.out / "frozen"

    def train_overrides(self) -> list[str]:
        return ([f"experiment={self.train_experiment}"] if self.train_experiment else []) + [
            f"seed={self.seed}", f"logger.artifact_location={self.artifacts}", *self.overrides["train"]]

    def promote_overrides(self) -> list[str]:
        return ([f"target={self.gate_target}"] if self.gate_target is not None else []) + self.overrides["promote"]


def _styles_override(styles: dict | None) -> str:
    if not styles:
        return "styles=null"
    return "styles={" + ",".join(f"{k}:{float(v)}" for k, v in styles.items()) + "}"


def synth(options: LoopOptions, out: Path, n: int, styles: dict | None, id_offset: int) -> Path:

    if not (out / "episodes.parquet").is_file():
        synth_extract(compose("synth", [f"specialty={options.specialty}", f"n_episodes={n}", f"seed={options.seed}",
                              f"out={out}", f"id_offset={id_offset}", _styles_override(styles),
                              "audit_fraction=1.0", *options.overrides["synth"]]))
    return out


def _client(options: LoopOptions):
    from mlflow import MlflowClient


    configure(options.tracking_uri)
    return MlflowClient(options.tracking_uri, options.tracking_uri)


def _train_size(dataset: Path) -> int:
    return int(json.loads((dataset / "manifest.json").read_text())["counts"]["train"]["episodes"])


def _verdict(code: int) -> str:

    if code == 0:
        return "production"
    if code == promote_job.REFUSED:
        return "refused"
    raise RuntimeError(f"training or the promotion step failed (exit status {code}); see the messages above")


def _challenger_figures(tags: dict, record: RoundRecord) -> None:
    """The challenger's own score on the frozen set, from the tags the gate left on its version."""
    record.frozen_episodes = int(tags.get("challenger.episodes", 0))
    record.challenger_automation = float(tags.get("challenger.automation_rate", math.nan))
    record.challenger_auto_accuracy = float(tags.get("challenger.auto_accuracy", math.nan))
    record.challenger_auto_lower = float(tags.get("challenger.auto_accuracy_lower", math.nan))


def _gate_figures(options: LoopOptions, record: RoundRecord) -> None:
    """The production model after the gate, on the frozen set, from the tags the gate left on the challenger (its
    own score, and the champion's on the same episodes)."""

    client = _client(options)
    name = options.registered_model
    record.production = promotion.alias_version(client, name, promotion.PRODUCTION) or ""
    tags = client.get_model_version(name, record.challenger).tags
    if tags.get("promotion.forced") == "true":
        record.verdict = "forced"
    _challenger_figures(tags, record)
    if not record.production:  # nothing in production: nothing is auto-coded
        record.frozen_automation = 0.0
        return
    prefix = "challenger" if record.production == record.challenger else "champion"
    record.frozen_automation = float(tags.get(f"{prefix}.automation_rate", math.nan))
    record.frozen_auto_accuracy = float(tags.get(f"{prefix}.auto_accuracy", math.nan))
    record.frozen_auto_lower = float(tags.get(f"{prefix}.auto_accuracy_lower", math.nan))


def round_zero(options: LoopOptions) -> RoundRecord:

    started = time.perf_counter()
    folder = options.round_dir(0)
    extract = synth(options, options.out / "extract-0", options.initial_episodes, options.initial_styles, 0)
    dataset = folder / "dataset"
    if not (dataset / "manifest.json").is_file():
        build_dataset(compose("build", [f"dataset={options.dataset}", f"extract={extract}", f"out={dataset}",
                                f"seed={options.seed}", *options.overrides["build"]]))
    result = train_job.run(compose("train", [f"dataset={options.dataset}", f"data={dataset}", f"out={folder / 'run'}",
                                     f"tracking_uri={options.tracking_uri}",
                                     f"logger.registered_model={options.registered_model}",
                                     *options.train_overrides()]))
    if result.version is None:
        raise RuntimeError("round 0's training registered no model version")
    code = promote_job.promote(compose("promote", [f"specialty={options.dataset}", f"registered_model={options.registered_model}",
                                       f"version={result.version}", f"tracking_uri={options.tracking_uri}",
                                       f"frozen_dir={options.frozen_dir}", f"data={dataset}",
                                       f"corrections_db={options.db}", *options.promote_overrides()]))
    record = RoundRecord(round=0, train_episodes=_train_size(dataset), challenger=str(result.version),
                         verdict=_verdict(code))
    _gate_figures(options, record)
    record.seconds = time.perf_counter() - started
    return record


def _truth(audit: pd.DataFrame) -> dict[str, Codes]:
    return {str(e): (tuple(map(str, d)), tuple(map(str, p)))
            for e, d, p in zip(audit["episode_id"], audit["diagnoses"], audit["procedures"], strict=True)}


def _vocabulary(options: LoopOptions) -> tuple[list[str], list[str]]:
    """The primary codes of each field in the initial extract's gold codes: what a coder's slip replaces a lone code
    with (a primary, so the slip is a wrong code, not an invalid sequence such as a site code first)."""
    audit = pd.read_parquet(options.out / "extract-0" / "audit.parquet")
    return (sorted({str(codes[0]) for codes in audit["diagnoses"] if len(codes)}),
            sorted({str(codes[0]) for codes in audit["procedures"] if len(codes)}))


def code_batch(options: LoopOptions, batch: Path, folder: Path) -> tuple[str, pd.DataFrame | None, dict]:
    """(version that coded, coded.parquet rows, summary.json) or ("", None, {}) when nothing is in production."""

    version = promotion.alias_version(_client(options), options.registered_model, promotion.PRODUCTION)
    if version is None:
        return "", None, {}
    out = folder / "code"
    code_job.run(compose("code", [f"model_uri=models:/{options.registered_model}/{version}", f"extract={batch}",
                          f"out={out}", f"tracking_uri={options.tracking_uri}", f"breaker.db={options.db}",
                          *options.overrides["code"]]))
    return str(version), pd.read_parquet(out / "coded.parquet"), json.loads((out / "summary.json").read_text())


def import_work(options: LoopOptions, work: pd.DataFrame, path: Path, coded: Path | None) -> None:

    write_text_atomic(path, work.to_csv(index=False))
    with open_store(options.db) as store:
        report = import_file(store, path, coded if coded is not None and coded.is_file() else None,
                             get_code_systems({}, ["icd10", "opcs4"]))
    print(report.summary())
    if report.bad:
        raise RuntimeError(f"simulated coders' work was refused: {report.bad[:3]}")


def submitted(batch_episodes: pd.DataFrame, coded: pd.DataFrame | None, options: LoopOptions) -> pd.DataFrame:
    """The batch's episodes with the codes that went to the national returns: the coders' final codes where they
    reviewed or audited an episode, the model's where it was auto-coded and not audited."""

    episodes = batch_episodes.copy()
    ids = episodes["episode_id"].astype(str).tolist()
    with open_store(options.db) as store:
        final = store.final_codes(ids)
    model = ({} if coded is None else
             {str(e): (list(d), list(p)) for e, d, p in zip(coded["episode_id"], coded["diagnoses"],
                                                            coded["procedures"], strict=True)})
    codes = [final[e] if e in final else None for e in ids]
    episodes["diagnoses"] = [list(c.diagnoses) if c is not None else model[e][0] for e, c in zip(ids, codes, strict=True)]
    episodes["procedures"] = [list(c.procedures) if c is not None else model[e][1] for e, c in zip(ids, codes, strict=True)]
    return episodes


def grow_extract(options: LoopOptions, r: int, batch: Path, episodes: pd.DataFrame) -> Path:
    """Round r's extract: round r-1's (the initial one for r = 1) and the batch with its submitted codes; the audit
    table stays the initial extract's (new episodes are audited through the corrections store)."""

    previous = options.out / "extract-0" if r == 1 else options.round_dir(r - 1) / "extract"
    out = options.round_dir(r) / "extract"
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    retrain_job.write_extract_table(out / "episodes.parquet",
                pd.concat([pd.read_parquet(previous / "episodes.parquet"), episodes], ignore_index=True))
    retrain_job.write_extract_table(out / "documents.parquet", pd.concat([pd.read_parquet(previous / "documents.parquet"),
                                                      pd.read_parquet(batch / "documents.parquet")],
                                                     ignore_index=True))
    retrain_job.write_extract_table(out / "audit.parquet", pd.read_parquet(options.out / "extract-0" / "audit.parquet"))
    return out


def one_round(options: LoopOptions, r: int, rng: np.random.Generator) -> RoundRecord:
    from omegaconf import OmegaConf


    started = time.perf_counter()
    folder = options.round_dir(r)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    batch = synth(options, options.out / f"batch-{r}", options.batch_episodes, options.batch_styles, r * ID_STRIDE)
    truth = _truth(pd.read_parquet(batch / "audit.parquet"))
    batch_episodes = pd.read_parquet(batch / "episodes.parquet")
    ids = batch_episodes["episode_id"].astype(str).tolist()
    record = RoundRecord(round=r, batch_episodes=len(ids))
    record.coded_by, coded, _ = code_batch(options, batch, folder)
    if coded is not None:
        auto = coded[coded["status"] == "auto"]
        record.auto, record.exceptions = len(auto), len(coded) - len(auto)
        record.auto_right = sum(wholly_right((tuple(d), tuple(p)), truth[str(e)])
                                for e, d, p in zip(auto["episode_id"], auto["diagnoses"], auto["procedures"],
                                                   strict=True))
    else:
        record.exceptions = len(ids)
    record.exception_rate = record.exceptions / len(ids) if ids else math.nan
    work_file = folder / "corrections.csv"
    if work_file.is_file():  # a resumed round imports the same work again (a no-op), not a second draw
        work = pd.read_csv(work_file, dtype=str, keep_default_na=False)
    else:
        work = coders_work(coded, ids, truth, _vocabulary(options), options.coders, rng, datetime.now(UTC))
    record.audited = int((work["kind"] == "audit").sum())
    record.coder_mistakes = int((work["comment"] != "").sum())
    import_work(options, work, work_file, folder / "code" / "coded.parquet")
    with open_store(options.db) as store:
        corrections = store.corrections()
    record.corrections = len({c.episode_id for c in corrections})
    if record.coded_by:
        live = live_accuracy(corrections, options.registered_model, record.coded_by)
        record.live_right, record.live_n = live.successes, live.n
        record.live_low, record.live_high = live.interval
    extract = grow_extract(options, r, batch, submitted(batch_episodes, coded, options))
    cfg = compose("retrain", [f"specialty={options.dataset}", f"registered_model={options.registered_model}",
                              f"extract={extract}", f"db={options.db}", f"out={folder / 'retrain'}",
                              f"tracking_uri={options.tracking_uri}", f"frozen_dir={options.frozen_dir}"])
    OmegaConf.update(cfg, "train_overrides", options.train_overrides())
    OmegaConf.update(cfg, "build_overrides", [f"seed={options.seed}", *options.overrides["build"]])
    OmegaConf.update(cfg, "promote_overrides", options.promote_overrides())
    record.verdict = _verdict(retrain_job.run(cfg))
    versions = _client(options).search_model_versions(f"name='{options.registered_model}'")
    record.challenger = str(max(int(v.version) for v in versions))
    record.train_episodes = _train_size(folder / "retrain" / "dataset")
    _gate_figures(options, record)
    record.seconds = time.perf_counter() - started
    return record


def _load(options: LoopOptions, r: int) -> RoundRecord | None:
    path = options.round_dir(r) / RECORD
    return RoundRecord.from_dict(json.loads(path.read_text())) if path.is_file() else None


def _save(options: LoopOptions, record: RoundRecord) -> None:
    write_json_atomic(options.round_dir(record.round) / RECORD, record.to_dict(), indent=1)


def run(cfg) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    options = LoopOptions.from_cfg(cfg)
    options.out.mkdir(parents=True, exist_ok=True, mode=0o700)
    started = time.perf_counter()
    target = _target(options)
    records: list[RoundRecord] = []
    for r in range(options.rounds + 1):
        record = _load(options, r)
        if record is not None:
            print(f"[simulate-loop] round {r}: done before ({options.round_dir(r) / RECORD}), kept")
            if math.isnan(record.challenger_automation) and record.challenger:  # a record without these columns
                tags = _client(options).get_model_version(options.registered_model, record.challenger).tags
                _challenger_figures(tags, record)
                _save(options, record)
        else:
            print(f"[simulate-loop] round {r} ...", flush=True)
            rng = np.random.default_rng([options.seed, r])
            record = round_zero(options) if r == 0 else one_round(options, r, rng)
            _save(options, record)
        records.append(record)
        write_table(records, options.out, target)
    run_id = log_to_mlflow(records, options.out, options.tracking_uri, EXPERIMENT,
                           {"specialty": options.specialty, "rounds": options.rounds, "seed": options.seed,
                            "initial_episodes": options.initial_episodes, "batch_episodes": options.batch_episodes,
                            "initial_styles": json.dumps(options.initial_styles),
                            "batch_styles": json.dumps(options.batch_styles),
                            "coder_error_rate": options.coders.error_rate,
                            "audit_fraction": options.coders.audit_fraction,
                            "gate_target": options.gate_target, "train_experiment": options.train_experiment},
                           options.artifacts)
    print("\n" + markdown(records, target))
    print(f"simulate-loop: {options.rounds} rounds in {(time.perf_counter() - started) / 60:.1f} min; table and plot "
          f"in {options.out} (loop.md, loop.png); MLflow run {run_id} ({options.tracking_uri})")
    return 0


def _target(options: LoopOptions) -> float:
    """The accuracy target of the auto-coded episodes the table is read against: the thresholds' episode target."""

    experiment = [f"experiment={options.train_experiment}"] if options.train_experiment else []
    cfg = compose("train", [f"dataset={options.dataset}", *experiment])
    return float(cfg.thresholds.get("episode_target") or 0.97)
