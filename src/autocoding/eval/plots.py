"""PNG figures for the report (matplotlib, Agg backend: no display needed). Each returns the path it wrote."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def reliability_plot(calibration: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]], path: str | Path,
                     title: str = "Are the model's probabilities honest?") -> Path:
    """Mean predicted probability against the observed share of codes present, per probability bin and system.

    calibration: {system: (count, prob_sum, hit_sum)} per bin (autocoding.metrics.functional.calibration_bins).
    A perfectly honest model lies on the diagonal: of codes given 0.8, 80% are really present.
    """
    plt = _pyplot()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 7), height_ratios=[3, 1], sharex=True)
    top.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfectly honest")
    n_bins = len(next(iter(calibration.values()))[0]) if calibration else 10
    edges = np.linspace(0, 1, n_bins + 1)
    width = 1 / n_bins / (len(calibration) + 1)
    for i, (system, (count, prob_sum, hit_sum)) in enumerate(calibration.items()):
        seen = count > 0
        mean_prob = prob_sum[seen] / count[seen]
        observed = hit_sum[seen] / count[seen]
        top.plot(mean_prob, observed, marker="o", label=system)
        # only the bands that hold pairs: a log axis cannot show 0, and drawing 1 for an empty band would claim one
        bottom.bar(edges[:-1][seen] + (i + 0.5) * width, count[seen], width=width, label=system, log=True)
    top.set_ylabel("share of codes really present")
    top.set_title(title)
    top.set_xlim(0, 1)
    top.set_ylim(0, 1)
    top.legend(loc="upper left")
    # plain counts on the log axis (10, 100, 1,000), not 10^2 or 3x10^2
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    bottom.yaxis.set_major_locator(LogLocator(base=10))
    bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    bottom.yaxis.set_minor_formatter(NullFormatter())
    bottom.set_xlabel("probability the model gave the code")
    bottom.set_ylabel("(episode, code)\npairs (log)")
    return _save(fig, path)


def tradeoff_plot(curve, path: str | Path, title: str = "More automation, or more accuracy?") -> Path:
    """Automation rate (x) against the accuracy of auto-coded episodes (y), one point per target (episode-level or per-code),
    with 95% intervals on the accuracy. `curve` is `eval.tradeoff.tradeoff_curve`'s DataFrame."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    x, y = curve["automation_rate"].to_numpy(), curve["automation_accuracy"].to_numpy()
    errors = np.vstack([y - curve["accuracy_low"].to_numpy(), curve["accuracy_high"].to_numpy() - y])
    ax.errorbar(x * 100, y * 100, yerr=np.nan_to_num(errors) * 100, marker="o", capsize=3)
    # one label per point; targets that gave the same point share it ("targets 70%, 80%") instead of overprinting
    points: dict[tuple[float, float], list[str]] = {}
    for target, xi, yi in zip(curve["target"], x, y, strict=True):
        if np.isfinite(yi):
            points.setdefault((round(xi * 100, 6), round(yi * 100, 6)), []).append(f"{target * 100:.3g}%")
    for (xi, yi), targets in points.items():
        ax.annotate(("targets " if len(targets) > 1 else "target ") + ", ".join(targets), (xi, yi),
                    textcoords="offset points", xytext=(5, 5), fontsize=8)
    # both axes are shares: 0-100%, never matplotlib's default span around a lone point (negative percentages)
    ax.set_xlim(0, 100)
    low = curve["accuracy_low"].to_numpy(dtype=float)
    low = low[np.isfinite(low) & np.isfinite(y)]
    ax.set_ylim(max(0.0, 10 * np.floor(low.min() * 10 - 0.5)) if len(low) else 0.0, 101)
    if not np.isfinite(y).any():
        ax.text(50, 50, "No target coded any episode automatically on this set,\nso there is no accuracy to plot.",
                ha="center", va="center", fontsize=10, color="#5b6776")
    ax.set_xlabel("episodes coded automatically (%)")
    ax.set_ylabel("auto-coded episodes fully right (%)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    return _save(fig, path)


def audit_plot(audit: Mapping[str, Mapping[str, Mapping]], standards: Mapping[str, Mapping[str, float]],
               labels: Mapping[str, str], path: str | Path,
               title: str = "Audit fields against the national standards") -> Path:
    """The audit fields' shares (bars with 95% intervals) per subset of episodes, beside the standards' minimum and
    higher tier (lines). `audit`: {field: {subset: {"value", "ci95"}}} (`eval.report_document.audit_by_subset`)."""
    plt = _pyplot()
    fields = list(audit)
    subsets = list(next(iter(audit.values()))) if audit else []
    fig, ax = plt.subplots(figsize=(8, 1.4 + 0.75 * max(len(fields), 1)))
    height = 0.8 / max(len(subsets), 1)
    colours = {"auto": "#1f6f43", "exceptions": "#c98a1a", "all": "#34568b"}
    shown_all, labelled = [], []
    for j, subset in enumerate(subsets):
        cells = [audit[f][subset] for f in fields]
        ys = np.arange(len(fields)) + (j - (len(subsets) - 1) / 2) * height
        values = np.array([np.nan if c["value"] is None else c["value"] * 100 for c in cells])
        low = np.array([np.nan if c["value"] is None else c["ci95"][0] * 100 for c in cells])
        high = np.array([np.nan if c["value"] is None else c["ci95"][1] * 100 for c in cells])
        shown_all.extend(low[np.isfinite(low)])
        ax.barh(ys, np.nan_to_num(values), height=height * 0.9, color=colours.get(subset),
                label=labels.get(subset, subset), xerr=np.nan_to_num(np.vstack([values - low, high - values])),
                capsize=2, error_kw={"elinewidth": 0.8})
        labelled.append((ys, values, high))
    for i, field in enumerate(fields):
        standard = standards.get(field)
        if standard:
            for key, style in (("minimum", ":"), ("higher", "--")):
                ax.vlines(standard[key] * 100, i - 0.45, i + 0.45, colors="black", linestyles=style, linewidth=1.2)
    ax.set_yticks(np.arange(len(fields)), [f.removesuffix("_accuracy").replace("_", " ") for f in fields])
    ax.invert_yaxis()
    floor = min([70.0, *shown_all])
    left = max(0.0, 10 * np.floor(floor / 10 - 0.5))
    ax.set_xlim(left, 100)
    # each bar's share in words beside its interval; a subset with no episodes says so instead of showing nothing
    for ys, values, high in labelled:
        for yi, value, top in zip(ys, values, high, strict=True):
            if np.isfinite(value) and value - left >= 12:  # room inside the bar: white on the bar's colour
                ax.text(left + 1, yi, f"{value:.1f}%", va="center", ha="left", fontsize=7, color="white",
                        fontweight="bold")
            elif np.isfinite(value):
                ax.text(top + 1, yi, f"{value:.1f}%", va="center", ha="left", fontsize=7)
            else:
                ax.text(left + 1, yi, "no episodes", va="center", ha="left", fontsize=7, color="#5b6776")
    ax.set_xlabel("right (%)   ·   dotted line: minimum standard   ·   dashed line: higher tier")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=len(subsets), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return _save(fig, path)


def _save(fig, path: str | Path) -> Path:
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
