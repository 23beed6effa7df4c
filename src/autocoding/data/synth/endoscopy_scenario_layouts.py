"""ERCP, EUS and capsule endoscopy reports in several layouts, as UK units issue them.

- 'form': the short field list the generator always wrote (Procedure / Endoscopist / Indication / ... / Plan);
- 'unit_export': a reporting-system export with EPR header, patient label, fields (vendor-like separators and
  orders), screening dose or capsule transit, audit lines, e-signature and footer;
- 'dictation': free-text prose in one of several orders;
- 'terse': a one-line note or a telegraphic bullet list;
- 'letter': the letter to the GP or referring consultant (diagnosis block first, or narrative first).
The layout follows the episode's house style (`LAYOUT_BY_STYLE`: a structured style gives an export, a letter style a
letter, ...), so a `styles` setting shifts these reports too. The words come from the scenario tables and
`endoscopy_scenario_phrases` (findings, impressions, indications: each keeps the evidence of the scenario's codes)
or are composed from parts (`endoscopy_ercp_grammar`, `endoscopy_eus_grammar`, `endoscopy_scenario_indications`),
and `endoscopy_scenario_details` (scope, drugs, papilla, transit: none of it codable); the furniture from
`endoscopy_furniture`; the noise from `report_noise`.
"""

from __future__ import annotations

import random

from . import endoscopy_scenario_details as det
from . import report_frames as frames
from .endoscopy_ercp_grammar import GRAMMARS as ERCP_GRAMMARS
from .endoscopy_eus_grammar import capsule, conclusion, eus
from .endoscopy_furniture import audit_lines, footer, header, patient_label, signature
from .endoscopy_scenario_indications import indication as composed_indication
from .endoscopy_scenario_phrases import FINDINGS, IMPRESSIONS, INDICATIONS
from .endoscopy_scenarios import Scenario
from .endoscopy_wording import ENDOSCOPISTS
from .model import Patient
from .report_noise import bullet, noise
from .text import pick

SCENARIO_LAYOUTS = ("form", "unit_export", "dictation", "terse", "letter")
# house style of the episode -> (layout, weight) for an ERCP / EUS / capsule report
LAYOUT_BY_STYLE = {
    "ned": (("unit_export", 0.7), ("form", 0.3)), "unit_form": (("unit_export", 0.8), ("form", 0.2)),
    "bcsp": (("unit_export", 0.6), ("form", 0.4)), "consultant": (("dictation", 0.8), ("form", 0.2)),
    "dictation": (("dictation", 0.85), ("form", 0.15)), "registrar": (("terse", 0.75), ("form", 0.25)),
    "terse": (("terse", 0.85), ("form", 0.15)), "bullets": (("terse", 0.8), ("form", 0.2)),
    "gp_letter": (("letter", 0.9), ("form", 0.1)), "clinic_letter": (("letter", 0.9), ("form", 0.1)),
}
_SEPARATORS = (": ", ": ", " - ", " | ", "\t", ":  ", " .... ")


class _Words:
    """The words of one report, drawn once so every layout says the same thing."""

    def __init__(self, rng: random.Random, kind: str, scenario: Scenario, indication: str):
        key = f"{kind}:{scenario.key}"
        nums = dict(n=2 + int(rng.random() * 3), mm=8 + int(rng.random() * 10))
        self.kind, self.key = kind, scenario.key
        self.name = pick(rng, det.NAMES[kind])
        self.indication = indication
        composed = _composed(rng, kind, scenario.key) if rng.random() < COMPOSED_SHARE else None
        self.findings = (composed or _draw(rng, scenario.findings, FINDINGS.get(key, ()), 0.6)).format(**nums)
        concluded = conclusion(rng, key) if rng.random() < 0.45 else None
        self.impression = concluded or _draw(rng, scenario.impression, IMPRESSIONS.get(key, ()), 0.5)
        self.who = pick(rng, ENDOSCOPISTS)
        self.grade = pick(rng, det.GRADES[kind])
        self.scope = pick(rng, det.SCOPES[kind])
        self.sedation = det.sedation(rng, kind, frames.SURNAMES)
        self.details = det.details(rng, kind, scenario.key)
        self.plan = det.plan(rng, kind, scenario.key)
        self.screening = det.screening(rng) if kind == "ercp" else ""


COMPOSED_SHARE = 0.6     # how often the findings are composed from parts rather than drawn from the tables


def _composed(rng: random.Random, kind: str, key: str) -> str | None:
    if kind == "ercp":
        return ERCP_GRAMMARS[key](rng) if key in ERCP_GRAMMARS else None
    return eus(rng, key) if kind == "eus" else capsule(rng, key)


def indication_text(rng: random.Random, kind: str, scenario: Scenario) -> str:
    key = f"{kind}:{scenario.key}"
    composed = composed_indication(rng, key) if rng.random() < 0.4 else None
    return (composed or _draw(rng, scenario.indication, INDICATIONS.get(key, ()), 0.5)).format(
        n=2 + int(rng.random() * 4))


