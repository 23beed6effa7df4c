"""benchmarks/audit_exposure.py: the breaker trips at the first wrong audit of a model that is always wrong, never
for one that is always right, and sooner the larger the audit sample."""

from __future__ import annotations

from tests.helpers.benchmark_scripts import load_benchmark


def test_exposure_follows_the_breaker_rule():
    exposure = load_benchmark("audit_exposure").exposure
    always_wrong = exposure(0.0, 1.0, 0.97, runs=20, limit=100)
    assert always_wrong["auto_coded_median"] == 1 and always_wrong["wrong_p90"] == 1  # 0 of 1 right: upper 79%
    always_right = exposure(1.0, 0.5, 0.97, runs=20, limit=100)
    assert always_right["not_tripped_within_limit"] == 1.0 and always_right["wrong_median"] == 0
    small, large = (exposure(0.8, f, 0.97, runs=300, limit=5000) for f in (0.05, 0.5))
    assert large["auto_coded_median"] < small["auto_coded_median"]
    assert large["not_tripped_within_limit"] == small["not_tripped_within_limit"] == 0
