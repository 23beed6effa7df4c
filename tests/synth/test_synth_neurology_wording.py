"""The wider wording of neurology procedures, tests, diagnoses and histories: each test and procedure of a stay
appears in many forms over a few hundred letters, every form keeps the word a reader (and the coding-evidence
tests) look for, says the test was done in this stay, and keeps the laterality or drug its code rests on."""

from __future__ import annotations

import random
import re

import pytest

from autocoding.data.synth import neurology
from autocoding.data.synth.neurology_hedges import CONFIRMED, stated
from autocoding.data.synth.neurology_history import history
from autocoding.data.synth.neurology_procedure_wording import FORMS, LISTED, told
from autocoding.data.synth.neurology_test_wording import WORDING

EVIDENCE = {"ct": r"\bct\b|\bcth\b", "mri": r"mri", "mri_spine": r"\bmr", "carotid": r"carotid", "cta": r"\bct",
            "ctv": r"\bct", "mrv": r"\bmr", "eeg": r"eeg", "ncs": r"ncs|nerve conduction", "emg": r"emg",
            "vep": r"vep|evoked", "datscan": r"dat", "memory": r"memory", "lp": r"\blp\b|lumbar",
            "ivmp": r"methylpred|ivmp", "ivig": r"ivig|immunoglobulin", "holter": r"holter|ecg|tape",
            "infusion": r"infusion|iv"}
NOT_DONE = r"pending|requested|to be arranged|previous|outpatient|awaiting booking|in clinic"


def _letters(n: int):
    for i in range(n):
        rng = random.Random(f"neuro-wording:{i}")
        patient = neurology.new_patient(rng, i)
        yield from neurology.patient_episodes(rng, patient, i * 10, 2)


@pytest.mark.parametrize("test", sorted(WORDING))
def test_every_test_form_keeps_its_evidence_and_says_it_was_done(test):
    forms = WORDING[test]
    assert len(forms) >= 100
    for form in forms:
        assert re.search(EVIDENCE[test], form.lower()), form
        assert not re.search(NOT_DONE, form.lower()), form


def test_procedure_forms_keep_what_the_codes_rest_on():
    lp_keys = ("lp_iih", "iih_acute", "lp_demyelination", "lp_sah_exclusion", "thunderclap_lp", "lp_dementia",
               "gbs", "meningitis")
    for key in lp_keys:
        assert all(re.search(r"\blp\b|lumbar", f.lower()) for f in FORMS[key] + LISTED[key]), key
    assert all(re.search(r"remov|drain|\boff\b", f) for f in FORMS["lp_iih_therapeutic"] + FORMS["nph_tap"])
    assert all(re.search(r"bilateral|both sides|left and right", f, re.I) for f in FORMS["gon_block"])
    assert all(re.search(r"right|\bR\b", f) and "needle" in f.lower() for f in FORMS["muscle_biopsy"])
    assert all("eptinezumab" in f.lower() for f in FORMS["eptinezumab"])
    assert all(re.search(r"ivig|immunoglobulin", f.lower()) for f in FORMS["ivig"] + LISTED["ivig"])
    assert {told(random.Random(i), "Lumbar puncture", "she") for i in range(200)} >= {"Lumbar puncture was "
                                                                                      "carried out."}


def test_letters_show_tests_and_procedures_in_many_wordings():
    ct, lp = set(), set()
    for episode in _letters(600):
        text = episode.documents[0][1]
        if "U05.1" in episode.procedures:
            ct |= set(re.findall(r"[^;\n.]*\bCTH?\b[^;\n.]*", text))
        if "A55.9" in episode.procedures:
            lp |= set(re.findall(r"[^;\n.]*\b(?:LP|[Ll]umbar puncture)\b[^;\n.]*", text))
    assert len(ct) > 150, len(ct)
    assert len(lp) > 80, len(lp)


def test_diagnosis_and_history_forms_are_drawn_and_deterministic():
    forms = {stated(random.Random(i), "Migraine without aura", True) for i in range(300)}
    assert len(forms) > 20
    assert any(c.format(x="Migraine without aura", X="MIGRAINE WITHOUT AURA") in forms for c in CONFIRMED)
    assert {stated(random.Random(i), "Headache - IIH excluded", False) for i in range(50)} == {
        "Headache - IIH excluded"}
    lines = {history(random.Random(i), i % 2 == 0, i % 3 == 0) for i in range(400)}
    assert len(lines) > 150
    assert history(random.Random(5), True, False) == history(random.Random(5), True, False)
    first = [e.documents[0][1] for e in _letters(30)]
    assert first == [e.documents[0][1] for e in _letters(30)]
