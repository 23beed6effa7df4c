"""Endoscopy reports in many house styles, rendered from one examination; the dispatcher and the first four styles.

- 'ned': structured reporting-system output (JAG / NED fields: indications, sedation, extent, BBPS, comfort,
  findings per segment, diagnosis, therapy, specimens, plan);
- 'consultant': free-text prose;
- 'registrar': terse shorthand ('Oes - NAD. D2 - bx x4. Imp: ...');
- 'gp_letter': the report as a letter to the GP;
- and the styles of `endoscopy_layouts` (unit-system exports, BCSP forms, dictation, one-line notes, bulleted
  lists, clinic letters).
The words come from `endoscopy_wording` (tables of alternatives, `endoscopy_lexicon` synonyms and measurement
forms); the page furniture from `report_frames`; spacing / case / wrap / typo noise from `report_noise`. The text
carries the evidence for every true code (the finding phrase, the therapy, the specimen and its site, the extent)
and also the traps real reports hold: negations ('no Barrett's'), queries in the impression, uncoded past history.
"""

from __future__ import annotations

import random

from . import endoscopy_furniture as furniture
from . import report_frames as frames
from .endoscopy_layouts import LAYOUTS
from .endoscopy_lexicon import negation_sentence, section, shorthand
from .endoscopy_normal_forms import completion, normal_study
from .endoscopy_outcome_fields import specimens, therapies
from .endoscopy_wording import (
    COMFORT,
    CONSENT,
    ENDOSCOPISTS,
    GRADES,
    HISTORY,
    NAMES,
    POSITION,
    PREP,
    RECOVERY,
    REFERRERS,
    SCOPES,
    SEGMENT_LABELS,
    SIGN_OFF,
    extent_text,
    finding_text,
    impression,
    plan,
    procedure_notes,
    sedation,
    segments,
)
from .model import ExamResult, Patient
from .report_noise import noise
from .text import join_list, pick

__all__ = ["ENDOSCOPISTS", "NEGATIONS_LOWER", "NEGATIONS_UPPER", "STYLE_NAMES", "render"]

# (sentence, code a careless coder would take from it, findings it would contradict)
_BARRETTS = {"barretts_new", "barretts_known", "barretts_nodule", "barretts_rfa"}
_VARICES = {"varices", "gastric_varices", "bleeding_varices"}
_ULCERS = {"gastric_ulcer", "duodenal_ulcer", "bleeding_du", "bleeding_gu", "gastric_tumour", "oes_tumour", "oes_ulcer"}
_COLITIS = {"proctitis", "left_colitis", "ibd_known", "cdiff", "crohns_ti", "pancolitis", "rectosigmoiditis",
            "crohns_colitis", "infective_colitis", "ischaemic", "radiation_proctitis", "ileal_ulcers"}
NEGATIONS_UPPER = (("Barrett's", "K22.7", _BARRETTS), ("Barrett's oesophagus", "K22.7", _BARRETTS),
                   ("varices", "I85.9", _VARICES), ("oesophageal varices", "I85.9", _VARICES),
                   ("oesophagitis", "K21.0", {"reflux_oesophagitis", "eoe_visible", "candida", "oes_ulcer"}),
                   ("peptic ulcer", "K27.9", _ULCERS),
                   ("ulceration", "K25.9", {"gastric_ulcer", "duodenal_ulcer", "bleeding_du", "gastric_tumour",
                                            "oes_tumour"}),
                   ("hiatus hernia", "K44.9", {"hiatus_hernia"}))
NEGATIONS_LOWER = (("polyps", "K63.5", {"polyp"}),
                   ("colitis", "K52.9", {"proctitis", "left_colitis", "ibd_known", "cdiff", "crohns_ti"}),
                   ("diverticular disease", "K57.3", {"diverticula"}),
                   ("mass lesion", "C18.9", {"cancer"}),
                   ("IBD", "K51.9", {"proctitis", "left_colitis", "ibd_known", "crohns_ti"}),
                   ("polyp", "K63.5", {"polyp", "lst", "fap_polyps", "anal_polyp"}),
                   ("diverticula", "K57.3", {"diverticula"}), ("inflammation", "K52.9", _COLITIS),
                   ("malignant-looking lesion", "C18.9", {"cancer", "colon_stent", "rectal_net", "anal_cancer"}))
