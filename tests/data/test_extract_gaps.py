"""Loader rules for damaged exports: broken first JSON line, control characters, NUL text, oversize documents, lost
documents, empty episodes files, ids read as text, and CSV structure errors that name the row but never the text."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_extract import document, episode, extract, write_csv

from autocoding.codes import get_code_systems
from autocoding.data.extract import load_extract
from autocoding.errors import InputError

SECRET = "Patient disclosed SECRET history"


@pytest.fixture(scope="module")
def systems():
    return get_code_systems({}, ["icd10", "opcs4"])


def jsonl(path, lines: list) -> None:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                    encoding="utf-8")


def reasons(result) -> list[list]:
    return result.quarantine.to_frame()[["row", "column", "reason"]].values.tolist()


def no_text_anywhere(result) -> None:
    assert not any(SECRET in str(line) for line in result.quarantine)


@pytest.mark.parametrize("table", ["episodes", "documents"])
def test_broken_first_json_line_costs_one_row(tmp_path, systems, table):
    folder = tmp_path / "x"
    folder.mkdir()
    rows = {"episodes": [episode("E1"), episode("E2", pid="P2")], "documents": [document("E1"), document("E2", "D2")]}
    for name, records in rows.items():
        lines = ["{broken", *records[1:]] if name == table else records
        jsonl(folder / f"{name}.jsonl", lines)
    result = load_extract(folder, systems)
    [row, column, reason] = reasons(result)[0]
    assert (row, column) == (1, "") and reason.startswith("not valid JSON")
    assert result.quarantine.to_frame()["file"][0] == str(folder / f"{table}.jsonl")
    if table == "episodes":  # the lost episode's document follows it
        assert reasons(result)[1:] == [[1, "episode_id", "document for unknown episode_id 'E1'"]]
    else:
        assert len(result.quarantine) == 1
    assert result.episodes["episode_id"].tolist() == (["E2"] if table == "episodes" else ["E1", "E2"])
    assert result.documents["doc_id"].tolist() == ["D2"]


def test_ids_with_control_characters_are_set_aside(tmp_path, systems):
    folder = tmp_path / "x"
    folder.mkdir()
    jsonl(folder / "episodes.jsonl", [episode("E\x001"), episode("E2", pid="P\x072"), episode("E3", pid="P3")])
    jsonl(folder / "documents.jsonl", [document("E3", "D\x003"), document("E3", "D4")])
    result = load_extract(folder, systems, lost_document="document")
    assert result.episodes["episode_id"].tolist() == ["E3"]
    assert result.documents["doc_id"].tolist() == ["D4"]
    control = "contains a control character (NUL or another below U+0020): an id must be plain text"
    assert reasons(result) == [[1, "episode_id", f"episode_id {control}"], [2, "patient_id", f"patient_id {control}"],
                               [1, "doc_id", f"doc_id {control}"]]


def test_nul_in_text_sets_the_document_and_its_episode_aside(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1"), episode("E2", pid="P2")],
                     [document("E1", "D1", text=SECRET + "\x00\x00"), document("E1", "D2"), document("E2", "D3")])
    result = load_extract(folder, systems)
    assert result.episodes["episode_id"].tolist() == ["E2"]
    assert result.documents["doc_id"].tolist() == ["D3"]
    report = result.quarantine.to_frame()
    assert report[["row", "column"]].values.tolist()[:2] == [[1, "text"], [1, "episode_id"]]
    assert report["reason"][0].startswith("text contains NUL characters (\\x00)")
    assert report["reason"][1] == ("document_quarantined: its document 'D1' was set aside (see the documents "
                                   "quarantine lines)")
    assert report["file"][1].endswith("episodes.csv")
    no_text_anywhere(result)


def test_lost_document_policy_document_keeps_the_episode(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1")], [document("E1", "D1", text="a\x00b"), document("E1", "D2")])
    result = load_extract(folder, systems, lost_document="document")
    assert result.episodes["episode_id"].tolist() == ["E1"]
    assert result.documents["doc_id"].tolist() == ["D2"]


def test_oversize_documents_are_set_aside_with_their_size(tmp_path, systems):
    big = SECRET + "x" * (200_001 - len(SECRET))
    folder = extract(tmp_path, [episode("E1"), episode("E2", pid="P2"), episode("E3", pid="P3")],
                     [document("E1", "D1", text=big), document("E2", "D2", text="y" * 150), document("E3", "D3")])
    default = load_extract(folder, systems)
    assert default.documents["doc_id"].tolist() == ["D2", "D3"]
    assert reasons(default)[0] == [1, "text", "text is 200,001 characters, over the limit of 200,000 "
                                              "(max_document_chars)"]
    no_text_anywhere(default)
    strict = load_extract(folder, systems, max_document_chars=100)
    assert strict.documents["doc_id"].tolist() == ["D3"]
    assert strict.episodes["episode_id"].tolist() == ["E3"]
    unlimited = load_extract(folder, systems, max_document_chars=None)
    assert len(unlimited.documents) == 3 and len(unlimited.quarantine) == 0


def test_header_only_episodes_file_is_named(tmp_path, systems):
    folder = extract(tmp_path, [], [document()])
    with pytest.raises(InputError) as caught:
        load_extract(folder, systems)
    assert str(caught.value) == (f"{folder / 'episodes.csv'}: the episodes table has no rows (a header only, or "
                                 "empty): nothing to load")


def test_json_integer_ids_match_text_ids(tmp_path, systems):
    folder = tmp_path / "x"
    folder.mkdir()
    jsonl(folder / "episodes.jsonl", [episode(123, pid=7), episode(124.0, pid=8), episode("00125", pid=9)])
    write_csv(folder / "documents.csv", [document("123", "1"), document("124", "2"), document("00125", "3")])
    result = load_extract(folder, systems)
    assert result.episodes["episode_id"].tolist() == ["123", "124", "00125"]
    assert result.episodes["patient_id"].tolist() == ["7", "8", "9"]
    assert result.documents["episode_id"].tolist() == ["123", "124", "00125"]
    assert len(result.quarantine) == 0


def test_parquet_integer_ids_with_nulls_match_text_ids(tmp_path, systems):
    folder = tmp_path / "x"
    folder.mkdir()
    rows = [episode(123, pid=7), episode(None, pid=8), episode(125, pid=9)]
    table = pa.Table.from_pylist(rows).cast(pa.schema(
        [pa.field(f.name, pa.int64() if f.name in ("episode_id", "patient_id") else f.type)
         for f in pa.Table.from_pylist(rows).schema]))
    pq.write_table(table, folder / "episodes.parquet")
    write_csv(folder / "documents.csv", [document("123", "1"), document("125", "2")])
    result = load_extract(folder, systems)
    assert result.episodes["episode_id"].tolist() == ["123", "125"]
    assert result.documents["episode_id"].tolist() == ["123", "125"]
    assert reasons(result) == [[2, "episode_id", "episode_id is empty"]]


def test_broken_csv_quote_names_the_row_and_never_the_text(tmp_path, systems):
    folder = extract(tmp_path, [episode("E1"), episode("E2", pid="P2")], [document("E1"), document("E2", "D2")])
    with open(folder / "documents.csv", "a", encoding="utf-8") as handle:
        handle.write(f'E2,D3,endoscopy_report,"{SECRET}" and more, after the quote\n')
    with pytest.raises(InputError) as caught:
        load_extract(folder, systems)
    assert SECRET not in str(caught.value)
    assert caught.value.row == 3
    assert str(caught.value) == (f"{folder / 'documents.csv'}, row 3: cannot parse the CSV: this record (starting "
                                 "on line 4) has 5 fields, the header 4; check the quoting of its text fields")


def test_broken_csv_row_after_a_multiline_field(tmp_path, systems):
    """Rows count records, not lines: a quoted text with line breaks is one row; the line is given as well."""
    folder = extract(tmp_path, [episode("E1")], [document("E1", "D1", text="line one\nline two\nline three")])
    with open(folder / "documents.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("E1,D2,endoscopy_report,x,y\n")
    with pytest.raises(InputError, match=r"documents.csv, row 2: cannot parse the CSV: this record \(starting on "
                                         r"line 5\) has 5 fields, the header 4"):
        load_extract(folder, systems)
