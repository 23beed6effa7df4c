"""The surface of the neurology letters: every house style (the first six and the six of `neurology_letter_styles`)
is drawn and states its diagnosis; the other names, hedges, abbreviations and the new scenarios are produced; the
tables point at outcomes and scenarios that exist; the same seed still gives the same text."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from autocoding.data.synth import neurology
from autocoding.data.synth.command import write_extract
from autocoding.data.synth.neurology_diagnosis_names import NAMES
from autocoding.data.synth.neurology_lexicon import VARIANTS, vary
from autocoding.data.synth.neurology_medicines import CHANGES
from autocoding.data.synth.neurology_phrases import REFUTED_NAMES
from autocoding.data.synth.neurology_presentations import PRESENTING, RESULTS
from autocoding.data.synth.neurology_scenarios import ALL_SCENARIOS
from autocoding.data.synth.stream import SynthSettings

FIRST_SIX = ("structured", "letter", "tto", "edn", "ward", "consultant")
NEW_SCENARIOS = ("stroke_mimic", "dystonic_reaction", "nerve_palsy", "ms_relapse_acute", "iih_acute",
                 "moh_withdrawal")


def _episodes(style: str, n: int = 200):
    for i in range(n):
        rng = random.Random(f"neuro-surface:{style}:{i}")
        patient = neurology.new_patient(rng, i)
        yield from neurology.patient_episodes(rng, patient, i * 10, 2, styles=((style, 1.0),))


def test_styles_keep_the_first_six_and_every_style_has_a_writer():
    names = [name for name, _ in neurology.STYLES]
    assert tuple(names[:6]) == FIRST_SIX and len(names) == 12
    assert set(names) == set(neurology.WRITERS) and all(w > 0 for _, w in neurology.STYLES)


@pytest.mark.parametrize("style", [name for name, _ in neurology.STYLES])
def test_each_style_names_the_diagnosis_and_the_procedure(style):
    seen = 0
    for episode in _episodes(style, 120):
        text = episode.documents[0][1].lower()
        if "G51.0" in episode.diagnoses:
            assert "bell" in text, text
        if "A55.9" in episode.procedures:
            assert re.search(r"\blp\b|lumbar", text), text
        if "G45.4" in episode.diagnoses:
            assert re.search(r"tga|transient global amnesia", text), text
        seen += 1
    assert seen >= 120


def test_new_styles_have_their_own_furniture():
    texts = {style: [e.documents[0][1] for e in _episodes(style, 60)] for style in
             ("epr_form", "tto_table", "ed_note", "patient_copy", "gp_list", "nurse_led")}
    assert sum("Discharge destination:" in t for t in texts["epr_form"]) > 50
    assert sum(bool(re.search(r"CONTINUED|Continued:|- continued|\| Medicine \|", t)) for t in texts["tto_table"]) > 40
    assert sum(bool(re.search(r"^(?:Imp|Diagnosis): ", t, re.M)) for t in texts["ed_note"]) > 50
    assert sum(bool(re.search(r"^Dear M(?:r|rs|s|iss) ", t, re.M)) for t in texts["patient_copy"]) > 50
    assert sum("Diagnoses:\n1. " in t for t in texts["gp_list"]) > 50
    assert sum("Kind regards" in t for t in texts["nurse_led"]) > 50


def test_tables_point_at_outcomes_and_scenarios_that_exist():
    first_lines = {o.diagnosis[0] for s in ALL_SCENARIOS for o in s.outcomes}
    assert set(NAMES) <= first_lines and set(RESULTS) <= first_lines
    assert set(PRESENTING) <= {s.key for s in ALL_SCENARIOS}
    assert set(NEW_SCENARIOS) <= {s.key for s in ALL_SCENARIOS}
    assert all(code in REFUTED_NAMES for s in ALL_SCENARIOS for o in s.outcomes for code in o.refuted)
    assert all(k == k.lower() for k in VARIANTS) and all(CHANGES.values())


def test_vary_rewrites_terms_and_is_deterministic():
    text = "Lumbar puncture normal. Transient ischaemic attack. Normal pressure hydrocephalus. MRI brain for 6 weeks."
    outs = {vary(random.Random(i), text) for i in range(200)}
    assert len(outs) > 20
    assert any("LP" in o for o in outs) and any("TIA" in o for o in outs)
    assert all("pressure hydrocephalus" in o and "MRI" in o for o in outs)   # guarded and evidence kept
    assert vary(random.Random(7), text) == vary(random.Random(7), text)


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("neuro_surface")
    write_extract(SynthSettings("neurology", 4000, 9, 0.0, 1.0, 4000), out)
    docs = pd.read_parquet(out / "documents.parquet").groupby("episode_id").text.agg("\n".join)
    return pd.read_parquet(out / "audit.parquet").join(docs, on="episode_id")


def test_extract_has_new_forms_and_scenarios(extract):
    text = extract.text
    for pattern in (r"\bIKW\b|\bc/w\b", r"\b\d+/52\b", r"\bNFND\b|no focal neuro deficit", r"Keppra|LEV\b",
                    r"\?\s?[A-Z]", r"Query |Suspected |In keeping with ", r"LACS|PACS|POCS|POCI",
                    r"NEAD|PNES", r"Guillain-Barr\u00e9|GBS", r"Medication changes:"):
        assert text.str.contains(pattern, regex=True).sum() >= 3, pattern
    codes = extract.diagnoses.explode()
    for code in ("F41.0", "G24.0", "G56.3", "G57.1", "G54.5", "H47.3", "G44.4"):
        assert (codes == code).sum() >= 2, code
    words = {w.lower() for t in text for w in re.findall(r"[A-Za-z][A-Za-z'-]+", t)}
    assert len(words) > 2700   # 2306 before the wider surface forms (seed 0), about 3000 after
