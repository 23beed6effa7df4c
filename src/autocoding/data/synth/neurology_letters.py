"""The neurology letters: six house styles of discharge letter and the clinic letter before an admission.

`structured` (headed sections), `letter` (prose to the GP), `tto` (one terse paragraph), `edn` (an EPR's electronic
discharge notification: header, capitalised sections in an order of its own, footer and disclaimer), `ward` (a
junior doctor's bullet list, dense with abbreviations) and `consultant` (long prose). Every style states the final
diagnosis, the procedures and tests of this stay and the coded comorbidities; each also carries what must not be
coded (negated or excluded diagnoses, drugs for conditions that are not coded, resolved past history). A final
diagnosis may be hedged ('likely', 'probable', '?'): it is still coded, as the standards require; a refuted one
is stated as excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import neurology_phrases as phrases
from . import neurology_presentations as more
from .model import Patient
from .neurology_catalogue import NeuroOutcome, NeuroScenario
from .neurology_complaint_forms import composed
from .neurology_diagnosis_names import NAMES
from .neurology_hedges import EXCLUDED, stated
from .neurology_history import history_line
from .neurology_phrases import (
    ACUTE_COURSE,
    ADMISSION,
    ADVICE,
    DETAIL,
    DOCTORS,
    FOLLOW_UP,
    FOOTERS,
    GP_ACTIONS,
    GPS,
    GRADES,
    HEADERS,
    PROGRESS,
    REFUTED_NAMES,
    SECTION,
    TRUSTS,
    TTO,
    WARDS,
)
from .neurology_procedure_wording import named, told
from .neurology_result_wording import RESULTS as RESULT_WORDING
from .neurology_test_wording import SEPARATORS, framed
from .text import join_list, pick, uncertain

EXAMINATION = phrases.EXAMINATION + more.EXAMINATION
HISTORY = phrases.HISTORY + more.HISTORY
BLOODS = phrases.BLOODS + more.BLOODS


@dataclass(slots=True)
class LetterInput:
    patient: Patient
    scenario: NeuroScenario
    outcome: NeuroOutcome
    comorbid: list[tuple[str, str]]
    uncoded: list[tuple[str, str]]
    values: dict
    stay: int
    tests: list[str]                  # tests of this stay (optional table), as the letter names them
    drugs: list[str]


def diagnosis(rng, x: LetterInput) -> str:
    """The final diagnosis as written; a confirmed one is hedged now and then (and coded all the same)."""
    names = x.outcome.diagnosis
    if rng.random() < 0.45 and names[0] in NAMES:   # another name for the same outcome
        names = NAMES[names[0]]
    return stated(rng, pick(rng, names), not x.outcome.refuted and not x.outcome.codes[0].startswith("R"))


def history(rng, x: LetterInput) -> str:
    return history_line(rng, x.scenario.acute, x.patient.sex == "2", x.values, HISTORY)


def excluded(rng, x: LetterInput) -> str:
    """A sentence on the diagnosis this episode ruled out, or ''."""
    names = [n for c in x.outcome.refuted for n in REFUTED_NAMES.get(c, ())]
    if not names or rng.random() < 0.4:
        return ""
    return _upper_first(pick(rng, EXCLUDED).format(x=pick(rng, names))) + "."


def procedure(rng, x: LetterInput, listed: bool = False) -> str:
    return named(rng, x.scenario, x.values, listed)


def results(rng, x: LetterInput) -> str:
    found = x.outcome.result
    if rng.random() < 0.5 and found and x.outcome.diagnosis[0] in RESULT_WORDING:
        found = RESULT_WORDING[x.outcome.diagnosis[0]]
    parts = list(x.tests) + [framed(rng, pick(rng, found).format(**x.values))]
    return pick(rng, SEPARATORS).join(parts)


def progress(rng, x: LetterInput) -> str:
    course = pick(rng, ACUTE_COURSE) + " " if x.scenario.acute else ""
    if not x.scenario.procedures:
        return course + pick(rng, ("Assessed by the neurology team and physiotherapy; the diagnosis was explained.",
                                   "Findings discussed; diagnosis explained and accepted.",
                                   "Symptoms settled and mobilising independently.", "Improved, fit for discharge."))
    return course + pick(rng, PROGRESS.get(x.scenario.procedures[0], ("Uneventful stay.",)))


def presenting(rng, x: LetterInput) -> str:
    if rng.random() < 0.45 and (text := composed(rng, x.scenario.key, x.outcome.codes[0], x.patient.sex == "2")):
        return text
    forms = more.PRESENTING[x.scenario.key] if rng.random() < 0.4 and x.scenario.key in more.PRESENTING else \
        x.scenario.presenting
    text = pick(rng, forms).format(**x.values)
    names = [n for c in x.outcome.refuted for n in REFUTED_NAMES.get(c, ())]
    if names and rng.random() < 0.3:
        text += f", referred as {uncertain(rng, pick(rng, names))}"
    return text


def stay_text(x: LetterInput) -> str:
    return "day case" if not x.stay and not x.scenario.acute else f"{x.stay} night(s)"


def pmh(rng, x: LetterInput) -> list[str]:
    items = [name for _, name in x.comorbid] + [name for name, _ in x.uncoded]
    rng.shuffle(items)
    return items


def structured(rng, x: LetterInput) -> str:
    items, p = pmh(rng, x), x.patient
    lines = [pick(rng, ("DISCHARGE ADVICE LETTER", "Neurology Day Unit - Discharge Summary", "Discharge Summary")),
             f"Dear {pick(rng, GPS)},",
             f"Patient: {p.age} year old {'male' if p.sex == '1' else 'female'}. Length of stay: {stay_text(x)}",
             f"Diagnosis: {diagnosis(rng, x)}"]
    if x.comorbid and rng.random() < 0.5:
        lines.append(f"Co-morbidities: {', '.join(name for _, name in x.comorbid)}")
    if x.scenario.procedures:
        lines.append(f"Procedure: {procedure(rng, x, True)}")
    lines.append(f"Presenting complaint: {presenting(rng, x)}.")
    lines.append(f"PMH: {', '.join(items) if items else 'nil of note'}.")
    lines.append(f"DH: {', '.join(x.drugs) or 'nil regular'}. NKDA.")
    lines.append(f"History: {history(rng, x)} {x.values['social']}")
    if x.scenario.procedures:
        lines.append(f"Procedure details: {pick(rng, DETAIL.get(x.scenario.procedures[0], ('Uneventful.',)))}")
    lines.append(f"Examination: {pick(rng, EXAMINATION)}")
    lines.append(f"Investigations: {pick(rng, BLOODS)} {_upper_first(results(rng, x))}. {excluded(rng, x)}")
    lines.append(f"Progress: {progress(rng, x)} {pick(rng, ADVICE)}")
    lines.append(f"Plan: {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}")
    lines.append(f"Discharge medication: {pick(rng, TTO)}")
    lines.append(f"GP actions: {pick(rng, GP_ACTIONS)}")
    lines.append(f"{pick(rng, DOCTORS)}, {pick(rng, GRADES)}")
    return "\n".join(lines)


def letter(rng, x: LetterInput) -> str:
    items, p = pmh(rng, x), x.patient
    pronoun, who = ("He", "gentleman") if p.sex == "1" else ("She", "lady")
    where = "was admitted acutely" if x.scenario.acute else "attended the neurology day unit"
    parts = [f"Dear {pick(rng, GPS)},", f"Diagnosis: {diagnosis(rng, x)}.",
             f"This {p.age} year old {who} {where}. {pronoun} presented with {presenting(rng, x)}.",
             history(rng, x),
             f"{pronoun} has a background of {join_list(items)}." if items else "There is no significant past history.",
             f"Medication: {', '.join(x.drugs) or 'none'}. Social: {x.values['social']}",
             pick(rng, DETAIL.get(x.scenario.procedures[0], ("",))) if x.scenario.procedures else "",
             f"On examination: {pick(rng, EXAMINATION)} {pick(rng, BLOODS)}",
             told(rng, procedure(rng, x), pronoun.lower()) if x.scenario.procedures else "",
             f"Results: {results(rng, x)}. {excluded(rng, x)}", progress(rng, x), pick(rng, ADVICE),
             f"Discharge medication: {pick(rng, TTO)} {pick(rng, GP_ACTIONS)}",
             f"In summary, {diagnosis(rng, x).lower()}. {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
             f"Yours sincerely,\n{pick(rng, DOCTORS)}\n{pick(rng, GRADES)}"]
    return "\n".join(s for s in parts if s)


def tto(rng, x: LetterInput) -> str:
    items, p = pmh(rng, x), x.patient
    proc = procedure(rng, x, True) or "assessment"
    return (f"{'Acute neuro' if x.scenario.acute else 'Neuro day unit'}. {p.age}{'M' if p.sex == '1' else 'F'}. "
            f"c/o {presenting(rng, x)}. PMH: {'; '.join(items) if items else 'nil'}. DH: {'; '.join(x.drugs) or 'nil'}. "
            f"{history(rng, x)} {x.values['social']} O/E: {pick(rng, EXAMINATION)} "
            f"Procedure: {proc}. {results(rng, x)}. {excluded(rng, x)} {pick(rng, BLOODS)} Obs stable. "
            f"Dx: {diagnosis(rng, x)}. Plan: {pick(rng, x.scenario.plan)} TTO: nil new. "
            f"{pick(rng, FOLLOW_UP)} {pick(rng, DOCTORS)} ({pick(rng, GRADES)})")


def edn(rng, x: LetterInput) -> str:
    """An EPR discharge notification: header, sections under the system's own names and order, footer."""
    items = pmh(rng, x)
    head = pick(rng, HEADERS).format(trust=pick(rng, TRUSTS), ward=pick(rng, WARDS),
                                     admission=pick(rng, ADMISSION[x.scenario.acute]))
    upper = rng.random() < 0.5
    sections = [("diagnosis", diagnosis(rng, x)),
                ("comorbid", "; ".join(n for _, n in x.comorbid) if x.comorbid else "None recorded"),
                ("procedure", "; ".join(s for s in [procedure(rng, x, True), *x.tests] if s) or "None"),
                ("presenting", presenting(rng, x)), ("pmh", "\n- ".join([""] + items) if items else "Nil"),
                ("dh", "\n- ".join([""] + x.drugs) if x.drugs else "None"), ("sh", x.values["social"]),
                ("exam", pick(rng, EXAMINATION)),
                ("investigations", f"{pick(rng, BLOODS)} {pick(rng, x.outcome.result).format(**x.values)}"),
                ("progress", f"{progress(rng, x)} {excluded(rng, x)}"),
                ("plan", f"{pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}"),
                ("tto", pick(rng, TTO)), ("gp", pick(rng, GP_ACTIONS))]
    if rng.random() < 0.5:  # some systems put the narrative before the coded summary
        sections = sections[3:10] + sections[:3] + sections[10:]
    body = [f"{(pick(rng, SECTION[k]).upper() if upper else pick(rng, SECTION[k]))}: {v}" for k, v in sections]
    sign = f"Completed by: {pick(rng, DOCTORS)} ({pick(rng, GRADES)})"
    return "\n".join([head, f"Length of stay: {stay_text(x)}", *body, sign, *rng.sample(FOOTERS, 2)])


