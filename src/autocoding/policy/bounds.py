"""Confidence bounds on a binomial proportion (precision, negative predictive value, accuracy).

A threshold is only trusted when the LOWER confidence bound of the validation precision reaches the target: a
code that was right 19 times out of 19 is not shown to be right 95% of the time (Wilson lower bound 0.875 at 95%
confidence), one right 200 times out of 200 is (0.987). All functions are vectorised over numpy arrays.

- Wilson score bound: accurate and never outside [0, 1]; the default.
- Clopper-Pearson ("exact") bound: from the Beta distribution; never below its nominal coverage, so stricter.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

BOUNDS = ("wilson", "clopper_pearson")


def _z(confidence: float) -> float:
    if not 0.5 <= confidence < 1:
        raise ValueError(f"confidence must be in [0.5, 1), got {confidence}")
    return NormalDist().inv_cdf(confidence)


def wilson_lower(successes: np.ndarray, n: np.ndarray, confidence: float = 0.95) -> np.ndarray:
    """One-sided Wilson lower bound on successes / n at `confidence`; 0 where n == 0."""
    k, n = np.asarray(successes, dtype=np.float64), np.asarray(n, dtype=np.float64)
    z = _z(confidence)
    safe_n = np.maximum(n, 1.0)
    p = k / safe_n
    centre = p + z * z / (2 * safe_n)
    spread = z * np.sqrt(np.maximum(p * (1 - p) / safe_n + z * z / (4 * safe_n * safe_n), 0.0))
    lower = (centre - spread) / (1 + z * z / safe_n)
    return np.where(n > 0, np.clip(lower, 0.0, 1.0), 0.0)


def clopper_pearson_lower(successes: np.ndarray, n: np.ndarray, confidence: float = 0.95) -> np.ndarray:
    """One-sided Clopper-Pearson lower bound: the `1 - confidence` quantile of Beta(k, n - k + 1); 0 where k == 0."""
    from scipy.special import betaincinv

    k, n = np.asarray(successes, dtype=np.float64), np.asarray(n, dtype=np.float64)
    _z(confidence)  # validates the level
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = betaincinv(np.maximum(k, 1.0), np.maximum(n - k + 1, 1.0), 1 - confidence)
    return np.where((k > 0) & (n > 0), lower, 0.0)


def lower_bound(successes: np.ndarray, n: np.ndarray, confidence: float, method: str = "wilson") -> np.ndarray:
    if method == "wilson":
        return wilson_lower(successes, n, confidence)
    if method == "clopper_pearson":
        return clopper_pearson_lower(successes, n, confidence)
    raise ValueError(f"unknown bound {method!r}; choose one of {BOUNDS}")


def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Two-sided Wilson interval (the 95% intervals shown in reports); (nan, nan) when n == 0."""
    if n <= 0:
        return float("nan"), float("nan")
    one_sided = 1 - (1 - confidence) / 2
    low = float(wilson_lower(np.array(successes), np.array(n), one_sided))
    high = 1 - float(wilson_lower(np.array(n - successes), np.array(n), one_sided))
    return low, high
