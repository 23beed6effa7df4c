"""More house styles of endoscopy reports, written from how UK units' reporting systems and authors lay them out.

- 'unit_form': a locked structured export of a unit reporting system (several vendor-like flavours: field labels,
  separators, orders and page furniture differ; findings sometimes come before the indication);
- 'bcsp': a bowel cancer screening programme form (lesion list with site, size, removal, retrieval; an OGD falls
  back to the unit form);
- 'dictation': free-text consultant dictation, verbose, in one of several orders;
- 'terse': a one-line note;
- 'bullets': a telegraphic bulleted list;
- 'clinic_letter': the clinic letter after the test (diagnosis block first, to the GP or to the patient).
Every layout says what the codes need: each finding with its therapy or biopsies and site (`finding_text`), the
extent reached, the impression. All pieces come from `endoscopy_wording`; the page furniture from `report_frames`.
"""

from __future__ import annotations

import random

from . import endoscopy_furniture as furniture
from . import report_frames as frames
from .endoscopy_lexicon import section
from .endoscopy_outcome_fields import specimens, therapies, therapy_name
from .endoscopy_wording import (
    CONSENT,
    ENDOSCOPISTS,
    GRADES,
    NAMES,
    PREP,
    RECOVERY,
    REFERRERS,
    SCOPES,
    SEGMENT_LABELS,
    extent_text,
    finding_text,
    impression,
    plan,
    procedure_notes,
    sedation,
    segments,
)
from .model import ExamResult, Patient
from .report_noise import bullet
from .text import join_list, pick

_SEPARATORS = (": ", ": ", " - ", " | ", "\t", " .......... ", ":  ")


def unit_form(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str,
              extras: list[str]) -> str:
    """A structured unit-system export: header, patient block, procedure fields, findings, diagnosis, footer."""
    sep, upper = pick(rng, _SEPARATORS), rng.random() < 0.3
    who = pick(rng, ENDOSCOPISTS)

    def field(key: str, value: str) -> str:
        label = section(rng, key) if key in _KEYED else key
        return f"{label.upper() if upper else label}{sep}{value}"

    head = furniture.header(rng) + furniture.patient_label(rng, patient.age, patient.sex)
    head.append(field("Date", f"{frames.date(rng)} {frames.time(rng)}"))
    proc = [field("procedure", pick(rng, NAMES[exam.kind])), field("endoscopist", f"{who} ({pick(rng, GRADES)})"),
            field("Referred by", pick(rng, REFERRERS["upper" if exam.kind == "ogd" else "lower"])),
            field("instrument", pick(rng, SCOPES[exam.kind != "ogd"])), field("sedation", sedation(rng, exam)),
            field("extent", extent_text(rng, exam)), field("comfort", _comfort(rng))]
    if exam.kind == "colonoscopy":
        proc.append(field(pick(rng, ("Bowel prep (BBPS)", "Bowel preparation", "BBPS", "Prep quality")),
                          f"{pick(rng, PREP)} - BBPS {'/'.join(map(str, exam.bbps))} (total {sum(exam.bbps)})"))
        if not exam.incomplete:
            proc.append(field(pick(rng, ("Withdrawal time", "Withdrawal")), f"{6 + int(rng.random() * 14)} min"))
    elif exam.kind == "flexi":
        proc.append(field(pick(rng, ("Bowel prep", "Preparation")), pick(rng, ("phosphate enema", "enema - fair",
                                                                              "Enema, adequate views"))))
    if rng.random() < 0.5:
        proc.append(field("Consent", pick(rng, CONSENT) or "Written"))
    notes = procedure_notes(rng, exam)
    if notes:
        proc.append(field(pick(rng, ("Comments", "Procedure notes", "Technical notes", "Notes")), notes))
    indication = [field("indication", "; ".join(indications))] + ([field("Comorbidities", " ".join(extras))]
                                                                    if extras else [])
    found = [f"{pick(rng, SEGMENT_LABELS[seg]) + sep.strip(' ') + ' ' if seg else bullet(rng)}{text}"
             for seg, text in segments(rng, exam)] or [f"Normal to {extent_text(rng, exam)}."]
    findings = [(section(rng, "findings") + ":").upper() if upper else section(rng, "findings") + ":", *found]
    if negation:
        findings.append(negation)
    outcome = [field("therapy", "; ".join(therapies(rng, exam)) or pick(rng, ("None", "Nil", "N/A", "None performed"))),
               field("specimens", "; ".join(specimens(rng, exam)) or pick(rng, ("None", "None taken", "Nil", "No"))),
               field("diagnosis", impression(rng, exam)), field("plan", plan(rng, exam))]
    if rng.random() < 0.5:
        outcome.append(field(pick(rng, ("Adverse events", "Complications", "Immediate complications")),
                             pick(rng, ("None", "Nil", "none recorded", "No"))))
    audit = (furniture.audit_lines(rng, exam.kind, not exam.incomplete) if rng.random() < 0.45 else [])
    order = pick(rng, ((head, proc, indication, findings, outcome, audit), (head, indication, proc, findings, outcome,
                                                                            audit),
                       (head, findings, outcome, proc, indication, audit), (head, proc, audit, findings, indication,
                                                                            outcome)))
    lines = [line for block in order for line in block]
    lines += [furniture.signature(rng, who), *furniture.footer(rng)]
    return "\n".join(lines)


