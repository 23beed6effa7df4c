"""The pieces every endoscopy layout is built from: who, what scope, how far, the findings, the impression, the plan.

Each piece is drawn from tables of alternatives (and passed through `endoscopy_lexicon.rephrase` / `measures`), so
two reports of the same examination rarely share a sentence. Every piece keeps the evidence its codes need: a
sampled finding always names biopsies (Bx / biopsies / CLO) and its site; the extent names where the scope reached.
The layouts (`endoscopy_report`, `endoscopy_layouts`) only arrange these pieces.
"""

from __future__ import annotations

import random
import re

from . import endoscopy_phrasebook as book
from .endoscopy_grammars import composed_finding
from .endoscopy_impression_forms import IMPRESSIONS as _MORE_IMPRESSIONS
from .endoscopy_lexicon import NORMAL_STUDY, frame_impression, measures, rephrase
from .endoscopy_normal_forms import normal_study, reached, segment_line
from .endoscopy_paraphrases import IMPRESSIONS as _IMPRESSIONS
from .endoscopy_paraphrases import PHRASES as _PHRASES
from .endoscopy_tables import THERAPY_PHRASES as _THERAPY_PHRASES
from .endoscopy_therapies import RESECTIONS
from .endoscopy_therapy_grammar import therapy_text
from .model import ExamResult, Seen
from .text import join_list, pick


