"""Endoscopy coding rules added with the wider case mix: qualifiers never primary, adjuncts after their therapy,
overflow site codes, screening sequencing, and the codes a 4,000-episode extract actually produces."""

from __future__ import annotations

import pandas as pd
import pytest

from autocoding.data.synth.command import write_extract
from autocoding.data.synth.endoscopy_coding import episode_codes, exam_procedures
from autocoding.data.synth.endoscopy_exam import FINDINGS_BY_KEY
from autocoding.data.synth.endoscopy_tables import SITES
from autocoding.data.synth.endoscopy_therapies import ADJUNCTS, THERAPIES
from autocoding.data.synth.model import ExamResult, Patient, Seen
from autocoding.data.synth.stream import SynthSettings

PATIENT = Patient("P1", 60, "1", {"cirrhosis": "K70.3", "ibd": "K51.9", "peg": "I69.4"})
QUALIFIER = ("Y", "Z", "O")


def seen(key, site, therapy="", sampled=False, codes=None, adjuncts=()) -> Seen:
    finding = FINDINGS_BY_KEY[key]
    return Seen(finding, SITES[site], {}, therapy, sampled, None, codes if codes is not None else finding.codes,
                True, adjuncts)


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("endo4000")
    write_extract(SynthSettings("endoscopy", 4000, 0, 0.07, 1.0, 4000), out)
    return pd.read_parquet(out / "audit.parquet")


def test_therapy_tables_never_lead_with_a_qualifier():
    for key, per_exam in THERAPIES.items():
        for codes in per_exam.values():
            assert codes[0][0] not in QUALIFIER, (key, codes)
            assert all(c[0] in QUALIFIER for c in codes[1:]) or key == "peg_replace", (key, codes)


def test_tattoo_and_clips_follow_the_therapy_they_accompany():
    exam = ExamResult("colonoscopy", "colonoscopy", [
        seen("lst", "ascending", therapy="emr", sampled=True, codes=("D12.2",),
             adjuncts=("prophylactic_clips", "tattoo"))])
    assert exam_procedures(exam) == ["H20.7", "H21.8", "Y07.2", "H21.8", "Y39.5"]
    cancer = ExamResult("colonoscopy", "colonoscopy", [
        seen("cancer", "sigmoid", sampled=True, codes=("C18.7",), adjuncts=("tattoo",))])
    assert exam_procedures(cancer) == ["H21.8", "Y39.5", "Y20.3", "Z28.6"]
    assert ADJUNCTS == ("prophylactic_clips", "tattoo")


def test_flexure_biopsies_take_the_overflow_site_codes():
    exam = ExamResult("colonoscopy", "colonoscopy", [
        seen("polyp", "sigmoid", therapy="snare", sampled=True, codes=("D12.5",)),
        seen("random_bx", "hepatic", sampled=True, codes=()),
        seen("random_bx", "splenic", sampled=True, codes=())])
    assert exam_procedures(exam) == ["H20.1", "Y20.3", "O30.1", "O30.2"]


def test_bravo_keeps_the_with_biopsy_code_and_stents_carry_their_qualifiers():
    bravo = ExamResult("ogd", "ogd", [seen("bravo", "oesophagus", therapy="bravo"),
                                      seen("d2_bx", "duodenum", sampled=True, codes=())])
    assert exam_procedures(bravo) == ["G45.3", "G45.1", "Z27.4"]
    duo = ExamResult("ogd", "ogd", [seen("duo_stent", "duodenum", therapy="duo_stent")])
    assert exam_procedures(duo) == ["G44.1", "Y14.2", "Z27.4"]
    colon = ExamResult("flexi", "flexi", [seen("colon_stent", "sigmoid", therapy="colon_stent")])
    dx, px, _ = episode_codes([colon], ["colon_stent"], PATIENT, [])
    assert dx == ["C18.7"] and px == ["H24.4", "Y53.4"]


def test_screening_code_is_primary_only_when_nothing_is_found():
    normal = ExamResult("colonoscopy", "colonoscopy", [seen("diverticula", "sigmoid")])
    assert episode_codes([normal], ["screening"], PATIENT, [])[0] == ["Z12.1", "K57.3"]
    polyp = ExamResult("colonoscopy", "colonoscopy", [seen("polyp", "sigmoid", therapy="snare", sampled=True,
                                                           codes=("D12.5",))])
    assert episode_codes([polyp], ["screening"], PATIENT, [])[0] == ["D12.5", "Z12.1"]
    assert episode_codes([polyp], ["polyp_surv"], PATIENT, [])[0] == ["D12.5", "Z86.0"]
    clear = ExamResult("colonoscopy", "colonoscopy", [])
    assert episode_codes([clear], ["polyp_surv"], PATIENT, [])[0] == ["Z09.0", "Z86.0"]
    assert episode_codes([clear], ["cancer_surv"], PATIENT, [])[0] == ["Z08.0", "Z85.0"]


def test_no_qualifier_is_ever_the_primary_procedure(extract):
    primary = extract.procedures[extract.procedures.str.len() > 0].str[0]
    assert not primary.str[0].isin(QUALIFIER).any()
    for codes in extract.procedures:
        for i, code in enumerate(codes):
            if code in ("Y39.5", "Y07.2"):
                assert codes[i - 1] in ("G44.8", "H21.8", "H24.8"), codes


NEW_CODES = {
    "icd10": ("K20", "K29.1", "K29.7", "B98.0", "K51.0", "K51.2", "K51.5", "K64.0", "K64.1", "K64.8", "Z12.1",
              "Z09.0", "Z86.0", "Z08.0", "Z85.0", "Z80.0", "D12.3", "K80.5", "C25.0", "K86.2", "K55.8", "Z43.1",
              "T18.1", "K22.7", "I86.4", "Z53.2"),
    "opcs4": ("G42.3", "G43.5", "Y13.4", "G15.7", "G44.1", "G44.2", "G44.5", "G44.7", "G45.2", "G45.3",
              "G80.2", "H20.7", "H21.8", "Y39.5", "Y07.2", "O30.1", "O30.2", "J41.1", "J40.5", "J43.9",
              "Y20.4", "Z31.1"),
}


def test_the_new_codes_are_produced_on_a_4000_episode_extract(extract):
    dx = set(extract.diagnoses.explode().dropna())
    px = set(extract.procedures.explode().dropna())
    assert not set(NEW_CODES["icd10"]) - dx, set(NEW_CODES["icd10"]) - dx
    assert not set(NEW_CODES["opcs4"]) - px, set(NEW_CODES["opcs4"]) - px
    assert len(dx) > 160 and len(px) > 60