_KEYED = {"procedure", "endoscopist", "instrument", "sedation", "extent", "comfort", "indication", "therapy",
          "specimens", "diagnosis", "plan"}


def bcsp(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str, extras: list[str]) -> str:
    """A bowel cancer screening programme colonoscopy / flexi form with a lesion table."""
    if exam.kind == "ogd":
        return unit_form(rng, exam, patient, indications, negation, extras)
    who = pick(rng, ENDOSCOPISTS)
    lines = [pick(rng, ("NHS Bowel Cancer Screening Programme", "BOWEL CANCER SCREENING PROGRAMME - PROCEDURE REPORT",
                        "BCSP Screening Colonoscopy Report", "Bowel Screening Wales - Procedure record",
                        "Bowelscope / BCSP report")),
             f"Screening centre: {frames.hospital(rng)}",
             *frames.patient_block(rng, patient.age, patient.sex),
             f"Screening practitioner: {who}  (accredited screening {pick(rng, ('colonoscopist', 'endoscopist'))})",
             f"Procedure: {pick(rng, NAMES[exam.kind])}   Episode: {pick(rng, ('first', 'surveillance', 'FIT+'))}",
             f"Reason: {'; '.join(indications)}", f"SSP: {pick(rng, frames.SURNAMES)} (SSP)",
             f"Sedation: {sedation(rng, exam)}   Buscopan: {pick(rng, ('Yes', 'No', 'yes 20mg'))}",
             f"Extent: {extent_text(rng, exam)}   Caecal intubation: "
             f"{'Yes' if not exam.incomplete and exam.kind == 'colonoscopy' else 'No'}"]
    if exam.kind == "colonoscopy":
        lines.append(f"BBPS: R{exam.bbps[0]} T{exam.bbps[1]} L{exam.bbps[2]} = {sum(exam.bbps)}   "
                     f"Prep: {pick(rng, PREP)}")
    lines.append(f"Comfort: {_comfort(rng)}   Rectal retroversion: {pick(rng, ('Yes', 'yes', 'Not possible'))}")
    lesions = [s for s in exam.seen]
    lines.append(pick(rng, ("Lesions:", "Polyps / lesions:", "LESION DETAILS:")) if lesions else
                 pick(rng, ("Lesions: none", "No polyps or lesions seen.", "Polyps: 0")))
    for i, s in enumerate(lesions, 1):
        removal = therapy_name(rng, s.therapy) if s.therapy else ""
        lines.append(f"  {i}. {pick(rng, s.site.names)} | {finding_text(rng, s)}" +
                     (f" | Removal: {removal} | Retrieved: {pick(rng, ('Y', 'Yes', 'yes'))}" if removal else ""))
    if negation:
        lines.append(negation)
    lines += [f"{section(rng, 'diagnosis')}: {impression(rng, exam)}", f"{section(rng, 'plan')}: {plan(rng, exam)}",
              *extras, frames.signature(rng, who), *frames.footer(rng)]
    return "\n".join(lines)


