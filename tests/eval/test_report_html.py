"""The HTML report's numbers against the same decisions scored by hand here, the page being self-contained, and the
figures drawn sensibly when there is little to draw. The page in a real browser: test_report_browser.py."""

from __future__ import annotations

import base64
import json
import math
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from autocoding.eval import plots
from autocoding.eval.evaluation import evaluate_predictions
from autocoding.eval.html_report import sort_value, write_html_report
from autocoding.eval.report_document import SUBSETS
from autocoding.eval.tradeoff import tradeoff_curve
from autocoding.eval.tuning import fit_thresholds
from autocoding.policy.thresholds import ThresholdConfig

CONFIG = ThresholdConfig(target_precision=0.9, confidence=0.8, min_support=5, absent_target=0.95, episode_target=None)
FIELDS = {"primary_diagnosis_accuracy": ("icd10", "primary"), "secondary_diagnoses_accuracy": ("icd10", "secondary"),
          "primary_procedure_accuracy": ("opcs4", "primary"), "secondary_procedures_accuracy": ("opcs4", "secondary")}


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The textbook Wilson score interval, written out here rather than taken from autocoding.policy.bounds."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def right(kind: str, predicted: list[str], gold: list[str]) -> bool:
    """One audit field of one episode, by the audit's rules: same first code (both none counts), same set after it."""
    if kind == "primary":
        return predicted[:1] == gold[:1]
    return set(predicted[1:]) == set(gold[1:])


@pytest.fixture
def report(tmp_path, synthetic_split):
    val, val_gold = synthetic_split(600, 0)
    test, test_gold = synthetic_split(400, 1)
    tables = fit_thresholds(val, val_gold, CONFIG)
    result = evaluate_predictions(test, test_gold, tables)
    curve = tradeoff_curve(val, val_gold, test, test_gold, CONFIG, targets=(0.8, 0.9))
    files = write_html_report(result, test_gold, tmp_path / "report.html", specialty="endoscopy", tradeoff=curve,
                              model="test-model")
    return files, result, test_gold


def test_headline_and_audit_fields_equal_the_decisions_scored_by_hand(report):
    files, result, gold = report
    data = json.loads(files.json.read_text())
    decided = result.decisions.codes
    auto = np.asarray(result.decisions.auto, dtype=bool)
    n = len(auto)
    per_field = {field: np.array([right(kind, decided[system][i], gold[system][i]) for i in range(n)])
                 for field, (system, kind) in FIELDS.items()}
    whole = np.all(np.stack(list(per_field.values())), axis=0)
    assert 0 < auto.sum() < n, "the synthetic split should auto-code some episodes and not others"

    head = data["headline"]
    assert (head["automation_rate"]["count"], head["automation_rate"]["total"]) == (int(auto.sum()), n)
    assert (head["auto_accuracy"]["count"], head["auto_accuracy"]["total"]) == (int(whole[auto].sum()), int(auto.sum()))
    assert head["auto_accuracy"]["value"] == pytest.approx(whole[auto].mean(), abs=1e-6)
    assert head["episode_accuracy"]["count"] == int(whole.sum())
    assert head["exceptions"] == n - int(auto.sum())
    assert head["automation_rate"]["ci95"] == pytest.approx(wilson(int(auto.sum()), n), abs=1e-6)

    rows = {"auto": auto, "exceptions": ~auto, "all": np.ones(n, dtype=bool)}
    assert set(data["audit_by_subset"]) == set(FIELDS)
    for field, ok in per_field.items():
        for subset, keep in rows.items():
            cell = data["audit_by_subset"][field][subset]
            assert (cell["count"], cell["total"]) == (int(ok[keep].sum()), int(keep.sum())), (field, subset)
            assert cell["ci95"] == pytest.approx(wilson(int(ok[keep].sum()), int(keep.sum())), abs=1e-6)
            level = "higher" if cell["value"] >= data["standards"][field]["higher"] else \
                "minimum" if cell["value"] >= data["standards"][field]["minimum"] else "below"
            assert cell["level"] == level


def test_per_code_auto_share_and_exception_reasons_equal_the_decisions(report):
    files, result, gold = report
    data = json.loads(files.json.read_text())
    auto = np.asarray(result.decisions.auto, dtype=bool)
    for system, rows in data["per_code"].items():
        for row in rows:
            holding = [i for i, codes in enumerate(gold[system]) if row["code"] in codes]
            assert row["gold_episodes"] == len(holding)
            assert row["auto_share"] == pytest.approx(auto[holding].mean() if holding else None, abs=1e-6)
    for reason in data["exception_reasons"]:
        flags = np.asarray(result.decisions.flags[reason["kind"]], dtype=bool)
        assert reason["episodes"] == int(flags.sum())
        if (~auto).any():
            assert reason["share_of_exceptions"] == pytest.approx(flags[~auto].mean(), abs=1e-6)


