"""The histopathology report for an endoscopy episode: one specimen (pot / letter) per sampled finding.

Three layouts, as UK cellular pathology departments issue them: the short diagnosis list; the full report
(clinical details, specimen, macroscopy, microscopy, conclusion, SNOMED-like lines, now and then an addendum);
the results-server summary. Each names every specimen's site and carries its result text (the outcome tables'
wording, which holds the codes' evidence) unchanged.
"""

from __future__ import annotations

import random

from . import report_frames as frames
from .model import ExamResult, Seen
from .report_noise import noise
from .text import pick

PATHOLOGISTS = ("Dr B Cole, Consultant Histopathologist", "Dr K Ali, Consultant Pathologist",
                "Dr T Green (FRCPath)", "Dr P Ferreira, Consultant Histopathologist", "Dr A Nwosu, ST4 Histopathology",
                "Dr H McAllister, Consultant GI Pathologist", "Dr S Iqbal, Consultant Cellular Pathologist")
# tissue type by site key (what the microscopy says the fragments are)
_TISSUE = {"oesophagus": ("squamous", "oesophageal squamous"), "goj": ("junctional", "squamous and columnar"),
           "stomach": ("gastric body-type", "gastric"), "antrum": ("antral-type gastric", "antral"),
           "duodenum": ("small intestinal", "duodenal"), "ileum": ("ileal", "small bowel")}
# SNOMED-like topography lines by site key (a lab's coding line; no codes here reach the episode)
_TOPOGRAPHY = {"oesophagus": "T-56000 oesophagus", "goj": "T-56300 gastro-oesophageal junction",
               "stomach": "T-57000 stomach", "antrum": "T-57700 pyloric antrum", "duodenum": "T-58200 duodenum",
               "ileum": "T-58600 ileum", "rectum": "T-68000 rectum"}
_MACRO = ("{n} pale tan fragments, {a}-{b}mm, all embedded.", "Multiple fragments of mucosa {a} to {b} mm. All "
          "processed ({c} blocks).", "A polypoid piece of tissue {b}mm across, bisected and embedded.",
          "{n} cores of soft tissue up to {b}mm. AE.", "Received in formalin: {n} fragments, largest {b}mm. All "
          "processed in {c} cassette(s).")


def histology(rng: random.Random, exams: list[ExamResult], indications: list[str]) -> str:
    """The histopathology report for every sampled finding with a result, one specimen letter each."""
    samples = [s for exam in exams for s in exam.seen if s.sampled]
    layout = rng.random()
    if layout < 0.4:
        text = _short(rng, samples, indications)
    elif layout < 0.8:
        text = _full(rng, samples, indications)
    else:
        text = _summary(rng, samples)
    return noise(rng, text, 0.004)


def _kind(s: Seen) -> str:
    return "polyp" if s.finding.key in ("polyp", "gastric_polyp") else "biopsies"


def _result(rng: random.Random, s: Seen) -> str:
    if s.outcome is not None:
        return pick(rng, s.outcome.text)
    return pick(rng, ("consistent with the endoscopic appearances.", "no significant histological abnormality "
                      "beyond the endoscopic findings.", "changes in keeping with the clinical impression."))


def _short(rng: random.Random, samples: list[Seen], indications: list[str]) -> str:
    lines = [pick(rng, ("HISTOPATHOLOGY REPORT", "Cellular Pathology", "Histology report", "Histopathology")),
             f"Clinical details: {', '.join(indications)}"]
    diagnosis = []
    for n, s in enumerate(samples):
        label = "ABCDEFGHIJ"[min(n, 9)]
        lines.append(f"Specimen {label}: {s.site.names[0]} {_kind(s)}.")
        diagnosis.append(f"{label}. {s.site.names[0].capitalize()} {_kind(s)}: {_result(rng, s)}")
    lines.append(pick(rng, ("Macroscopy: multiple pale tan fragments, all embedded.",
                            "Macro: fragments of mucosa 1-6mm, all processed.", "")))
    lines += [pick(rng, ("Diagnosis:", "Conclusion:", "DIAGNOSIS", "Summary:")), *diagnosis,
              pick(rng, PATHOLOGISTS)]
    return "\n".join(line for line in lines if line)


