"""`autocoding corrections import` and `autocoding corrections stats`: the command layer of `autocoding.corrections`.

import: one file into the store (`corrections.importer.import_file`); prints the counts and every bad row (file,
row, column, reason). stats: `corrections.stats` of the whole store, printed, and with out= written as stats.json
and per_code.csv.
"""

from __future__ import annotations

import sys
from pathlib import Path

from autocoding.codes import get_code_systems
from autocoding.corrections.importer import import_file
from autocoding.corrections.stats import compute, format_stats
from autocoding.corrections.store import open_store
from autocoding.errors import ConfigError
from autocoding.files import write_json_atomic, write_text_atomic


def _existing_sqlite(url: str) -> None:
    """stats on a SQLite file that is not there: say so rather than create an empty database."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and not Path(parsed.database).exists():
        raise ConfigError(f"no corrections database at {parsed.database} (db=...; import some first)")


def import_run(cfg) -> int:
    systems = get_code_systems(cfg.get("codes") or {}, list(cfg.systems))
    with open_store(str(cfg.db)) as store:
        report = import_file(store, Path(cfg.file), Path(cfg.coded) if cfg.get("coded") else None, systems)
    print(report.summary())
    for bad in report.bad:
        print(f"  bad row: {bad}", file=sys.stderr)
    return 1 if report.bad and cfg.fail_on_bad_rows else 0


def stats_run(cfg) -> int:
    _existing_sqlite(str(cfg.db))
    with open_store(str(cfg.db)) as store:
        stats = compute(store.corrections(), float(cfg.confidence))
    print(format_stats(stats, int(cfg.top)))
    if cfg.get("out"):
        _write(stats, Path(cfg.out))
    return 0


def _write(stats, out: Path) -> None:
    import pandas as pd

    data = stats.to_dict()
    write_json_atomic(out / "stats.json", data, indent=1)
    rows = [{"model_name": v["model_name"], "model_version": v["model_version"], "field": c["field"],
             "code": c["code"], "suggested": c["suggested"], "accepted": c["accepted"], "removed": c["removed"],
             "added": c["added"], "acceptance": c["acceptance"]["value"], "acceptance_low": c["acceptance"]["low"],
             "acceptance_high": c["acceptance"]["high"]}
            for v in data["versions"] for c in v["per_code"]]
    columns = ["model_name", "model_version", "field", "code", "suggested", "accepted", "removed", "added",
               "acceptance", "acceptance_low", "acceptance_high"]
    write_text_atomic(out / "per_code.csv", pd.DataFrame(rows, columns=columns).to_csv(index=False))
    coders = [{"coder_id": c["coder_id"], "decisions": c["decisions"], "accepted": c["acceptance"]["successes"],
               "with_model": c["acceptance"]["n"], "acceptance": c["acceptance"]["value"],
               "overturned": c["overturned"]["successes"], "overturned_rate": c["overturned"]["value"]}
              for c in data["coders"]]
    write_text_atomic(out / "per_coder.csv", pd.DataFrame(coders, columns=[
        "coder_id", "decisions", "accepted", "with_model", "acceptance", "overturned", "overturned_rate"]).to_csv(
        index=False))
    print(f"written: {out / 'stats.json'}, {out / 'per_code.csv'}, {out / 'per_coder.csv'}")
