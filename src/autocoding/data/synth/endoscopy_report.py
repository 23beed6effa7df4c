"""Endoscopy reports in three house styles, and the histology report.

- 'ned': structured reporting-system output (JAG / NED fields: indications, sedation, extent, BBPS, comfort,
  findings per segment, diagnosis, therapy, specimens, plan);
- 'consultant': free-text prose;
- 'registrar': terse shorthand ('Oes - NAD. D2 - bx x4. Imp: ...').
The text carries the evidence for every true code (the finding phrase, the therapy, the specimen) and also the
traps real reports hold: negations ('no Barrett's'), queries in the impression, uncoded past history.
"""

from __future__ import annotations

import random

from .endoscopy_tables import THERAPY_PHRASES
from .model import ExamResult, Patient, Seen
from .text import join_list, negate, pick, sentence

ENDOSCOPISTS = ("Dr A Patel", "Dr R Jones", "Dr S Khan", "Dr H Evans", "Mr D Williams", "Dr C Morgan", "Sr L Davies",
                "Dr F Okafor", "Dr M Hughes", "Dr E Thomas", "Mr P Rees", "Dr J Lewis", "Dr N Ahmed", "Sr K Price")
GRADES = ("Consultant Gastroenterologist", "Nurse Endoscopist", "SpR", "Consultant Colorectal Surgeon",
          "Consultant", "Clinical Endoscopist", "ST5 Gastroenterology")
SEDATION = {"ogd": ("LA throat spray only", "Xylocaine spray", "Midazolam 2mg", "Unsedated", "No sedation - LA spray",
                    "Midazolam 1mg + LA spray", "LA spray"),
            "lower": ("Midazolam 2mg, Fentanyl 50mcg", "Entonox", "Midazolam 2.5mg, Fentanyl 50mcg", "Unsedated",
                      "Midazolam 1mg, Fentanyl 25mcg", "Entonox self-administered", "No sedation")}
_COMMON_REFERRERS = ("GP", "GP (2WW)", "Dr Roberts, gastro OPD", "Straight to test", "GP - routine")
REFERRERS = {"upper": _COMMON_REFERRERS + ("Upper GI clinic", "Hepatology clinic"),
             "lower": _COMMON_REFERRERS + ("Colorectal nurse clinic", "Bowel screening SSP", "IBD nurse")}
SCOPES = (("GIF-H290", "GIF-HQ190", "EG-760R", "Olympus GIF-1100"), ("CF-HQ190L", "PCF-H190DL", "EC-760R-V/L",
                                                                     "Olympus CF-H290I"))
HISTORY = ("Symptoms for {m} months.", "Seen in clinic {m} weeks ago.", "Referred by GP after {m} months of symptoms.",
           "Straight to test, triaged from referral letter.", "Blood tests from GP reviewed.", "")
POSITION = ("Left lateral position.", "Patient positioned left lateral, obs monitored throughout (SpO2 >94%).",
            "Good views throughout.", "Mucosa otherwise unremarkable.", "Careful inspection on withdrawal.", "")
SIGN_OFF = ("Report sent to GP.", "Copy to referrer.", "Dictated, not checked.", "", "")
CONSENT = ("Written consent obtained; risks of perforation, bleeding and missed lesions discussed.",
           "Consent form 1 signed after discussion of risks (bleeding, perforation, reaction to sedation).",
           "Informed consent taken. WHO checklist completed.", "Consented on the day. Obs stable pre-procedure.", "")
RECOVERY = ("Tolerated well. Observed in recovery and discharged home with escort.",
            "No complications; eat and drink as normal.",
            "Patient comfortable after the procedure. Advice leaflet given; to seek help if pain, fever or bleeding.",
            "Uneventful procedure. Discharged from the unit same day.", "No immediate complications.", "")
COMFORT = ("1 - comfortable", "2 - minimal discomfort", "3 - mild discomfort", "Gloucester 2", "2")
PREP = ("Plenvu", "Moviprep", "Picolax", "Klean-Prep")
NAMES = {"ogd": ("OGD", "Gastroscopy", "OGD"), "colonoscopy": ("Colonoscopy",), "flexi": ("Flexible sigmoidoscopy",
                                                                                          "Flexi sig")}
SEGMENTS = {"oesophagus": "Oesophagus", "goj": "GOJ", "stomach": "Stomach", "antrum": "Stomach",
            "duodenum": "Duodenum"}