def _merged(first: dict[str, tuple[str, ...]], more: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {k: first.get(k, ()) + more.get(k, ()) for k in (*first, *(k for k in more if k not in first))}


# the phrase tables with the second phrasebook's alternatives added (same keys, same meanings)
PHRASES = _merged(_PHRASES, book.PHRASES)
IMPRESSIONS = _merged(_merged(_IMPRESSIONS, book.IMPRESSIONS), _MORE_IMPRESSIONS)
THERAPY_PHRASES = _merged(_THERAPY_PHRASES, book.THERAPY_PHRASES)

ENDOSCOPISTS = ("Dr A Patel", "Dr R Jones", "Dr S Khan", "Dr H Evans", "Mr D Williams", "Dr C Morgan", "Sr L Davies",
                "Dr F Okafor", "Dr M Hughes", "Dr E Thomas", "Mr P Rees", "Dr J Lewis", "Dr N Ahmed", "Sr K Price",
                "Dr O Adeyemi", "Dr G Fraser", "Mr T O'Brien", "Dr I Kowalski", "Dr V Ramanathan", "Ms B Whitfield",
                "Dr Y Chen", "Dr W MacLeod", "Mrs J Pritchard", "Dr Z Haddad", "Prof R Sandhu", "Dr L Moreau")
GRADES = ("Consultant Gastroenterologist", "Nurse Endoscopist", "SpR", "Consultant Colorectal Surgeon",
          "Consultant", "Clinical Endoscopist", "ST5 Gastroenterology", "Consultant Physician", "Specialty Doctor",
          "ST7 Gastroenterology", "Consultant Upper GI Surgeon", "Advanced Nurse Practitioner (Endoscopy)",
          "Associate Specialist", "Clinical Fellow", "Registrar")
SEDATION = {"ogd": ("LA throat spray only", "Xylocaine spray", "Midazolam 2mg", "Unsedated", "No sedation - LA spray",
                    "Midazolam 1mg + LA spray", "LA spray", "Lidocaine 10% spray x3", "Nil (throat spray)",
                    "Midazolam 3 mg IV", "Conscious sedation: midazolam 2mg", "None", "topical LA only"),
            "lower": ("Midazolam 2mg, Fentanyl 50mcg", "Entonox", "Midazolam 2.5mg, Fentanyl 50mcg", "Unsedated",
                      "Midazolam 1mg, Fentanyl 25mcg", "Entonox self-administered", "No sedation",
                      "Midaz 2mg / Fent 50mcg", "Pethidine 25mg, midazolam 2mg", "Buscopan 20mg IV, no sedation",
                      "Fentanyl 100 micrograms", "Entonox + Buscopan", "Midazolam 2 mg IV, Fentanyl 50 mcg IV")}
_COMMON_REFERRERS = ("GP", "GP (2WW)", "Dr Roberts, gastro OPD", "Straight to test", "GP - routine", "A&E",
                     "GP - urgent suspected cancer", "Self (surveillance list)", "Dr Mensah (GP)",
                     "Acute medical unit", "Upper GI nurse triage")
REFERRERS = {"upper": _COMMON_REFERRERS + ("Upper GI clinic", "Hepatology clinic", "Dietetics / nutrition team"),
             "lower": _COMMON_REFERRERS + ("Colorectal nurse clinic", "Bowel screening SSP", "IBD nurse",
                                           "Colorectal surgical OPD")}
SCOPES = (("GIF-H290", "GIF-HQ190", "EG-760R", "Olympus GIF-1100", "GIF-XP190N", "EG-29i10", "Pentax EG29-i10"),
          ("CF-HQ190L", "PCF-H190DL", "EC-760R-V/L", "Olympus CF-H290I", "EC-3890Fi", "PCF-H290ZI",
           "Fujifilm EC-760ZP"))
HISTORY = ("Symptoms for {m} months.", "Seen in clinic {m} weeks ago.", "Referred by GP after {m} months of symptoms.",
           "Straight to test, triaged from referral letter.", "Blood tests from GP reviewed.", "",
           "Symptoms for around {m} months, no red flags otherwise.", "On the list as an urgent referral.",
           "Triaged by the nurse specialist.", "Bloods and referral letter reviewed on the day.", "")
POSITION = ("Left lateral position.", "Patient positioned left lateral, obs monitored throughout (SpO2 >94%).",
            "Good views throughout.", "Mucosa otherwise unremarkable.", "Careful inspection on withdrawal.", "",
            "Views adequate.", "Procedure straightforward.", "Some retained fluid, aspirated.", "Easy intubation.",
            "Photodocumentation obtained.", "CO2 insufflation used.", "Water immersion technique.", "")
SIGN_OFF = ("Report sent to GP.", "Copy to referrer.", "Dictated, not checked.", "", "", "Typed by the unit secretary.",
            "Copy to patient.", "Letter to follow.")
CONSENT = ("Written consent obtained; risks of perforation, bleeding and missed lesions discussed.",
           "Consent form 1 signed after discussion of risks (bleeding, perforation, reaction to sedation).",
           "Informed consent taken. WHO checklist completed.", "Consented on the day. Obs stable pre-procedure.", "",
           "Verbal and written consent.", "Consent confirmed; safety brief and time-out done.",
           "Risks and benefits explained, patient happy to proceed.", "Consent: form 1, signed in clinic.")
RECOVERY = ("Tolerated well. Observed in recovery and discharged home with escort.",
            "No complications; eat and drink as normal.",
            "Patient comfortable after the procedure. Advice leaflet given; to seek help if pain, fever or bleeding.",
            "Uneventful procedure. Discharged from the unit same day.", "No immediate complications.", "",
            "Went home with a relative.", "Tolerated the test well.",
            "Discharge advice given verbally and in writing.", "Adverse events: none.")
COMFORT = ("1 - comfortable", "2 - minimal discomfort", "3 - mild discomfort", "Gloucester 2", "2", "1", "3",
           "Comfortable (1)", "Minimal (2)", "Mild (3)", "Moderate discomfort (4)", "1/5", "2/5", "no discomfort")
PREP = ("Plenvu", "Moviprep", "Picolax", "Klean-Prep", "Citrafleet", "Plenvu (split dose)", "Moviprep, split dose")
NAMES = {"ogd": ("OGD", "Gastroscopy", "OGD", "Oesophagogastroduodenoscopy", "Upper GI endoscopy", "OGD"),
         "colonoscopy": ("Colonoscopy", "Colonoscopy", "Lower GI endoscopy (colonoscopy)", "Total colonoscopy"),
         "flexi": ("Flexible sigmoidoscopy", "Flexi sig", "Flexible sigmoidoscopy", "Flexi", "FS")}
SEGMENTS = {"oesophagus": "Oesophagus", "goj": "GOJ", "stomach": "Stomach", "antrum": "Stomach",
            "duodenum": "Duodenum"}
SEGMENT_LABELS = {"Oesophagus": ("Oesophagus", "Oes", "Oesophagus", "OESOPHAGUS"),
                  "GOJ": ("GOJ", "OGJ", "Z-line", "GOJ/Z-line"),
                  "Stomach": ("Stomach", "Stomach", "Gastric", "Stomach/J-manoeuvre"),
                  "Duodenum": ("Duodenum", "D1/D2", "D2", "Duodenum")}
NORMAL_UPPER = {"Oesophagus": ("normal", "NAD", "normal mucosa", "normal, no Barrett's", "unremarkable",
                               "normal calibre, normal mucosa", "healthy squamous mucosa", "nil of note", "n/a - normal"),
                "GOJ": ("at {gj}cm, regular Z-line", "{gj}cm, no hiatus hernia", "normal", "Z-line {gj} cm, regular",
                        "SCJ at {gj}cm, diaphragmatic pinch at {gj}cm", "normal, GOJ {gj}cm ab oral"),
                "Stomach": ("normal", "NAD", "normal on retroflexion", "normal, no ulcers", "normal incl. J-manoeuvre",
                            "unremarkable, pylorus patent", "normal mucosa, fluid aspirated", "nil"),
                "Duodenum": ("normal to D2", "NAD", "normal D1 and D2", "normal bulb and D2", "unremarkable",
                             "D1 + D2 normal", "normal villous pattern")}
BIOPSY_TAKEN = (" - biopsied", ", Bx taken", ", biopsies taken", " (Bx)", ", biopsies", "; Bx x{k}",
                ", biopsies taken for histology", " - bx x{k} sent", ", {k} biopsies taken", " (biopsied x{k})",
                ". Biopsies from the {site}", "; bx {site} x{k}", ", Bx {site}")
NO_SAMPLE_PLANS = ("Discharge to GP.", "Return to referring clinician.", "OPD follow up.", "No further action.",
                   "Continue PPI. GP to review.", "Results explained to patient.", "Follow up as planned.",
                   "Back to GP care.", "No follow-up needed from endoscopy.", "Reassure; discharge.",
                   "Clinic review in 3 months.", "Nothing further from our point of view.")
PLANS = {"upper": ("Await histology.", "PPI 6-8 weeks then review.", "Discharge to GP with results.",
                   "Await Bx. Stop NSAIDs.", "OPD follow up.", "Return to referring clinician.",
                   "Histology to be chased by the referring team.", "High dose PPI and review with histology.",
                   "Results to GP; if H. pylori positive please treat.", "We will write with the biopsy results."),
         "lower": ("Await histology.", "Surveillance per BSG 2020 guidance.", "Discharge to GP.", "OPD review.",
                   "Results letter to GP.", "No further endoscopy needed.", "Surveillance interval once histology back.",
                   "Histology to clinic.", "Will write with the results.", "Await path; MDT if needed.")}


# remarks on how the procedure went: no finding, no code, only the words real reports are full of
PROCEDURE_NOTES = {
    "upper": ("Intubation under direct vision.", "Some gagging at intubation, settled.", "Pylorus easily passed.",
              "Retroflexion performed in the stomach.", "Fluid in the stomach aspirated.",
              "Excessive belching during the test.", "Views limited by food residue in the fundus.",
              "NBI used to inspect the oesophagus.", "Acetic acid chromoendoscopy used.", "Quick, well tolerated test.",
              "Photographs taken of each landmark.", "Patient restless; procedure completed with reassurance.",
              "Mouthguard in place; oxygen via nasal cannulae.", "Procedure time 6 minutes.",
              "Inspection time over 7 minutes.", "Upper oesophageal sphincter negotiated easily."),
    "lower": ("Moderate looping in the sigmoid, reduced with abdominal pressure.", "Position changed to supine.",
              "Water-jet used to clear residual stool.", "Scope changed to a paediatric colonoscope.",
              "Caecal landmarks photographed.", "Rectal retroflexion performed.", "CO2 insufflation.",
              "Hyoscine butylbromide given for spasm.", "Dynamic position changes on withdrawal.",
              "Some residual fluid, aspirated.", "Patient uncomfortable at the splenic flexure, settled with Entonox.",
              "Ileocaecal valve and appendix orifice identified.", "Careful withdrawal with washing.",
              "Endocuff used.", "Transient desaturation to 90%, resolved with oxygen.", "Difficult fixed sigmoid."),
}


def procedure_notes(rng: random.Random, exam: ExamResult, most: int = 2) -> str:
    pool = PROCEDURE_NOTES["upper" if exam.kind == "ogd" else "lower"]
    return " ".join(pick(rng, pool) for _ in range(int(rng.random() * (most + 1))))


def finding_text(rng: random.Random, s: Seen) -> str:
    """'{mm}mm sessile polyp in the {site}, removed by cold snare and retrieved', in one of many wordings."""
    site = pick(rng, s.site.names)
    params = dict(s.params, site=site)
    text = _finding_phrase(rng, s, params).rstrip(".")
    if s.therapy:
        done = therapy_text(rng, s.therapy, params, s.site.key) if rng.random() < 0.55 else None
        text += pick(rng, (", ", ", ", " - ", "; ")) + (
            done or pick(rng, THERAPY_PHRASES[s.therapy]).format(**params))
    text = measures(rng, rephrase(rng, text))
    named = names_site(text, s)
    removed = s.therapy in RESECTIONS                      # the specimen is the lesion itself
    if s.sampled and not removed and named and _SAMPLED.search(text):
        pass                                               # the phrase itself says it was biopsied, and where
    elif s.sampled and not removed:
        taken = pick(rng, BIOPSY_TAKEN) if named else pick(rng, BIOPSY_TAKEN[-3:])
        if s.finding.key == "gastritis" and rng.random() < 0.3:
            taken = pick(rng, (", CLO + Bx", ", CLO test and biopsies", "; CLO and Bx"))
            if not named:
                taken += f" ({site})"
        text += taken.format(k=2 + int(rng.random() * 4), site=site)
    elif s.sampled and not named:
        text += f" ({site})"
    for key in s.adjuncts:                                 # prophylactic clips, tattoo: after the therapy
        done = therapy_text(rng, key, params, s.site.key) if rng.random() < 0.5 else None
        text += "; " + (done or pick(rng, THERAPY_PHRASES[key]).format(**params))
    return text


def _finding_phrase(rng: random.Random, s: Seen, params: dict) -> str:
    """A composed wording (`endoscopy_grammars`) or one of the table phrases and phrasebook alternatives."""
    composed = composed_finding(rng, s, params["site"])
    if composed is not None:
        return composed
    extra = PHRASES.get(s.finding.key, ())
    return pick(rng, extra if extra and rng.random() < 0.4 else s.finding.phrases).format(**params)


_SAMPLED = re.compile(r"\bbx\b|biops", re.IGNORECASE)


def names_site(text: str, s: Seen) -> bool:
    """Does `text` name the finding's site (any of its names, as a whole word)?"""
    lower = " ".join(text.lower().split())    # a hard line wrap may fall inside 'transverse colon'
    return any(re.search(r"(?<![a-z0-9])" + re.escape(n.lower()) + r"(?![a-z0-9])", lower) for n in s.site.names)


def impression(rng: random.Random, exam: ExamResult, symptom: str = "") -> str:
    """The diagnosis line: one item per finding kind (polyps counted), or a normal-study statement."""
    parts: list[str] = []
    done: set[str] = set()
    polyps = sum(s.finding.key == "polyp" for s in exam.seen)
    for s in exam.seen:
        if s.finding.key in done:
            continue
        done.add(s.finding.key)
        if s.finding.key == "polyp" and polyps > 1:
            parts.append(pick(rng, (f"{polyps} polyps", f"polyps x{polyps}", f"{polyps} colonic polyps removed",
                                    f"multiple ({polyps}) polyps", f"{polyps} polyps - see above")))
            continue
        extra = IMPRESSIONS.get(s.finding.key, ())
        item = pick(rng, extra if extra and rng.random() < 0.35 else s.finding.impression).format(
            **dict(s.params, site=s.site.names[0]))
        if s.finding.rank == 0 and rng.random() < 0.25:   # suspected malignancy: coded only once histology says so
            item += pick(rng, (" - malignancy cannot be excluded", " (await histology)", ", ?malignant",
                               " - suspicious, biopsied"))
        parts.append(frame_impression(rng, measures(rng, item)))
    if not parts:
        composed = normal_study(rng, exam) if rng.random() < 0.4 else None
        return composed or pick(rng, NORMAL_STUDY).format(x=pick(rng, NAMES[exam.kind]))
    return join_list(parts) if rng.random() < 0.7 else "; ".join(parts)


def segments(rng: random.Random, exam: ExamResult, drop_normal: float = 0.0) -> list[tuple[str, str]]:
    """(segment, text) per upper GI segment (a normal one left out with probability `drop_normal`); lower GI:
    ('', text) per finding."""
    if exam.kind != "ogd":
        return [("", finding_text(rng, s)) for s in exam.seen]
    by_segment: dict[str, list[str]] = {k: [] for k in NORMAL_UPPER}
    for s in exam.seen:
        by_segment[SEGMENTS[s.site.key]].append(finding_text(rng, s))
    gj = 36 + int(rng.random() * 6)
    return [(seg, "; ".join(texts) if texts else segment_line(rng, seg, gj) if rng.random() < 0.5 else
             pick(rng, NORMAL_UPPER[seg]).format(gj=gj))
            for seg, texts in by_segment.items() if texts or rng.random() >= drop_normal]


def extent_text(rng: random.Random, exam: ExamResult) -> str:
    """Where the scope reached (an incomplete colonoscopy says so and why)."""
    composed = reached(rng, exam) if rng.random() < 0.35 else None
    if composed:
        return composed.removeprefix("the ")
    if exam.kind == "ogd":
        return pick(rng, ("D2", "D2", "second part of duodenum", "D3", "D2 (complete)", "second part of the duodenum"))
    name = exam.extent.names[0] if exam.extent else "caecum"
    if exam.incomplete:
        return pick(rng, (f"{name} - incomplete ({exam.incomplete})", f"{name} (incomplete: {exam.incomplete})",
                          f"{name} only - limited by {exam.incomplete}", f"incomplete, to {name} ({exam.incomplete})"))
    if exam.ti:
        return pick(rng, ("TI (intubated)", "terminal ileum", "caecum + TI", "TI intubated", "terminal ileum (TI)",
                          "caecum, TI intubated"))
    if exam.extent is not None and exam.extent.key == "caecum":
        return pick(rng, (name, f"{name} (AO and ICV seen)", f"{name}, photo-documented", "caecum (complete)",
                          "caecum - appendix orifice and ileocaecal valve identified", "caecal pole (complete)"))
    return name


def sedation(rng: random.Random, exam: ExamResult) -> str:
    return pick(rng, SEDATION["ogd" if exam.kind == "ogd" else "lower"])


def plan(rng: random.Random, exam: ExamResult) -> str:
    text = pick(rng, PLANS["upper" if exam.kind == "ogd" else "lower"])
    if not any(s.sampled for s in exam.seen):
        text = pick(rng, NO_SAMPLE_PLANS) if exam.kind == "ogd" else pick(rng, NO_SAMPLE_PLANS[:4] + NO_SAMPLE_PLANS[7:])
    if exam.incomplete:
        text = pick(rng, ("CT colonography to complete. ", "CTC requested. ", "Repeat with extended prep. ",
                          "Book CTC to image the rest of the colon. ")) + text
    keys = {s.finding.key for s in exam.seen}
    if keys & {"cancer", "oes_tumour", "gastric_tumour"}:
        text = pick(rng, ("Urgent CT staging and MDT referral. ", "CT CAP and discuss at MDT. ",
                          "Staging CT requested; refer to cancer MDT. ")) + text
    if "varices" in keys:
        banded = any(s.therapy == "banding" for s in exam.seen)
        text = ("Repeat banding 2-4 weeks. " if banded else "Carvedilol. Surveillance OGD 1 year. ") + text
    return text
