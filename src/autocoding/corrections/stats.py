"""What coders did to the model's output: acceptance and correction rates, and the live accuracy from audits.

Each episode counts once, with its FINAL codes (the latest correction) against the codes the model gave it
(from coded.parquet at import; episodes imported without them are left out and counted as `unmatched`).
- Per model version: episodes reviewed; `accepted` = final codes equal to the model's, sequence and all (so
  `correction rate` = 1 - acceptance); codes `accepted` (the model's code kept), `removed` (the model's code
  dropped) and `added` (a code the model did not give).
- Per code (per model version and field): suggested (the model gave it), accepted, removed, added; acceptance =
  accepted / suggested.
- Per coder: decisions made, how often a decision left the model's codes as they were (a coder who accepts far
  more often than the others may be trusting the model too much), and how often a later decision by someone else
  changed it (overturned).
- Live accuracy: over the AUDITED auto-coded episodes of a version (an `audit` row exists), the share wholly right
  as a clinical coding audit scores it (primary diagnosis, secondary diagnoses as a set, primary procedure,
  secondary procedures as a set: `eval.audit`), the figure the promotion gate states on the frozen set.
Every rate comes with its two-sided Wilson interval (`policy.bounds.wilson_interval`) at `confidence`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from autocoding.corrections.records import Correction
from autocoding.eval.audit import primary_correct, secondary_correct
from autocoding.policy.bounds import wilson_interval

FIELDS = ("diagnoses", "procedures")


@dataclass(frozen=True)
class Rate:
    successes: int
    n: int
    confidence: float = 0.95

    @property
    def value(self) -> float:
        return self.successes / self.n if self.n else math.nan

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.successes, self.n, self.confidence)

    def to_dict(self) -> dict:
        low, high = self.interval
        return {"successes": self.successes, "n": self.n, "value": _num(self.value), "low": _num(low),
                "high": _num(high)}

    def __str__(self) -> str:
        if not self.n:
            return "n/a (0)"
        low, high = self.interval
        return f"{self.value:.1%} ({self.successes}/{self.n}; {self.confidence:.0%} CI {low:.1%}-{high:.1%})"


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 6)


@dataclass
class CodeCounts:
    suggested: int = 0
    accepted: int = 0
    removed: int = 0
    added: int = 0


@dataclass
class VersionStats:
    model_name: str
    model_version: str
    episodes: int = 0
    accepted_episodes: int = 0
    codes: CodeCounts = field(default_factory=CodeCounts)
    per_code: dict[tuple[str, str], CodeCounts] = field(default_factory=dict)  # (field, code) -> counts
    audited: int = 0
    audited_right: int = 0


@dataclass
class CoderStats:
    coder_id: str
    decisions: int = 0
    with_model: int = 0   # decisions on episodes whose model output is known
    accepted: int = 0     # ... that left the model's codes exactly as they were
    overturned: int = 0   # decisions a later one by another coder changed


def _coders(by_episode: dict[str, list[Correction]]) -> dict[str, CoderStats]:
    coders: dict[str, CoderStats] = {}
    for steps in by_episode.values():
        for i, step in enumerate(steps):
            c = coders.setdefault(step.coder_id, CoderStats(step.coder_id))
            c.decisions += 1
            if step.model_diagnoses is not None:
                c.with_model += 1
                c.accepted += (step.diagnoses == step.model_diagnoses
                               and step.procedures == (step.model_procedures or ()))
            c.overturned += any(later.coder_id != step.coder_id
                                and (later.diagnoses, later.procedures) != (step.diagnoses, step.procedures)
                                for later in steps[i + 1:])
    return dict(sorted(coders.items()))


def wholly_right(model: Correction) -> bool:
    """The model's codes against the final ones, as an audit scores an episode (all four fields right)."""
    ok = True
    for predicted, final in ((model.model_diagnoses, model.diagnoses), (model.model_procedures, model.procedures)):
        pair = ([list(predicted or ())], [list(final)])
        ok = ok and bool(primary_correct(*pair)[0]) and bool(secondary_correct(*pair)[0])
    return ok


def live_accuracy(corrections: Iterable[Correction], model_name: str, model_version: str,
                  since: datetime | None = None, confidence: float = 0.95) -> Rate:
    """Wholly-right share of the audited auto-coded episodes of one model version (audits after `since`)."""
    stats = compute(corrections, confidence, audited_since=since)
    found = stats.versions.get((model_name, model_version))
    return Rate(found.audited_right if found else 0, found.audited if found else 0, confidence)