NORMAL_UPPER = {"Oesophagus": ("normal", "NAD", "normal mucosa", "normal, no Barrett's"),
                "GOJ": ("at {gj}cm, regular Z-line", "{gj}cm, no hiatus hernia", "normal"),
                "Stomach": ("normal", "NAD", "normal on retroflexion", "normal, no ulcers"),
                "Duodenum": ("normal to D2", "NAD", "normal D1 and D2")}
# (sentence, code a careless coder would take from it, findings it would contradict)
NEGATIONS_UPPER = (("Barrett's", "K22.7", {"barretts_new", "barretts_known"}),
                   ("varices", "I85.9", {"varices"}),
                   ("ulceration", "K25.9", {"gastric_ulcer", "duodenal_ulcer", "bleeding_du", "gastric_tumour",
                                            "oes_tumour"}),
                   ("hiatus hernia", "K44.9", {"hiatus_hernia"}))
NEGATIONS_LOWER = (("polyps", "K63.5", {"polyp"}),
                   ("colitis", "K52.9", {"proctitis", "left_colitis", "ibd_known", "cdiff", "crohns_ti"}),
                   ("diverticular disease", "K57.3", {"diverticula"}),
                   ("mass lesion", "C18.9", {"cancer"}),
                   ("IBD", "K51.9", {"proctitis", "left_colitis", "ibd_known", "crohns_ti"}))
NO_SAMPLE_PLANS = ("Discharge to GP.", "Return to referring clinician.", "OPD follow up.", "No further action.",
                   "Continue PPI. GP to review.", "Results explained to patient.", "Follow up as planned.")
PLANS = {"upper": ("Await histology.", "PPI 6-8 weeks then review.", "Discharge to GP with results.",
                   "Await Bx. Stop NSAIDs.", "OPD follow up.", "Return to referring clinician."),
         "lower": ("Await histology.", "Surveillance per BSG 2020 guidance.", "Discharge to GP.", "OPD review.",
                   "Results letter to GP.", "No further endoscopy needed.")}


def finding_text(rng: random.Random, s: Seen) -> str:
    """'{mm}mm sessile polyp in the sigmoid, removed by cold snare and retrieved'."""
    params = dict(s.params, site=pick(rng, s.site.names))
    text = pick(rng, s.finding.phrases).format(**params)
    if s.therapy:
        text += ", " + pick(rng, THERAPY_PHRASES[s.therapy]).format(**params)
    elif s.sampled:
        text += pick(rng, (" - biopsied", ", Bx taken", ", biopsies taken", " (Bx)", ", CLO + Bx"
                           if s.finding.key == "gastritis" else ", biopsies"))
    for key in s.adjuncts:
        text += "; " + pick(rng, THERAPY_PHRASES[key]).format(**params)
    return text


def impression(rng: random.Random, exam: ExamResult, symptom: str) -> str:
    parts: list[str] = []
    done: set[str] = set()
    polyps = sum(s.finding.key == "polyp" for s in exam.seen)
    for s in exam.seen:
        if s.finding.key in done:
            continue
        done.add(s.finding.key)
        if s.finding.key == "polyp" and polyps > 1:
            parts.append(pick(rng, (f"{polyps} polyps", f"polyps x{polyps}", f"{polyps} colonic polyps removed")))
            continue
        parts.append(pick(rng, s.finding.impression).format(**dict(s.params, site=s.site.names[0])))
    if not parts:
        return pick(rng, ("Normal study", "Normal {x}", "NAD", "Normal {x} - symptoms unexplained",
                          "Normal examination")).format(x=NAMES[exam.kind][0])
    return join_list(parts)


def render(rng: random.Random, exam: ExamResult, patient: Patient, indications: list[str], style: str,
           extras: list[str], distractors: list[str]) -> str:
    """The report for one examination in one house style. `extras`: comorbidity / history sentences."""
    negation = ""
    if rng.random() < 0.35:
        pool = NEGATIONS_UPPER if exam.kind == "ogd" else NEGATIONS_LOWER
        term, code, conflicts = pool[int(rng.random() * len(pool))]
        if not conflicts & {s.finding.key for s in exam.seen}:
            negation, _ = sentence(negate(rng, term)), distractors.append(code)
    body = {"ned": _ned, "consultant": _consultant, "registrar": _registrar, "gp_letter": _gp_letter}[style](
        rng, exam, patient, indications, negation)
    if extras:
        body += "\n" + " ".join(extras) if style != "registrar" else " " + " ".join(extras)
    return body


