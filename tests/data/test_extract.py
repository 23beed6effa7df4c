"""The extract loader: what a good extract gives, and one test per rejection (quarantine and fail modes)."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from autocoding.codes import get_code_systems
from autocoding.data.extract import load_extract, open_extract_stream
from autocoding.errors import InputError

EPISODE_HEADER = ["episode_id", "patient_id", "specialty", "admission_method", "patient_class", "episode_start",
                  "episode_end", "age", "sex", "diagnoses", "procedures"]

DOCUMENT_HEADER = ["episode_id", "doc_id", "doc_type", "text"]


def episode(eid="E1", pid="P1", dx="K21.9", px="G45.9", start="2025-04-01", end="2025-04-01", **overrides) -> dict:
    row = {"episode_id": eid, "patient_id": pid, "specialty": "301", "admission_method": "11",
           "patient_class": "day_case", "episode_start": start, "episode_end": end, "age": "64", "sex": "2",
           "diagnoses": dx, "procedures": px}
    row.update(overrides)
    return row


def document(eid="E1", doc="D1", text="OGD: reflux oesophagitis.", doc_type="endoscopy_report") -> dict:
    return {"episode_id": eid, "doc_id": doc, "doc_type": doc_type, "text": text}


def write_csv(path, rows: list[dict], header: list[str] | None = None) -> None:
    header = header or (list(rows[0]) if rows else DOCUMENT_HEADER)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


def extract(tmp_path, episodes: list[dict], documents: list[dict], audit: list[dict] | None = None):
    folder = tmp_path / "extract"
    folder.mkdir()
    write_csv(folder / "episodes.csv", episodes, EPISODE_HEADER)
    write_csv(folder / "documents.csv", documents)
    if audit:
        write_csv(folder / "audit.csv", audit)
    return folder


@pytest.fixture(scope="module")
def systems():
    return get_code_systems({}, ["icd10", "opcs4"])


def test_good_extract_loads_with_canonical_codes(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1", dx="k219; K635 ;", px="G451;Z27.1"),
                                episode("E2", dx="", px="", patient_class="Day Case", admission_method="2a")],
                     [document("E1", "D1"), document("E1", "D2", doc_type="Histology"), document("E2", "D3")],
                     [{"episode_id": "E1", "diagnoses": "K21.9", "procedures": "G45.1;Z27.1"}])
    result = load_extract(folder, systems)
    assert len(result.quarantine) == 0
    episodes = result.episodes.set_index("episode_id")
    assert episodes.loc["E1", "diagnoses"] == ["K21.9", "K63.5"]
    assert episodes.loc["E1", "procedures"] == ["G45.1", "Z27.1"]
    assert episodes.loc["E2", "diagnoses"] == [] and episodes.loc["E2", "procedures"] == []
    assert episodes.loc["E2", "patient_class"] == "day_case" and episodes.loc["E2", "admission_method"] == "2A"
    assert episodes.loc["E1", "episode_start"] == pd.Timestamp("2025-04-01")
    assert episodes.loc["E1", "age"] == 64 and episodes.loc["E1", "specialty"] == "301"
    assert sorted(result.documents["doc_type"]) == ["endoscopy_report", "endoscopy_report", "histology"]
    assert result.audit.loc[0, "procedures"] == ["G45.1", "Z27.1"]


def test_parquet_and_jsonl_lists_load_the_same(tmp_path, systems):
    rows = [episode("E1", dx=["K21.9", "K63.5"], px=["G45.1"], age=70), episode("E2", dx=[], px=[], age=None)]
    docs = [document("E1"), document("E2", "D2")]
    parquet, jsonl = tmp_path / "p", tmp_path / "j"
    parquet.mkdir()
    jsonl.mkdir()
    pq.write_table(pa.Table.from_pylist(rows), parquet / "episodes.parquet")
    pq.write_table(pa.Table.from_pylist(docs), parquet / "documents.parquet")
    (jsonl / "episodes.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (jsonl / "documents.jsonl").write_text("".join(json.dumps(r) + "\n" for r in docs), encoding="utf-8")
    for folder in (parquet, jsonl):
        result = load_extract(folder, systems, on_error="fail")
        assert result.episodes["diagnoses"].tolist() == [["K21.9", "K63.5"], []]
        assert result.episodes["age"].tolist()[0] == 70 and pd.isna(result.episodes["age"].tolist()[1])
        assert len(result.documents) == 2


def test_explicit_paths(tmp_path, systems):
    folder = extract(tmp_path, [episode()], [document()])
    result = load_extract({"episodes": folder / "episodes.csv", "documents": folder / "documents.csv"}, systems)
    assert len(result.episodes) == 1 and result.audit is None


def test_missing_columns_are_fatal_and_listed(tmp_path, systems):
    folder = tmp_path / "extract"
    folder.mkdir()
    write_csv(folder / "episodes.csv", [{"episode_id": "E1", "patient_id": "P1"}])
    write_csv(folder / "documents.csv", [document()])
    with pytest.raises(InputError, match=r"lacks required columns \['specialty', 'admission_method'.*'procedures'\]"):
        load_extract(folder, systems, on_error="quarantine")


def test_missing_table(tmp_path, systems):
    folder = tmp_path / "extract"
    folder.mkdir()
    write_csv(folder / "episodes.csv", [episode()], EPISODE_HEADER)
    with pytest.raises(InputError, match="no documents table"):
        load_extract(folder, systems)


def quarantined(tmp_path, systems, episodes, documents, audit=None, **options):
    result = load_extract(extract(tmp_path, episodes, documents, audit), systems, **options)
    return result, result.quarantine.to_frame()


def test_duplicate_episode_id(tmp_path, systems):
    result, report = quarantined(tmp_path, systems, [episode("E1"), episode("E1", pid="P2")], [document()])
    assert result.episodes["patient_id"].tolist() == ["P1"]  # the first row is kept
    assert report.values.tolist() == [[str(tmp_path / "extract" / "episodes.csv"), 2, "episode_id",
                                       "duplicate episode_id 'E1': an earlier row has it"]]


def test_document_for_unknown_episode(tmp_path, systems):
    result, report = quarantined(tmp_path, systems, [episode()], [document(), document("E9", "D2")])
    assert result.documents["doc_id"].tolist() == ["D1"]
    assert report[["row", "column", "reason"]].values.tolist() == [
        [2, "episode_id", "document for unknown episode_id 'E9'"]]


def test_empty_text_and_duplicate_doc_id(tmp_path, systems):
    result, report = quarantined(tmp_path, systems, [episode()],
                                 [document(text="  "), document(doc="D2"), document(doc="D2")],
                                 lost_document="document")
    assert result.documents["doc_id"].tolist() == ["D2"]
    assert report[["row", "column", "reason"]].values.tolist() == [
        [1, "text", "text is empty"], [3, "doc_id", "duplicate doc_id 'D2': an earlier row has it"]]


def test_non_utf8_text(tmp_path, systems):
    folder = extract(tmp_path, [episode()], [document(doc="D1"), document(doc="D2", text="PLACEHOLDER")])
    path = folder / "documents.csv"
    path.write_bytes(path.read_bytes().replace(b"PLACEHOLDER", b"caf\xe9 au lait"))  # Latin-1, not UTF-8
    result = load_extract(folder, systems, lost_document="document")
    assert result.documents["doc_id"].tolist() == ["D1"]
    assert result.quarantine.to_frame()[["row", "column", "reason"]].values.tolist() == [
        [2, "text", "not valid UTF-8 text"]]


def test_invalid_secondary_code_drops_the_episode_and_its_documents(tmp_path, systems):
    result, report = quarantined(tmp_path, systems, [episode("E1", dx="K21.9;K63"), episode("E2", pid="P2")],
                                 [document("E1"), document("E2", "D2")])
    assert result.episodes["episode_id"].tolist() == ["E2"]
    assert result.documents["episode_id"].tolist() == ["E2"]
    reasons = report[["row", "column", "reason"]].values.tolist()
    assert reasons[0][:2] == [1, "diagnoses"]
    assert reasons[0][2].startswith("'K63' (code 2): K63 is a category with subdivisions")
    assert reasons[1] == [1, "episode_id", "document of episode 'E1', which was set aside (see its episodes row)"]


@pytest.mark.parametrize(("dx", "px", "column", "expected"), [
    ("K21.9", "Z27.1;G45.1", "procedures", "'Z27.1' (code 1, primary): Z27.1 is a site (chapter Z) code"),
    ("G43.6", "G45.1", "diagnoses", "'G43.6' (code 1, primary): G43.6 is not an ICD-10 code but is a valid OPCS-4"),
    ("K21.9", "G45.1;D12.6", "procedures", "'D12.6' (code 2): D12.6 is not an OPCS-4 code but is a valid ICD-10"),
    ("K2", "G45.1", "diagnoses", "'K2' (code 1, primary): 'K2' is not an ICD-10 code"),
    ("K21.9", "G99.9", "procedures", "'G99.9' (code 1, primary): G99.9 is not an OPCS-4 code"),
])
def test_invalid_codes(tmp_path, systems, dx, px, column, expected):
    result, report = quarantined(tmp_path, systems, [episode(dx=dx, px=px)], [])
    assert result.episodes.empty
    [[row, col, reason]] = report[["row", "column", "reason"]].values.tolist()
    assert (row, col) == (1, column) and reason.startswith(expected), reason


@pytest.mark.parametrize(("start", "end", "column", "expected"), [
    ("2025-04-03", "2025-04-01", "episode_end", "episode_end 2025-04-01 is before episode_start 2025-04-03"),
    ("2025-02-30", "2025-03-01", "episode_start", "episode_start '2025-02-30' is not a valid ISO date (YYYY-MM-DD)"),
    ("01/04/2025", "2025-04-01", "episode_start", "episode_start '01/04/2025' is not a valid ISO date (YYYY-MM-DD)"),
    ("2025-04-01", "", "episode_end", "episode_end is empty"),
])
def test_impossible_dates(tmp_path, systems, start, end, column, expected):
    result, report = quarantined(tmp_path, systems, [episode(start=start, end=end)], [])
    assert result.episodes.empty
    assert report[["row", "column", "reason"]].values.tolist() == [[1, column, expected]]


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("patient_id", "", "patient_id is empty"),
    ("specialty", "30", "specialty '30' is not a treatment function code (3 characters, e.g. 301)"),
    ("admission_method", "1", "admission_method '1' is not an NHS admission method (2 characters, e.g. 11)"),
    ("patient_class", "outpatient", "patient_class 'outpatient' is not one of ['day_case', 'ordinary', "
                                    "'regular_day', 'regular_night', 'mother_baby']"),
    ("age", "-3", "age '-3' is not a whole number of years from 0 to 130"),
])
def test_bad_episode_fields(tmp_path, systems, field, value, expected):
    result, report = quarantined(tmp_path, systems, [episode(**{field: value})], [])
    assert result.episodes.empty
    assert report[["row", "column", "reason"]].values.tolist() == [[1, field, expected]]


def test_audit_rows_checked(tmp_path, systems):
    result, report = quarantined(
        tmp_path, systems, [episode("E1"), episode("E2", pid="P2")], [document()],
        [{"episode_id": "E1", "diagnoses": "K21.9", "procedures": "G45.1"},
         {"episode_id": "E1", "diagnoses": "K21.9", "procedures": "G45.1"},
         {"episode_id": "E2", "diagnoses": "K63", "procedures": "G45.1"},
         {"episode_id": "E7", "diagnoses": "K21.9", "procedures": "G45.1"}])
    assert result.audit["episode_id"].tolist() == ["E1"]
    assert [r[1:3] for r in report.values.tolist()] == [
        [2, "episode_id"], [3, "diagnoses"], [4, "episode_id"]]
    assert report["reason"].tolist()[2] == "audit row for unknown episode_id 'E7'"


def test_fail_mode_names_file_row_and_problem(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1"), episode("E2", start="2025-13-01")], [document()])
    with pytest.raises(InputError) as caught:
        load_extract(folder, systems, on_error="fail")
    assert str(caught.value) == (f"{folder / 'episodes.csv'}, row 2, column 'episode_start': "
                                 "episode_start '2025-13-01' is not a valid ISO date (YYYY-MM-DD)")


def test_quarantine_write(tmp_path, systems):
    result, _ = quarantined(tmp_path, systems, [episode("E1"), episode("E1")], [document()])
    path = result.quarantine.write(tmp_path / "out" / "quarantine.csv")
    lines = path.read_text().splitlines()
    assert lines[0] == "file,row,column,reason" and len(lines) == 2 and ",2,episode_id," in lines[1]


def test_stream_batches_and_passes(tmp_path, systems):
    episodes = [episode(f"E{i}", pid=f"P{i}") for i in range(7)] + [episode("E0")]
    folder = extract(tmp_path, episodes, [document(f"E{i}", f"D{i}") for i in range(7)])
    stream = open_extract_stream(folder, systems, batch_size=3, document_batch_size=2)
    sizes = [len(b) for b in stream.episode_batches()]
    assert sizes == [3, 3, 1]  # rows 1-3, 4-6, 7 kept; row 8 duplicates E0 (an earlier batch)
    ids = [t.num_rows for t in stream.document_batches(["episode_id", "doc_type"])]
    assert sum(ids) == 7 and max(ids) <= 2
    texts = pa.concat_tables(stream.document_batches(["episode_id", "text"]))
    assert texts.column_names == ["episode_id", "text"] and texts.num_rows == 7
    # a second episode pass reports nothing twice
    list(stream.episode_batches())
    assert stream.quarantine()[["row", "reason"]].values.tolist() == [
        [8, "duplicate episode_id 'E0': an earlier row has it"]]


def test_unreadable_rows(tmp_path, systems):
    """A JSON line that is not JSON is set aside and reported; the rest loads."""
    folder = extract(tmp_path, [episode("E1"), episode("E2", pid="P2")], [document()])
    (folder / "documents.csv").unlink()
    (folder / "documents.jsonl").write_text(json.dumps(document()) + "\n{not json\n" +
                                            json.dumps(document("E2", "D2")) + "\n", encoding="utf-8")
    result = load_extract(folder, systems)
    assert result.episodes["episode_id"].tolist() == ["E1", "E2"]
    assert result.documents["doc_id"].tolist() == ["D1", "D2"]
    report = result.quarantine.to_frame()
    assert report[["row", "column"]].values.tolist() == [[2, ""]]
    assert report["reason"].iloc[0].startswith("not valid JSON")


def test_broken_csv_structure_is_fatal(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1"), episode("E2", pid="P2")], [document()])
    with open(folder / "episodes.csv", "a", encoding="utf-8") as handle:
        handle.write("E3,P3,301,11,day_case,2025-04-01,2025-04-01,50,1,K21.9,G45.1,EXTRA\n")
    with pytest.raises(InputError) as caught:
        load_extract(folder, systems)
    assert str(caught.value) == (f"{folder / 'episodes.csv'}, row 3: cannot parse the CSV: this record (starting "
                                 "on line 4) has 12 fields, the header 11; check the quoting of its text fields")
