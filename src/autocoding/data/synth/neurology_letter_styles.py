"""Six more house styles of neurology discharge document, beside the six of `neurology_letters`.

`epr_form` (an EPR discharge summary of labelled fields under a patient-label block, sections shuffled per
system, an electronic signature), `tto_table` (a pharmacy TTO: the medication table first, a short clinical
summary after), `ed_note` (an ED / SDEC clinician's note for an acute stay: triage, observations, impression,
disposition; for an elective stay the day unit's nursing and medical record), `patient_copy` (a letter written to
the patient in plain words, copied to the GP), `gp_list` (a consultant-to-GP letter that opens with numbered
diagnosis and medication-change lists, then prose) and `nurse_led` (a specialist nurse's day-unit letter).

Every style states the final diagnosis, the procedures and tests of this stay and the coded comorbidities, and
may carry the uncoded material (excluded queries, resolved past history, drugs for uncoded conditions), exactly
as the first six do. Page furniture (labels, headers, signatures, disclaimers) is made up and carries no code.
"""

from __future__ import annotations

from .neurology_letters import (
    EXAMINATION,
    LetterInput,
    diagnosis,
    excluded,
    history,
    pmh,
    presenting,
    procedure,
    progress,
    results,
    stay_text,
)
from .neurology_medicines import changes, sentence, table
from .neurology_phrases import ADVICE, DOCTORS, FOLLOW_UP, GP_ACTIONS, GPS, GRADES, TRUSTS
from .report_frames import (
    HOSPITALS,
    date,
    hospital_number,
    nhs_number,
    patient_block,
    patient_name,
    signature,
)
from .text import join_list, pick

UNITS = ("Department of Neurology", "Clinical Neurosciences", "Neurology Day Case Unit", "Acute Stroke Unit",
         "Neurosciences Centre", "Same Day Emergency Care (SDEC)", "Emergency Department", "Acute Medical Unit",
         "Regional Neurosciences Unit", "Neurology Infusion Suite")
SYSTEMS = ("Discharge Summary (Cerner Millennium)", "EDN - Electronic Discharge Notice", "Lorenzo Discharge "
           "Summary", "Epic - After Visit Summary / Discharge Summary", "Medway EPR: Discharge Letter",
           "System C CareFlow - Transfer of Care", "eDischarge v3.2", "Transfer of Care Document",
           "Inpatient Discharge Summary (PRSB headings)")
DESTINATIONS = ("Usual place of residence", "Home", "Home with family", "Usual residence (care home)",
                "Home - self-care")
DISCLAIMERS = ("This summary was produced from the electronic patient record. Please check details carefully.",
               "Patients can read this letter in the NHS App.", "If you are not the intended recipient please "
               "destroy this document.", "Electronically authorised - no signature required.",
               "Queries: neurology secretaries, ext 2231.", "Clinical coding is based on this summary.")
_FIELDS_ORDERS = (("pc", "hpc", "exam", "ix", "course"), ("pc", "ix", "hpc", "exam", "course"),
                  ("course", "pc", "ix", "exam", "hpc"), ("hpc", "pc", "course", "ix", "exam"))


def _sex_word(x: LetterInput) -> str:
    return "Male" if x.patient.sex == "1" else "Female"


def _header(rng) -> list[str]:
    h = pick(rng, HOSPITALS)
    return pick(rng, ([h, pick(rng, UNITS)], [f"{pick(rng, TRUSTS)}", pick(rng, SYSTEMS)],
                      [f"{h.upper()} - {pick(rng, UNITS).upper()}"], [pick(rng, SYSTEMS), h]))


def _comorbid(x: LetterInput) -> list[str]:
    return [name for _, name in x.comorbid]


def _procedures(rng, x: LetterInput) -> list[str]:
    return [s for s in [procedure(rng, x, True), *x.tests] if s]