def _segments(rng: random.Random, exam: ExamResult) -> list[tuple[str, str]]:
    if exam.kind != "ogd":
        return [("", finding_text(rng, s)) for s in exam.seen]
    by_segment: dict[str, list[str]] = {k: [] for k in NORMAL_UPPER}
    for s in exam.seen:
        by_segment[SEGMENTS[s.site.key]].append(finding_text(rng, s))
    gj = 36 + int(rng.random() * 6)
    return [(seg, "; ".join(texts) if texts else pick(rng, NORMAL_UPPER[seg]).format(gj=gj))
            for seg, texts in by_segment.items()]


def _extent_text(rng: random.Random, exam: ExamResult) -> str:
    if exam.kind == "ogd":
        return pick(rng, ("D2", "D2", "second part of duodenum", "D3"))
    name = exam.extent.names[0] if exam.extent else "caecum"
    if exam.incomplete:
        return f"{name} - incomplete ({exam.incomplete})"
    if exam.ti:
        return pick(rng, ("TI (intubated)", "terminal ileum", "caecum + TI"))
    if exam.extent is not None and exam.extent.key == "caecum":
        return pick(rng, (name, f"{name} (AO and ICV seen)", f"{name}, photo-documented"))
    return name


def _ned(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    lines = [pick(rng, ("ENDOSCOPY REPORT", "Endoscopy Unit - Procedure Report", "GI Endoscopy Report")),
             f"Patient: {patient.age}{'M' if patient.sex == '1' else 'F'}   Referrer: "
             f"{pick(rng, REFERRERS['upper' if exam.kind == 'ogd' else 'lower'])}",
             f"Procedure: {pick(rng, NAMES[exam.kind])}   Instrument: {pick(rng, SCOPES[exam.kind != 'ogd'])}",
             f"Endoscopist: {pick(rng, ENDOSCOPISTS)} ({pick(rng, GRADES)})",
             f"Indications: {'; '.join(indications)}",
             f"Sedation: {_sedation(rng, exam)}", f"Extent: {_extent_text(rng, exam)}"]
    if exam.kind != "ogd":
        lines.append(f"Bowel prep: {pick(rng, PREP)}. BBPS {'-'.join(map(str, exam.bbps))} ({sum(exam.bbps)})"
                     if exam.kind == "colonoscopy" else "Bowel prep: phosphate enema, adequate")
    lines.append(f"Comfort: {pick(rng, COMFORT)}   ASA: {pick(rng, ('I', 'II', 'II', 'III'))}")
    lines.append(f"Duration: {8 + int(rng.random() * 25)} min   Images: {4 + int(rng.random() * 16)}   "
                 f"Adverse events: {pick(rng, ('none', 'nil', 'none', 'transient desaturation, resolved'))}")
    if exam.kind == "colonoscopy" and not exam.incomplete:
        lines.append(f"Withdrawal time: {6 + int(rng.random() * 12)} min. Rectal retroflexion: yes")
    consent = pick(rng, CONSENT)
    if consent:
        lines.append(f"Consent: {consent}")
    segs = _segments(rng, exam)
    lines.append("Findings:")
    lines += [f"  {seg}: {text}" if seg else f"  - {text}" for seg, text in segs] or ["  Normal examination."]
    if not segs:
        lines[-1] = f"  Normal {'colon' if exam.kind != 'ogd' else 'study'} to the {_extent_text(rng, exam)}."
    if negation:
        lines.append("  " + negation)
    therapies = [s.finding.key.replace("_", " ") + ": " + s.therapy.replace("_", " ") for s in exam.seen if s.therapy]
    lines.append(f"Therapeutic: {'; '.join(therapies) if therapies else 'None'}")
    specimens = [s.site.names[0] for s in exam.seen if s.sampled]
    lines.append(f"Specimens: {', '.join(specimens) + ' - histology' if specimens else 'None taken'}")
    lines.append(f"Diagnosis: {impression(rng, exam, indications[0])}")
    lines.append(f"Plan: {_plan(rng, exam)}")
    lines.append(f"Post procedure: {pick(rng, RECOVERY) or 'routine observations'}")
    return "\n".join(lines)


def _consultant(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    who = ("man", "gentleman") if patient.sex == "1" else ("woman", "lady")
    name = pick(rng, NAMES[exam.kind])
    parts = [f"{name}. This {patient.age} year old {pick(rng, who)} was referred with {join_list(indications)}.",
             pick(rng, HISTORY).format(m=2 + int(rng.random() * 10)), pick(rng, CONSENT),
             f"Sedation: {_sedation(rng, exam)}." if rng.random() < 0.6 else "", pick(rng, POSITION),
             f"The scope was passed to the {_extent_text(rng, exam).replace('TI (intubated)', 'terminal ileum')}" +
             ("" if exam.incomplete else pick(rng, (" without difficulty.", ".", " with ease.")))]
    if exam.incomplete:
        parts[-1] += pick(rng, (". CT colonography requested to complete.", ". Will arrange CTC.", "."))
    if exam.kind == "colonoscopy":
        parts.append(f"Bowel preparation {'was good' if sum(exam.bbps) >= 7 else 'was suboptimal'} "
                     f"(BBPS {sum(exam.bbps)}).")
    findings = [finding_text(rng, s) for s in exam.seen]
    if findings:
        parts.append(pick(rng, ("Findings: ", "There was ", "I found ")) + "; ".join(findings) + ".")
    else:
        parts.append(pick(rng, ("The examination was entirely normal.", "Normal mucosa throughout.",
                                "No abnormality was seen.")))
    if negation:
        parts.append(negation)
    parts.append(f"Impression: {impression(rng, exam, indications[0])}.")
    parts.append(f"Plan: {_plan(rng, exam)}")
    parts.append(pick(rng, RECOVERY))
    parts.append(pick(rng, SIGN_OFF))
    return " ".join(p for p in parts if p)


def _registrar(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    head = (f"{NAMES[exam.kind][0].upper()}. Ind: {', '.join(indications)}. {pick(rng, HISTORY).format(m=3)} "
            f"{_sedation(rng, exam)}.")
    if exam.kind == "ogd":
        body = " ".join(f"{seg[:4] if seg != 'Duodenum' else 'D2'} - {text}." for seg, text in _segments(rng, exam))
    else:
        found = [finding_text(rng, s) for s in exam.seen]
        body = f"To {_extent_text(rng, exam)}. " + ("; ".join(found) + "." if found else "NAD.")
    tail = f" {negation}" if negation else ""
    consent = pick(rng, ("Consent obtained.", "Consented, risks explained.", "WHO checklist done.", "")) + " " + pick(
        rng, POSITION)
    return (f"{head} {consent} {body}{tail} Imp: {impression(rng, exam, indications[0])}. Plan: {_plan(rng, exam)}"
            f" {pick(rng, RECOVERY)}")


def _gp_letter(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    """The report as a letter to the GP (many units send the report in this form)."""
    name = pick(rng, NAMES[exam.kind]).lower().replace("ogd", "gastroscopy")
    findings = [finding_text(rng, s) for s in exam.seen]
    found = ("This showed " + "; ".join(findings) + "." if findings
             else pick(rng, ("This was a normal examination.", "I am pleased to say this was normal.")))
    pronoun = "him" if patient.sex == "1" else "her"
    return "\n".join(p for p in (
        f"Dear {pick(rng, ('Dr Hughes', 'Dr Shah', 'Dr Ellis', 'Colleague'))},",
        f"Re: {patient.age} year old {'man' if patient.sex == '1' else 'woman'} - {name}",
        f"Thank you for referring {pronoun} with {join_list(indications)}. I performed a {name} today "
        f"(sedation: {_sedation(rng, exam)}), reaching the {_extent_text(rng, exam)}.",
        f"{found} {negation}".strip(),
        f"Diagnosis: {impression(rng, exam, indications[0])}.",
        f"Plan: {_plan(rng, exam)}", pick(rng, RECOVERY),
        f"Yours sincerely,\n{pick(rng, ENDOSCOPISTS)}, {pick(rng, GRADES)}") if p)


def _sedation(rng: random.Random, exam: ExamResult) -> str:
    return pick(rng, SEDATION["ogd" if exam.kind == "ogd" else "lower"])


def _plan(rng: random.Random, exam: ExamResult) -> str:
    plan = pick(rng, PLANS["upper" if exam.kind == "ogd" else "lower"])
    if not any(s.sampled for s in exam.seen):
        plan = pick(rng, NO_SAMPLE_PLANS) if exam.kind == "ogd" else pick(rng, NO_SAMPLE_PLANS[:4])
    if exam.incomplete:
        plan = pick(rng, ("CT colonography to complete. ", "CTC requested. ", "Repeat with extended prep. ")) + plan
    keys = {s.finding.key for s in exam.seen}
    if keys & {"cancer", "oes_tumour", "gastric_tumour"}:
        plan = "Urgent CT staging and MDT referral. " + plan
    if "varices" in keys:
        banded = any(s.therapy == "banding" for s in exam.seen)
        plan = ("Repeat banding 2-4 weeks. " if banded else "Carvedilol. Surveillance OGD 1 year. ") + plan
    return plan
