"""Acceptance / correction rates and live accuracy on hand-counted corrections, and the circuit breaker."""

from __future__ import annotations

import pytest
from corrections_fixtures import correction, write_coded, write_csv

from autocoding.cli import main
from autocoding.corrections import breaker
from autocoding.corrections.importer import import_file
from autocoding.corrections.stats import compute
from autocoding.corrections.store import open_store
from autocoding.policy.bounds import wilson_interval


def _audited(store, tmp_path, right: int, wrong: int, version: str = "3", start: int = 0, day: str = "01"):
    """right + wrong audits of auto-coded episodes of `version` (the model said K21.9 + G45.1)."""
    ids = range(start, start + right + wrong)
    coded = write_coded(tmp_path / f"coded{version}{start}.parquet", [
        {"episode_id": f"E{i:04d}", "status": "auto", "diagnoses": ["K21.9"], "procedures": ["G45.1"]} for i in ids],
        version=version)
    rows = [correction(i, kind="audit", at=f"2026-03-{day}T10:00:00Z",
                       diagnoses=["K21.9"] if k < right else ["K29.7"]) for k, i in enumerate(ids)]
    report = import_file(store, write_csv(tmp_path / f"audit{version}{start}.csv", rows), coded=coded)
    assert report.inserted == right + wrong


def test_rates_and_live_accuracy_are_counted_as_by_hand(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _audited(store, tmp_path, right=8, wrong=2)
        stats = compute(store.corrections())
    v = stats.versions[("autocoding-endoscopy", "3")]
    assert (v.episodes, v.accepted_episodes, v.audited, v.audited_right) == (10, 8, 10, 8)
    assert (v.codes.suggested, v.codes.accepted, v.codes.removed, v.codes.added) == (20, 18, 2, 2)
    assert (v.per_code[("diagnoses", "K21.9")].removed, v.per_code[("diagnoses", "K29.7")].added) == (2, 2)
    live = stats.to_dict()["versions"][0]["live_accuracy"]
    assert live["value"] == 0.8 and (live["low"], live["high"]) == pytest.approx(wilson_interval(8, 10))


def test_the_breaker_trips_below_target_stays_tripped_and_clears_at_the_gate(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _audited(store, tmp_path, right=60, wrong=40)  # 60%: upper bound far below 97%
        state = breaker.check(store, "autocoding-endoscopy", "3", target=0.97)
        assert state.tripped and state.reason == "live_accuracy_below_target"
        _audited(store, tmp_path, right=400, wrong=0, start=100, day="02")  # now >= 97% is not excluded
        assert breaker.check(store, "autocoding-endoscopy", "3", target=0.97).tripped  # sticky
        assert not breaker.check(store, "autocoding-endoscopy", "4", target=0.97).tripped  # per version
        assert breaker.clear(store, "autocoding-endoscopy", "3", "passed the promotion gate")
        assert not breaker.check(store, "autocoding-endoscopy", "3", target=0.97).tripped
        few = breaker.check(store, "autocoding-endoscopy", "5", target=0.97)
        assert not few.tripped and few.accuracy.n == 0


def test_a_well_audited_model_does_not_trip(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _audited(store, tmp_path, right=98, wrong=2)
        assert not breaker.check(store, "autocoding-endoscopy", "3", target=0.97).tripped


def test_the_cli_imports_and_prints_stats(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    coded = write_coded(tmp_path / "coded.parquet", [
        {"episode_id": "E0000", "status": "auto", "diagnoses": ["K21.9"], "procedures": ["G45.1"]}])
    path = write_csv(tmp_path / "work.csv", [correction(0, kind="audit"), correction(1, diagnoses=["XX"])])
    assert main(["corrections", "import", f"file={path}", f"coded={coded}", f"db={db}"]) == 0
    captured = capsys.readouterr()
    assert "1 inserted" in captured.out and "row 2, column 'diagnoses'" in captured.err
    assert main(["corrections", "stats", f"db={db}", f"out={tmp_path / 'stats'}"]) == 0
    text = capsys.readouterr().out
    assert "live accuracy (audited auto-coded episodes wholly right): 100.0% (1/1" in text
    assert "per coder:" in text and "c1" in text
    assert (tmp_path / "stats" / "per_code.csv").read_text().count("\n") == 3  # header, K21.9, G45.1
    assert (tmp_path / "stats" / "per_coder.csv").read_text().splitlines()[1].startswith("c1,1,1,1,1.0,0,0.0")


def test_per_coder_acceptance_and_overturned_decisions_are_counted_as_by_hand(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        coded = write_coded(tmp_path / "coded.parquet", [
            {"episode_id": f"E{i:04d}", "status": "exception", "diagnoses": ["K21.9"], "procedures": ["G45.1"]}
            for i in range(10)])
        # c1 reviews 10 episodes and leaves the model's codes on 8; c2 later changes 3 of c1's (one of them to
        # what c1 had, which is no overturn), and c1 re-reviews one of its own
        first = [correction(i, coder="c1", diagnoses=["K21.9"] if i < 8 else ["K29.7"]) for i in range(10)]
        later = [correction(i, coder="c2", at="2026-03-02T10:00:00Z", diagnoses=d)
                 for i, d in ((0, ["K29.7"]), (1, ["K22.2"]), (8, ["K29.7"]))]
        again = [correction(5, coder="c1", at="2026-03-03T10:00:00Z", diagnoses=["K22.2"])]
        for name, rows in (("a", first), ("b", later), ("c", again)):
            assert not import_file(store, write_csv(tmp_path / f"{name}.csv", rows), coded=coded).bad
        stats = compute(store.corrections())
    c1, c2 = stats.coders["c1"], stats.coders["c2"]
    assert (c1.decisions, c1.with_model, c1.accepted, c1.overturned) == (11, 11, 8, 2)
    assert (c2.decisions, c2.accepted, c2.overturned) == (3, 0, 0)
    table = {c["coder_id"]: c for c in stats.to_dict()["coders"]}
    assert table["c1"]["acceptance"]["value"] == pytest.approx(8 / 11)
    assert table["c1"]["overturned"]["successes"] == 2
