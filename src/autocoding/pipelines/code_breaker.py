"""The circuit breaker in `autocoding code`: a model version whose audited live accuracy is shown below target
auto-codes nothing (`corrections.breaker`); every episode becomes an exception, reason `live_accuracy_below_target`
first, with the model's suggestion and other reasons kept for the coder."""

from __future__ import annotations

import logging
from pathlib import Path

from autocoding.corrections import breaker
from autocoding.corrections.breaker import REASON
from autocoding.corrections.store import open_store

log = logging.getLogger(__name__)
WORDS = "automatic coding is off: audits show this model version's live accuracy below the target"


def store_url(url) -> str | None:
    """`url` when there is a store to read: a PostgreSQL URL, or a SQLite file that exists (none: nothing audited)."""
    import sqlalchemy as sa

    if not url:
        return None
    parsed = sa.engine.make_url(str(url))
    if parsed.get_backend_name() == "sqlite" and (not parsed.database or not Path(parsed.database).exists()):
        log.info("no corrections database at %s: no audits for the live-accuracy breaker", parsed.database)
        return None
    return str(url)


def breaker_state(section, model: dict):
    """The `corrections.breaker.BreakerState` of the model coding this run, or None when there is no store to
    judge it by (no `breaker.db`, or a SQLite file that does not exist: nothing has been audited)."""
    section = dict(section or {})
    url = store_url(section.get("db")) if section.get("enabled", True) else None
    if url is None:
        return None
    target = float(section.get("target") or 0.97)
    with open_store(url) as store:
        return breaker.check(store, model.get("model_name") or "", model.get("model_version") or "", target,
                             float(section.get("confidence", 0.95)))


def apply_breaker(table, detail: str):
    """Coded rows (serving.coded_output SCHEMA) with every episode an exception for the breaker's reason."""
    import pyarrow as pa

    def column(name, values):
        index = table.schema.get_field_index(name)
        return table.set_column(index, table.schema.field(index), pa.array(values, type=table.schema.field(index).type))

    kinds = [[REASON, *[k for k in ks if k != REASON]] for ks in table.column("reason_codes").to_pylist()]
    words = [[f"{WORDS}; {detail}", *rs] for rs in table.column("reasons").to_pylist()]
    table = column("status", ["exception"] * table.num_rows)
    table = column("reason_codes", kinds)
    return column("reasons", words)


def clear_after_gate(url, model_name: str, model_version: str, detail: str) -> bool:
    """`autocoding promote` put this version into production through the gate: close its breaker if tripped."""
    url = store_url(url)
    if url is None:
        return False
    with open_store(url) as store:
        return breaker.clear(store, model_name, model_version, detail)
