"""Short-stay neurology episodes: elective day cases (LP, IVMP, DMT and IVIg infusions, botulinum toxin, EEG, NCS,
nerve blocks, sleep studies, memory assessment) and acute admissions of 0-2 nights (seizures, headache, TIA and
minor stroke, vertigo, FND, meningitis, Parkinson's disease and more).

The discharge letter carries the final diagnosis, the procedures and tests of this stay and the coded
comorbidities (PMH); it also carries what must not be coded (resolved past history, family history, negated and
excluded conditions, drugs for conditions that are not coded). A clinic letter written before an elective
admission comes with about a third of first episodes: it holds the working diagnosis, often a query that the
admission confirmed or refuted. Emergency admissions are ordinary admissions of 0-2 nights with an emergency
admission method; elective ones are day cases or planned stays. The scenario tables are in
`neurology_scenarios`; the letters in `neurology_letters` and `neurology_letter_styles`; each letter is then
rewritten now and then in other surface forms (abbreviations, brands, spellings) by `neurology_lexicon.vary`.
"""

from __future__ import annotations

import random

from .comorbidity_tail import draw_tail
from .endoscopy_exam import weighted
from .model import Episode, Patient
from .neurology_catalogue import COMORBIDITIES, UNCODED, NeuroOutcome, NeuroScenario
from .neurology_findings import finding
from .neurology_letter_styles import WRITERS as MORE_WRITERS
from .neurology_letters import WRITERS as FIRST_WRITERS
from .neurology_letters import LetterInput, clinic
from .neurology_lexicon import vary
from .neurology_not_done import decoy
from .neurology_phrases import COMORBID_DRUGS, OTHER_DRUGS, SOCIAL
from .neurology_scenarios import ALL_SCENARIOS
from .neurology_tests import TESTS
from .text import pick, typos

_SCENARIO_WEIGHTS = tuple((s, s.weight) for s in ALL_SCENARIOS)
# the first six styles keep their names and order; the six of `neurology_letter_styles` follow them
STYLES = (("structured", 0.13), ("letter", 0.1), ("tto", 0.07), ("edn", 0.13), ("ward", 0.08),
          ("consultant", 0.07), ("epr_form", 0.1), ("tto_table", 0.07), ("ed_note", 0.08), ("patient_copy", 0.05),
          ("gp_list", 0.08), ("nurse_led", 0.04))
WRITERS = {**FIRST_WRITERS, **MORE_WRITERS}
TEST_NAMES = {(codes, phrases[0]): name for name, (codes, phrases) in TESTS.items()}
DIAGNOSTIC = {"A55.9", "A84.1", "A84.3", "U22.1", "U33.1"}
# what a coder might code instead of the diagnosis (the presenting symptom)
SYMPTOM = {"lp_dementia": "R41.8", "nph_tap": "R26.8", "lp_iih": "R51", "lp_demyelination": "R20.2",
           "lp_sah_exclusion": "R51", "eeg_sleep_deprived": "R56.8", "video_telemetry": "R56.8", "ncs_emg": "R20.2",
           "fnd": "R29.8", "gon_block": "R51", "first_seizure": "R56.8", "breakthrough_seizure": "R56.8",
           "syncope": "R55", "acute_migraine": "R51", "headache_acute": "R51", "thunderclap_lp": "R51",
           "tga": "R41.3", "vertigo": "R42", "tia": "R29.8", "bells_palsy": "R29.8", "optic_neuritis": "H53.8",
           "cord_root": "R20.2", "gbs": "R29.8", "fnd_acute": "R29.8", "meningitis": "R51", "parkinsons": "R25.1",
           "trigeminal": "R51", "memory_day": "R41.8", "sleep_study": "R40.0", "stroke_mimic": "R29.8",
           "dystonic_reaction": "R25.8", "nerve_palsy": "R29.8", "ms_relapse_acute": "R26.8", "iih_acute": "R51",
           "moh_withdrawal": "R51", "pppd": "R42", "b12_neuropathy": "R20.2", "cervical_dissection": "R51",
           "cvst": "R51", "ocular_palsy": "H53.2", "brain_tumour": "R56.8", "rcvs": "R51", "muscle_biopsy": "R74.8",
           "eptinezumab": "R51"}


def new_patient(rng: random.Random, patient_no: int) -> Patient:
    return Patient(f"P{patient_no:08d}", 0, "2")