def ward(rng, x: LetterInput) -> str:
    """A junior doctor's terse list: abbreviations, no full sentences, sections in an order of their own."""
    items, p = pmh(rng, x), x.patient
    lines = [f"{p.age}{'M' if p.sex == '1' else 'F'} - {stay_text(x)}",
             f"{pick(rng, SECTION['presenting'])}: {presenting(rng, x)}",
             f"{pick(rng, SECTION['pmh'])}: {', '.join(items) if items else 'nil'}",
             f"{pick(rng, SECTION['dh'])}: {', '.join(x.drugs) or 'nil'}",
             f"Ix: {results(rng, x)}", f"{pick(rng, SECTION['diagnosis'])}: {diagnosis(rng, x)}"]
    if x.scenario.procedures:
        lines.insert(2, f"Proc: {procedure(rng, x, True)}")
    if (sentence := excluded(rng, x)):
        lines.append(f"NB {sentence}")
    lines += [f"Plan: {pick(rng, x.scenario.plan)}", f"F/U: {pick(rng, FOLLOW_UP)}", f"{pick(rng, DOCTORS)}"]
    return "\n".join(f"- {s}" if 0 < i < len(lines) - 1 else s for i, s in enumerate(lines))


def consultant(rng, x: LetterInput) -> str:
    """A long prose letter from the consultant, the diagnosis in the opening and the closing paragraph."""
    items, p = pmh(rng, x), x.patient
    pronoun = "he" if p.sex == "1" else "she"
    opening = ("Thank you for your ongoing care of this patient, whom I saw during", "I am writing to update you "
               "following", "Many thanks for referring this patient; I reviewed them during")
    return "\n\n".join(s for s in (
        f"Dear {pick(rng, GPS)},",
        f"{pick(rng, opening)} a recent {'emergency admission' if x.scenario.acute else 'day case attendance'}. "
        f"My working diagnosis is: {diagnosis(rng, x)}.",
        f"By way of background, {pronoun} presented with {presenting(rng, x)}. {history(rng, x)}"
        f" Past history includes {join_list(items) or 'nothing of note'}. Current medication comprises "
        f"{join_list(x.drugs) or 'no regular medicines'}. {x.values['social']}",
        f"On examination: {pick(rng, EXAMINATION)} {pick(rng, BLOODS)} "
        + (told(rng, procedure(rng, x), pronoun) + " " if x.scenario.procedures else "")
        + f"The relevant results were: {results(rng, x)}. {excluded(rng, x)}",
        f"{progress(rng, x)} {pick(rng, ADVICE)} {pick(rng, x.scenario.plan)} {pick(rng, FOLLOW_UP)}",
        f"With kind regards,\n{pick(rng, DOCTORS)}\n{pick(rng, GRADES)}")
        if s)


WRITERS = {"structured": structured, "letter": letter, "tto": tto, "edn": edn, "ward": ward,
           "consultant": consultant}


def clinic(rng, x: LetterInput, diagnostic: bool) -> str:
    """The outpatient letter before admission: a query for diagnostic admissions, the known diagnosis otherwise."""
    if x.scenario.procedures and not diagnostic:
        impression = pick(rng, x.outcome.diagnosis)
    else:
        impression = pick(rng, ("{x}", "?{x}", "possible {x}", "cannot exclude {x}", "likely {x}")).format(
            x=pick(rng, x.scenario.outcomes[0].diagnosis))
    return (f"Neurology Outpatient Clinic\nDear {pick(rng, GPS)},\nI reviewed this {x.patient.age} year old in "
            f"clinic. {_upper_first(pick(rng, x.scenario.presenting).format(**x.values))}. "
            f"{pick(rng, HISTORY).format(**x.values)} Examination: "
            f"{pick(rng, ('no focal deficit', 'reflexes symmetrical, plantars flexor', 'fundi - see above'))}.\n"
            f"Impression: {impression}.\n"
            f"Plan: admit to the day unit for {procedure(rng, x) or 'assessment'}.\n{pick(rng, DOCTORS)}")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
