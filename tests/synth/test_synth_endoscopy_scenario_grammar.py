"""ERCP / EUS / capsule findings and conclusions composed from parts, and the normal-study and extent forms: many
distinct wordings, each keeping the evidence its codes need and never naming an act that was not coded."""

from __future__ import annotations

import random
import re

import pytest

from autocoding.data.synth.endoscopy_ercp_grammar import GRAMMARS as ERCP
from autocoding.data.synth.endoscopy_eus_grammar import CONCLUSIONS, capsule, conclusion, eus
from autocoding.data.synth.endoscopy_exam import examine
from autocoding.data.synth.endoscopy_normal_forms import completion, normal_study, reached, segment_line
from autocoding.data.synth.endoscopy_scenario_indications import PARTS, indication
from autocoding.data.synth.endoscopy_scenario_layouts import render_scenario
from autocoding.data.synth.endoscopy_scenarios import CAPSULE, EUS
from autocoding.data.synth.endoscopy_scenarios import ERCP as ERCP_TABLE
from autocoding.data.synth.endoscopy_upper_therapy_grammar import GRAMMARS as UPPER_THERAPY
from autocoding.data.synth.endoscopy_upper_therapy_grammar import bleeding_du
from autocoding.data.synth.model import Patient

PATIENT = Patient("P1", 60, "2", {"cirrhosis": "K70.3", "ibd": "K51.9", "peg": "I69.4"})
SPHINCTEROTOMY = {"stones_sphincterotomy", "gallstone_pancreatitis", "stones_stent", "lithotripsy"}
EUS_KEYS = ("pancreas_fna", "pancreas_fnb", "submucosal", "cyst", "microlithiasis", "normal", "chronic_pancreatitis",
            "oes_staging")


def _fill(text: str) -> str:
    return text.format(n=3, mm=12)


@pytest.mark.parametrize("key", sorted(ERCP))
def test_each_ercp_grammar_gives_many_forms_and_keeps_its_procedure(key):
    rng = random.Random(key)
    forms = {_fill(ERCP[key](rng)) for _ in range(300)}
    assert len(forms) > (15 if key in ("ampullary", "stent_removal", "chronic_pancreatitis") else 40), forms
    for text in forms:
        low = text.lower()
        made_es = re.search(r"\bes\b|sphincterotomy", low) and not re.search(r"previous|old es|existing", low)
        assert bool(made_es) == (key in SPHINCTEROTOMY), text
        assert ("brush" in low) == (key == "malignant_brush"), text
        assert ("biops" in low) == (key == "ampullary"), text
        assert not re.search(r"fna|fnb|needle", low), text
        if key in ("malignant_metal", "covered_sems"):
            assert "covered" in low and "plastic" not in low, text
            assert ("uncovered" in low) == (key == "malignant_metal"), text
        if key in ("stones_stent", "malignant_brush", "stent_change"):
            assert "plastic" in low and "metal" not in low and "sems" not in low, text
        if key == "chronic_pancreatitis":
            assert re.search(r"pancreatic|\bpd\b", low), text
        if key == "lithotripsy":
            assert "lithotri" in low, text
        if key in ("stones_sphincterotomy", "gallstone_pancreatitis", "balloon_trawl"):
            assert re.search(r"balloon|basket", low), text
        if key == "failed_cannulation":
            assert not re.search(r"stent|precut|sphincterotomy|stone", low), text


@pytest.mark.parametrize("key", EUS_KEYS)
def test_eus_names_the_needle_only_where_coded(key):
    rng = random.Random(key)
    forms = {_fill(eus(rng, key)) for _ in range(300)}
    assert len(forms) > 8, forms
    for text in forms:
        low = text.lower()
        fna = bool(re.search(r"fna|aspiration", low))
        fnb = bool(re.search(r"fnb|core|fine needle biopsy", low))
        assert fna == (key == "pancreas_fna"), text
        assert fnb == (key in ("pancreas_fnb", "submucosal")), text
        assert "biopsies" not in low and "brush" not in low, text


@pytest.mark.parametrize("key", ("normal", "angiodysplasia", "crohns", "nsaid"))
def test_capsule_forms_take_no_samples(key):
    rng = random.Random(key)
    forms = {_fill(capsule(rng, key)) for _ in range(200)}
    assert len(forms) > 6
    for text in forms:
        assert not re.search(r"biops|fna|fnb|apc|clip", text.lower()), text


