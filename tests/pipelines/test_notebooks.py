"""The notebooks run top to bottom on a built dataset and a trained bundle (their code cells, in order, in one
namespace, with a non-interactive plotting backend): a notebook that no longer runs fails here, not in a reader's hands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def _code(path: Path) -> list[str]:
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(notebook, trained, monkeypatch, capsys):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.setenv("AUTOCODING_DATA", str(trained.dataset))
    monkeypatch.setenv("AUTOCODING_BUNDLE", str(trained.out / "bundle"))
    namespace: dict = {}
    for i, source in enumerate(_code(notebook)):
        try:
            exec(compile(source, f"{notebook.name}[cell {i}]", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"{notebook.name}, code cell {i} failed: {exc!r}") from exc
    out = capsys.readouterr().out
    if notebook.name == "dataset_and_metrics.ipynb":
        assert "predictions from model bundle" in out and "f1_micro" in out
        assert "primary_diagnosis" in out or "automation_rate" in out


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"
