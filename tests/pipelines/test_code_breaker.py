"""`autocoding code` with the live-accuracy circuit breaker: a model version audited below target auto-codes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from tests.helpers.code_fixtures import make_bundle, write_extract

from autocoding.cli import main
from autocoding.corrections.importer import import_file
from autocoding.corrections.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corrections"))
from corrections_fixtures import correction, write_coded, write_csv  # noqa: E402


def test_a_tripped_model_makes_every_episode_an_exception(tmp_path, capsys):
    bundle = make_bundle(tmp_path / "bundle")
    extract = write_extract(tmp_path / "extract", special=False)
    db = f"sqlite:///{tmp_path / 'corrections.db'}"
    assert main(["code", f"model={bundle}", f"extract={extract}", f"out={tmp_path / 'before'}",
                 f"breaker.db={db}"]) == 0  # no database yet: nothing audited, the policy alone decides
    before = pd.read_parquet(tmp_path / "before" / "coded.parquet")
    ids = [f"E{i:04d}" for i in range(40)]
    coded = write_coded(tmp_path / "audited.parquet", [{"episode_id": e, "status": "auto", "diagnoses": ["K21.9"],
                                                        "procedures": []} for e in ids], model_name="tiny", version="")
    with open_store(db) as store:  # the tiny model's audited auto-coded episodes: 10 of 40 right
        rows = [correction(i, kind="audit", procedures=[], diagnoses=["K21.9"] if i < 10 else ["K29.7"])
                for i in range(40)]
        assert import_file(store, write_csv(tmp_path / "audit.csv", rows), coded=coded).inserted == 40
    capsys.readouterr()
    assert main(["code", f"model={bundle}", f"extract={extract}", f"out={tmp_path / 'after'}",
                 f"breaker.db={db}"]) == 0
    assert "circuit breaker" in capsys.readouterr().out
    after = pd.read_parquet(tmp_path / "after" / "coded.parquet")
    assert set(after["status"]) == {"exception"}
    assert all(r[0] == "live_accuracy_below_target" for r in after["reason_codes"])
    assert [list(d) for d in after["diagnoses"]] == [list(d) for d in before["diagnoses"]]  # suggestions kept
    worklist = pd.read_csv(tmp_path / "after" / "worklist.csv")
    assert len(worklist) == len(after)