def render(rng: random.Random, exam: ExamResult, patient: Patient, indications: list[str], style: str,
           extras: list[str], distractors: list[str]) -> str:
    """The report for one examination in one house style. `extras`: comorbidity / history sentences."""
    negation = ""
    if rng.random() < 0.35:
        pool = NEGATIONS_UPPER if exam.kind == "ogd" else NEGATIONS_LOWER
        term, code, conflicts = pool[int(rng.random() * len(pool))]
        if not conflicts & {s.finding.key for s in exam.seen}:
            negation, _ = negation_sentence(rng, term), distractors.append(code)
    if style in LAYOUTS:
        body = LAYOUTS[style](rng, exam, patient, indications, negation, extras)
    else:
        body = _STYLES[style](rng, exam, patient, indications, negation)
        if extras:
            body += "\n" + " ".join(extras) if style != "registrar" else " " + " ".join(extras)
        if style == "consultant" and rng.random() < 0.3:   # an EPR letterhead and footer around the prose
            body = "\n".join([*frames.header(rng), body, *frames.footer(rng)])
    if style in ("registrar", "terse", "bullets") and rng.random() < 0.6:
        body = shorthand(rng, body, pick(rng, (0.3, 0.5, 0.8)))
    return noise(rng, body, 0.01 if style in ("registrar", "terse", "bullets") else 0.006,
                 case=style not in ("gp_letter", "clinic_letter"))