def dictation(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str,
              extras: list[str]) -> str:
    """Free-text dictation in one of several orders (findings first, indication first, narrative)."""
    name = pick(rng, NAMES[exam.kind])
    who = f"{patient.age}-year-old {pick(rng, ('man', 'gentleman', 'male')) if patient.sex == '1' else pick(rng, ('woman', 'lady', 'female'))}"
    why = pick(rng, ("This {w} was referred with {i}.", "The indication was {i}.", "Referred for {i}.",
                     "{n} requested because of {i}.", "{w}, referred by the GP with {i}.",
                     "Indication: {i}.")).format(w=who, i=join_list(indications), n=name)
    how = " ".join(p for p in (
        pick(rng, ("Sedation: {s}. The scope was passed", "{s}. The endoscope was introduced",
                   "Sedation/analgesia - {s}. The instrument was inserted", "{s}. The scope was advanced")).format(
            s=sedation(rng, exam))
        + pick(rng, (" to the {e}.", " and advanced to the {e}.", ", reaching the {e}.")).format(e=extent_text(
            rng, exam)),
        pick(rng, ("", "Views were good.", "The examination was straightforward.", "Insertion was uneventful.")),
        procedure_notes(rng, exam, 3),
        f"Bowel preparation scored BBPS {sum(exam.bbps)}." if exam.kind == "colonoscopy" else ""
    ) if p)
    found = [finding_text(rng, s) for s in exam.seen]
    what = (pick(rng, ("The findings were as follows: ", "I found ", "There was ", "We saw ", "Findings: ",
                       "On withdrawal there was ")) + "; ".join(found) + "." if found else
            pick(rng, ("The examination was entirely normal.", "No abnormality was identified.",
                       "Mucosa was normal throughout.", "I could find nothing to account for the symptoms.")))
    if negation:
        what += " " + negation
    end = " ".join((f"{pick(rng, ('In summary', 'In conclusion', 'Conclusion', 'Impression', 'To summarise'))}: "
                    f"{impression(rng, exam)}.", f"{section(rng, 'plan')}: {plan(rng, exam)}", pick(rng, RECOVERY)))
    order = pick(rng, ((why, how, what, end), (what, why, how, end), (f"{name}.", why, how, what, end),
                       (f"{name} report.", what, end, why, how)))
    paragraphs = [p for p in order if p] + ([" ".join(extras)] if extras else [])
    sign = pick(rng, ("Dictated by {w}", "{w}", "Dictated but not read - {w}", "Dict. {w}, typed {d}")).format(
        w=pick(rng, ENDOSCOPISTS), d=frames.date(rng))
    return pick(rng, ("\n\n", "\n", " ")).join([*paragraphs, sign])


def terse(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str, extras: list[str]) -> str:
    """A one-line note ('OGD (LA spray) to D2: HH 3cm; gastritis, CLO + Bx. Imp: ... Plan: ...')."""
    found = [finding_text(rng, s) for s in exam.seen]
    body = "; ".join(found) if found else pick(rng, ("NAD", "normal", "nil abnormal", "NAD throughout", "normal study"))
    ind = ", ".join(indications)
    line = (pick(rng, NAMES[exam.kind]) + pick(rng, (f" for {ind}", f" - {ind}", f" (ind: {ind})", f". Ind {ind}"))
            + f". {sedation(rng, exam)}. To {extent_text(rng, exam)}: {body}."
            + (f" {negation}" if negation else "")
            + f" {pick(rng, ('Imp', 'Dx', 'Impression', '=>', 'Conc'))}: {impression(rng, exam)}. "
            + f"{pick(rng, ('Plan', 'P', 'Rx', 'Next'))}: {plan(rng, exam)}")
    return line + (" " + " ".join(extras) if extras else "")


