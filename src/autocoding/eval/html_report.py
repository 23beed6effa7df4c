"""The HTML accuracy report: one self-contained page (inline CSS, figures as base64 PNG, a few lines of inline
JavaScript to sort the tables) rendered from `templates/report.html.j2`, with `report.json` beside it holding the
same numbers (`eval.report_document`). It opens in any browser with no network.

    files = write_html_report(evaluation, gold, "out/report.html", specialty="endoscopy", tradeoff=curve,
                              provenance={...}, groups=treatment_functions, group_evaluations=per_group)
"""

from __future__ import annotations

import base64
import json
import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from autocoding.eval.evaluation import Evaluation
from autocoding.eval.plots import audit_plot, reliability_plot, tradeoff_plot
from autocoding.eval.report import GLOSSARY
from autocoding.eval.report_document import SUBSETS, report_document
from autocoding.files import write_text_atomic

TEMPLATE = "report.html.j2"
PROVENANCE_KEYS = ("model_name", "model_version", "model_alias", "run_id", "training_dataset", "training_dataset_hash",
                   "data_description", "data_hash", "code_tables", "autocoding_version", "git_commit",
                   "mlflow_run_id", "configuration", "configuration_text")
LEVEL_WORDS = {"higher": "meets the higher tier", "minimum": "meets the minimum", "below": "below the minimum",
               "": "no episodes"}


@dataclass
class HtmlReport:
    html: Path
    json: Path
    document: dict


def pct(value, digits: int = 1) -> str:
    """0.8612 -> "86.1%"; None or NaN -> "n/a"."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value * 100:.{digits}f}%"


def num(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return f"{value:.{digits}f}"


def sort_value(value) -> str:
    """What a cell's `data-value` holds: the number as it is; "" when there is none (None, NaN), which the page's
    sort keeps last in both directions and a reader of the page can tell from a real 0."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return str(value)


def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("autocoding.eval", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pct=pct, num=num, sort_value=sort_value)
    return env


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def figures(evaluation: Evaluation, document: dict, tradeoff=None) -> dict[str, dict]:
    """{name: {"src": data URI, "caption": text}} for the page (PNG via `eval.plots`, drawn in a temp dir)."""
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="autocoding-report-") as tmp:
        root = Path(tmp)
        if document["audit_by_subset"]:
            path = audit_plot(document["audit_by_subset"], document["standards"], SUBSETS, root / "audit.png")
            out["audit"] = {"src": _data_uri(path), "caption": "Each audit field's share right, for auto-coded "
                            "episodes, exceptions and all, with 95% intervals; the lines mark the standards."}
        if tradeoff is not None and len(tradeoff):
            path = tradeoff_plot(tradeoff, root / "tradeoff.png", title="Coverage and accuracy as the target moves")
            out["tradeoff"] = {"src": _data_uri(path), "caption": "Each point refits the thresholds on the validation "
                               "set for one target and codes this set with them."}
        if evaluation.calibration:
            path = reliability_plot(evaluation.calibration, root / "calibration.png")
            out["calibration"] = {"src": _data_uri(path), "caption": "Predicted probability against how often the "
                                  "code was really there, per probability band (bars: how many)."}
    return out


def render_html(document: dict, figs: Mapping[str, dict]) -> str:
    return _environment().get_template(TEMPLATE).render(
        d=document, figures=figs, subsets=SUBSETS, level_words=LEVEL_WORDS, glossary=GLOSSARY)


def _write_text(path: Path, text: str) -> None:
    write_text_atomic(path, text)


def write_html_report(evaluation: Evaluation, gold, out: str | Path, *, specialty: str, tradeoff=None,
                      model: str | None = None, provenance: Mapping | None = None, groups=None,
                      group_evaluations: Mapping[str, Evaluation] | None = None, group_names=None,
                      title=None) -> HtmlReport:
    """Write `out` (the page) and `out` with suffix `.json` (the same numbers); returns both paths and the data."""
    out = Path(out)
    provenance = {key: None for key in PROVENANCE_KEYS} | dict(provenance or {})
    document = report_document(evaluation, gold, specialty=specialty, tradeoff=tradeoff, model=model,
                               provenance=provenance, groups=groups, group_evaluations=group_evaluations,
                               group_names=group_names, title=title)
    figs = figures(evaluation, document, tradeoff)
    document["figures"] = sorted(figs)
    json_path = out.with_suffix(".json")
    _write_text(json_path, json.dumps(document, indent=1, default=str))
    _write_text(out, render_html(document, figs))
    return HtmlReport(html=out, json=json_path, document=document)
