"""Language variety for endoscopy text: synonyms, measurement forms, section names, hedges and negations.

Every table here holds alternatives with the SAME clinical meaning: swapping one for another never changes what an
auditor would code. Words that carry a code's evidence (polyp, snare, Barrett's, biopsies -> Bx ...) keep a form a
reader (and `tests/synth` EVIDENCE) still recognises. `rephrase` and `measures` rewrite a finished phrase; the
tables are read by the layouts (`endoscopy_report`, `endoscopy_layouts`).
"""

from __future__ import annotations

import random
import re

from .endoscopy_phrasebook import SYNONYMS as MORE_SYNONYMS
from .text import pick

# phrase -> alternatives of the same meaning (applied to finding and therapy phrases, whole words, lower case)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "removed": ("removed", "resected", "excised", "taken off"),
    "retrieved": ("retrieved", "recovered", "retrieved in the trap", "retrieved for histology"),
    "sessile": ("sessile", "broad-based", "sessile", "flat sessile"),
    "pedunculated": ("pedunculated", "stalked", "long-stalked"),
    "erythema": ("erythema", "redness", "hyperaemia"),
    "erythematous": ("erythematous", "reddened", "inflamed looking"),
    "erosions": ("erosions", "erosive change", "superficial erosions"),
    "patchy": ("patchy", "focal", "scattered", "spotty"),
    "mild": ("mild", "minor", "slight", "mild"),
    "large": ("large", "sizeable", "bulky", "big"),
    "several": ("several", "a few", "multiple", "a handful of"),
    "small": ("small", "small", "small", "smallish"),
    "benign looking": ("benign looking", "benign-appearing", "innocent looking", "benign in appearance"),
    "malignant looking": ("malignant looking", "malignant-appearing", "sinister looking", "suspicious looking"),
    "suspicious for": ("suspicious for", "suggestive of", "concerning for", "worrying for"),
    "with good effect": ("with good effect", "successfully", "with good result", "- good effect"),
    "applied": ("applied", "placed", "deployed", "applied"),
    "no stigmata": ("no stigmata", "no SRH", "no stigmata of recent haemorrhage", "no high-risk stigmata"),
    "clean based": ("clean based", "clean-based", "clean base"),
    "hiatus hernia": ("hiatus hernia", "hiatal hernia", "HH", "hiatus hernia"),
    "sliding": ("sliding", "type 1 sliding", "sliding"),
    "biopsies": ("biopsies", "Bx", "bx", "biopsy samples", "biopsies"),
    "lesser curve": ("lesser curve", "lesser curvature", "LC"),
    "the bulb": ("the bulb", "the duodenal cap", "D1"),
    "circumferential": ("circumferential", "circumferential (360 degrees)", "near-circumferential"),
    "friable": ("friable", "contact bleeding", "friable, bleeds on contact"),
    "mass": ("mass", "lesion", "tumour", "mass"),
    "ulcerated": ("ulcerated", "ulcerating"),
    "exophytic": ("exophytic", "fungating", "polypoid"),
    "distal oesophagus": ("distal oesophagus", "lower oesophagus", "distal third of the oesophagus"),
    "diverticula": ("diverticula", "diverticulae", "diverticula"),
    "scattered": ("scattered", "occasional", "sparse"),
    "extensive": ("extensive", "widespread", "marked"),
    "haemorrhoids": ("haemorrhoids", "haemorrhoids", "piles", "haemorrhoidal cushions"),
    "continuous": ("continuous", "confluent", "uninterrupted"),
    "loss of vascular pattern": ("loss of vascular pattern", "loss of the normal vascular pattern",
                                 "absent vascular pattern"),
    "granular": ("granular", "granular-looking"),
    "with resistance": ("with resistance", "with some resistance", "with difficulty"),
    "passed": ("passed", "traversed", "negotiated"),
    "tight": ("tight", "narrow", "tight"),
    "smooth": ("smooth", "smooth-walled", "regular"),
    "linear": ("linear", "longitudinal", "streaky"),
    "adherent clot": ("adherent clot", "overlying clot", "adherent clot"),
    "visible vessel": ("visible vessel", "non-bleeding visible vessel", "NBVV"),
    "en bloc": ("en bloc", "en-bloc", "in one piece"),
    "piecemeal": ("piecemeal", "in several pieces", "piecemeal"),
    "retroflexion": ("retroflexion", "retroversion", "J-manoeuvre"),
}
SYNONYMS.update({k: v for k, v in MORE_SYNONYMS.items() if k not in SYNONYMS})
_SYN_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b")
_MM_RE = re.compile(r"(?<![\d.\-/])(\d+)\s?mm\b")
_CM_RE = re.compile(r"(?<![\d.\-/])(\d+)\s?cm\b")
_PRAGUE_RE = re.compile(r"\bC(\d)\s?M(\d)\b")
_LA_RE = re.compile(r"\bLA grade ([ABCD])\b")