class _Page(HTMLParser):
    """What the page asks a browser to load, its images, and the headline cards' data attributes."""

    def __init__(self):
        super().__init__()
        self.resources: list[tuple[str, str, str]] = []
        self.images: list[str] = []
        self.cards: dict[str, dict] = {}
        self.figures: list[str] = []
        self.text: list[str] = []  # what a reader sees (not the script or the style sheet)
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._hidden += tag in ("script", "style")
        for name in ("src", "href", "srcset", "poster", "action", "data", "background"):
            if attrs.get(name):
                self.resources.append((tag, name, attrs[name]))
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if attrs.get("id", "").startswith("headline-"):
            self.cards[attrs["id"]] = attrs
        if tag == "figure":
            self.figures.append(attrs.get("data-figure", ""))

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def test_page_is_self_contained_and_holds_the_json_numbers(report):
    files, _, _ = report
    html = files.html.read_text()
    data = json.loads(files.json.read_text())
    page = _Page()
    page.feed(html)
    # nothing to fetch: every src/href is an inline PNG or an anchor on the page, no stylesheet or script files
    assert page.resources and all(v.startswith("data:image/png;base64,") or v.startswith("#")
                                  for _, _, v in page.resources), page.resources
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"url\(|@import|<link\b|<script[^>]+src", html, re.I)
    assert sorted(page.figures) == data["figures"] == ["audit", "calibration", "tradeoff"]
    assert len(page.images) == len(data["figures"])
    for src in page.images:
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    for card, key in (("headline-automation", "automation_rate"), ("headline-accuracy", "auto_accuracy"),
                      ("headline-episode", "episode_accuracy")):
        entry = data["headline"][key]
        assert page.cards[card]["data-count"] == str(entry["count"])
        assert page.cards[card]["data-total"] == str(entry["total"])
        assert float(page.cards[card]["data-value"]) == pytest.approx(entry["value"])
    shown = " ".join(page.text)
    assert not re.search(r"\b(NaN|nan|None|null|undefined|Infinity|inf)\b", shown), shown


def test_missing_numbers_sort_as_empty_not_as_a_number():
    assert sort_value(None) == "" and sort_value(float("nan")) == "" and sort_value(0.25) == "0.25"
    assert sort_value(0) == "0"


@pytest.fixture
def drawn(monkeypatch):
    """The matplotlib figures the plot functions draw, kept open for the test to read."""
    figs = []
    monkeypatch.setattr(plots, "_save", lambda fig, path: figs.append(fig) or path)
    yield figs
    import matplotlib.pyplot as plt

    for fig in figs:
        plt.close(fig)


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_tradeoff_plot_without_any_auto_coding_keeps_share_axes_and_says_why(drawn, tmp_path):
    import pandas as pd

    curve = pd.DataFrame({"target": [0.9, 0.95], "automation_rate": [0.0, 0.0], "auto_episodes": [0, 0],
                          "automation_accuracy": [np.nan, np.nan], "accuracy_low": [np.nan, np.nan],
                          "accuracy_high": [np.nan, np.nan]})
    plots.tradeoff_plot(curve, tmp_path / "t.png")
    ax = drawn[0].axes[0]
    assert ax.get_xlim() == (0, 100) and ax.get_ylim()[0] >= 0 and ax.get_ylim()[1] <= 101
    assert any("No target coded any episode" in t for t in _texts(drawn[0]))


def test_tradeoff_plot_y_axis_starts_below_the_lowest_interval(drawn, tmp_path):
    import pandas as pd

    curve = pd.DataFrame({"target": [0.9, 0.95], "automation_rate": [0.6, 0.4], "auto_episodes": [60, 40],
                          "automation_accuracy": [0.92, 0.97], "accuracy_low": [0.86, 0.91],
                          "accuracy_high": [0.95, 0.99]})
    plots.tradeoff_plot(curve, tmp_path / "t.png")
    low, high = drawn[0].axes[0].get_ylim()
    assert 70 <= low <= 86 and high == 101
    assert not any("No target" in t for t in _texts(drawn[0]))


def test_tradeoff_plot_labels_targets_in_percent_once_per_point(drawn, tmp_path):
    import pandas as pd

    curve = pd.DataFrame({"target": [0.7, 0.8, 0.9], "automation_rate": [0.44, 0.44, 0.42],
                          "auto_episodes": [44, 44, 42], "automation_accuracy": [0.937, 0.937, 0.964],
                          "accuracy_low": [0.89, 0.89, 0.92], "accuracy_high": [0.96, 0.96, 0.98]})
    plots.tradeoff_plot(curve, tmp_path / "t.png")
    assert sorted(_texts(drawn[0])) == ["target 90%", "targets 70%, 80%"]


def test_reliability_plot_draws_no_bar_for_an_empty_band(drawn, tmp_path):
    count = np.array([5.0, 0.0, 3.0, 0.0])
    plots.reliability_plot({"icd10": (count, count * np.array([0.1, 0, 0.6, 0]), np.array([0.0, 0, 2, 0]))},
                           tmp_path / "r.png")
    bars = drawn[0].axes[1].patches
    assert sorted(b.get_height() for b in bars) == [3.0, 5.0]
    formatter = drawn[0].axes[1].yaxis.get_major_formatter()
    assert formatter(1000, 0) == "1,000" and formatter(10, 0) == "10"


def test_audit_plot_labels_each_bar_and_an_empty_subset(drawn, tmp_path):
    cell = {"value": 0.9, "ci95": [0.85, 0.94]}
    empty = {"value": None, "ci95": [None, None]}
    audit = {"primary_diagnosis_accuracy": {"auto": empty, "exceptions": cell, "all": cell}}
    plots.audit_plot(audit, {"primary_diagnosis_accuracy": {"minimum": 0.9, "higher": 0.95}}, SUBSETS,
                     tmp_path / "a.png")
    texts = _texts(drawn[0])
    assert texts.count("90.0%") == 2 and texts.count("no episodes") == 1