def epr_form(rng, x: LetterInput) -> str:
    """Labelled fields under a patient label, the narrative fields in the system's own order."""
    p, items = x.patient, pmh(rng, x)
    label = patient_block(rng, p.age, p.sex)
    consultant = pick(rng, DOCTORS)
    fields = {
        "pc": (pick(rng, ("Presenting complaint", "Reason for admission", "Presenting problem")), presenting(rng, x)),
        "hpc": (pick(rng, ("History", "HPC", "Clinical history")), history(rng, x)),
        "exam": (pick(rng, ("Examination findings", "Clinical findings", "Examination")), pick(rng, EXAMINATION)),
        "ix": (pick(rng, ("Investigation results", "Relevant results", "Investigations")),
               f"{results(rng, x)}. {excluded(rng, x)}".strip()),
        "course": (pick(rng, ("Clinical narrative", "Hospital course", "Summary of stay", "Clinical summary")),
                   progress(rng, x)),
    }
    procedures = _procedures(rng, x)
    lines = [*_header(rng), *label, "",
             f"Admission method: {'Emergency' if x.scenario.acute else pick(rng, ('Elective', 'Day case'))}",
             f"Admission date: {date(rng)}    Length of stay: {stay_text(x)}",
             f"Responsible consultant: {consultant}    Specialty: {pick(rng, ('Neurology', 'Neurology (400)'))}",
             f"Discharge destination: {pick(rng, DESTINATIONS)}", "",
             f"{pick(rng, ('Primary diagnosis', 'Principal diagnosis', 'Main condition treated'))}: "
             f"{diagnosis(rng, x)}",
             f"{pick(rng, ('Secondary diagnoses', 'Comorbidities', 'Other conditions'))}: "
             f"{'; '.join(_comorbid(x)) or pick(rng, ('None', 'Nil', 'None recorded'))}",
             f"{pick(rng, ('Procedures', 'Procedures / operations', 'Interventions this admission'))}: "
             f"{'; '.join(procedures) or 'None'}"]
    for key in pick(rng, _FIELDS_ORDERS):
        title, value = fields[key]
        lines.append(f"{title}: {value}")
    lines += [f"Past medical history: {', '.join(items) or 'nil'}",
              f"Allergies: {pick(rng, ('NKDA', 'No known drug allergies', 'Penicillin (rash)', 'None known'))}",
              f"Medication changes: {sentence(rng, changes(rng, x.outcome.codes[0]))}",
              f"Medicines on discharge: {', '.join(x.drugs) or 'none'}",
              f"Information given to patient: {pick(rng, ADVICE)}",
              f"Follow-up: {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
              f"Actions for GP: {pick(rng, GP_ACTIONS)}", "",
              signature(rng, f"{pick(rng, DOCTORS)} ({pick(rng, GRADES)})")]
    if rng.random() < 0.6:
        lines.append(pick(rng, DISCLAIMERS))
    return "\n".join(lines)


def tto_table(rng, x: LetterInput) -> str:
    """A TTO: label, the medication table, then a clinical summary of a few lines."""
    p = x.patient
    meds = table(rng, x.drugs, changes(rng, x.outcome.codes[0]))
    procedures = _procedures(rng, x)
    head = pick(rng, ("TTO / DISCHARGE PRESCRIPTION", "Discharge Medicines (TTA)", "TO TAKE OUT - Pharmacy copy",
                      "Discharge Prescription and Summary"))
    lines = [head, f"{patient_name(rng, p.sex)}  NHS No {nhs_number(rng)}  {p.age}y {_sex_word(x)}",
             f"Ward: {pick(rng, ('Neurology Day Unit', 'Ward 21', 'AMU', 'SDEC', 'Acute Stroke Unit'))}   "
             f"Date: {date(rng)}", "", meds, "",
             f"Diagnosis: {diagnosis(rng, x)}"]
    if x.comorbid:
        lines.append(f"Other diagnoses: {', '.join(_comorbid(x))}")
    if procedures:
        lines.append(f"Procedures: {'; '.join(procedures)}")
    lines.append(f"Summary: {presenting(rng, x)}. {results(rng, x)}. {excluded(rng, x)} {progress(rng, x)}".strip())
    lines.append(f"PMH: {', '.join(pmh(rng, x)) or 'nil'}")
    lines.append(f"Follow-up: {pick(rng, FOLLOW_UP)}")
    lines.append(pick(rng, ("Pharmacist screened: yes", "Clinically checked by pharmacy", "Screened - AB (pharm)",
                            "Dispensed: 14 days supply")))
    lines.append(f"Prescriber: {pick(rng, DOCTORS)}, {pick(rng, GRADES)}")
    return "\n".join(lines)


