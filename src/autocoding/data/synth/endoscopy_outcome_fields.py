"""The therapy and specimen fields of an endoscopy report: each therapy named on its own, each sampled finding's pot.

Read by the form layouts (`endoscopy_report`, `endoscopy_layouts`); the names never contradict the finding's own
phrase, so the codes do not change.
"""

from __future__ import annotations

import random

from .model import ExamResult
from .text import pick


def specimens(rng: random.Random, exam: ExamResult) -> list[str]:
    """One line per sampled finding (one form per report): pot, site and what it is."""
    form = pick(rng, ("Pot {n}: {site} {kind}", "{n}. {site} - {kind}", "{site} {kind} (pot {n})",
                      "{site}: {kind} x{k}", "{L}) {site} {kind}"))
    lines = []
    for n, s in enumerate((s for s in exam.seen if s.sampled), 1):
        kind = "polyp" if "polyp" in s.finding.key else pick(rng, ("biopsies", "Bx", "biopsies"))
        lines.append(form.format(n=n, L="ABCDEFGHIJ"[min(n - 1, 9)], site=pick(rng, s.site.names), kind=kind,
                                 k=1 + int(rng.random() * 4)))
    return lines


# a therapy named on its own (a form's therapy field), in words that never contradict the finding's phrase
THERAPY_NAMES: dict[str, tuple[str, ...]] = {
    "snare": ("snare polypectomy", "polypectomy (snare)", "snare polypectomy", "snare resection", "polypectomy - snare"),
    "emr": ("EMR", "endoscopic mucosal resection", "EMR (lift and snare)"),
    "hot_biopsy": ("hot biopsy", "hot biopsy forceps removal"),
    "banding": ("variceal banding", "band ligation", "OVBL", "EVL", "oesophageal variceal band ligation"),
    "apc": ("APC", "argon plasma coagulation"),
    "injection": ("adrenaline injection", "injection therapy (adrenaline)"),
    "clips": ("haemoclips", "clip placement", "clips", "haemostatic clips", "clipping"),
    "dilatation": ("balloon dilatation", "CRE dilatation", "dilatation", "stricture dilatation"),
    "achalasia_dilatation": ("pneumatic dilatation", "pneumatic (Rigiflex) dilatation"),
    "bolus": ("food bolus removal", "bolus extraction"),
    "peg": ("PEG insertion", "gastrostomy (PEG) placed"),
}


def therapy_name(rng: random.Random, key: str) -> str:
    return pick(rng, THERAPY_NAMES.get(key, (key.replace("_", " "),)))


def therapies(rng: random.Random, exam: ExamResult) -> list[str]:
    return [f"{therapy_name(rng, s.therapy)} ({pick(rng, s.site.names)})" for s in exam.seen if s.therapy]