def _full(rng: random.Random, samples: list[Seen], indications: list[str]) -> str:
    lab = f"{pick(rng, ('H', 'S', 'PS', 'B'))}25.{int(rng.random() * 90000) + 10000}"
    lines = [pick(rng, ("CELLULAR PATHOLOGY REPORT", "Department of Cellular Pathology", "HISTOPATHOLOGY",
                        "Pathology Report - Histology")) + f"   Lab no: {lab}",
             f"Received: {frames.date(rng)}   Reported: {frames.date(rng)}",
             f"{pick(rng, ('Clinical details', 'Clinical information', 'Clinical history'))}: "
             f"{pick(rng, ('', 'Endoscopy. ', 'Endoscopic biopsies. '))}{'; '.join(indications)}",
             pick(rng, ("Specimen(s):", "Specimens received:", "Nature of specimen:"))]
    lines += [f"  {'ABCDEFGHIJ'[min(n, 9)]}: {pick(rng, s.site.names)} {_kind(s)}" for n, s in enumerate(samples)]
    lines.append(pick(rng, ("Macroscopic description:", "MACROSCOPY", "Macroscopy:")))
    for n, s in enumerate(samples):
        a, b = 1 + int(rng.random() * 2), 3 + int(rng.random() * 8)
        macro = _MACRO[2] if _kind(s) == "polyp" and rng.random() < 0.6 else pick(rng, _MACRO[:2] + _MACRO[3:])
        lines.append(f"  {'ABCDEFGHIJ'[min(n, 9)]}. Labelled '{s.site.names[0]}'. " + macro.format(
            n=2 + int(rng.random() * 5), a=a, b=b, c=1 + int(rng.random() * 2)))
    lines.append(pick(rng, ("Microscopic description:", "MICROSCOPY", "Microscopy:")))
    for n, s in enumerate(samples):
        tissue = pick(rng, _TISSUE.get(s.site.key, ("colorectal", "large bowel", "colonic")))
        line = pick(rng, ("Sections show fragments of {t} mucosa. {r}", "The sections show {t} mucosa. {r}",
                          "{t} mucosa is present. {r}", "Levels examined. {r}")).format(t=tissue, r=_result(rng, s))
        lines.append(f"  {'ABCDEFGHIJ'[min(n, 9)]}. {line[0].upper()}{line[1:]}")
    lines.append(pick(rng, ("Conclusion:", "DIAGNOSIS:", "Summary / conclusion:", "Final diagnosis:")))
    for n, s in enumerate(samples):
        lines.append(f"  {'ABCDEFGHIJ'[min(n, 9)]}. {s.site.names[0].capitalize()}, {_kind(s)}: {_result(rng, s)}")
    if rng.random() < 0.5:
        lines += [f"SNOMED: {_TOPOGRAPHY.get(s.site.key, 'T-67000 colon')}" for s in samples[:3]]
    if rng.random() < 0.12:
        lines.append(pick(rng, (
            "ADDENDUM ({d}): further levels examined; the diagnosis is unchanged.",
            "Addendum {d}: reviewed at the GI pathology meeting; diagnosis stands.",
            "Supplementary report ({d}): Giemsa stain performed, see above. No change to the conclusion.",
            "ADDENDUM: second opinion obtained ({d}), which concurs.")).format(d=frames.date(rng)))
    lines.append(pick(rng, ("Reported by: ", "Authorised by ", "Pathologist: ", "")) + pick(rng, PATHOLOGISTS))
    return "\n".join(lines)


def _summary(rng: random.Random, samples: list[Seen]) -> str:
    head = pick(rng, ("Histology result:", "HISTOLOGY RESULT (final)", "Path result -", "Histo:", "Results: histology"))
    parts = [f"{'ABCDEFGHIJ'[min(n, 9)]}) {pick(rng, s.site.names)}: {_result(rng, s)}" for n, s in enumerate(samples)]
    return head + pick(rng, (" ", "\n")) + pick(rng, (" ", "\n")).join(parts) + (
        "" if rng.random() < 0.5 else f"\n{pick(rng, PATHOLOGISTS)} {frames.date(rng)}")
