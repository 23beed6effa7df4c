"""Importing coders' work: idempotent, a bad row among good ones, the model output stored with each correction."""

from __future__ import annotations

import pytest
from corrections_fixtures import correction, many, write_coded, write_csv, write_jsonl

from autocoding.corrections.importer import import_file
from autocoding.corrections.store import open_store
from autocoding.errors import InputError


def _snapshot(store):
    return [(c.episode_id, c.coded_at, c.diagnoses, c.procedures, c.kind) for c in store.corrections()]


def test_importing_the_same_file_twice_changes_nothing(db_url, tmp_path):
    path = write_csv(tmp_path / "work.csv", many(5))
    with open_store(db_url) as store:
        first = import_file(store, path)
        before = _snapshot(store)
        second = import_file(store, path)
        assert (first.inserted, first.unchanged, first.bad) == (5, 0, [])
        assert (second.inserted, second.unchanged, second.bad) == (0, 5, [])
        assert _snapshot(store) == before and store.count() == 5


def test_a_bad_row_among_good_ones_is_reported_and_the_good_rows_go_in(db_url, tmp_path):
    rows = many(4)
    rows[1]["diagnoses"] = ["K21.9", "Q99.99"]      # not a code
    rows[2]["kind"] = "second_look"                # not a kind
    rows[2]["procedures"] = ["Z27.1"]              # a site code cannot be primary
    path = write_csv(tmp_path / "work.csv", rows)
    with open_store(db_url) as store:
        report = import_file(store, path)
        assert report.inserted == 2 and report.bad_rows == 2
        assert sorted(store.final_codes()) == ["E0000", "E0003"]
    where = {(b.row, b.column) for b in report.bad}
    assert where == {(2, "diagnoses"), (3, "kind"), (3, "procedures")}
    assert all(b.file == str(path) for b in report.bad)
    assert "row 2, column 'diagnoses'" in str(next(b for b in report.bad if b.row == 2))


def test_json_lines_and_csv_give_the_same_store(tmp_path):
    rows = many(3)
    rows[0]["diagnoses"] = ["k219", "K297"]  # written forms are normalised
    urls = []
    for name, writer in (("a.csv", write_csv), ("a.jsonl", write_jsonl)):
        url = f"sqlite:///{tmp_path / (name + '.db')}"
        with open_store(url) as store:
            assert import_file(store, writer(tmp_path / name, rows)).inserted == 3
            urls.append(_snapshot(store))
    assert urls[0] == urls[1] and urls[0][0][2] == ("K21.9", "K29.7")


def test_a_file_without_a_required_column_is_refused_whole(db_url, tmp_path):
    path = tmp_path / "work.csv"
    path.write_text("episode_id,diagnoses,coder_id,coded_at,kind\nE1,K21.9,c1,2026-03-01T10:00:00Z,audit\n")
    with open_store(db_url) as store:
        with pytest.raises(InputError, match="procedures"):
            import_file(store, path)
        assert store.count() == 0


def test_each_correction_keeps_the_model_output_it_corrects(db_url, tmp_path):
    coded = write_coded(tmp_path / "coded.parquet", [
        {"episode_id": "E0000", "status": "exception", "diagnoses": ["K219"], "procedures": ["G451"]},
        {"episode_id": "E0001", "status": "auto", "diagnoses": ["K29.7"], "procedures": []},
    ])
    rows = [correction(0, diagnoses=["K21.0"]), correction(1, kind="audit", procedures=[]),
            correction(2), correction(1, kind="exception_review", at="2026-03-02T09:00:00Z")]
    with open_store(db_url) as store:
        report = import_file(store, write_csv(tmp_path / "work.csv", rows), coded=coded)
        stored = {c.episode_id: c for c in store.corrections() if c.kind == "audit" or c.episode_id == "E0000"}
    assert report.inserted == 2
    assert {(b.row, b.column) for b in report.bad} == {(3, "episode_id"), (4, "kind")}  # unknown episode; review of auto
    assert stored["E0000"].model_diagnoses == ("K21.9",) and stored["E0000"].model_procedures == ("G45.1",)
    assert stored["E0001"].model_version == "3" and stored["E0001"].model_status == "auto"


def test_a_correction_of_a_correction_keeps_the_history(db_url, tmp_path):
    coded = write_coded(tmp_path / "coded.parquet", [
        {"episode_id": "E0000", "status": "auto", "diagnoses": ["K21.9"], "procedures": ["G45.1"]}])
    first = correction(0, diagnoses=["K21.0"], kind="audit", coder="alice", at="2026-03-01T10:00:00Z")
    second = correction(0, diagnoses=["K21.0", "K29.7"], kind="audit", coder="bob", at="2026-03-05T16:30:00+01:00",
                        comment="gastritis in the histology")
    with open_store(db_url) as store:
        import_file(store, write_csv(tmp_path / "b.csv", [second]), coded=coded)  # later one imported first
        import_file(store, write_csv(tmp_path / "a.csv", [first]), coded=coded)
        history = store.history("E0000")
        final = store.final_codes(["E0000"])["E0000"]
    assert [(h.coder_id, h.before_diagnoses, h.after_diagnoses) for h in history] == [
        ("alice", ("K21.9",), ("K21.0",)), ("bob", ("K21.0",), ("K21.0", "K29.7"))]
    assert history[1].coded_at.isoformat() == "2026-03-05T15:30:00+00:00"
    assert final.coder_id == "bob" and final.diagnoses == ("K21.0", "K29.7") and final.model_version == "3"
