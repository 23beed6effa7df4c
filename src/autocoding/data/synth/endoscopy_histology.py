"""The histopathology report for an endoscopy episode: one specimen letter per sampled finding."""

from __future__ import annotations

import random

from .model import ExamResult
from .text import pick


def histology(rng: random.Random, exams: list[ExamResult], indications: list[str]) -> str:
    """The histopathology report for every sampled finding with a result, one specimen letter each."""
    lines = [pick(rng, ("HISTOPATHOLOGY REPORT", "Cellular Pathology", "Histology report")),
             f"Clinical details: {', '.join(indications)}"]
    diagnosis = []
    letter = 0
    for exam in exams:
        for s in exam.seen:
            if not s.sampled:
                continue
            kind = "polyp" if s.finding.key in ("polyp", "gastric_polyp") else "biopsies"
            label = "ABCDEFGHIJ"[min(letter, 9)]
            letter += 1
            lines.append(f"Specimen {label}: {s.site.names[0]} {kind}.")
            if s.outcome is not None:
                diagnosis.append(f"{label}. {s.site.names[0].capitalize()} {kind}: {pick(rng, s.outcome.text)}")
            else:
                diagnosis.append(f"{label}. {s.site.names[0].capitalize()} {kind}: consistent with the endoscopic "
                                 "appearances.")
    lines.append(pick(rng, ("Macroscopy: multiple pale tan fragments, all embedded.",
                            "Macro: fragments of mucosa 1-6mm, all processed.", "")))
    lines.append("Diagnosis:")
    lines += diagnosis
    lines.append(pick(rng, ("Reported by Dr B Cole, Consultant Histopathologist.", "Dr K Ali, Consultant Pathologist.",
                            "Authorised: Dr T Green (FRCPath).")))
    return "\n".join(line for line in lines if line)