SECTIONS: dict[str, tuple[str, ...]] = {
    "indication": ("Indication", "Indications", "Reason for procedure", "Clinical details", "Referral reason",
                   "Indication(s)", "Reason for referral", "Clinical indication"),
    "findings": ("Findings", "Report", "Procedure findings", "Description", "Endoscopic findings", "Observations",
                 "Procedure"),
    "diagnosis": ("Diagnosis", "Impression", "Conclusion", "Summary", "Endoscopic diagnosis", "Outcome",
                  "Diagnoses", "Final diagnosis", "Opinion", "Endoscopic impression", "Conclusions"),
    "plan": ("Plan", "Recommendations", "Follow-up", "Follow up", "Management", "Advice", "Further management",
             "Action", "Post procedure plan", "Recommendation"),
    "therapy": ("Therapeutic procedures", "Therapy", "Interventions", "Therapeutic", "Treatment",
                "Therapeutic interventions", "Procedures performed"),
    "specimens": ("Specimens", "Specimens taken", "Histology", "Samples", "Biopsies", "Pathology",
                  "Tissue sampling", "Specimens sent"),
    "sedation": ("Sedation", "Sedation/analgesia", "Medications", "Drugs", "Premedication", "Sedation & analgesia",
                 "Drugs administered"),
    "extent": ("Extent", "Extent of exam", "Extent reached", "Furthest point reached", "Completion", "Intubated to",
               "Depth of insertion", "Extent of procedure"),
    "comfort": ("Comfort", "Comfort score", "Patient comfort", "Modified Gloucester comfort score", "Discomfort",
                "Sedation/Comfort score", "Nurse assessed comfort"),
    "instrument": ("Instrument", "Scope", "Endoscope", "Scope ID", "Instrument(s)", "Scope serial"),
    "endoscopist": ("Endoscopist", "Operator", "Performed by", "Endoscopist(s)", "Lead endoscopist"),
    "procedure": ("Procedure", "Procedure performed", "Examination", "Test", "Procedure type"),
}

# negations of a finding that is NOT there (the careless coder's trap); never a hedge that would make it codable
NEGATION_FORMS = ("No {x}.", "No evidence of {x}.", "No {x} seen.", "{X} not seen.", "No obvious {x}.", "Nil {x}.",
                  "No sign of {x}.", "{X}: none seen.", "Specifically no {x}.", "{X} - not present.",
                  "No features to suggest {x}.", "Negative for {x}.", "{X} excluded.", "There was no {x}.",
                  "No {x} identified.", "Looked carefully for {x} - none.", "No endoscopic evidence of {x}.",
                  "Nothing to suggest {x}.", "{X}: no.", "No {x} on careful inspection.", "Absence of {x}.",
                  "No {x} (specifically looked for).", "{X} - nil.", "No appearances of {x}.",
                  "{X} - none identified.")
# certain-meaning frames for an impression item (UK coding codes 'likely'/'?' as if confirmed, as the tables do)
IMPRESSION_FRAMES = ("{x}", "{x}", "{x}", "{x}", "appearances of {x}", "likely {x}", "features in keeping with {x}",
                     "{x} (endoscopically)", "probable {x}", "endoscopic appearance of {x}", "in keeping with {x}",
                     "appearances consistent with {x}", "c/w {x}", "{x} - see above", "endoscopic {x}",
                     "findings of {x}", "{x} noted", "macroscopically {x}")
NORMAL_STUDY = ("Normal study", "Normal {x}", "NAD", "Normal {x} - symptoms unexplained", "Normal examination",
                "No abnormality detected", "Nil of note", "Normal {x} to the extent reached", "Unremarkable {x}",
                "No significant pathology seen", "Normal endoscopic appearances", "No cause for symptoms found",
                "Normal mucosa throughout", "NAD - no explanation for symptoms")


