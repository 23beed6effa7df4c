"""The per-round record of `autocoding simulate-loop`: the table (CSV, Markdown, JSON), the plot, the MLflow run."""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from autocoding.files import write_atomic_with, write_json_atomic, write_text_atomic
from autocoding.registry.tracking import configure, source_tags

TABLE_FILES = ("loop.csv", "loop.md", "loop.json", "loop.png")


@dataclass
class RoundRecord:
    """One round. Round 0 trains on the initial extract and codes nothing; round r >= 1 codes a new batch with the
    production model, imports the simulated coders' work, retrains and runs the gate."""

    round: int
    coded_by: str = ""                # production version that coded the batch ("" when none was in production)
    batch_episodes: int = 0
    auto: int = 0                     # batch episodes auto-coded
    exceptions: int = 0
    exception_rate: float = math.nan  # exceptions / batch episodes
    auto_right: int = 0               # auto-coded batch episodes wholly right against their true codes
    audited: int = 0                  # audits of this round's auto-coded episodes
    live_right: int = 0               # audited episodes of `coded_by` found wholly right, all rounds so far
    live_n: int = 0
    live_low: float = math.nan        # Wilson 95% interval of the live (audited) accuracy of `coded_by`
    live_high: float = math.nan
    corrections: int = 0              # corrections in the store after this round
    coder_mistakes: int = 0           # of this round's corrections, those with a simulated mistake
    train_episodes: int = 0           # training split of the challenger's dataset
    challenger: str = ""
    challenger_automation: float = math.nan     # the challenger on the frozen set, as the gate scored it
    challenger_auto_accuracy: float = math.nan
    challenger_auto_lower: float = math.nan
    verdict: str = ""                 # the gate on the challenger: production | forced | refused
    frozen_episodes: int = 0
    frozen_automation: float = math.nan  # the production model after this round, on the frozen set
    frozen_auto_accuracy: float = math.nan
    frozen_auto_lower: float = math.nan
    production: str = ""              # production version after this round's gate
    seconds: float = 0.0

    @property
    def auto_accuracy(self) -> float:
        return self.auto_right / self.auto if self.auto else math.nan

    @property
    def live_accuracy(self) -> float:
        return self.live_right / self.live_n if self.live_n else math.nan

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(auto_accuracy=self.auto_accuracy, live_accuracy=self.live_accuracy)
        return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in data.items()}

    @classmethod
    def from_dict(cls, data: dict) -> RoundRecord:
        names = {f.name for f in fields(cls)}
        return cls(**{k: (math.nan if v is None else v) for k, v in data.items() if k in names})


def _pct(value: float) -> str:
    return "n/a" if value is None or value != value else f"{value:.1%}"


def markdown(records: list[RoundRecord], target: float) -> str:
    head = ("| round | coded by | batch | exception rate | auto-coded right (truth) | audited | live accuracy "
            "(95% CI) | training episodes | challenger | challenger on frozen: automation, auto-coded right "
            "(lower bound) | gate | production | frozen: automation | frozen: auto-coded right (lower bound) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in records:
        live = (f"{_pct(r.live_accuracy)} ({r.live_right}/{r.live_n}; {_pct(r.live_low)}-{_pct(r.live_high)})"
                if r.live_n else "n/a")
        right = f"{_pct(r.auto_accuracy)} ({r.auto_right}/{r.auto})" if r.auto else "n/a (0)"
        lines.append(
            f"| {r.round} | {('v' + r.coded_by) if r.coded_by else '-'} | {r.batch_episodes or '-'} | "
            f"{_pct(r.exception_rate) if r.batch_episodes else '-'} | {right if r.batch_episodes else '-'} | "
            f"{r.audited if r.batch_episodes else '-'} | {live if r.batch_episodes else '-'} | {r.train_episodes} | "
            f"v{r.challenger} | {_pct(r.challenger_automation)}, {_pct(r.challenger_auto_accuracy)} "
            f"({_pct(r.challenger_auto_lower)}) | {r.verdict} | {('v' + r.production) if r.production else '-'} | "
            f"{_pct(r.frozen_automation)} | {_pct(r.frozen_auto_accuracy)} ({_pct(r.frozen_auto_lower)}) |")
    lines.append("")
    lines.append(f"Target: auto-coded episodes wholly right {target:.0%}. Exception rate and 'auto-coded right' are on "
                 "each round's new batch (against its true codes); live accuracy is the audited share of the coding "
                 "version; 'frozen' is the production model after the round's gate, on the frozen evaluation set.")
    return "\n".join(lines) + "\n"


def write_table(records: list[RoundRecord], out: Path, target: float) -> None:
    import pandas as pd

    frame = pd.DataFrame([r.to_dict() for r in records])
    write_text_atomic(out / "loop.csv", frame.to_csv(index=False))
    write_text_atomic(out / "loop.md", markdown(records, target))
    write_json_atomic(out / "loop.json", {"target": target, "rounds": [r.to_dict() for r in records]}, indent=1)
    plot(records, out / "loop.png", target)


def plot(records: list[RoundRecord], path: Path, target: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt


    rounds = [r.round for r in records]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    coded = [r for r in records if r.batch_episodes]
    left.plot([r.round for r in coded], [r.exception_rate for r in coded], "o-", label="exception rate (new batch)")
    left.plot(rounds, [r.frozen_automation for r in records], "s--", label="automation (frozen set, production)")
    left.set_xlabel("round")
    left.set_ylim(0, 1.02)
    left.set_title("exceptions and automation")
    left.legend(fontsize=8)
    right.plot([r.round for r in coded], [r.auto_accuracy for r in coded], "o-", label="auto-coded right (batch)")
    right.plot([r.round for r in coded], [r.live_accuracy for r in coded], "^-", label="live audited accuracy")
    right.plot(rounds, [r.frozen_auto_accuracy for r in records], "s--", label="auto-coded right (frozen set)")
    right.axhline(target, color="grey", linestyle=":", label=f"target {target:.0%}")
    right.set_xlabel("round")
    right.set_title("accuracy of auto-coded episodes")
    right.legend(fontsize=8)
    for axis in (left, right):
        axis.set_xticks(rounds)
    fig.tight_layout()
    write_atomic_with(path, lambda tmp: fig.savefig(tmp, format="png", dpi=110))
    plt.close(fig)


def log_to_mlflow(records: list[RoundRecord], out: Path, tracking_uri: str, experiment: str, params: dict,
                  artifact_location: str | None = None) -> str:
    """One MLflow run for the whole simulation: each figure as a metric stepped by round, the table and plot as
    artifacts. Returns the run id. Through a client, so no process-wide MLflow state (active experiment or run)
    is left behind for the verbs that run after it in the same process."""
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param

    configure(tracking_uri)
    client = MlflowClient(tracking_uri)
    found = client.get_experiment_by_name(experiment)
    experiment_id = (found.experiment_id if found is not None
                     else client.create_experiment(experiment, artifact_location=artifact_location))
    run_id = client.create_run(experiment_id, run_name="simulate-loop", tags=source_tags("simulate-loop")).info.run_id
    try:
        now = int(time.time() * 1000)
        metrics = [Metric(key, float(value), now, r.round) for r in records for key, value in r.to_dict().items()
                   if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "round"]
        client.log_batch(run_id, metrics=metrics, params=[Param(k, str(v)) for k, v in params.items()])
        for name in TABLE_FILES:
            if (out / name).is_file():
                client.log_artifact(run_id, str(out / name))
    except BaseException:
        client.set_terminated(run_id, "FAILED")
        raise
    client.set_terminated(run_id, "FINISHED")
    return run_id
