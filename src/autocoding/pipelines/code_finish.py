"""The end of an `autocoding code` run: the chunks' rows gathered into the coded output, the worklist, the audit
list, the quarantine and the summary, after checking that every input episode row is accounted for exactly once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa

from autocoding.pipelines.code_progress import write_atomic, write_json
from autocoding.serving.audit_sample import audit_list
from autocoding.serving.coded_output import SCHEMA, to_csv_frame
from autocoding.serving.worklist import worklist

# the columns the worklist and the summary read: the heavy ones (probabilities, evidence) stay on disk
SUMMARY_COLUMNS = ["episode_id", "specialty", "episode_end", "status", "audit_sample", "uncertainty", "reason_codes",
                   "reasons", "diagnoses", "procedures"]


def _parts(state) -> list[Path]:
    missing = [c for c in range(state.n_chunks) if not state.part(c).is_file()]
    if missing:
        raise RuntimeError(f"chunks {missing[:5]} have no results in {state.parts}")
    return [state.part(c) for c in range(state.n_chunks)]


def _write_parquet(parts: list[Path], path: Path) -> None:
    """The parts one after another into one Parquet file (a row group each): one part in memory at a time."""
    import pyarrow.parquet as pq

    with pq.ParquetWriter(path, SCHEMA) as writer:
        for part in parts:
            writer.write_table(pq.read_table(part).cast(SCHEMA))


def _write_csv(parts: list[Path], path: Path) -> None:
    import pyarrow.parquet as pq

    with open(path, "w", newline="", encoding="utf-8") as handle:
        if not parts:
            to_csv_frame(SCHEMA.empty_table()).to_csv(handle, index=False)
        for n, part in enumerate(parts):
            to_csv_frame(pq.read_table(part)).to_csv(handle, index=False, header=n == 0)


def _summary_frame(parts: list[Path]):
    import pyarrow.parquet as pq

    tables = [pq.read_table(part, columns=SUMMARY_COLUMNS) for part in parts]
    table = pa.concat_tables(tables) if tables else SCHEMA.empty_table().select(SUMMARY_COLUMNS)
    return table.to_pandas()


def check_accounted(coded_ids: list[str], inputs) -> None:
    """Every input row in exactly one of coded and quarantine; no episode coded twice."""
    twice = [e for e, k in Counter(coded_ids).items() if k > 1]
    if twice:
        raise RuntimeError(f"episodes coded twice: {twice[:5]}")
    if len(coded_ids) != len(inputs.episodes) or set(coded_ids) != set(inputs.episodes["episode_id"].astype(str)):
        raise RuntimeError(f"{len(coded_ids)} coded rows for {len(inputs.episodes)} usable episodes")
    if len(coded_ids) + inputs.quarantined_rows != inputs.input_rows:
        raise RuntimeError(f"{inputs.input_rows} episode rows in: {len(coded_ids)} coded + "
                           f"{inputs.quarantined_rows} quarantined do not add up")


def finish(state, inputs, options, model: dict, seconds: float) -> dict:
    """Write coded.parquet, coded.csv, worklist.csv, audit.csv, quarantine.csv and summary.json into `options.out`,
    reading the
    chunks' parts one at a time (the worklist and the counts from their light columns only), so memory does not
    grow with the heavy columns of the whole extract."""
    out = Path(options.out)
    parts = _parts(state)
    frame = _summary_frame(parts)
    check_accounted(frame["episode_id"].astype(str).tolist(), inputs)
    write_atomic(out / "coded.parquet", lambda tmp: _write_parquet(parts, tmp))
    write_atomic(out / "coded.csv", lambda tmp: _write_csv(parts, tmp))
    queue = worklist(frame, options.worklist_order, options.deadline_days)
    write_atomic(out / "worklist.csv", lambda tmp: queue.to_csv(tmp, index=False))
    audits = audit_list(frame)
    write_atomic(out / "audit.csv", lambda tmp: audits.to_csv(tmp, index=False))
    write_atomic(out / "quarantine.csv", lambda tmp: inputs.quarantine.to_csv(tmp, index=False))
    reasons = Counter(k for kinds in frame["reason_codes"] for k in dict.fromkeys(kinds))
    summary = {
        "model": model, "extract": str(options.extract), "key": state.key,
        "input_episode_rows": inputs.input_rows, "coded": len(frame),
        "auto": int((frame["status"] == "auto").sum()), "exceptions": int((frame["status"] == "exception").sum()),
        "audit_sample": len(audits),
        "audit_sample_by_specialty": {str(k): int(v) for k, v in audits["specialty"].value_counts().sort_index().items()},
        "quarantined_episode_rows": inputs.quarantined_rows, "quarantine_lines": len(inputs.quarantine),
        "exception_reasons": dict(sorted(reasons.items())), "coding_seconds_this_run": round(seconds, 1),
        "settings": options.settings, "worklist": {"order": list(options.worklist_order),
                                                   "deadline_days": options.deadline_days},
    }
    write_json(out / "summary.json", summary)
    return summary


def print_counts(summary: dict, out: Path) -> None:
    m = summary["model"]
    version = f" version {m['model_version']}" if m.get("model_version") else ""
    alias = f" ({m['model_alias']})" if m.get("model_alias") else ""
    print(f"{summary['input_episode_rows']} episodes in: {summary['coded']} coded "
          f"({summary['auto']} auto, {summary['exceptions']} exceptions), "
          f"{summary['quarantined_episode_rows']} quarantined")
    print(f"model: {m['model_name']}{version}{alias} [{m['model_uri']}]")
    for kind, count in summary["exception_reasons"].items():
        print(f"  {kind}: {count}")
    print(f"audit sample: {summary['audit_sample']} auto-coded episodes for coders to check ({out / 'audit.csv'})")
    print(f"coded: {out / 'coded.parquet'} (and .csv); worklist: {out / 'worklist.csv'}; "
          f"quarantine: {out / 'quarantine.csv'}")
