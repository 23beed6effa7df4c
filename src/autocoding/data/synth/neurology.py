"""Short-stay neurology episodes: LP, IVMP, DMT and IVIg infusions, botulinum toxin, EEG, NCS, FND and more.

The discharge advice letter carries the final diagnosis, the procedure and the coded comorbidities (PMH); it also
carries what must not be coded (resolved past history, family history, negated conditions). A clinic letter
written before the admission comes with about a third of episodes: it holds the working diagnosis, often a query
that the admission confirmed or refuted.
"""

from __future__ import annotations

import random

from .comorbidity_tail import draw_tail
from .endoscopy_exam import weighted
from .model import Episode, Patient
from .neurology_catalogue import COMORBIDITIES, SCENARIOS, UNCODED, NeuroOutcome, NeuroScenario
from .text import join_list, pick, typos, uncertain

_SCENARIO_WEIGHTS = tuple((s, s.weight) for s in SCENARIOS)
DOCTORS = ("Dr G Rhys", "Dr S Malik", "Dr J Parry", "Dr A Bennett", "Dr L Chen", "Dr O Adeyemi", "Dr W Powell",
           "Dr R Singh", "Dr E Vaughan", "Dr M O'Neill")
GRADES = ("Consultant Neurologist", "Neurology SpR", "Specialty Doctor", "FY2", "MS Nurse Specialist",
          "Neurology CT2")
GPS = ("Dr Hughes", "Dr Ellis", "Dr Jenkins", "Dr Shah", "Dr Morris", "The Partners")
STYLES = (("structured", 0.45), ("letter", 0.35), ("tto", 0.2))
EXAMINATION = ("Cranial nerves intact, fundi normal. Tone, power and reflexes normal; plantars flexor.",
               "Alert and orientated. No pronator drift. Gait steady. Sensation intact to pinprick and vibration.",
               "Visual acuity 6/6 both eyes. No RAPD. Eye movements full.",
               "Examination unchanged from clinic. Obs: BP 128/76, HR 72, afebrile.",
               "Neurological examination essentially normal apart from reduced vibration sense at the toes.")
BLOODS = ("FBC, U&E, LFT and CRP normal.", "Bloods unremarkable; glucose 5.4.", "Hb 131, WCC 6.2, CRP <5.",
          "Pre-procedure bloods satisfactory, clotting normal.", "U&E normal, eGFR >90.")
# social history by age band; a current smoker is coded F17.1 (UK standard: tobacco use recorded when documented)
SOCIAL = {"young": ("Student. Lives with parents. No alcohol.", "Works part time, lives with friends. Vapes.",
                    "Student, smokes 5/day.", "Lives with partner. Non-smoker.", "Apprentice, non-smoker.",
                    "Student. Never smoked."),
          "adult": ("Lives with partner, works as a teacher. Non-smoker, alcohol 6 units/week.",
                    "Lives alone, independent. Ex-smoker. Drives - DVLA advice given.",
                    "Works in retail, two children. Never smoked. Occasional alcohol.",
                    "Office worker, lives with family. Non-smoker.", "Works as a builder. Smokes 15/day.",
                    "Nurse, lives with husband. Non-smoker.", "Unemployed, lives alone. Ex-smoker, no alcohol.",
                    "Self-employed, married. Never smoked."),
          "older": ("Retired, lives with spouse. Smokes 10/day, advised to stop.",
                    "Retired, independent with ADLs. Ex-smoker.", "Retired teacher, lives alone. Never smoked.",
                    "Lives with wife, carers once daily. Non-smoker.", "Retired, lives with daughter. Ex-smoker.",
                    "Independent, drives. Never smoked.")}
ADVICE = ("Written information given and questions answered.", "Advised to return if new symptoms, fever or severe "
          "headache.", "Contact the day unit with any concerns.", "Leaflet provided; patient happy with the plan.")
DRUGS = ("sertraline 50mg od", "amlodipine 5mg od", "metformin 500mg bd", "levothyroxine 75mcg od",
         "salbutamol inhaler prn", "omeprazole 20mg od", "propranolol 40mg bd", "topiramate 50mg bd",
         "gabapentin 300mg tds", "baclofen 10mg tds", "atorvastatin 20mg on", "paracetamol prn")


def new_patient(rng: random.Random, patient_no: int) -> Patient:
    return Patient(f"P{patient_no:08d}", 0, "2")