@pytest.mark.parametrize("key", sorted(CONCLUSIONS))
def test_conclusions_keep_the_diagnosis_words(key):
    rng = random.Random(key)
    forms = {conclusion(rng, key) for _ in range(100)}
    assert len(forms) > 6
    words = {"ercp:malignant_brush": "cholangiocarcinoma", "eus:pancreas_fna": "adenocarcinoma",
             "eus:pancreas_fnb": "adenocarcinoma", "ercp:covered_sems": "covered", "ercp:malignant_metal": "uncovered"}
    for text in forms:
        if key in words:
            assert words[key] in text.lower(), text


def test_scenario_reports_gain_distinct_phrases():
    rng, trigrams = random.Random(0), set()
    for kind, table in (("ercp", ERCP_TABLE), ("eus", EUS), ("capsule", CAPSULE)):
        for scenario in table:
            for _ in range(40):
                words = re.findall(r"[a-z]+", render_scenario(rng, kind, scenario, PATIENT, "terse").lower())
                trigrams |= set(zip(words, words[1:], words[2:], strict=False))
    assert len(trigrams) > 3000


def test_normal_forms_say_exactly_how_far_the_scope_went():
    rng = random.Random(1)
    seen = {"ogd": set(), "ti": set(), "caecum": set()}
    for i in range(600):
        kind = ("ogd", "colonoscopy")[i % 2]
        exam = examine(rng, kind, ["screening" if kind != "ogd" else "dyspepsia"], PATIENT, [], True)
        for text in filter(None, (normal_study(rng, exam), reached(rng, exam), completion(rng, exam))):
            low = text.lower()
            assert not re.search(r"biops|clo|\?|polypectomy|removed", low), text
            if kind == "ogd":
                assert "d3" not in low and "caec" not in low, text
                seen["ogd"].add(text)
            elif exam.ti:
                seen["ti"].add(text)
            elif exam.extent is not None and exam.extent.key == "caecum":
                assert not re.search(r"\bti\b|ileum|ileal", low), text
                seen["caecum"].add(text)
    assert all(len(v) > 30 for v in seen.values()), {k: len(v) for k, v in seen.items()}


def test_normal_segment_lines_name_no_finding():
    rng = random.Random(2)
    for seg in ("Oesophagus", "GOJ", "Stomach", "Duodenum"):
        forms = {segment_line(rng, seg, 38) for _ in range(200)}
        assert len(forms) > 20
        for text in forms:
            assert not re.search(r"biops|clo|\?|oesophagitis [a-d]|ulcer\b(?<!no ulcer)", text.lower()), text


UPPER_WORDS = {"rfa": r"rfa|radiofrequency", "oes_stent": r"covered", "duo_stent": r"uncovered", "peg": r"peg|gastrostomy",
               "peg_removal": r"remov", "peg_replace": r"(remov|cut).*(new|replaced)", "bolus": r"bolus", "achalasia_dilatation": r"pneumatic|balloon"}


@pytest.mark.parametrize("key", sorted(UPPER_THERAPY))
def test_upper_therapies_name_one_therapy_in_many_forms(key):
    rng = random.Random(key)
    forms = {UPPER_THERAPY[key](rng, {"n": 3, "mm": 12}) for _ in range(300)}
    assert len(forms) > (4 if key == "peg_removal" else 10), forms
    for text in forms:
        low = text.lower()
        assert re.search(UPPER_WORDS[key], low), text
        assert not re.search(r"clip|adrenaline|\bapc\b|biops|\bdual\b", low), text
        if key == "peg":
            assert "remov" not in low, text
        if key == "peg_removal":
            assert "new" not in low and "placed" not in low, text
        if key == "achalasia_dilatation":
            assert "bougie" not in low and "savary" not in low, text


def test_a_bleeding_ulcer_always_has_stigmata():
    rng = random.Random(3)
    forms = {bleeding_du(rng, {"mm": 12}, "duodenum") for _ in range(300)}
    assert len(forms) > 60
    for text in forms:
        assert re.search(r"vessel|clot|oozing|spurting", text), text
        assert "clean" not in text and "III" not in text and "IIc" not in text, text


@pytest.mark.parametrize("key", sorted(PARTS))
def test_composed_indications_keep_the_condition_and_add_none(key):
    rng = random.Random(key)
    forms = {indication(rng, key) for _ in range(200)}
    assert len(forms) > 8, forms
    need = {"ercp": r"cbd|bile|biliary|choledocho|pancrea|stricture", "eus": r"pancrea|cbd|microlith|gist|gastric|"
            r"oesophag|oac|ipmn|cyst", "capsule": r"ida|iron|crohn"}[key.split(":")[0]]
    for text in forms:
        low = text.lower()
        assert re.search(need, low), text
        assert "cholangitis" not in low and "pancreatitis" not in low, text
