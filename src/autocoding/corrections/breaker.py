"""The circuit breaker: stop auto-coding with a model version whose audited live accuracy is shown below target.

Validation and the frozen set cannot see text drift (a new report template, a new consultant); audits of live
auto-coded episodes can. Per model version (name, version):
- it TRIPS when the UPPER end of the two-sided Wilson interval of its live accuracy (`stats.live_accuracy`: the
  audited auto-coded episodes wholly right) is below the target: the audits show, not merely suggest, that it is
  worse than required. A `tripped` event is recorded with the figures.
- once tripped it STAYS tripped (more good audits do not reopen it): `autocoding code` with that version makes
  every episode an exception, reason `live_accuracy_below_target`,
- until a model passes the gate again: `autocoding promote` records a `cleared` event on the version it put into
  production through the gate (a forced promotion does not clear it). A new version starts with no audits, so
  it is not tripped; the same version passing the gate again is judged afresh on audits coded after that.
"""

from __future__ import annotations

from dataclasses import dataclass

from autocoding.corrections.stats import Rate, live_accuracy
from autocoding.corrections.store import CorrectionsStore

REASON = "live_accuracy_below_target"
TRIPPED, CLEARED = "tripped", "cleared"


@dataclass(frozen=True)
class BreakerState:
    model_name: str
    model_version: str
    tripped: bool
    accuracy: Rate  # the live accuracy it was judged on (audits since the last clear)
    target: float
    detail: str     # in words: why tripped, or the figures that keep it closed

    @property
    def reason(self) -> str | None:
        return REASON if self.tripped else None


def _describe(accuracy: Rate, target: float) -> str:
    if not accuracy.n:
        return "no audits of its auto-coded episodes yet"
    high = accuracy.interval[1]
    return (f"live accuracy of audited auto-coded episodes {accuracy} : upper bound {high:.1%} "
            f"{'<' if high < target else '>='} target {target:.1%}")


def check(store: CorrectionsStore, model_name: str, model_version: str, target: float,
          confidence: float = 0.95) -> BreakerState:
    """The breaker of one model version now; records a `tripped` event when it trips here."""
    events = store.breaker_events(model_name, model_version)
    cleared = [at for event, at, _ in events if event == CLEARED]
    since = cleared[-1] if cleared else None
    accuracy = live_accuracy(store.corrections(), model_name, model_version, since, confidence)
    if events and events[-1][0] == TRIPPED:
        return BreakerState(model_name, model_version, True, accuracy, target,
                            f"tripped {events[-1][1]:%Y-%m-%d %H:%M} UTC ({events[-1][2]}); cleared only when a "
                            "model passes the promotion gate")
    detail = _describe(accuracy, target)
    tripped = bool(accuracy.n) and accuracy.interval[1] < target
    if tripped:
        store.add_breaker_event(model_name, model_version, TRIPPED, detail)
    return BreakerState(model_name, model_version, tripped, accuracy, target, detail)


def clear(store: CorrectionsStore, model_name: str, model_version: str, detail: str) -> bool:
    """The version passed the gate: when it was tripped, record `cleared` and return True (auto-coding resumes);
    otherwise record nothing (its audits so far keep counting) and return False."""
    events = store.breaker_events(model_name, model_version)
    if not events or events[-1][0] != TRIPPED:
        return False
    store.add_breaker_event(model_name, model_version, CLEARED, detail)
    return True