def patient_episodes(rng: random.Random, patient: Patient, first_id: int, max_episodes: int,
                     styles=STYLES) -> list[Episode]:
    """One patient's short-stay episodes; `styles`: (letter style, weight) pairs the letters are drawn from."""
    scenario: NeuroScenario = weighted(rng, _SCENARIO_WEIGHTS)
    patient.age = int(min(90, max(17, rng.gauss(*scenario.age))))
    patient.sex = "2" if rng.random() < scenario.female else "1"
    outcome: NeuroOutcome = weighted(rng, tuple((o, o.weight) for o in scenario.outcomes))
    comorbid = [(code, pick(rng, names)) for code, p, names in COMORBIDITIES if rng.random() < p]
    tail = draw_tail(rng, 0.06)
    if tail is not None and tail[0] not in outcome.codes:
        comorbid.append(tail)
    taken = set(outcome.codes) | {code for code, _ in comorbid}
    uncoded = list(dict.fromkeys(u for u in (UNCODED[int(rng.random() * len(UNCODED))]
                                             for _ in range(int(rng.random() * 1.9))) if u[1] not in taken))
    social = _social(rng, patient)
    day = int(rng.random() * 340)
    repeat_p, lo, hi = scenario.repeat
    episodes: list[Episode] = []
    while len(episodes) < max_episodes and day < 365:
        episodes.append(_episode(rng, patient, first_id + len(episodes), scenario, outcome, comorbid, uncoded, day,
                                 len(episodes), social, styles))
        if rng.random() >= repeat_p:
            break
        day += lo + int(rng.random() * (hi - lo + 1))
    return episodes


def _episode(rng, patient: Patient, number: int, scenario: NeuroScenario, outcome: NeuroOutcome,
             comorbid, uncoded, day: int, index: int, social: str, styles=STYLES) -> Episode:
    ordinary = rng.random() < scenario.ordinary
    stay = (1 + (rng.random() < 0.4)) if ordinary else 0
    values = {"op": 28 + int(rng.random() * 14) if "G93.2" in outcome.codes else 14 + int(rng.random() * 8),
              "m": 2 + int(rng.random() * 10), "ml": 15 + int(rng.random() * 20), "d": 1 + min(index, 2),
              "g": ("0.4", "1", "2")[int(rng.random() * 3)], "dose": 20 + 5 * int(rng.random() * 12),
              "u": (300, 500, 750, 155, 195)[int(rng.random() * 5)]}
    values["social"] = social
    dx = list(outcome.codes) + [c for c, _ in comorbid if c not in outcome.codes]
    if "mokes" in values["social"]:
        dx.append("F17.1")
    px = list(scenario.procedures)
    style = weighted(rng, styles)
    letter = {"structured": _structured, "letter": _letter, "tto": _tto}[style](
        rng, patient, scenario, outcome, comorbid, uncoded, values, stay)
    docs = [("discharge_letter", typos(rng, letter, 0.01))]
    if index == 0 and rng.random() < 0.35:
        docs.append(("clinic_letter", _clinic(rng, patient, scenario, outcome, values)))
    symptoms = [SYMPTOM[scenario.key]] if scenario.key in SYMPTOM else []
    distractors = [code for _, code in uncoded if code] + list(outcome.refuted)
    method = "13" if scenario.repeat[0] > 0.3 and index > 0 else ("11" if rng.random() < 0.6 else "12")
    return Episode(f"EP{number:09d}", patient.patient_id, scenario.specialty, method,
                   "ordinary" if ordinary else "day_case", day, stay, patient.age, patient.sex, dx, px, docs,
                   symptoms, distractors)


def _pmh(rng, comorbid, uncoded) -> list[str]:
    items = [name for _, name in comorbid] + [name for name, _ in uncoded]
    rng.shuffle(items)
    return items


