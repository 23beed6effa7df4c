"""Endoscopy day-case episodes: OGD, colonoscopy, flexible sigmoidoscopy, bidirectional lists, ERCP, EUS, capsule.

`patient_episodes(rng, patient_no, first_episode_no)` draws one patient and their episodes this year (surveillance
programmes such as variceal banding repeat), each with its true codes and its documents (report per examination,
histology when samples were taken and the result is back). Coding rules: `endoscopy_coding`; words:
`endoscopy_report`.
"""

from __future__ import annotations

import random

from .comorbidity_tail import draw_tail
from .endoscopy_coding import episode_codes, refuted
from .endoscopy_exam import examine, weighted
from .endoscopy_histology import histology
from .endoscopy_indication_forms import indication_form
from .endoscopy_indications import CIRRHOSIS, IBD, INDICATION_BY_KEY, INDICATIONS, PEG_CAUSES
from .endoscopy_paraphrases import INDICATIONS as INDICATION_PHRASES
from .endoscopy_report import render
from .endoscopy_scenario_layouts import render_scenario
from .endoscopy_scenarios import CAPSULE, ERCP, EUS, Scenario
from .model import Episode, Patient
from .text import abbreviate, pick

KINDS = (("ogd", 0.44), ("colonoscopy", 0.32), ("flexi", 0.1), ("bidirectional", 0.065), ("ercp", 0.05),
         ("eus", 0.017), ("capsule", 0.008))
SCENARIOS = {"ercp": ERCP, "eus": EUS, "capsule": CAPSULE}
_BY_EXAM = {k: tuple((i.key, i.weights[n]) for i in INDICATIONS if i.weights[n] > 0)
            for n, k in enumerate(("ogd", "colonoscopy", "flexi"))}
BIDIRECTIONAL = (("ida", 0.7), ("anaemia", 0.1), ("weightloss", 0.2))
# (ICD-10 code, how a report names it): comorbidities coded whenever documented, and mentions that are not coded.
COMORBIDITIES = (("I10", 0.35, ("HTN", "hypertension")), ("E11.9", 0.25, ("T2DM", "type 2 diabetes")),
                 ("Z92.1", 0.15, ("on apixaban (held 48h)", "warfarin - INR 2.1 today", "on rivaroxaban, held")),
                 ("J44.9", 0.1, ("COPD",)), ("I48.9", 0.12, ("AF", "atrial fibrillation")),
                 ("J45.9", 0.1, ("asthma",)), ("E03.9", 0.05, ("hypothyroid", "hypothyroidism")))
UNCODED_HISTORY = ("previous appendicectomy", "cholecystectomy 2016", "hysterectomy", "previous C-section",
                   "knee replacement", "tonsillectomy as a child")
NOT_DONE = (("Z53.2", "Patient declined the procedure on arrival after discussion of risks."),
            ("Z53.0", "Procedure not performed: BP 212/118 on admission, returned to GP for control."),
            ("Z53.0", "Not performed - took clopidogrel this morning against advice; rebooked."),
            ("Z53.8", "Procedure cancelled - no escort available for sedation; rebooked."),
            ("Z53.2", "Patient changed their mind in the room, procedure abandoned before intubation."),
            ("Z53.0", "Not done: INR 4.3 on arrival; warfarin plan reviewed and rebooked."),
            ("Z53.8", "Cancelled on the day - inadequate bowel preparation (did not take the second dose)."),
            ("Z53.1", "Procedure declined: patient would not accept blood products and withdrew consent for "
                      "therapy on religious grounds."))
# house styles of the reports (endoscopy_report, endoscopy_layouts) and their shares of all reports
STYLES = (("ned", 0.16), ("consultant", 0.1), ("registrar", 0.12), ("gp_letter", 0.07), ("unit_form", 0.2),
          ("bcsp", 0.06), ("dictation", 0.11), ("terse", 0.06), ("bullets", 0.07), ("clinic_letter", 0.05))


def new_patient(rng: random.Random, patient_no: int) -> Patient:
    age = int(min(95, max(18, rng.gauss(61, 15))))
    patient = Patient(f"P{patient_no:08d}", age, "1" if rng.random() < 0.5 else "2")
    code, names = CIRRHOSIS[rng.random() < 0.55]
    patient.conditions["cirrhosis"], patient.names["cirrhosis"] = code, pick(rng, names)
    ibd = IBD[int(rng.random() * len(IBD))]
    patient.conditions["ibd"], patient.names["ibd"] = ibd[0], pick(rng, ibd[1:])
    patient.conditions["peg"], patient.names["peg"] = PEG_CAUSES[int(rng.random() * len(PEG_CAUSES))]
    return patient


def patient_episodes(rng: random.Random, patient: Patient, first_id: int, max_episodes: int,
                     styles=STYLES) -> list[Episode]:
    """One patient's episodes this year (1 for most; repeats for surveillance programmes). `styles`: (house style,
    weight) pairs the reports are drawn from."""
    kind = weighted(rng, KINDS)
    if kind in SCENARIOS:
        table = SCENARIOS[kind]
        return [_scenario(rng, patient, first_id, kind, weighted(rng, tuple((s, s.weight) for s in table)),
                          styles)]
    indication = weighted(rng, BIDIRECTIONAL if kind == "bidirectional" else _BY_EXAM[kind])
    if indication == "ibd" and patient.age > 70:
        patient.age -= 30
    if indication == "screening":
        patient.age = 55 + int(rng.random() * 20)
    day = int(rng.random() * 330)
    episodes = []
    repeat_p, lo, hi = INDICATION_BY_KEY[indication].repeat
    while len(episodes) < max_episodes and day < 365:
        episodes.append(_scoped(rng, patient, first_id + len(episodes), kind, indication, day, styles))
        if rng.random() >= repeat_p:
            break
        day += lo + int(rng.random() * (hi - lo))
    return episodes


