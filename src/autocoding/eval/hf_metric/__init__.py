"""The local Hugging Face `evaluate` module (`autocoding_coding/`). Only its path lives here, so importing this
package never imports `evaluate` (about 5 s): `evaluate.load(metric_dir(), "labels" | "audit")`."""

from __future__ import annotations

from pathlib import Path


def metric_dir() -> Path:
    """Directory holding `autocoding_coding.py`, loadable offline with `evaluate.load(str(metric_dir()), ...)`."""
    return Path(__file__).resolve().parent / "autocoding_coding"
