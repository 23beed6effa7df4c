"""Speed and memory of `autocoding synth` + `autocoding build` on synthetic endoscopy extracts.

Each step runs as its own process; wall time comes from the clock and peak resident memory (max RSS) from the
kernel's accounting of that process (os.wait4), so figures are those of the step alone, not of this script.

    python benchmarks/bench_build.py --sizes 100000 1100000 --workdir /tmp/bench_build --json results.json

Goal (issue): the 1.1M-episode build in under 10 minutes and under 4 GiB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run_step(name: str, argv: list[str], log: Path) -> dict:
    """Run one command; returns wall seconds and peak RSS (MiB) of that process and its waited-for children."""
    started = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{name} failed (exit {code}); see {log}:\n{log.read_text()[-3000:]}")
    return {"step": name, "wall_s": round(wall, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}


def machine() -> dict:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in open("/proc/cpuinfo")
                if line.startswith("model name")
            ),
            "",
        )
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    import datasets
    import pyarrow

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_gib, 1),
        "python": platform.python_version(),
        "pyarrow": pyarrow.__version__,
        "datasets": datasets.__version__,
    }


def dir_size_mib(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024**2, 1)


def bench(n: int, workdir: Path, autocoding: str, seed: int) -> list[dict]:
    extract, dataset = workdir / f"extract-{n}", workdir / f"dataset-{n}"
    shutil.rmtree(extract, ignore_errors=True)
    shutil.rmtree(dataset, ignore_errors=True)
    synth = run_step(
        "synth",
        [autocoding, "synth", "specialty=endoscopy", f"n_episodes={n}", f"seed={seed}", f"out={extract}"],
        workdir / f"synth-{n}.log",
    )
    synth["size_mib"] = dir_size_mib(extract)
    build = run_step(
        "build",
        [autocoding, "build", "dataset=endoscopy", f"extract={extract}", f"out={dataset}", f"seed={seed}"],
        workdir / f"build-{n}.log",
    )
    build["size_mib"] = dir_size_mib(dataset)
    manifest = json.loads((dataset / "manifest.json").read_text())
    build["episodes"] = {split: c["episodes"] for split, c in manifest["counts"].items()}
    return [dict(r, n_episodes=n) for r in (synth, build)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench_build"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="append the results here as JSON")
    parser.add_argument("--keep", action="store_true", help="keep extracts and datasets (default: delete)")
    args = parser.parse_args()
    autocoding = shutil.which("autocoding") or str(Path(sys.executable).with_name("autocoding"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "runs": []}
    print(f"machine: {results['machine']}")
    for n in args.sizes:
        for row in bench(n, args.workdir, autocoding, args.seed):
            results["runs"].append(row)
            print(
                f"{row['n_episodes']:>9,} {row['step']:<6} {row['wall_s']:>8.1f} s {row['peak_rss_mib']:>8.1f} MiB"
                f" {row['size_mib']:>9.1f} MiB on disk"
            )
        if not args.keep:
            shutil.rmtree(args.workdir / f"extract-{n}", ignore_errors=True)
            shutil.rmtree(args.workdir / f"dataset-{n}", ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
