"""Coding rules on hand-built examinations, and the evidence each true code leaves in the text."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from autocoding.data.synth.command import write_extract
from autocoding.data.synth.endoscopy_coding import episode_codes, exam_procedures
from autocoding.data.synth.endoscopy_exam import FINDINGS_BY_KEY, HISTOLOGY
from autocoding.data.synth.endoscopy_tables import SITES
from autocoding.data.synth.model import ExamResult, Patient, Seen
from autocoding.data.synth.stream import SynthSettings
from autocoding.data.synth.text import typos

PATIENT = Patient("P1", 60, "1", {"cirrhosis": "K70.3", "ibd": "K51.9"})


def seen(key, site, therapy="", sampled=False, codes=None, explains=True) -> Seen:
    finding = FINDINGS_BY_KEY[key]
    return Seen(finding, SITES[site], {}, therapy, sampled, None, codes if codes is not None else finding.codes,
                explains)


def test_normal_ogd_is_diagnostic_and_coded_to_the_symptom():
    exam = ExamResult("ogd", "ogd", [])
    assert exam_procedures(exam) == ["G45.9"]
    assert episode_codes([exam], ["epigastric"], PATIENT, []) == (["R10.1"], ["G45.9"], ["R10.1"])


def test_biopsy_gives_the_with_biopsy_code_once_then_each_site_sampled():
    exam = ExamResult("ogd", "ogd", [seen("gastritis", "antrum", sampled=True, codes=("K29.5", "B98.0")),
                                     seen("gastritis", "stomach", sampled=True, codes=("K29.5",)),
                                     seen("d2_bx", "duodenum", sampled=True, codes=(), explains=False)])
    assert exam_procedures(exam) == ["G45.1", "Z27.2", "Z27.4"]


def test_therapy_supersedes_diagnostic_and_biopsy_adds_y20_with_site():
    exam = ExamResult("colonoscopy", "colonoscopy", [
        seen("polyp", "sigmoid", therapy="snare", sampled=True, codes=("D12.5",)),
        seen("polyp", "caecum", therapy="snare", sampled=True, codes=("D12.0",)),
        seen("random_bx", "transverse", sampled=True, codes=(), explains=False)])
    assert exam_procedures(exam) == ["H20.1", "Y20.3", "Z28.4"]


def test_incomplete_colonoscopy_short_of_splenic_flexure_codes_as_sigmoidoscopy():
    exam = ExamResult("colonoscopy", "flexi", [seen("polyp", "sigmoid", therapy="snare", sampled=True,
                                                    codes=("D12.5",))])
    assert exam_procedures(exam) == ["H23.1"]


def test_explaining_finding_is_primary_and_the_symptom_is_dropped():
    exam = ExamResult("ogd", "ogd", [seen("hiatus_hernia", "goj"), seen("reflux_oesophagitis", "oesophagus")])
    dx, px, _ = episode_codes([exam], ["reflux"], PATIENT, ["I10"])
    assert dx == ["K21.0", "K44.9", "I10"] and px == ["G45.9"]


def test_unexplained_symptom_leads_and_conditions_are_kept():
    exam = ExamResult("colonoscopy", "colonoscopy", [seen("diverticula", "sigmoid")])
    assert episode_codes([exam], ["cibh"], PATIENT, [])[0] == ["R19.4", "K57.3"]
    cancer = seen("cancer", "sigmoid", sampled=True, codes=("C18.7",))
    dx, _, _ = episode_codes([ExamResult("colonoscopy", "colonoscopy", [cancer])], ["ida"], PATIENT, [])
    assert dx == ["C18.7", "D50.9"]


@pytest.mark.parametrize("finding, site, indication, codes, lead", [
    ("d2_bx_serology", "duodenum", "coeliac_serology", ("K90.0",), "K90.0"),  # confirmed coeliac disease
    ("d2_bx", "duodenum", "ida", ("K90.0",), "K90.0"),
    ("oes_random_bx", "oesophagus", "dysphagia", ("K20",), "K20"),  # eosinophilic oesophagitis on histology
    ("random_bx", "transverse", "diarrhoea", ("K52.8",), "K52.8"),  # microscopic colitis on histology
])
def test_a_diagnosis_confirmed_on_histology_leads_the_symptom_it_accounts_for(finding, site, indication, codes,
                                                                             lead):
    kind = "ogd" if FINDINGS_BY_KEY[finding].region == "upper" else "colonoscopy"
    confirmed = ExamResult(kind, kind, [seen(finding, site, sampled=True, codes=codes)])
    assert episode_codes([confirmed], [indication], PATIENT, [])[0][0] == lead
    normal = ExamResult(kind, kind, [seen(finding, site, sampled=True, codes=(), explains=False)])
    assert episode_codes([normal], [indication], PATIENT, [])[0][0] != lead


def test_varices_use_the_patients_cirrhosis_as_dagger_with_the_asterisk_code():
    exam = ExamResult("ogd", "ogd", [seen("varices", "oesophagus", therapy="banding")])
    dx, px, _ = episode_codes([exam], ["varices_surv"], PATIENT, [])
    assert dx == ["K70.3", "I98.2"] and px == ["G43.7"]


def test_bidirectional_leads_with_the_examination_holding_the_primary_diagnosis():
    ogd = ExamResult("ogd", "ogd", [])
    colon = ExamResult("colonoscopy", "colonoscopy", [seen("angiodysplasia", "caecum", therapy="apc")])
    dx, px, _ = episode_codes([ogd, colon], ["ida"], PATIENT, [])
    assert dx == ["K55.2", "D50.9"] and px == ["H21.2", "G45.9"]


def test_histology_tables_have_positive_weights():
    assert all(o.weight > 0 for outcomes in HISTOLOGY.values() for o in outcomes)


def test_typos_spare_abbreviations_and_short_words():
    rng = random.Random(0)
    text = "OGD D2 GOJ LA spray normal mucosa throughout the oesophagus"
    for _ in range(200):
        out = typos(rng, text, 0.2)
        assert out.split()[:4] == ["OGD", "D2", "GOJ", "LA"]


# evidence: a word the documents must contain whenever the TRUE codes hold the code (per code system: G45.1 is a
# gastroscopy with biopsy in OPCS-4 and a carotid TIA in ICD-10)
EVIDENCE = {
    "icd10": {"K22.7": r"barrett|\bbo\b", "K90.0": r"coeliac", "D50.9": r"ida|iron", "K57.3": r"divertic",
              "B98.0": r"pylori|helicobacter", "C18.7": r"carcinoma", "G35": r"ms\b|multiple sclerosis|rrms",
              "G93.2": r"iih|intracranial", "F44.4": r"fnd|functional", "K55.2": r"angiodysplasia|angioectasia",
              "G45.4": r"tga|transient global amnesia", "G45.1": r"tia|carotid", "G45.9": r"tia|transient isch",
              "F44.5": r"dissociative|nead|non-epileptic|functional", "R55": r"syncope|faint|collapse",
              "G51.0": r"bell", "H81.1": r"bppv|positional", "G61.0": r"gbs|guillain|miller fisher",
              "G20": r"parkinson", "G97.1": r"post-lp|post-dural", "E87.1": r"hyponatr", "F10.3": r"alcohol",
              "I63.9": r"infarct|stroke", "G50.0": r"trigeminal", "G41.0": r"status", "A87.9": r"meningitis",
              "G40.3": r"epilep|jme", "G40.2": r"epilep", "G40.9": r"epilep", "K20": r"eosinophil|eoe",
              "Z53.2": r"declined|changed their mind"},
    "opcs4": {"G45.1": r"bx|biops|clo", "H20.1": r"snare", "G43.7": r"band", "X96.1": r"ivig|immunoglobulin",
              "A55.9": r"\blp\b|lumbar", "A52.3": r"blood patch|ebp",
              "U05.1": r"\bct\b|\bcth\b", "U05.2": r"mri", "U33.1": r"polysomnography|psg|sleep study",
              "A84.1": r"eeg", "U11.1": r"carotid", "A73.5": r"occipital|gon",
              "Y39.5": r"tattoo|spot|ink", "Y07.2": r"clip", "G45.3": r"bravo", "G80.2": r"capsule",
              "G45.2": r"eus|endoscopic ultrasound", "O30.1": r"hepatic flexure|\bhf\b"},
}


@pytest.mark.parametrize("specialty", ["endoscopy", "neurology"])
def test_true_codes_leave_evidence_in_the_text(tmp_path, specialty):
    write_extract(SynthSettings(specialty, 2500, 11, 0.07, 1.0, 2500), tmp_path)
    audit = pd.read_parquet(tmp_path / "audit.parquet")
    docs = pd.read_parquet(tmp_path / "documents.parquet").groupby("episode_id").text.agg(" ".join).str.lower()
    checked = 0
    for row in audit.itertuples():
        for system, codes in (("icd10", row.diagnoses), ("opcs4", row.procedures)):
            for code in codes:
                if code in EVIDENCE[system]:
                    checked += 1
                    assert re.search(EVIDENCE[system][code], docs[row.episode_id]), (code, docs[row.episode_id])
    assert checked > 500


def test_realistic_shape(tmp_path):
    write_extract(SynthSettings("endoscopy", 4000, 5, 0.07, 1.0, 4000), tmp_path)
    audit = pd.read_parquet(tmp_path / "audit.parquet")
    episodes = pd.read_parquet(tmp_path / "episodes.parquet")
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    counts = audit.diagnoses.explode().value_counts()
    assert len(counts) > 90 and counts.iloc[0] / len(audit) < 0.2       # long tail, no code dominates
    assert (counts < 10).sum() > 15                                      # a rare tail exists
    assert episodes.patient_id.value_counts().max() > 2                  # surveillance programmes repeat
    words = docs[docs.doc_type == "endoscopy_report"].text.str.split().str.len()
    assert 60 < words.median() < 250
    primary_symptom = audit.diagnoses.str[0].str.startswith("R").mean()
    assert 0.1 < primary_symptom < 0.4                                   # normal studies coded to the symptom


@pytest.mark.shared_data
def test_every_neurology_icd10_code_is_codable_in_the_uk_table(shared_data):
    """UK ICD-10 5th Edition marks codable every code the neurology tables and the comorbidity tail emit (no code
    the UK subdivides by site)."""
    import csv

    from autocoding.data.synth.comorbidity_tail import TAIL
    from autocoding.data.synth.neurology import SYMPTOM
    from autocoding.data.synth.neurology_catalogue import COMORBIDITIES, UNCODED
    from autocoding.data.synth.neurology_phrases import OTHER_DRUGS
    from autocoding.data.synth.neurology_scenarios import ALL_SCENARIOS

    codes = {c for s in ALL_SCENARIOS for o in s.outcomes for c in o.codes + o.refuted}
    codes |= {c for c, *_ in COMORBIDITIES} | {c for _, c in UNCODED + OTHER_DRUGS if c} | {c for c, _ in TAIL}
    codes |= set(SYMPTOM.values())
    with open(shared_data / "code-tables" / "icd10-uk-ukb-coding19.tsv", encoding="utf-8") as handle:
        selectable = {r["coding"] for r in csv.DictReader(handle, delimiter="\t") if r["selectable"] == "Y"}
    missing = sorted(c for c in codes if c.replace(".", "") not in selectable)
    assert not missing, f"not codable in the UK table: {missing}"


@pytest.fixture(scope="module")
def neuro(tmp_path_factory) -> pd.DataFrame:
    """A neurology extract's audit codes joined to its episodes and letters."""
    out = tmp_path_factory.mktemp("neuro")
    write_extract(SynthSettings("neurology", 4000, 3, 0.0, 1.0, 4000), out)
    episodes = pd.read_parquet(out / "episodes.parquet").drop(columns=["diagnoses", "procedures"])
    docs = pd.read_parquet(out / "documents.parquet").groupby("episode_id").text.agg("\n".join)
    return episodes.merge(pd.read_parquet(out / "audit.parquet"), on="episode_id").join(docs, on="episode_id")