@dataclass
class CorrectionStats:
    versions: dict[tuple[str, str], VersionStats]
    unmatched: int  # episodes whose corrections carry no model output (imported without coded=)
    confidence: float = 0.95
    coders: dict[str, CoderStats] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out = []
        for v in self.versions.values():
            rate = lambda k, n: Rate(k, n, self.confidence).to_dict()  # noqa: E731
            out.append({
                "model_name": v.model_name, "model_version": v.model_version, "episodes": v.episodes,
                "episode_acceptance": rate(v.accepted_episodes, v.episodes),
                "episode_correction": rate(v.episodes - v.accepted_episodes, v.episodes),
                "codes": vars(v.codes), "code_acceptance": rate(v.codes.accepted, v.codes.suggested),
                "live_accuracy": rate(v.audited_right, v.audited),
                "per_code": [{"field": f, "code": c, **vars(k), "acceptance": rate(k.accepted, k.suggested)}
                             for (f, c), k in sorted(v.per_code.items())],
            })
        coders = [{"coder_id": c.coder_id, "decisions": c.decisions,
                   "acceptance": Rate(c.accepted, c.with_model, self.confidence).to_dict(),
                   "overturned": Rate(c.overturned, c.decisions, self.confidence).to_dict()}
                  for c in self.coders.values()]
        return {"confidence": self.confidence, "unmatched_episodes": self.unmatched, "versions": out,
                "coders": coders}


def compute(corrections: Iterable[Correction], confidence: float = 0.95,
            audited_since: datetime | None = None) -> CorrectionStats:
    """The statistics of all stored corrections (module docstring); `corrections` in (episode, time) order."""
    by_episode: dict[str, list[Correction]] = defaultdict(list)
    for c in corrections:
        by_episode[c.episode_id].append(c)
    versions: dict[tuple[str, str], VersionStats] = {}
    unmatched = 0
    for steps in by_episode.values():
        final = steps[-1]
        if final.model_diagnoses is None:
            unmatched += 1
            continue
        key = (final.model_name or "", final.model_version or "")
        v = versions.setdefault(key, VersionStats(*key))
        v.episodes += 1
        v.accepted_episodes += (final.diagnoses == final.model_diagnoses
                                and final.procedures == (final.model_procedures or ()))
        for name, predicted, chosen in (("diagnoses", final.model_diagnoses, final.diagnoses),
                                        ("procedures", final.model_procedures or (), final.procedures)):
            for code in set(predicted) | set(chosen):
                counts = v.per_code.setdefault((name, code), CodeCounts())
                kept, given = code in chosen, code in predicted
                for target in (counts, v.codes):
                    target.suggested += given
                    target.accepted += given and kept
                    target.removed += given and not kept
                    target.added += kept and not given
        audited = [s for s in steps if s.kind == "audit" and (audited_since is None or s.coded_at > audited_since)]
        if audited and final.model_status == "auto":
            v.audited += 1
            v.audited_right += wholly_right(final)
    return CorrectionStats(versions, unmatched, confidence, _coders(by_episode))


def format_stats(stats: CorrectionStats, top: int = 20) -> str:
    """The coding manager's page: per model version the rates, then its most suggested codes."""
    lines = []
    if not stats.versions:
        lines.append("no corrections with the model output they correct (import with coded=coded.parquet)")
    for v in stats.versions.values():
        rate = lambda k, n: str(Rate(k, n, stats.confidence))  # noqa: E731
        lines += [f"model {v.model_name or '(unnamed)'} version {v.model_version or '(none)'}: "
                  f"{v.episodes} episodes reviewed",
                  f"  accepted unchanged:   {rate(v.accepted_episodes, v.episodes)}",
                  f"  corrected:            {rate(v.episodes - v.accepted_episodes, v.episodes)}",
                  f"  codes: {v.codes.suggested} suggested, {v.codes.accepted} accepted, {v.codes.removed} removed, "
                  f"{v.codes.added} added; acceptance {rate(v.codes.accepted, v.codes.suggested)}",
                  f"  live accuracy (audited auto-coded episodes wholly right): {rate(v.audited_right, v.audited)}",
                  f"  {'field':<10} {'code':<8} {'suggested':>9} {'accepted':>8} {'removed':>7} {'added':>5}  "
                  "acceptance"]
        ranked = sorted(v.per_code.items(), key=lambda kv: (-kv[1].suggested - kv[1].added, kv[0]))[:top]
        for (name, code), k in ranked:
            lines.append(f"  {name:<10} {code:<8} {k.suggested:>9} {k.accepted:>8} {k.removed:>7} {k.added:>5}  "
                         f"{rate(k.accepted, k.suggested)}")
    if stats.coders:
        lines.append(f"per coder: {'coder':<12} {'decisions':>9}  {'left the model as it was':<34}  overturned later")
        for c in stats.coders.values():
            lines.append(f"           {c.coder_id:<12} {c.decisions:>9}  "
                         f"{str(Rate(c.accepted, c.with_model, stats.confidence)):<34}  "
                         f"{Rate(c.overturned, c.decisions, stats.confidence)}")
    if stats.unmatched:
        lines.append(f"{stats.unmatched} episodes have no model output recorded (imported without coded=)")
    return "\n".join(lines)