def _structured(rng, patient, scenario, outcome, comorbid, uncoded, values, stay) -> str:
    pmh = _pmh(rng, comorbid, uncoded)
    lines = [pick(rng, ("DISCHARGE ADVICE LETTER", "Neurology Day Unit - Discharge Summary", "Discharge Summary")),
             f"Dear {pick(rng, GPS)},",
             f"Patient: {patient.age} year old {'male' if patient.sex == '1' else 'female'}. "
             f"Length of stay: {'day case' if not stay else f'{stay} night(s)'}",
             f"Diagnosis: {pick(rng, outcome.diagnosis)}"]
    if comorbid and rng.random() < 0.5:
        lines.append(f"Co-morbidities: {', '.join(name for _, name in comorbid)}")
    if scenario.procedures:
        lines.append(f"Procedure: {pick(rng, scenario.procedure_text).format(**values)}")
    lines.append(f"Presenting complaint: {pick(rng, scenario.presenting).format(**values)}.")
    lines.append(f"PMH: {', '.join(pmh) if pmh else 'nil of note'}.")
    lines.append(f"DH: {', '.join(rng.sample(DRUGS, 2))}. NKDA.")
    lines.append(f"History: {pick(rng, HISTORY).format(**values)} {values['social']}")
    if scenario.procedures:
        lines.append(f"Procedure details: {pick(rng, DETAIL.get(scenario.procedures[0], ('Uneventful.',)))}")
    lines.append(f"Examination: {pick(rng, EXAMINATION)}")
    lines.append(f"Investigations: {pick(rng, BLOODS)} {_upper_first(pick(rng, outcome.result).format(**values))}.")
    lines.append(f"Progress: {_progress(rng, scenario, values)} {pick(rng, ADVICE)}")
    lines.append(f"Plan: {pick(rng, scenario.plan)} {pick(rng, FOLLOW_UP)}")
    lines.append(f"Discharge medication: {pick(rng, TTO)}")
    lines.append(f"GP actions: {pick(rng, GP_ACTIONS)}")
    lines.append(f"{pick(rng, DOCTORS)}, {pick(rng, GRADES)}")
    return "\n".join(lines)


def _letter(rng, patient, scenario, outcome, comorbid, uncoded, values, stay) -> str:
    pmh = _pmh(rng, comorbid, uncoded)
    pronoun = "He" if patient.sex == "1" else "She"
    who = "gentleman" if patient.sex == "1" else "lady"
    parts = [f"Dear {pick(rng, GPS)},",
             f"Diagnosis: {pick(rng, outcome.diagnosis)}.",
             f"I saw this {patient.age} year old {who} on the neurology day unit. "
             f"{pronoun} presented with {pick(rng, scenario.presenting).format(**values)}.",
             pick(rng, HISTORY).format(**values),
             f"{pronoun} has a background of {join_list(pmh)}." if pmh else "There is no significant past history.",
             f"Medication: {', '.join(rng.sample(DRUGS, 2))}. Social: {values['social']}",
             pick(rng, DETAIL.get(scenario.procedures[0], ("",))) if scenario.procedures else "",
             f"On examination: {pick(rng, EXAMINATION)} {pick(rng, BLOODS)}",
             f"{pick(rng, scenario.procedure_text).format(**values)} was performed uneventfully."
             if scenario.procedures else "",
             f"Results: {pick(rng, outcome.result).format(**values)}.",
             _progress(rng, scenario, values), pick(rng, ADVICE),
             f"Discharge medication: {pick(rng, TTO)} {pick(rng, GP_ACTIONS)}",
             f"In summary, {pick(rng, outcome.diagnosis).lower()}. {pick(rng, scenario.plan)} {pick(rng, FOLLOW_UP)}",
             f"Yours sincerely,\n{pick(rng, DOCTORS)}\n{pick(rng, GRADES)}"]
    return "\n".join(p for p in parts if p)


def _tto(rng, patient, scenario, outcome, comorbid, uncoded, values, stay) -> str:
    pmh = _pmh(rng, comorbid, uncoded)
    proc = pick(rng, scenario.procedure_text).format(**values) if scenario.procedures else "assessment"
    return (f"Neuro day unit. {patient.age}{'M' if patient.sex == '1' else 'F'}. "
            f"c/o {pick(rng, scenario.presenting).format(**values)}. PMH: {'; '.join(pmh) if pmh else 'nil'}. "
            f"{pick(rng, HISTORY).format(**values)} {values['social']} O/E: {pick(rng, EXAMINATION)} "
            f"Procedure: {proc}. {pick(rng, outcome.result).format(**values)}. {pick(rng, BLOODS)} Obs stable. "
            f"Dx: {pick(rng, outcome.diagnosis)}. Plan: {pick(rng, scenario.plan)} TTO: nil new. "
            f"{pick(rng, FOLLOW_UP)} {pick(rng, DOCTORS)} ({pick(rng, GRADES)})")


# what a coder might code instead of the diagnosis (the presenting symptom)
SYMPTOM = {"lp_dementia": "R41.8", "nph_tap": "R26.8", "lp_iih": "R51", "lp_demyelination": "R20.2", "lp_sah_exclusion": "R51", "eeg_sleep_deprived": "R56.8",
           "video_telemetry": "R56.8", "ncs_emg": "R20.2", "fnd": "R29.8", "gon_block": "R51"}
FOLLOW_UP = ("Clinic follow up in 3 months.", "We will write with results.", "GP to continue usual care.",
             "No GP action required.", "Safety-netting advice given.", "Open access to the day unit if needed.")
