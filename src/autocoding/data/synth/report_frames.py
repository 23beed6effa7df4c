"""What surrounds a clinical document in a trust's systems and carries no clinical content: letterheads, locked-report
headers, patient blocks with made-up identifiers, e-signature lines, page footers, disclaimers and copy lists.

Every hospital, unit and person here is invented; NHS numbers use the 999 prefix the NHS reserves for test data.
A model must learn to read past all of it (none of it changes a code).
"""

from __future__ import annotations

import random

from .text import pick

HOSPITALS = ("Royal Wessex Infirmary", "St Aldhelm's Hospital", "Northgate General Hospital",
             "Severnside University Hospital", "Kingsmere District General Hospital", "Queen Adelaide Hospital",
             "Pennine Vale Hospital", "Castlebrook Community Hospital", "Thamesreach University Hospital",
             "Marshfield Royal Hospital", "West Downs Treatment Centre", "Holloway Bridge Hospital",
             "Ysbyty Glan Teifi", "Larchfield General", "Royal Cheviot Infirmary", "Bramley Moor Hospital")
TRUSTS = ("NHS Foundation Trust", "University Hospitals NHS Trust", "NHS Trust", "Health Board",
          "Hospitals NHS Foundation Trust", "Teaching Hospitals NHS Trust")
UNITS = ("Endoscopy Unit", "Gastroenterology Day Unit", "Endoscopy Suite, Level 2", "Day Case Endoscopy",
         "Treatment Centre Endoscopy", "Digestive Diseases Unit", "GI Investigations Unit", "Endoscopy Department",
         "Bowel Cancer Screening Centre", "Short Stay Endoscopy Unit")
SURNAMES = ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
            "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
            "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
            "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
            "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
            "Begum", "Hussain", "Ali", "Khan", "Singh", "Kaur", "Nowak", "Murphy", "O'Neill", "Campbell", "Stewart")
GP_PRACTICES = ("The Elms Surgery", "Riverside Medical Practice", "Castle Street Health Centre", "Park View Surgery",
                "Abbey Medical Group", "Meadowbank Practice", "High Street Surgery", "Orchard House Medical Centre",
                "Northfield Health Centre", "Church Lane Surgery")
DISCLAIMERS = (
    "CONFIDENTIAL: this document contains patient identifiable information.",
    "If you have received this document in error please notify the sender and destroy it.",
    "This report has been electronically verified and does not require a signature.",
    "This is a computer generated report. Please check the patient details are correct.",
    "Data from this procedure is submitted to the National Endoscopy Database (NED).",
    "Printed copies are uncontrolled. The electronic record is the master copy.",
    "Please do not reply to this address; contact the unit on the number above.",
    "Patients can access this letter through the NHS App.",
    "This letter has been copied to the patient in line with good practice guidance.",
    "Not to be used for any purpose other than the care of this patient.",
    "The unit is JAG accredited. Feedback welcome via PALS.",
)
COPIES = ("cc: GP; patient", "Copies: GP, Patient, Notes", "cc Referring clinician", "Copy to: patient (hand given)",
          "Distribution: GP, consultant, case notes", "cc: IBD nurse specialists", "cc: Upper GI CNS",
          "cc: Colorectal CNS", "cc: Bowel Cancer Screening Centre")


def hospital(rng: random.Random) -> str:
    return pick(rng, HOSPITALS)


def patient_name(rng: random.Random, sex: str) -> str:
    title = pick(rng, ("Mr", "Mr") if sex == "1" else ("Mrs", "Ms", "Miss", "Mrs"))
    return f"{title} {pick(rng, 'ABCDEFGHJKLMNPRSTW')} {pick(rng, SURNAMES)}"


def nhs_number(rng: random.Random) -> str:
    return f"999 {int(rng.random() * 900) + 100} {int(rng.random() * 9000) + 1000}"


def hospital_number(rng: random.Random) -> str:
    return pick(rng, ("RX", "K", "H", "M", "RWX", "")) + str(int(rng.random() * 9_000_000) + 1_000_000)


def date(rng: random.Random) -> str:
    day, month = 1 + int(rng.random() * 28), 1 + int(rng.random() * 12)
    return pick(rng, ("{d:02d}/{m:02d}/2025", "{d}/{m}/25", "{d:02d}-{m:02d}-2025", "{d} {mon} 2025",
                      "{d:02d}.{m:02d}.2025")).format(d=day, m=month, mon="JanFebMarAprMayJunJulAugSepOctNovDec"
                                                      [3 * month - 3: 3 * month])


def time(rng: random.Random) -> str:
    return f"{8 + int(rng.random() * 10):02d}:{int(rng.random() * 60):02d}"


def patient_block(rng: random.Random, age: int, sex: str) -> list[str]:
    """The identifying lines of an exported report (made up; carry no clinical content)."""
    name = patient_name(rng, sex)
    gender = ("Male" if sex == "1" else "Female") if rng.random() < 0.5 else ("M" if sex == "1" else "F")
    forms = (
        [f"Patient: {name.upper()}", f"Hosp No: {hospital_number(rng)}   NHS No: {nhs_number(rng)}",
         f"Age: {age}   Sex: {gender}"],
        [f"Name: {name}   DOB: {date(rng)[:-4]}{2025 - age}   ({age}y)", f"MRN {hospital_number(rng)}"],
        [f"{name.upper()} | {gender} | {age} yrs | NHS {nhs_number(rng)}"],
        [f"Patient name: {name}", f"NHS number: {nhs_number(rng)}", f"Hospital number: {hospital_number(rng)}",
         f"Gender: {gender}   Age at procedure: {age}"],
        [f"PATIENT DETAILS  {name}  {age}{gender[0]}  ID {hospital_number(rng)}"],
    )
    return pick(rng, forms)


def header(rng: random.Random) -> list[str]:
    h = hospital(rng)
    forms = (
        [f"{h} {pick(rng, TRUSTS)}", pick(rng, UNITS)],
        [f"{pick(rng, UNITS).upper()} - {h.upper()}"],
        [h, f"{pick(rng, UNITS)}  Tel: 01{int(rng.random() * 900) + 100} {int(rng.random() * 900000) + 100000}"],
        [f"*** {pick(rng, ('FINAL REPORT', 'LOCKED REPORT', 'REPORT - VALIDATED', 'AUTHORISED'))} ***", h],
        [f"{h} | {pick(rng, UNITS)} | Procedure report"],
    )
    return pick(rng, forms)


def signature(rng: random.Random, who: str) -> str:
    return pick(rng, ("Electronically signed by {w} on {d} at {t}", "Report locked by {w} {d} {t}",
                      "Signed: {w}", "Authorised electronically: {w} ({d})", "e-signed {w} {d} {t}",
                      "Verified by {w} - {d}", "{w}", "Report completed by {w} at {t}")).format(
        w=who, d=date(rng), t=time(rng))


def footer(rng: random.Random) -> list[str]:
    lines = []
    if rng.random() < 0.5:
        lines.append(pick(rng, COPIES))
    if rng.random() < 0.5:
        lines.append(pick(rng, DISCLAIMERS))
    if rng.random() < 0.5:
        lines.append(pick(rng, ("Page 1 of 1", "Page 1 of 1", "- 1 -", "Page 1/1", "p. 1 of 1")) +
                     pick(rng, ("", f"   Printed {date(rng)} {time(rng)}", f"   Report ID {int(rng.random() * 1e6):06d}",
                                "   Version 1 (final)")))
    return lines