def bullets(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str,
            extras: list[str]) -> str:
    """A telegraphic bulleted list."""
    b = bullet(rng)
    lines = [f"{pick(rng, NAMES[exam.kind]).upper()} {frames.date(rng)}",
             f"{b}{pick(rng, ('Ind', 'Indication', 'Why', 'Reason'))}: {', '.join(indications)}",
             f"{b}{pick(rng, ('Sed', 'Sedation', 'Drugs'))}: {sedation(rng, exam)}",
             f"{b}{pick(rng, ('Extent', 'To', 'Reached'))}: {extent_text(rng, exam)}"]
    for seg, text in segments(rng, exam):
        lines.append(f"{b}{pick(rng, SEGMENT_LABELS[seg]) + ': ' if seg else ''}{text}")
    if not exam.seen and exam.kind != "ogd":
        lines.append(f"{b}{pick(rng, ('NAD', 'Normal mucosa', 'No polyps, no colitis', 'normal'))}")
    if negation:
        lines.append(f"{b}{negation}")
    lines += [f"{b}{pick(rng, ('Imp', 'Dx', 'Summary', 'Conclusion', 'Outcome'))}: {impression(rng, exam)}",
              f"{b}{pick(rng, ('Plan', 'F/U', 'Action'))}: {plan(rng, exam)}"]
    lines += [f"{b}{e}" for e in extras]
    if rng.random() < 0.5:
        lines.append(pick(rng, ENDOSCOPISTS))
    return "\n".join(lines)


def clinic_letter(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str,
                  extras: list[str]) -> str:
    """The clinic letter after the test: letterhead, diagnosis block first, then the narrative."""
    name = pick(rng, NAMES[exam.kind]).lower().replace("ogd", "gastroscopy").replace("fs", "flexible sigmoidoscopy")
    to_patient = rng.random() < 0.35
    patient_name = frames.patient_name(rng, patient.sex)
    found = [finding_text(rng, s) for s in exam.seen]
    you = "you" if to_patient else ("him" if patient.sex == "1" else "her")
    lines = [*frames.header(rng), f"Clinic date: {frames.date(rng)}",
             f"Re: {patient_name}, {patient.age} years, NHS No {frames.nhs_number(rng)}",
             f"{pick(rng, ('Diagnosis', 'Diagnoses', 'Problems', 'Summary'))}:",
             f"1. {impression(rng, exam)}", *[f"{n}. {e}" for n, e in enumerate(extras, 2)],
             f"{pick(rng, ('Plan', 'Actions', 'Outcome'))}: {plan(rng, exam)}", "",
             f"Dear {patient_name.split()[0] + ' ' + patient_name.split()[-1] if to_patient else 'Dr ' + pick(rng, frames.SURNAMES)},",
             pick(rng, ("I reviewed {y} in clinic today following the {n} for {i}.",
                        "I saw {y} today to go through the {n}, which was done for {i}.",
                        "Thank you for the referral. The {n} was arranged for {i}.")).format(
                 y=you, n=name, i=join_list(indications)),
             f"The {name} ({sedation(rng, exam)}) reached the {extent_text(rng, exam)}. " +
             ("It showed " + "; ".join(found) + "." if found else
              pick(rng, ("It was normal.", "Reassuringly it was normal.", "Nothing abnormal was found."))) +
             (f" {negation}" if negation else ""),
             pick(rng, ("I have explained the findings.", "We discussed the results at length.",
                        "I will write again with any histology.", "")),
             pick(rng, ("Yours sincerely,", "Kind regards,", "With best wishes,")),
             f"{pick(rng, ENDOSCOPISTS)}, {pick(rng, GRADES)}", *frames.footer(rng)]
    return "\n".join(line for line in lines if line is not None)


def _comfort(rng: random.Random) -> str:
    return pick(rng, ("1 - comfortable", "2 - minimal", "3 - mild", "Gloucester 2", "2/5", "1", "comfortable",
                      "mild discomfort (3)", "4 - moderate", "Patient 2 / Nurse 2"))


LAYOUTS = {"unit_form": unit_form, "bcsp": bcsp, "dictation": dictation, "terse": terse, "bullets": bullets,
           "clinic_letter": clinic_letter}
