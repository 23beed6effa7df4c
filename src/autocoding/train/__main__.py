"""`python -m autocoding.train [overrides]`: train without the pipeline (no thresholds, no MLflow).

Also the entry DDP re-executes in each worker process (Lightning's subprocess launcher runs this module again
with the same arguments). Rank 0 prints the metrics as JSON, and writes them to `--metrics FILE` if given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autocoding.config import compose
from autocoding.files import write_text_atomic
from autocoding.train import train


def main(argv: list[str]) -> int:
    metrics_file = None
    if "--metrics" in argv:
        i = argv.index("--metrics")
        metrics_file, argv = Path(argv[i + 1]), argv[:i] + argv[i + 2 :]

    metrics, objects = train(compose("train", argv))
    if objects.trainer.global_rank == 0:
        text = json.dumps(metrics, indent=2, sort_keys=True)
        print(text)
        if metrics_file:
            write_text_atomic(metrics_file, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