def rephrase(rng: random.Random, text: str, rate: float = 0.45) -> str:
    """Swap table phrases for alternatives of the same meaning, each occurrence with probability `rate`."""
    def swap(m: re.Match) -> str:
        word = m.group(1)
        return pick(rng, SYNONYMS[word]) if rng.random() < rate else word

    return _SYN_RE.sub(swap, text)


def measures(rng: random.Random, text: str) -> str:
    """Measurement and grading forms: 5mm / 5 mm / 0.5cm, 3cm / 3 cm, C2M4 / C2 M4 / C2/M4, LA grade B / LA B."""
    style = int(rng.random() * 4)
    text = _MM_RE.sub(lambda m: _mm(m.group(1), style), text)
    text = _CM_RE.sub(lambda m: m.group(1) + ("cm", " cm", "cm", " cms")[style], text)
    text = _PRAGUE_RE.sub(lambda m: ("C{}M{}", "C{} M{}", "C{}/M{}", "C{}, M{}")[style].format(*m.groups()), text)
    return _LA_RE.sub(lambda m: ("LA grade {}", "LA {}", "Los Angeles grade {}", "LA-{}")[style].format(m.group(1)),
                      text)


def _mm(value: str, style: int) -> str:
    if style == 2 and int(value) >= 5:
        cm = int(value) / 10
        return f"{cm:g}cm" if cm != int(cm) else f"{int(cm)}cm"
    return value + ("mm", " mm", "mm", "-mm")[style]


def section(rng: random.Random, key: str) -> str:
    return pick(rng, SECTIONS[key])


def negation_sentence(rng: random.Random, term: str) -> str:
    form = pick(rng, NEGATION_FORMS)
    return form.replace("{X}", term[0].upper() + term[1:]).replace("{x}", term)


def frame_impression(rng: random.Random, text: str) -> str:
    """An impression item, now and then with a frame that keeps its meaning ('features in keeping with ...')."""
    if text.startswith(("?", "likely", "possible", "suspect", "probable", "query", "in keeping")) or \
            rng.random() < 0.7:
        return text
    return pick(rng, IMPRESSION_FRAMES).format(x=text)


# how a hurried author shortens words that carry no code (sites and evidence words are left alone)
SHORTHAND: dict[str, tuple[str, ...]] = {
    "patient": ("pt", "pt", "patient"), "history": ("hx", "Hx"), "follow up": ("f/u", "F/U", "FU"),
    "follow-up": ("f/u", "FU"), "review": ("r/v", "review", "rv"), "with": ("w/", "c/", "with", "+"),
    "and": ("&", "+", "and"), "normal": ("nml", "N", "normal", "NAD"), "discharge": ("d/c", "D/C", "discharge"),
    "histology": ("histo", "path", "histol"), "examination": ("exam", "exam"), "approximately": ("approx", "~"),
    "symptoms": ("sx", "Sx", "symptoms"), "diagnosis": ("Dx", "dx"), "treatment": ("Rx", "tx"),
    "possible": ("?", "poss"), "query": ("?", "qu"), "right": ("R", "rt"), "left": ("L", "lt"),
    "hiatus hernia": ("HH",), "terminal ileum": ("TI",), "biopsies": ("Bx", "bx", "Bxs"), "biopsy": ("Bx", "bx"),
    "without": ("w/o", "s/"), "because of": ("2/2", "due to"), "increase": ("inc", "\u2191"),
    "decrease": ("dec", "\u2193"), "investigation": ("Ix", "ix"), "before": ("pre", "prior to"),
    "results": ("results", "res"), "appointment": ("appt",), "weeks": ("wks", "/52"), "months": ("mths", "/12"),
}
_SHORT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)
_PERIOD_RE = re.compile(r"\b(\d+) (weeks|months|days)\b")


def shorthand(rng: random.Random, text: str, rate: float = 0.5) -> str:
    """A terse author's shorthand ('6/52', 'f/u', 'pt', 'w/', '&') for words that carry no code."""
    text = _PERIOD_RE.sub(lambda m: m.group(1) + ("/52" if m.group(2) == "weeks" else "/12" if m.group(2) ==
                                                  "months" else "/7") if rng.random() < rate else m.group(0), text)

    def swap(m: re.Match) -> str:
        word = m.group(1)
        return pick(rng, SHORTHAND[word.lower()]) if rng.random() < rate and word.lower() in SHORTHAND else word

    return _SHORT_RE.sub(swap, text)