def patient_episodes(rng: random.Random, patient: Patient, first_id: int, max_episodes: int,
                     styles=STYLES) -> list[Episode]:
    """One patient's short-stay episodes; `styles`: (letter style, weight) pairs the letters are drawn from."""
    scenario: NeuroScenario = weighted(rng, _SCENARIO_WEIGHTS)
    patient.age = int(min(90, max(17, rng.gauss(*scenario.age))))
    patient.sex = "2" if rng.random() < scenario.female else "1"
    outcome: NeuroOutcome = weighted(rng, tuple((o, o.weight) for o in scenario.outcomes))
    comorbid = [(code, pick(rng, names)) for code, p, names in COMORBIDITIES
                if rng.random() < p and not _clashes(code, outcome)]
    tail = draw_tail(rng, 0.06)
    if tail is not None and not _clashes(tail[0], outcome):
        comorbid.append(tail)
    taken = set(outcome.codes) | {code for code, _ in comorbid}
    uncoded = list(dict.fromkeys(u for u in (UNCODED[int(rng.random() * len(UNCODED))]
                                             for _ in range(int(rng.random() * 1.9)))
                                 if u[1] not in taken and not _clashes(u[1], outcome)))
    drugs = [pick(rng, COMORBID_DRUGS[code]) for code, _ in comorbid if code in COMORBID_DRUGS]
    others = [OTHER_DRUGS[int(rng.random() * len(OTHER_DRUGS))] for _ in range(int(rng.random() * 3))]
    others = list(dict.fromkeys(d for d in others if d[1] not in taken))
    drugs += [name for name, _ in others]
    rng.shuffle(drugs)
    tempting = [code for _, code in others if code]
    social = _social(rng, patient)
    day = int(rng.random() * 340)
    repeat_p, lo, hi = scenario.repeat
    episodes: list[Episode] = []
    while len(episodes) < max_episodes and day < 365:
        x = LetterInput(patient, scenario, outcome, comorbid, uncoded, {"social": social}, 0, [], drugs)
        episodes.append(_episode(rng, x, first_id + len(episodes), day, len(episodes), tempting, styles))
        if rng.random() >= repeat_p:
            break
        day += lo + int(rng.random() * (hi - lo + 1))
    return episodes


def _clashes(code: str, outcome: NeuroOutcome) -> bool:
    """A comorbidity or past mention that would contradict or double-code the outcome: the same ICD-10 category
    (type 2 diabetes E11.9 beside diabetic neuropathy E11.4, epilepsy G40.9 beside focal epilepsy G40.2), a
    dementia beside a dementia, or the diagnosis the episode ruled out."""
    if not code:
        return False
    categories = {c[:3] for c in outcome.codes}
    dementia = code[:2] == "F0" and any(c[:2] == "F0" for c in outcome.codes)
    return code[:3] in categories or code in outcome.refuted or dementia


def _stay(rng, scenario: NeuroScenario) -> tuple[str, int]:
    """(patient class, nights): acute admissions are ordinary, 0-2 nights; elective ones mostly day cases."""
    if scenario.acute:
        x = rng.random()
        return "ordinary", (0 if x < 0.3 else 1 if x < 0.75 else 2) if rng.random() < scenario.ordinary else 0
    if rng.random() < scenario.ordinary:
        return "ordinary", 1 + (rng.random() < 0.4)
    return "day_case", 0


def _episode(rng, x: LetterInput, number: int, day: int, index: int, tempting, styles=STYLES) -> Episode:
    scenario, outcome, patient = x.scenario, x.outcome, x.patient
    patient_class, x.stay = _stay(rng, scenario)
    x.values.update({"op": 28 + int(rng.random() * 14) if "G93.2" in outcome.codes else 14 + int(rng.random() * 8),
                     "m": 2 + int(rng.random() * 10), "ml": 15 + int(rng.random() * 20), "d": 1 + min(index, 2),
                     "g": ("0.4", "1", "2")[int(rng.random() * 3)], "dose": 20 + 5 * int(rng.random() * 12),
                     "u": (300, 500, 750, 155, 195)[int(rng.random() * 5)]})
    dx = list(outcome.codes) + [c for c, _ in x.comorbid if c not in outcome.codes]
    if "mokes" in x.values["social"] and "F17.1" not in dx:
        dx.append("F17.1")
    px = list(scenario.procedures)
    x.tests = []
    for codes, p, phrases in scenario.optional:
        if rng.random() < p:
            found = finding(rng, scenario.key, TEST_NAMES[codes, phrases[0]], outcome.codes[0]) \
                if rng.random() < 0.4 else None
            x.tests.append((found or pick(rng, phrases)).format(**x.values))
            px += [c for c in codes if c not in px]
    if rng.random() < 0.3 and (line := decoy(rng, scenario.acute, tuple(TEST_NAMES[c, ph[0]] for c, _, ph in
                                                                       scenario.optional), px)):
        x.tests.insert(int(rng.random() * (len(x.tests) + 1)), line)
    style = weighted(rng, styles)
    docs = [("discharge_letter", typos(rng, vary(rng, WRITERS[style](rng, x)), 0.01))]
    if index == 0 and not scenario.acute and rng.random() < 0.35:
        diagnostic = any(o.refuted for o in scenario.outcomes) or not DIAGNOSTIC.isdisjoint(scenario.procedures)
        docs.append(("clinic_letter", vary(rng, clinic(rng, x, diagnostic))))
    symptoms = [SYMPTOM[scenario.key]] if scenario.key in SYMPTOM else []
    distractors = [code for _, code in x.uncoded if code] + list(outcome.refuted) + list(tempting)
    if index > 0 and scenario.repeat[0] > 0.3 and not scenario.acute:
        method = "13"
    else:
        method = scenario.method(rng)
    return Episode(f"EP{number:09d}", patient.patient_id, scenario.specialty, method, patient_class, day, x.stay,
                   patient.age, patient.sex, dx, px, docs, symptoms, distractors)


def _social(rng, patient: Patient) -> str:
    return pick(rng, SOCIAL["older" if patient.age >= 67 else "young" if patient.age < 25 else "adult"])