def _ned(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    sep = pick(rng, (": ", ": ", " - ", ":  "))

    def field(key: str, value: str) -> str:
        return f"{section(rng, key) if key.islower() else key}{sep}{value}"

    lines = [pick(rng, ("ENDOSCOPY REPORT", "Endoscopy Unit - Procedure Report", "GI Endoscopy Report",
                        "Procedure Report", "ENDOSCOPY PROCEDURE RECORD", "Report of endoscopic procedure")),
             f"Patient: {patient.age}{'M' if patient.sex == '1' else 'F'}   Referrer: "
             f"{pick(rng, REFERRERS['upper' if exam.kind == 'ogd' else 'lower'])}",
             field("procedure", pick(rng, NAMES[exam.kind])) + "   " + field("instrument", pick(
                 rng, SCOPES[exam.kind != 'ogd'])),
             field("endoscopist", f"{pick(rng, ENDOSCOPISTS)} ({pick(rng, GRADES)})"),
             field("indication", "; ".join(indications)), field("sedation", sedation(rng, exam)),
             field("extent", extent_text(rng, exam))]
    if exam.kind != "ogd":
        lines.append(f"Bowel prep: {pick(rng, PREP)}. BBPS {'-'.join(map(str, exam.bbps))} ({sum(exam.bbps)})"
                     if exam.kind == "colonoscopy" else "Bowel prep: phosphate enema, adequate")
    lines.append(field("comfort", pick(rng, COMFORT)) + f"   ASA: {pick(rng, ('I', 'II', 'II', 'III', '2', '1'))}")
    lines.append(f"Duration: {8 + int(rng.random() * 25)} min   Images: {4 + int(rng.random() * 16)}   "
                 f"Adverse events: {pick(rng, ('none', 'nil', 'none', 'transient desaturation, resolved'))}")
    if exam.kind == "colonoscopy" and not exam.incomplete:
        lines.append(f"Withdrawal time: {6 + int(rng.random() * 12)} min. Rectal retroflexion: "
                     f"{pick(rng, ('yes', 'Yes', 'performed', 'not possible'))}")
    consent = pick(rng, CONSENT)
    if consent:
        lines.append(f"Consent: {consent}")
    segs = segments(rng, exam)
    lines.append(section(rng, "findings") + ":")
    indent = pick(rng, ("  ", "", "    ", " "))
    lines += [f"{indent}{pick(rng, SEGMENT_LABELS[seg])}: {text}" if seg else f"{indent}- {text}"
              for seg, text in segs]
    if not segs:
        composed = normal_study(rng, exam) if rng.random() < 0.5 else None
        lines.append(f"{indent}{composed}." if composed else
                     f"{indent}Normal {'colon' if exam.kind != 'ogd' else 'study'} to the {extent_text(rng, exam)}.")
    if negation:
        lines.append(indent + negation)
    lines.append(field("therapy", "; ".join(therapies(rng, exam)) or pick(rng, ("None", "Nil", "None performed"))))
    lines.append(field("specimens", "; ".join(specimens(rng, exam)) or pick(rng, ("None taken", "None", "Nil"))))
    tail = [field("diagnosis", impression(rng, exam)), field("plan", plan(rng, exam)),
            f"Post procedure: {pick(rng, RECOVERY) or 'routine observations'}"]
    if rng.random() < 0.35:                      # the unit's audit lines, the e-signature and the page footer
        tail += [*furniture.audit_lines(rng, exam.kind, not exam.incomplete), furniture.signature(
            rng, pick(rng, ENDOSCOPISTS)), *furniture.footer(rng)]
    return "\n".join(lines + tail)


def _consultant(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    who = ("man", "gentleman") if patient.sex == "1" else ("woman", "lady")
    name = pick(rng, NAMES[exam.kind])
    parts = [f"{name}. This {patient.age} year old {pick(rng, who)} was referred with {join_list(indications)}.",
             pick(rng, HISTORY).format(m=2 + int(rng.random() * 10)), pick(rng, CONSENT),
             f"Sedation: {sedation(rng, exam)}." if rng.random() < 0.6 else "", pick(rng, POSITION),
             procedure_notes(rng, exam),
             f"The scope was passed to the {extent_text(rng, exam).replace('TI (intubated)', 'terminal ileum')}" +
             ("" if exam.incomplete else pick(rng, (" without difficulty.", ".", " with ease.")))]
    if exam.incomplete:
        parts[-1] += pick(rng, (". CT colonography requested to complete.", ". Will arrange CTC.", "."))
    if exam.kind == "colonoscopy":
        parts.append(f"Bowel preparation {'was good' if sum(exam.bbps) >= 7 else 'was suboptimal'} "
                     f"(BBPS {sum(exam.bbps)}).")
        if rng.random() < 0.35:
            parts.append(completion(rng, exam))
    findings = [finding_text(rng, s) for s in exam.seen]
    if findings:
        parts.append(pick(rng, ("Findings: ", "There was ", "I found ")) + "; ".join(findings) + ".")
    else:
        composed = normal_study(rng, exam) if rng.random() < 0.4 else None
        parts.append(f"{composed}." if composed else pick(rng, ("The examination was entirely normal.",
                                                                "Normal mucosa throughout.", "No abnormality was seen.")))
    if negation:
        parts.append(negation)
    parts.append(f"{section(rng, 'diagnosis')}: {impression(rng, exam)}.")
    parts.append(f"{section(rng, 'plan')}: {plan(rng, exam)}")
    parts.append(pick(rng, RECOVERY))
    parts.append(pick(rng, SIGN_OFF))
    return " ".join(p for p in parts if p)


def _registrar(rng, exam: ExamResult, patient: Patient, indications: list[str], negation: str) -> str:
    head = (f"{NAMES[exam.kind][0].upper()}. Ind: {', '.join(indications)}. {pick(rng, HISTORY).format(m=3)} "
            f"{sedation(rng, exam)}.")
    if exam.kind == "ogd":
        body = " ".join(f"{seg[:4] if seg != 'Duodenum' else 'D2'} - {text}."
                        for seg, text in segments(rng, exam, drop_normal=0.2))
    else:
        found = [finding_text(rng, s) for s in exam.seen]
        body = f"To {extent_text(rng, exam)}. " + ("; ".join(found) + "." if found else "NAD.")
    tail = f" {negation}" if negation else ""
    consent = pick(rng, ("Consent obtained.", "Consented, risks explained.", "WHO checklist done.", "")) + " " + pick(
        rng, POSITION)
    return (f"{head} {consent} {body}{tail} Imp: {impression(rng, exam)}. Plan: {plan(rng, exam)}"
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
        f"(sedation: {sedation(rng, exam)}), reaching the {extent_text(rng, exam)}.",
        f"{found} {negation}".strip(),
        f"{section(rng, 'diagnosis')}: {impression(rng, exam)}.",
        f"{section(rng, 'plan')}: {plan(rng, exam)}", pick(rng, RECOVERY),
        f"Yours sincerely,\n{pick(rng, ENDOSCOPISTS)}, {pick(rng, GRADES)}") if p)


_STYLES = {"ned": _ned, "consultant": _consultant, "registrar": _registrar, "gp_letter": _gp_letter}
STYLE_NAMES = (*_STYLES, *LAYOUTS)
