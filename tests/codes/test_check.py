"""Validation reasons, one test per reason, on the default tables (WHO ICD-10 2019 + packaged OPCS-4)."""

from __future__ import annotations

import pytest

from autocoding.codes import check_sequence, get_code_systems


@pytest.fixture(scope="module")
def icd10():
    return get_code_systems({}, ["icd10"])["icd10"]


@pytest.fixture(scope="module")
def opcs4():
    return get_code_systems({}, ["opcs4"])["opcs4"]


def test_valid_codes_have_no_reasons(icd10, opcs4):
    assert icd10.check("K63.5", 0) == []
    assert icd10.check("k635", 1) == []
    assert icd10.check("I10X", 0) == []
    assert opcs4.check("G45.1", 0) == []
    assert opcs4.check("Z27.1", 1) == []  # a site code after the procedure it qualifies


def test_unknown_code(icd10, opcs4):
    assert icd10.check("K63.7", 1) == [f"K63.7 is not an ICD-10 code ({icd10.version})"]
    assert not icd10.is_valid("K63.7")
    [reason] = opcs4.check("G99.9", 1)
    assert reason.startswith("G99.9 is not an OPCS-4 code")


def test_malformed_code_reason(icd10):
    [reason] = icd10.check("K6", 1)
    assert "'K6' is not a ICD-10 code" in reason or "'K6' is not an ICD-10 code" in reason


def test_category_where_subdivision_required(icd10, opcs4):
    [reason] = icd10.check("K63", 1)
    assert reason == "K63 is a category with subdivisions (K63.0, K63.1, K63.2, ...): a 4-character code is required"
    [reason] = opcs4.check("G45", 0)
    assert "G45 is a category with subdivisions" in reason
    assert not opcs4.is_valid("G45")
    assert icd10.check("I10", 0) == []  # a category without subdivisions is codable


@pytest.mark.parametrize("code", ["Y20.3", "Z27.1"])
def test_opcs_qualifier_cannot_be_primary(opcs4, code):
    [reason] = opcs4.check(code, 0)
    assert "cannot be the primary procedure" in reason
    assert opcs4.check(code, 2) == []


def test_external_cause_cannot_be_primary_diagnosis(icd10):
    assert icd10.is_valid("W19")
    [reason] = icd10.check("W19", 0)
    assert "external cause" in reason and "primary diagnosis" in reason
    assert icd10.check("W19", 1) == []


def test_code_of_the_other_system(icd10, opcs4):
    # G43.6 is OPCS-4 only (ICD-10 G43 stops at G43.3, G43.8, G43.9); K21.9 is ICD-10 only
    assert icd10.check("G43.6", 1) == [
        "G43.6 is not an ICD-10 code but is a valid OPCS-4 code: a code of the wrong system in this field"]
    assert opcs4.check("K21.9", 1) == [
        "K21.9 is not an OPCS-4 code but is a valid ICD-10 code: a code of the wrong system in this field"]


def test_code_valid_in_both_systems(icd10, opcs4):
    """H22.1 is an ICD-10 code (iris disorders in diseases classified elsewhere) AND an OPCS-4 code
    (colonoscopy with biopsy): the field decides which, neither check may call it the wrong system."""
    assert icd10.check("H22.1", 1) == []
    assert opcs4.check("H22.1", 0) == []
    assert icd10.title("H22.1") != opcs4.title("H22.1")


def test_titles_and_parents(icd10, opcs4):
    assert icd10.title("k635") == "Polyp of colon"
    assert opcs4.title("G451").startswith("Fibreoptic endoscopic examination of upper gastrointestinal tract and biopsy")
    assert icd10.parent("K63.5") == "K63"
    assert opcs4.parent("G45.1") == "G45"
    assert opcs4.parent("G45") is None
    with pytest.raises(KeyError):
        opcs4.title("G99.9")


def test_sequence_clean(opcs4, icd10):
    assert check_sequence(opcs4, ["G45.1", "Y20.3", "Z27.1", "H22.1", "Z28.4"]) == []
    assert check_sequence(icd10, ["K21.9", "K63.5"]) == []
    assert check_sequence(opcs4, []) == []


def test_sequence_qualifier_primary_and_orphans(opcs4):
    problems = check_sequence(opcs4, ["Z27.1", "Y20.3", "G45.1"])
    assert [i for i, _ in problems] == [0, 1]
    assert "cannot be the primary procedure" in problems[0][1]
    assert "follows no procedure code" in problems[1][1]


def test_sequence_duplicates(opcs4, icd10):
    assert check_sequence(icd10, ["K21.9", "K63.5", "K219"]) == [(2, "K21.9 repeats position 0")]
    # the same site after two different procedures is correct; twice after one procedure is not
    assert check_sequence(opcs4, ["G45.1", "Z27.1", "H22.1", "Z27.1"]) == []
    assert check_sequence(opcs4, ["G45.1", "Z27.1", "Z27.1"]) == [(2, "Z27.1 repeats position 1 for the same procedure")]


def test_sequence_by_name_needs_no_table():
    assert check_sequence("opcs4", ["g451", "Z27.1", "Z271"]) == [(2, "Z27.1 repeats position 1 for the same procedure")]
    assert check_sequence("icd10", ["Y20.3"]) == []  # Y/Z qualify only in OPCS-4