def ed_note(rng, x: LetterInput) -> str:
    """An ED / SDEC note for an acute stay; the day unit's record for an elective one."""
    p = x.patient
    sex = "M" if p.sex == "1" else "F"
    procedures = _procedures(rng, x)
    obs = (f"Obs: HR {60 + int(rng.random() * 40)}, BP {110 + int(rng.random() * 40)}/{65 + int(rng.random() * 20)}, "
           f"RR {12 + int(rng.random() * 6)}, SpO2 {95 + int(rng.random() * 5)}% RA, T {36.4 + rng.random():.1f}, "
           f"GCS 15, CBG {4.8 + rng.random() * 2:.1f}")
    if x.scenario.acute:
        lines = [pick(rng, ("ED CLINICIAN NOTE", "SDEC ASSESSMENT", "Emergency Department - Discharge Summary",
                            "AMU Clerking / Discharge")),
                 f"{p.age}{sex}. Triage category {pick(rng, ('2', '3', '2 (orange)', '3 (yellow)'))}. "
                 f"Arrived by {pick(rng, ('ambulance', 'own transport', 'ambulance', 'GP referral'))}.",
                 f"PC: {presenting(rng, x)}", f"HPC: {history(rng, x)}",
                 f"PMH: {', '.join(pmh(rng, x)) or 'nil'}", f"DH: {', '.join(x.drugs) or 'nil'}", obs,
                 f"O/E: {pick(rng, EXAMINATION)}",
                 f"Ix: {'; '.join(procedures) + '. ' if procedures else ''}{results(rng, x)}. {excluded(rng, x)}",
                 f"Imp: {diagnosis(rng, x)}"]
        if x.comorbid:
            lines.append(f"Background conditions: {', '.join(_comorbid(x))}")
        lines += [f"Plan: {pick(rng, x.scenario.plan)} {sentence(rng, changes(rng, x.outcome.codes[0]))}",
                  f"Dispo: {pick(rng, ('discharged', 'home after neuro review', 'd/c with safety-netting'))}"
                  f" after {stay_text(x)}. {pick(rng, FOLLOW_UP)}",
                  f"Seen by {pick(rng, DOCTORS)} ({pick(rng, GRADES)}); d/w neuro reg."]
        return "\n".join(lines)
    lines = [pick(rng, ("Neurology Day Unit - Attendance Record", "DAY CASE RECORD (NEUROLOGY)",
                        "Infusion / Procedure Unit Discharge")),
             f"{p.age}{sex}  Hosp no {hospital_number(rng)}",
             f"Reason for attendance: {presenting(rng, x)}",
             f"Pre-procedure checks: consent confirmed; {obs}",
             f"Procedure(s): {'; '.join(procedures) or 'assessment only'}",
             f"Outcome: {results(rng, x)}. {excluded(rng, x)}".strip(),
             f"Diagnosis: {diagnosis(rng, x)}"]
    if x.comorbid:
        lines.append(f"Comorbidities: {', '.join(_comorbid(x))}")
    lines += [f"Post-procedure: {progress(rng, x)}",
              f"Discharge criteria met at {10 + int(rng.random() * 7)}:{pick(rng, ('00', '15', '30', '45'))}. "
              f"{pick(rng, ADVICE)}", f"Next: {pick(rng, x.scenario.plan)}",
              f"Nurse: {pick(rng, ('RN', 'Staff Nurse', 'CNS'))} {pick(rng, 'ABCDEFGHJKLM')}. "
              f"Doctor: {pick(rng, DOCTORS)}"]
    return "\n".join(lines)


def patient_copy(rng, x: LetterInput) -> str:
    """A letter to the patient, plain words around the medical terms, copied to the GP."""
    p = x.patient
    name = patient_name(rng, p.sex)
    where = "came into hospital as an emergency" if x.scenario.acute else "came to the neurology day unit"
    procedures = _procedures(rng, x)
    parts = [f"{pick(rng, HOSPITALS)}\n{pick(rng, UNITS)}", f"Date: {date(rng)}",
             f"Dear {name},",
             pick(rng, ("I am writing to you directly, as is our practice, to summarise your recent visit.",
                        "Thank you for coming to see us. This letter explains what we found.",
                        "As promised, here is a summary of your stay, which I have also sent to your GP.")),
             f"You {where} with {presenting(rng, x)}.",
             f"The diagnosis is: {diagnosis(rng, x)}.",
             f"While you were with us you had: {join_list(procedures)}." if procedures else "",
             f"The results showed {results(rng, x)}. {excluded(rng, x)}".strip(),
             f"Your other conditions ({join_list(_comorbid(x))}) were unchanged." if x.comorbid else "",
             f"Your medicines: {sentence(rng, changes(rng, x.outcome.codes[0]))}",
             f"What happens next: {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
             pick(rng, ADVICE),
             f"Yours sincerely,\n{pick(rng, DOCTORS)}\n{pick(rng, GRADES)}",
             f"cc: {pick(rng, GPS)} (GP)"]
    return "\n\n".join(s for s in parts if s)