def render_scenario(rng: random.Random, kind: str, scenario: Scenario, patient: Patient, style: str,
                    layout: str = "") -> str:
    """The report of one ERCP / EUS / capsule scenario in the layout its house style leads to (or `layout`)."""
    if not layout:
        options = LAYOUT_BY_STYLE.get(style, (("form", 1.0),))
        r, layout = rng.random() * sum(w for _, w in options), options[-1][0]
        for name, w in options:
            if r < w:
                layout = name
                break
            r -= w
    words = _Words(rng, kind, scenario, indication_text(rng, kind, scenario))
    text = _LAYOUTS[layout](rng, words, patient)
    return noise(rng, text, 0.008 if layout == "terse" else 0.005, case=layout != "letter")


def _form(rng: random.Random, w: _Words, patient: Patient) -> str:
    if w.kind == "capsule":
        return (f"{w.name} report\nReferral: {w.indication}\nReader: {w.who}. {' '.join(w.details)}\n"
                f"Findings: {w.findings}\nConclusion: {w.impression}")
    lines = [f"Procedure: {w.name}", f"Endoscopist: {w.who}", f"Indication: {w.indication}",
             f"Sedation: {w.sedation}. {' '.join(w.details)}".rstrip(), f"Findings: {w.findings}",
             f"Impression: {w.impression}", f"Plan: {w.plan}"]
    return "\n".join(lines)


def _unit_export(rng: random.Random, w: _Words, patient: Patient) -> str:
    sep, upper = pick(rng, _SEPARATORS), rng.random() < 0.25

    def field(label: str, value: str) -> str:
        return f"{label.upper() if upper else label}{sep}{value}"

    head = [*header(rng), *patient_label(rng, patient.age, patient.sex),
            field(pick(rng, ("Date", "Procedure date", "Date of procedure")), f"{frames.date(rng)} {frames.time(rng)}")]
    proc = [field(pick(rng, ("Procedure", "Procedure performed", "Examination")), w.name),
            field(pick(rng, ("Endoscopist", "Operator", "Reader" if w.kind == "capsule" else "Lead endoscopist")),
                  f"{w.who} ({w.grade})"),
            field(pick(rng, ("Instrument", "Scope", "Device")) if w.kind != "capsule" else "Capsule", w.scope)]
    if w.kind != "capsule":
        proc.append(field(pick(rng, ("Sedation", "Sedation/analgesia", "Drugs")), w.sedation))
    if w.screening:
        proc.append(field(pick(rng, ("Fluoroscopy", "Radiation", "Screening")), w.screening))
    if w.details:
        proc.append(field(pick(rng, ("Technical notes", "Procedure notes", "Comments", "Details")),
                          " ".join(w.details)))
    ind = [field(pick(rng, ("Indication", "Indications", "Clinical details", "Reason for referral")), w.indication)]
    found = [f"{pick(rng, ('Findings', 'FINDINGS', 'Report', 'Procedure findings', 'Description'))}:", w.findings]
    if rng.random() < 0.4:
        found = [field(pick(rng, ("Findings", "Report")), w.findings)]
    out = [field(pick(rng, ("Diagnosis", "Impression", "Conclusion", "Endoscopic diagnosis", "Outcome")),
                 w.impression),
           field(pick(rng, ("Plan", "Recommendations", "Follow-up", "Management")), w.plan)]
    if rng.random() < 0.5:
        out.append(field(pick(rng, ("Adverse events", "Complications", "Immediate complications")),
                         pick(rng, ("None", "Nil", "none recorded", "No"))))
    audit = audit_lines(rng, w.kind) if w.kind != "capsule" and rng.random() < 0.6 else []
    order = pick(rng, ((head, proc, ind, found, out, audit), (head, ind, proc, found, out, audit),
                       (head, ind, found, out, proc, audit), (head, proc, audit, ind, found, out)))
    lines = [line for block in order for line in block]
    lines += [signature(rng, w.who), *footer(rng)]
    return "\n".join(lines)