PROGRESS = {"A55.9": ("Post LP observations stable, mild positional headache settled with fluids and simple "
                      "analgesia.", "Tolerated the LP well; lay flat for an hour and was discharged."),
            "A54.8": ("Headache improved after CSF drainage.", "Symptoms eased post procedure."),
            "X29.2": ("Infusion given without reaction.", "Tolerated the infusion well; observations stable."),
            "X37.5": ("Injections given under EMG guidance, no immediate side effects.",
                      "Injected per previous pattern. Tolerated well."),
            "A84.1": ("Recording obtained with hyperventilation and photic stimulation.",),
            "U22.1": ("Medication reduced to capture events; restarted before discharge.",),
            "A84.3": ("Studies completed without complication.",),
            "A73.5": ("Injected under aseptic technique, immediate relief reported.",),
            "X32.3": ("Plasma exchange via temporary line, no complications.",)}


def _progress(rng, scenario: NeuroScenario, values) -> str:
    if not scenario.procedures:
        return pick(rng, ("Assessed by the neurology team and physiotherapy; the diagnosis was explained.",
                          "Examination findings discussed; MRI reassuring. Diagnosis explained and accepted."))
    return pick(rng, PROGRESS.get(scenario.procedures[0], ("Uneventful stay.",)))


TTO = ("no changes to regular medication.", "as admission; no new medicines.", "paracetamol 1g qds prn for 48 hours.",
       "unchanged.")
GP_ACTIONS = ("none.", "please check U&E in 2 weeks.", "please continue current prescriptions.",
              "please review blood pressure.", "no action needed; hospital will arrange follow up.")
HISTORY = ("Symptoms for about {m} months.", "Seen in clinic {m} weeks ago and listed for the day unit.",
           "No red flag features on direct questioning.", "Symptoms stable since the last attendance.",
           "Collateral history from partner obtained.", "Known to our service for {m} years.")


DETAIL = {"A55.9": ("Consent obtained. LP at L3/4, 22G atraumatic needle, clear CSF, first attempt.",
                   "Aseptic technique, LA to skin; L4/5 space, CSF clear and colourless."),
          "A54.8": ("LP at L3/4 under aseptic technique; CSF drained slowly to a closing pressure of 15cmH2O.",),
          "X29.2": ("Cannula sited, infusion over the prescribed rate with hourly observations.",
                    "Pre-medication given (paracetamol, chlorphenamine); infusion completed without reaction."),
          "X37.5": ("EMG-guided injections to the affected muscles per previous map.",
                    "Injection sites: as per chart; no bruising."),
          "A84.1": ("Standard 10-20 montage, 30 minutes with HV and photic.",),
          "U22.1": ("Continuous video EEG with medication reduction, seizure precautions in place.",),
          "A84.3": ("Median, ulnar, sural and peroneal nerves studied; EMG of selected muscles.",),
          "A73.5": ("Lidocaine 2% 2ml with methylprednisolone 40mg each side.",),
          "X32.3": ("Central line sited; albumin replacement.",),
          "A54.2": ("Intrathecal injection at L3/4 after removal of 5ml CSF.",)}


def _social(rng, patient: Patient) -> str:
    return pick(rng, SOCIAL["older" if patient.age >= 67 else "young" if patient.age < 25 else "adult"])


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


DIAGNOSTIC = {"A55.9", "A84.1", "A84.3", "U22.1"}


def _clinic(rng, patient, scenario: NeuroScenario, outcome: NeuroOutcome, values) -> str:
    """The outpatient letter before admission: a query for diagnostic admissions, the known diagnosis otherwise."""
    diagnostic = any(o.refuted for o in scenario.outcomes) or not DIAGNOSTIC.isdisjoint(scenario.procedures)
    if scenario.procedures and not diagnostic:
        impression = pick(rng, outcome.diagnosis)
    else:
        impression = uncertain(rng, pick(rng, scenario.outcomes[0].diagnosis))
    return (f"Neurology Outpatient Clinic\nDear {pick(rng, GPS)},\nI reviewed this {patient.age} year old in clinic. "
            f"{_upper_first(pick(rng, scenario.presenting).format(**values))}. {pick(rng, HISTORY).format(**values)} "
            f"Examination: "
            f"{pick(rng, ('no focal deficit', 'reflexes symmetrical, plantars flexor', 'fundi - see above'))}.\n"
            f"Impression: {impression}.\n"
            f"Plan: admit to the day unit for {pick(rng, scenario.procedure_text).format(**values) or 'assessment'}."
            f"\n{pick(rng, DOCTORS)}")