def _scoped(rng: random.Random, patient: Patient, number: int, kind: str, indication: str, day: int,
            styles=STYLES) -> Episode:
    exam_kinds = ["ogd", "colonoscopy"] if kind == "bidirectional" else [kind]
    indications = [indication]
    if rng.random() < 0.15:
        other = weighted(rng, _BY_EXAM[exam_kinds[-1]])
        if other != indication and not INDICATION_BY_KEY[other].forced:
            indications.append(other)
    texts = [_indication_text(rng, key, patient) for key in indications]
    symptom_codes = [c for key in indications for c in INDICATION_BY_KEY[key].codes]
    tf = weighted(rng, _tf_weights(exam_kinds[-1]))
    method = "13" if indication.endswith("_surv") or indication in ("ibd", "screening") else (
        "11" if rng.random() < 0.7 else "12")
    if rng.random() < 0.012:
        reason_code, reason = NOT_DONE[int(rng.random() * len(NOT_DONE))]
        dx = [_resolved(symptom_codes[0], patient), reason_code]
        doc = f"{pick(rng, ('OGD', 'Colonoscopy', 'Endoscopy'))} booked for {texts[0]}. {reason}"
        return _episode(patient, number, tf, method, day, dx, [], [("endoscopy_report", doc)], [], [])
    forced = [pair for key in indications for pair in INDICATION_BY_KEY[key].forced]
    histology_back = rng.random() > 0.04
    exams = [examine(rng, k, indications, patient, forced, histology_back) for k in exam_kinds]
    comorbid, extras = _comorbidities(rng)
    dx, px, symptoms = episode_codes(exams, indications, patient, comorbid)
    distractors = [c for exam in exams for s in exam.seen for c in refuted(s)]
    style = weighted(rng, styles)
    docs = [("endoscopy_report", render(rng, exam, patient, texts, style, extras, distractors)) for exam in exams]
    if histology_back and any(s.sampled for exam in exams for s in exam.seen):
        docs.append(("histology", histology(rng, exams, texts)))
    return _episode(patient, number, tf, method, day, dx, px, docs, symptoms, distractors)


def _scenario(rng: random.Random, patient: Patient, number: int, kind: str, scenario: Scenario,
              styles=STYLES) -> Episode:
    """An ERCP, EUS or capsule episode from its scenario table, its report in the layout the house style leads to."""
    text = render_scenario(rng, kind, scenario, patient, weighted(rng, styles))
    if kind == "capsule":
        return _episode(patient, number, "301", "11", int(rng.random() * 365), list(scenario.diagnoses),
                        list(scenario.procedures), [("endoscopy_report", text)], [scenario.symptom], [])
    method = "12" if rng.random() < 0.6 else "11"
    episode = _episode(patient, number, "301" if rng.random() < 0.8 else "100", method, int(rng.random() * 365),
                       list(scenario.diagnoses), list(scenario.procedures), [("endoscopy_report", text)],
                       [scenario.symptom], [])
    if rng.random() < 0.3:
        episode.patient_class, episode.length_of_stay = "ordinary", 1
    return episode


def _indication_text(rng: random.Random, key: str, patient: Patient) -> str:
    extra, r = INDICATION_PHRASES.get(key, ()), rng.random()
    if r < 0.35:
        text = indication_form(rng, key, INDICATION_BY_KEY[key].phrases)
    else:
        text = abbreviate(rng, pick(rng, extra if extra and r < 0.6 else INDICATION_BY_KEY[key].phrases))
    text = text.format(
        hb=85 + int(rng.random() * 30), fer=3 + int(rng.random() * 12), n=4 + int(rng.random() * 8),
        fit=20 + int(rng.random() * 300))
    if key == "varices_surv":
        text += f" ({patient.names['cirrhosis']})"
    if key == "ibd":
        text += f" - {patient.names['ibd']}"
    if key in ("peg", "peg_change"):
        text += f" ({patient.names['peg']})"
    return text


def _comorbidities(rng: random.Random) -> tuple[list[str], list[str]]:
    """Coded comorbidities and their sentences (in ~15% of reports), plus an uncoded past history now and then."""
    tail = draw_tail(rng, 0.04)
    if rng.random() > 0.18 and tail is None:
        return [], []
    codes, names = [], []
    for code, p, variants in COMORBIDITIES:
        if rng.random() < p:
            codes.append(code)
            names.append(pick(rng, variants))
    if tail is not None and tail[0] not in codes:
        codes.append(tail[0])
        names.append(tail[1])
    if rng.random() < 0.5:
        names.append(pick(rng, UNCODED_HISTORY))
    if not names:
        return [], []
    return codes, [f"{pick(rng, ('PMH:', 'Comorbidities:', 'Background:'))} {', '.join(names)}."]


def _tf_weights(kind: str):
    from .endoscopy_tables import EXAMS

    return EXAMS[kind].specialty_weights


def _resolved(code: str, patient: Patient) -> str:
    return patient.conditions[code[1:]] if code.startswith("@") else code


def _episode(patient, number, tf, method, day, dx, px, docs, symptoms, distractors) -> Episode:
    return Episode(f"EP{number:09d}", patient.patient_id, tf, method, "day_case", day, 0, patient.age, patient.sex,
                   dx, px, docs, symptoms, distractors)