def _dictation(rng: random.Random, w: _Words, patient: Patient) -> str:
    person = (f"{patient.age}-year-old " + (pick(rng, ("man", "gentleman", "male")) if patient.sex == "1"
                                             else pick(rng, ("woman", "lady", "female"))))
    why = pick(rng, ("This {p} was referred for {n} with {i}.", "{n}. Indication: {i}.", "{n} for {i}.",
                     "Thank you for asking me to do the {n} for this {p} with {i}.",
                     "{n} was requested because of {i}.")).format(p=person, n=w.name, i=w.indication)
    if w.kind == "capsule":
        how = pick(rng, ("The {s} capsule was swallowed in the unit. ", "Capsule ingested uneventfully. ", "")).format(
            s=w.scope) + " ".join(w.details)
    else:
        how = pick(rng, ("Under {s}, the {c} was passed to the duodenum.", "{s}. Scope ({c}) passed into D2.",
                         "After {s}, I passed the {c} without difficulty.")).format(s=w.sedation, c=w.scope)
        how += " " + " ".join(w.details)
    what = pick(rng, ("{f}", "Findings: {f}", "I found the following. {f}", "At the procedure: {f}")).format(
        f=w.findings)
    end = (f"{pick(rng, ('In summary', 'Conclusion', 'Impression', 'To summarise', 'Diagnosis'))}: {w.impression}. "
           f"{pick(rng, ('Plan', 'Recommendations', 'Next steps'))}: {w.plan}")
    order = pick(rng, ((why, how, what, end), (f"{w.name}.", why, how, what, end), (why, what, how, end),
                       (f"{w.name} report.", what, end, why)))
    sign = pick(rng, ("Dictated by {w}", "{w}", "Dictated but not read - {w}", "Dict. {w}, typed {d}")).format(
        w=w.who, d=frames.date(rng))
    return pick(rng, ("\n\n", "\n", " ")).join([*[p.strip() for p in order if p.strip()], sign])


def _terse(rng: random.Random, w: _Words, patient: Patient) -> str:
    if rng.random() < 0.5:
        b = bullet(rng)
        lines = [f"{w.name.upper()} {frames.date(rng)}",
                 f"{b}{pick(rng, ('Ind', 'Indication', 'Why'))}: {w.indication}",
                 *([f"{b}{pick(rng, ('Sed', 'Sedation', 'Drugs'))}: {w.sedation}"] if w.kind != "capsule" else []),
                 *[f"{b}{d}" for d in w.details[:2]],
                 *[f"{b}{s.strip(' .')}." for s in w.findings.split(". ") if s.strip(" .")],
                 f"{b}{pick(rng, ('Imp', 'Dx', 'Summary', 'Outcome'))}: {w.impression}",
                 f"{b}{pick(rng, ('Plan', 'F/U', 'Action'))}: {w.plan}"]
        return "\n".join(lines)
    return (f"{w.name} {pick(rng, ('for', '-', 'ind:', 're'))} {w.indication}. "
            + (f"{w.sedation}. " if w.kind != "capsule" else "") + f"{w.findings} "
            + f"{pick(rng, ('Imp', 'Dx', '=>', 'Conc'))}: {w.impression}. {pick(rng, ('Plan', 'P', 'Next'))}: {w.plan}"
            + (f" {pick(rng, ENDOSCOPISTS)}" if rng.random() < 0.4 else ""))


def _letter(rng: random.Random, w: _Words, patient: Patient) -> str:
    pronoun = "him" if patient.sex == "1" else "her"
    name = w.name if w.name.isupper() or w.name.startswith(("ERCP", "EUS", "SBCE")) else w.name[0].lower() + w.name[1:]
    to = pick(rng, ("Dr " + pick(rng, frames.SURNAMES), "Colleague", "Dr " + pick(rng, frames.SURNAMES) + " (GP)",
                    "Mr " + pick(rng, frames.SURNAMES)))
    head = [f"Dear {to},"] if rng.random() < 0.45 else [*header(rng), f"Date: {frames.date(rng)}", f"Dear {to},"]
    re_line = f"Re: {frames.patient_name(rng, patient.sex)}, {patient.age} years, NHS No {frames.nhs_number(rng)}"
    diagnosis = [f"{pick(rng, ('Diagnosis', 'Procedure outcome', 'Summary'))}: {w.impression}",
                 f"{pick(rng, ('Procedure', 'Test'))}: {name} ({frames.date(rng)})"]
    body = [pick(rng, ("Thank you for referring {p} with {i}. I performed the {n} on {d}.",
                       "I saw {p} for the {n}, arranged for {i}.",
                       "This patient came for {n} because of {i}.")).format(
                p=pronoun, i=w.indication, n=name, d=frames.date(rng)),
            (f"Under {w.sedation} the findings were: " if w.kind != "capsule" else pick(rng, (
                "The findings were: ", "It showed the following. ", "Findings: "))) + w.findings,
            f"{pick(rng, ('My plan is', 'Plan', 'Next steps', 'Follow-up'))}: {w.plan}",
            pick(rng, ("I have explained the findings to the patient.", "Please do not hesitate to contact me.", "",
                       "I will write again with any results."))]
    close = [pick(rng, ("Yours sincerely,", "Kind regards,", "With best wishes,")), f"{w.who}, {w.grade}",
             *footer(rng)]
    lines = ([*head, re_line, *diagnosis, "", *body, *close] if rng.random() < 0.5 else
             [*head, re_line, *body, *diagnosis, *close])
    return "\n".join(line for line in lines if line is not None)


def _draw(rng: random.Random, own: tuple[str, ...], more: tuple[str, ...], p_more: float) -> str:
    return pick(rng, more if more and rng.random() < p_more else own)


_LAYOUTS = {"form": _form, "unit_export": _unit_export, "dictation": _dictation, "terse": _terse, "letter": _letter}
