"""The codes an auditor assigns to an endoscopy episode, from its examinations (rules in `endoscopy_tables`).

Diagnoses: findings that account for the primary indication (or any malignancy) come first, ordered by rank; then
the other findings; then the indication codes kept as conditions (IDA, screening, surveillance history); an
indication nothing accounts for is coded as the main condition (a normal study is coded to its symptom). Coded
comorbidities follow. Procedures: per examination (see `exam_procedures`), the examination holding the primary
diagnosis first, otherwise in the order performed.
"""

from __future__ import annotations

from .endoscopy_indications import INDICATION_BY_KEY
from .endoscopy_tables import EXAMS
from .endoscopy_therapies import DIAGNOSTIC, THERAPIES
from .model import ExamResult, Patient, Seen


def exam_procedures(exam: ExamResult) -> list[str]:
    """OPCS-4 codes for one examination: the "with biopsy" code (G45.1, H22.1, H25.1) followed by the Z site code
    of each site sampled, else the diagnostic code; therapeutic codes (each with its Y / Z qualifiers) supersede
    the diagnostic one; adjuncts (prophylactic clips, tattoo) follow the therapies they accompany; a biopsy taken
    at a therapeutic examination adds Y20.3 followed by the site code of each site sampled. A diagnostic-category
    therapy (Bravo capsule) keeps the "with biopsy" code and its site codes after it instead."""
    therapies: list[tuple[str, ...]] = []
    adjuncts: list[tuple[str, ...]] = []
    biopsy_sites: list[str] = []
    for s in exam.seen:
        if s.therapy:
            _add(therapies, _therapy_codes(s.therapy, exam))
        elif s.sampled and s.site.z not in biopsy_sites:
            biopsy_sites.append(s.site.z)
        for key in s.adjuncts:
            _add(adjuncts, _therapy_codes(key, exam))
    spec = EXAMS[exam.coded_as]
    if not therapies and not adjuncts:
        return [spec.with_biopsy, *biopsy_sites] if biopsy_sites else [spec.diagnostic]
    codes = [code for group in therapies + adjuncts for code in group]
    if biopsy_sites:
        if all(t[0] in _DIAGNOSTIC_CODES for t in therapies) and not adjuncts:
            return codes + [spec.with_biopsy] + biopsy_sites
        return codes + ["Y20.3"] + biopsy_sites
    return codes


_DIAGNOSTIC_CODES = {code for key in DIAGNOSTIC for codes in THERAPIES[key].values() for code in codes}


def _therapy_codes(key: str, exam: ExamResult) -> tuple[str, ...]:
    return THERAPIES[key].get(exam.coded_as) or THERAPIES[key][exam.kind]


def _add(groups: list[tuple[str, ...]], codes: tuple[str, ...]) -> None:
    if codes not in groups:
        groups.append(codes)


def episode_codes(exams: list[ExamResult], indications: list[str], patient: Patient,
                  comorbidities: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(diagnoses, procedures, symptom codes) for the episode."""
    primary = indications[0]
    seen = [(i, s) for i, exam in enumerate(exams) for s in exam.seen if s.codes]
    first = [(i, s) for i, s in seen if (s.explains and primary in s.finding.explains) or s.finding.rank == 0]
    first.sort(key=lambda pair: pair[1].finding.rank)
    leading = {id(s) for _, s in first}
    rest = sorted((pair for pair in seen if id(pair[1]) not in leading), key=lambda pair: pair[1].finding.rank)
    explained = {key for _, s in seen if s.explains for key in s.finding.explains}
    diagnoses: list[str] = []
    symptoms: list[str] = []
    if first:
        _extend(diagnoses, (c for _, s in first for c in s.codes), patient)
    for key in indications:
        ind = INDICATION_BY_KEY[key]
        symptoms += ind.codes
        if not first and key == primary:
            _extend(diagnoses, ind.codes, patient)
    _extend(diagnoses, (c for _, s in rest for c in s.codes), patient)
    for key in indications:
        ind = INDICATION_BY_KEY[key]
        _extend(diagnoses, ind.keep if (key in explained or key == primary) else ind.codes, patient)
    _extend(diagnoses, comorbidities, patient)
    lead = first[0][0] if first else 0
    order = [lead] + [i for i in range(len(exams)) if i != lead]
    procedures = [code for i in order for code in exam_procedures(exams[i])]
    return diagnoses, procedures, [_resolve(c, patient) for c in symptoms]


def _extend(codes: list[str], new, patient: Patient) -> None:
    for code in new:
        code = _resolve(code, patient)
        if code not in codes:
            codes.append(code)


def _resolve(code: str, patient: Patient) -> str:
    if code.startswith("@"):
        return patient.conditions[code[1:]]
    return code


def refuted(s: Seen) -> tuple[str, ...]:
    """Codes an over-eager coder would take from a finding that histology did not confirm."""
    if s.outcome is not None and not s.outcome.codes:
        return tuple(c for c in s.finding.codes if not c.startswith("@")) or _positive(s)
    return ()


def _positive(s: Seen) -> tuple[str, ...]:
    from .endoscopy_exam import HISTOLOGY

    for outcome in HISTOLOGY.get(s.finding.histology, ()):
        if outcome.codes and not outcome.codes[0].startswith("@"):
            return outcome.codes[:1]
    return ()
