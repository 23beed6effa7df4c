"""Normal-segment lines, normal-study statements and the extent / completion of the examination, composed from parts.

A normal study is coded from what was done, so these forms say exactly how far the scope went and nothing more:
- an OGD reaches D2 (never 'D3' unless the caller's own table says so); a colonoscopy that intubated the terminal
  ileum says TI / terminal ileum / ileum, one that stopped at the caecum names only the caecum and its landmarks
  (appendix orifice, ileocaecal valve) and never the ileum; a flexible sigmoidoscopy or incomplete examination is
  left to the caller's own wording;
- a normal line never names a biopsy, CLO test, polyp removal or any other act (those are coded) and never a
  finding, only its absence ('no polyps', 'no Barrett's', 'no ulcer'), and no '?' hedges;
- bowel preparation (BBPS) and withdrawal time are stated as facts; they carry no code.
"""

from __future__ import annotations

import random

from .model import ExamResult
from .text import pick

SEGMENT_NORMAL = {
    "Oesophagus": ("normal", "normal mucosa", "normal calibre", "no oesophagitis", "no Barrett's", "NAD",
                   "unremarkable", "healthy squamous mucosa", "no stricture", "normal peristalsis",
                   "normal throughout its length", "nil abnormal"),
    "GOJ": ("Z-line at {gj}cm, regular", "regular Z-line ({gj}cm)", "no hiatus hernia", "SCJ {gj}cm",
            "diaphragmatic pinch at {gj}cm", "GOJ {gj}cm ab oral", "normal", "no columnar lining"),
    "Stomach": ("normal", "normal mucosa", "no ulcers", "normal on retroflexion", "J-manoeuvre normal",
                "pylorus patent", "no mass", "antrum, body and fundus normal", "NAD", "unremarkable",
                "no erosions", "clear fluid aspirated"),
    "Duodenum": ("normal to D2", "normal D1 and D2", "bulb and D2 normal", "normal villous pattern", "NAD",
                 "no ulcer in the bulb", "unremarkable", "D1/D2 normal", "normal folds"),
}
NORMAL_NAMES = {"ogd": ("OGD", "gastroscopy", "upper GI endoscopy", "OGD study"),
                "colonoscopy": ("colonoscopy", "colonoscopy", "examination", "colon"),
                "flexi": ("flexible sigmoidoscopy", "flexi sig", "examination")}
ABSENT = {"ogd": ("no oesophagitis", "no ulcers", "no Barrett's", "no mass lesion", "no varices"),
          "colonoscopy": ("no polyps", "no diverticula", "no colitis", "no mass lesion", "no polyps seen"),
          "flexi": ("no polyps", "no colitis", "no mass lesion")}
OGD_EXTENT = ("D2", "D2", "the second part of the duodenum", "D2 (complete)", "D2 - complete OGD")
TI = ("TI (intubated)", "the terminal ileum", "TI - intubated", "caecum and TI", "TI, intubated {n}cm",
      "terminal ileum (intubated)", "ileum (TI intubated)")
CAECUM = ("caecum", "the caecum", "caecum (AO and ICV photo-documented)", "caecal pole", "caecum - appendix "
          "orifice and ICV seen", "caecum (landmarks photographed)", "caecum, complete")


def segment_line(rng: random.Random, seg: str, gj: int) -> str:
    """A normal upper GI segment: one or two statements of normality / absence."""
    own = SEGMENT_NORMAL[seg]
    text = pick(rng, own) if rng.random() < 0.6 else ", ".join(rng.sample(own, 2))
    return text.format(gj=gj)


def reached(rng: random.Random, exam: ExamResult) -> str | None:
    """Where a complete examination reached, or None where the caller's wording applies (incomplete, flexi)."""
    if exam.kind == "ogd":
        return pick(rng, OGD_EXTENT)
    if exam.kind != "colonoscopy" or exam.incomplete or exam.extent is None:
        return None
    if exam.ti:
        return pick(rng, TI).format(n=5 + int(rng.random() * 11))
    return pick(rng, CAECUM) if exam.extent.key == "caecum" else None


def completion(rng: random.Random, exam: ExamResult) -> str:
    """Caecal intubation, photo-documentation, BBPS and withdrawal time as a colonoscopy report states them."""
    if exam.kind != "colonoscopy" or exam.incomplete or exam.extent is None or exam.extent.key not in ("caecum",
                                                                                                      "ileum"):
        return ""
    r, t, l_ = exam.bbps
    parts = [pick(rng, ("Caecum reached", "Caecal intubation confirmed", "Complete to caecum",
                        "Caecum identified"))]
    if exam.ti:
        parts.append(pick(rng, ("TI intubated", "terminal ileum intubated", "ileal intubation achieved")))
    parts += [pick(rng, ("AO and ICV photo-documented", "appendix orifice and ileocaecal valve photographed",
                         "landmarks photo-documented", "photos of AO/ICV taken")),
              pick(rng, ("BBPS {s} ({r}/{t}/{l})", "BBPS R{r} T{t} L{l} = {s}", "Boston score {s}",
                         "prep: BBPS {s}")).format(s=r + t + l_, r=r, t=t, l=l_),
              pick(rng, ("withdrawal time {w} min", "withdrawal {w} minutes", "WT {w}min", "scope withdrawal "
                         "time: {w} mins")).format(w=6 + int(rng.random() * 12))]
    if rng.random() < 0.4:
        parts = parts[:1] + rng.sample(parts[1:], len(parts) - 1)
    return pick(rng, (". ", "; ", ", ")).join(parts) + "."


def normal_study(rng: random.Random, exam: ExamResult) -> str | None:
    """'Normal colonoscopy to the TI', 'No abnormality detected to D2', 'Normal mucosa throughout, no polyps' ...;
    None where the extent is the caller's to word."""
    to = reached(rng, exam)
    if to is None:
        return None
    name, absent = pick(rng, NORMAL_NAMES[exam.kind]), rng.sample(ABSENT[exam.kind], 2)
    forms = (f"Normal {name} to {to}", f"No abnormality detected to {to}", f"NAD to {to}",
             f"Normal mucosa throughout, {absent[0]}", f"Normal {name} to {to}; {absent[0]}, {absent[1]}",
             f"Normal {name}", f"{name[0].upper() + name[1:]} to {to}: normal", f"Normal appearances to {to}",
             f"Nil abnormal to {to}", f"Normal study ({to}) - {absent[0]}", f"{absent[0][0].upper()}"
             f"{absent[0][1:]}, {absent[1]}; normal mucosa to {to}", f"Entirely normal examination to {to}")
    return pick(rng, forms)