def test_neurology_emergency_stays_are_short_ordinary_admissions(neuro):
    emergency = neuro[neuro.admission_method.str.startswith("2")]
    assert 0.3 < len(emergency) / len(neuro) < 0.7
    assert (emergency.patient_class == "ordinary").all()
    nights = pd.to_datetime(emergency.episode_end) - pd.to_datetime(emergency.episode_start)
    assert nights.dt.days.between(0, 2).all()


def test_neurology_dagger_codes_are_followed_by_their_asterisk(neuro):
    pairs = {"A87.0": ("G02.0",), "B00.3": ("G02.0",), "B02.1": ("G02.0",), "B02.2": ("G53.0",),
             "M50.0": ("G99.2",), "M50.1": ("G55.1",), "E53.8": ("G32.0", "G63.4"), "D51.0": ("G32.0",),
             "G30.1": ("F00.1",), "G30.0": ("F00.0",), "G31.0": ("F02.0",)}
    seen = 0
    for dx in neuro.diagnoses:
        dx = list(dx)
        for dagger, asterisks in pairs.items():
            if dagger in dx:
                seen += 1
                assert dx.index(dagger) + 1 < len(dx) and dx[dx.index(dagger) + 1] in asterisks, dx
    assert seen > 20


def test_neurology_coding_rules_on_the_extract(neuro):
    for row in neuro.itertuples():
        dx = list(row.diagnoses)
        assert not ({"G45.9", "G45.1", "G45.0"} & set(dx) and any(c.startswith("I63") for c in dx)), dx  # TIA or stroke
        assert len({c[:3] for c in dx}) == len(dx) or "F02.3" in dx or "G40.9" in dx, dx  # no category twice
        if "G41.0" in dx or "G41.2" in dx:
            assert not any(c.startswith("G40") for c in dx), dx        # status includes the epilepsy
        if dx[0] == "R56.8":
            assert not any(c.startswith("G40") for c in dx), dx        # a first seizure is not epilepsy
        if "F10.3" in dx or "E87.1" in dx or "E22.2" in dx:
            assert dx.index("R56.8") == 1 if "R56.8" in dx else True   # cause first, then the seizure
        if "A73.5" in row.procedures:
            assert "Z94.1" in row.procedures                            # laterality of a paired nerve


def test_neurology_imaging_is_coded_only_when_done_in_the_stay(neuro):
    with_ct = neuro[neuro.procedures.map(lambda p: "U05.1" in p)]
    assert len(with_ct) > 100
    assert with_ct.text.str.contains(r"\bCT\b|\bCTH\b", regex=True).all()
    acute = neuro[neuro.admission_method.str.startswith("2")]
    assert acute.procedures.map(len).eq(0).mean() > 0.2   # many acute stays have no coded procedure


def test_neurology_letters_vary(neuro):
    headers = neuro.text.str.split("\n").str[0].str[:20]
    assert headers.nunique() > 30
    words = {w.lower() for t in neuro.text for w in re.findall(r"[A-Za-z][A-Za-z'-]+", t)}
    assert len(words) > 2000
    assert neuro.text.str.contains(r"excluded|ruled out|no evidence of", regex=True).mean() > 0.05
    assert neuro.text.str.contains(r"\((?:reflux|hay fever|migraine prophylaxis|prostate)\)", regex=True).mean() > 0.1