def gp_list(rng, x: LetterInput) -> str:
    """Consultant to GP: numbered diagnoses, medication changes and actions, then the story in prose."""
    p = x.patient
    pronoun = "He" if p.sex == "1" else "She"
    dx = [diagnosis(rng, x)] + _comorbid(x)
    procedures = _procedures(rng, x)
    parts = [f"{pick(rng, HOSPITALS)}, {pick(rng, UNITS)}",
             f"Re: {patient_name(rng, p.sex)}, {p.age}, NHS {nhs_number(rng)}",
             f"Dear {pick(rng, GPS)},",
             "Diagnoses:\n" + "\n".join(f"{i + 1}. {d}" for i, d in enumerate(dx)),
             ("Procedures:\n" + "\n".join(f"- {s}" for s in procedures)) if procedures else "",
             f"Medication changes:\n{sentence(rng, changes(rng, x.outcome.codes[0]))}",
             f"Actions for GP:\n- {pick(rng, GP_ACTIONS)}",
             f"{pronoun} {'was admitted' if x.scenario.acute else 'attended'} for {stay_text(x)} with "
             f"{presenting(rng, x)}. {history(rng, x)} Background: "
             f"{join_list(pmh(rng, x)) or 'nil of note'}. Medication on admission: {join_list(x.drugs) or 'none'}.",
             f"Examination: {pick(rng, EXAMINATION)} Results: {results(rng, x)}. {excluded(rng, x)}".strip(),
             f"{progress(rng, x)} {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
             f"Yours sincerely,\n\n{pick(rng, DOCTORS)}\n{pick(rng, GRADES)}",
             pick(rng, ("cc: patient", "Copy: patient, referring clinician", "cc Patient; Notes", ""))]
    return "\n\n".join(s for s in parts if s)


def nurse_led(rng, x: LetterInput) -> str:
    """A specialist nurse's short letter after a day-unit attendance or a nurse-led review on the ward."""
    p = x.patient
    role = pick(rng, ("MS Nurse Specialist", "Epilepsy Nurse Specialist", "Headache Nurse Specialist",
                      "Neuromuscular CNS", "Stroke Nurse Practitioner", "Neurology ANP", "Parkinson's Nurse"))
    what = f"for {procedure(rng, x)}" if x.scenario.procedures else pick(rng, ("on the ward", "for review",
                                                                             "during a short admission"))
    return "\n".join(s for s in (
        f"Dear {pick(rng, GPS)},",
        f"Your patient ({p.age}, {_sex_word(x).lower()}) was seen {what} ({stay_text(x)}).",
        f"Diagnosis: {diagnosis(rng, x)}",
        f"Other problems: {', '.join(_comorbid(x))}" if x.comorbid else "",
        f"They presented with {presenting(rng, x)}. {results(rng, x)}. {excluded(rng, x)}".strip(),
        f"{progress(rng, x)} {pick(rng, ADVICE)}",
        f"Medicines: {', '.join(x.drugs) or 'none regular'}. {sentence(rng, changes(rng, x.outcome.codes[0]))}",
        f"Plan: {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
        f"Kind regards,\n{pick(rng, ('Sister', 'Nurse', ''))} {pick(rng, 'ABCDEFGHJKLMNPRS')} "
        f"{pick(rng, ('Lewis', 'Price', 'Okoro', 'Hale', 'Burns', 'Nash', 'Rees'))}".replace("\n ", "\n"),
        role) if s)


WRITERS = {"epr_form": epr_form, "tto_table": tto_table, "ed_note": ed_note, "patient_copy": patient_copy,
           "gp_list": gp_list, "nurse_led": nurse_led}
