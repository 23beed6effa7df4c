"""Throughput of the endoscopy generator (slow tier: timings need a quiet machine)."""

from __future__ import annotations

import time

import pytest

from autocoding.data.synth.command import write_extract
from autocoding.data.synth.stream import SynthSettings


@pytest.mark.slow
def test_endoscopy_generates_at_least_5000_episodes_per_second(tmp_path):
    start = time.process_time()   # CPU seconds of this process: the target is per core
    write_extract(SynthSettings("endoscopy", 50_000, 0, 0.07, 1.0, 20_000), tmp_path)
    rate = 50_000 / (time.process_time() - start)
    assert rate >= 5000, f"{rate:.0f} episodes per CPU second"
