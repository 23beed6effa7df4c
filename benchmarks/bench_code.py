"""Throughput and peak memory of `autocoding code` (the whole verb) on N synthetic episodes, fp32 and bf16.

    python benchmarks/bench_code.py --bundle /work/demo_base/run/bundle --n 300 --json /tmp/bench_code.json

Writes an uncoded synthetic endoscopy extract (`autocoding synth`, a seed the demo did not train on; the code
columns dropped, as a trust's export of new episodes), then runs `autocoding code model=BUNDLE extract=... out=...`
once per precision, each in its own process. Reported per run: wall time of the whole command (start-up, bundle
load, input hashing, reading and validating the extract, coding with evidence, writing coded/worklist/quarantine),
the coding loop's own time (summary.json), episodes/s over each, the process's peak RSS and the peak resident
memory of the process and its workers together (`workers=N`, sampled every 0.2 s). Goal: 150,000
episodes in under 30 minutes on a 2-core machine (>= 83 episodes/s over the whole command).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRAPPER = ("import resource, sys; from autocoding.cli import main; rc = main(sys.argv[1:]); "
           "print('PEAK_RSS_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")


def uncoded_extract(n: int, seed: int, out: Path) -> Path:
    import pandas as pd

    from autocoding.config import compose
    from autocoding.data.synth.command import run as synth

    synth(compose("synth", ["specialty=endoscopy", f"n_episodes={n}", f"seed={seed}", f"out={out}"]))
    episodes = pd.read_parquet(out / "episodes.parquet").drop(columns=["diagnoses", "procedures"])
    episodes.to_parquet(out / "episodes.parquet", index=False)
    (out / "audit.parquet").unlink(missing_ok=True)
    return out


def replicated_extract(source: Path, n: int, out: Path) -> Path:
    """N uncoded episodes from another extract's episodes and documents, repeated with fresh ids as needed (the
    throughput of text like a given extract's: an older generator's, or any other)."""
    import pandas as pd

    episodes = pd.read_parquet(source / "episodes.parquet").drop(columns=["diagnoses", "procedures"], errors="ignore")
    documents = pd.read_parquet(source / "documents.parquet")
    copies = -(-n // len(episodes))
    ep, docs = [], []
    for k in range(copies):
        ep.append(episodes.assign(episode_id=episodes["episode_id"].astype(str) + f"-r{k}",
                                  patient_id=episodes["patient_id"].astype(str) + f"-r{k}"))
        docs.append(documents.assign(episode_id=documents["episode_id"].astype(str) + f"-r{k}",
                                     doc_id=documents["doc_id"].astype(str) + f"-r{k}"))
    episodes = pd.concat(ep, ignore_index=True).iloc[:n]
    documents = pd.concat(docs, ignore_index=True)
    out.mkdir(parents=True)
    episodes.to_parquet(out / "episodes.parquet", index=False)
    documents[documents["episode_id"].isin(set(episodes["episode_id"]))].to_parquet(out / "documents.parquet",
                                                                                    index=False)
    return out


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants now (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def code_once(bundle: str, extract: Path, out: Path, precision: str, args) -> dict:
    command = [sys.executable, "-c", WRAPPER, "code", f"model={bundle}", f"extract={extract}", f"out={out}",
               f"precision={precision}", f"batch_size={args.batch_size}", f"evidence={str(args.evidence).lower()}"]
    if args.threads:
        command.append(f"threads={args.threads}")
    if args.workers > 1:
        command.append(f"workers={args.workers}")
    if args.chunk_size:
        command.append(f"chunk_size={args.chunk_size}")
    if args.device != "cpu":
        command.append(f"device={args.device}")
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
        tree_peak = 0
        while process.poll() is None:
            tree_peak = max(tree_peak, tree_rss_kib(process.pid))
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        log.seek(0)
        printed = log.read()
    if process.returncode != 0:
        raise SystemExit(f"autocoding code failed ({process.returncode}):\n{printed}")
    peak = next(int(line.split()[1]) for line in printed.splitlines() if line.startswith("PEAK_RSS_KIB"))
    summary = json.loads((out / "summary.json").read_text())
    coding = summary["coding_seconds_this_run"]
    return {"precision": precision, "device": args.device, "workers": args.workers, "threads": args.threads,
            "episodes": summary["coded"], "wall_s": round(seconds, 1),
            "coding_s": coding, "episodes_per_s_wall": round(summary["coded"] / seconds, 1),
            "episodes_per_s_coding": round(summary["coded"] / coding, 1) if coding else None,
            "minutes_for_150k_wall": round(150_000 / (summary["coded"] / seconds) / 60, 1),
            "peak_rss_mib": round(peak / 1024),
            "peak_rss_all_processes_mib": round(tree_peak / 1024) if tree_peak else None,
            "auto": summary["auto"], "exceptions": summary["exceptions"]}


def _gpu_name() -> str:
    import torch

    return torch.cuda.get_device_name() if torch.cuda.is_available() else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default="demo/run/bundle")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None, help="torch threads (per worker)")
    parser.add_argument("--workers", type=int, default=1, help="the code verb's workers= (CPU processes)")
    parser.add_argument("--chunk-size", type=int, default=None, help="the code verb's chunk_size= (default 2,000)")
    parser.add_argument("--precision", nargs="+", default=["fp32", "bf16"])
    parser.add_argument("--device", default="cpu", help="cpu | cuda (the code verb's device=)")
    parser.add_argument("--no-evidence", dest="evidence", action="store_false")
    parser.add_argument("--json", default=None)
    parser.add_argument("--from-extract", type=Path, default=None,
                        help="code N episodes repeated from this extract instead of a fresh synthetic one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_code.") as tmp:
        extract = (replicated_extract(args.from_extract, args.n, Path(tmp) / "extract") if args.from_extract
                   else uncoded_extract(args.n, args.seed, Path(tmp) / "extract"))
        results = [code_once(args.bundle, extract, Path(tmp) / f"out-{p}", p, args) for p in args.precision]
    report = {"machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                          "python": platform.python_version(),
                          "gpu": _gpu_name() if args.device != "cpu" else None},
              "bundle": args.bundle, "n": args.n, "evidence": args.evidence,
              "extract": str(args.from_extract) if args.from_extract else f"synth seed {args.seed}", "results": results}
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
