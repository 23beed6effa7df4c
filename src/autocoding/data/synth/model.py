"""The small records the generators pass around: a patient, an episode, an examination's findings.

Slotted dataclasses, created once per episode: the generators make ~10^4 of them a second, so no pydantic, no
dict-of-dicts. An `Episode` holds the TRUE codes (what an auditor assigns); the coded history with its errors is
derived from it by `coding_errors.code_history`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .endoscopy_tables import Finding, Outcome, Site


@dataclass(slots=True)
class Patient:
    patient_id: str
    age: int
    sex: str                          # '1' male, '2' female (NHS data dictionary)
    conditions: dict[str, str] = field(default_factory=dict)   # e.g. 'cirrhosis' -> 'K70.3' (fixed per patient)
    names: dict[str, str] = field(default_factory=dict)        # how this patient's letters name those conditions


@dataclass(slots=True)
class Episode:
    episode_id: str
    patient_id: str
    specialty: str                    # treatment function code
    admission_method: str
    patient_class: str
    start_day: int                    # days since the extract's first day
    length_of_stay: int
    age: int
    sex: str
    diagnoses: list[str]              # true ICD-10 codes, primary first
    procedures: list[str]             # true OPCS-4 codes in sequence
    documents: list[tuple[str, str]]  # (doc_type, text)
    symptoms: list[str] = field(default_factory=list)     # what a coder might code instead of the diagnosis
    distractors: list[str] = field(default_factory=list)  # codes of negated / refuted / past mentions


@dataclass(slots=True)
class Seen:
    """One finding as seen at one examination, with what was done to it and what histology said."""

    finding: Finding
    site: Site
    params: dict[str, object]
    therapy: str = ""
    sampled: bool = False
    outcome: Outcome | None = None
    codes: tuple[str, ...] = ()
    explains: bool = False
    adjuncts: tuple[str, ...] = ()    # prophylactic clips, tattoo: coded after the therapy they accompany


@dataclass(slots=True)
class ExamResult:
    kind: str                         # what was attempted: 'ogd', 'colonoscopy', 'flexi'
    coded_as: str                     # what it is coded as (an incomplete colonoscopy short of the splenic flexure: 'flexi')
    seen: list[Seen]
    extent: Site | None = None
    incomplete: str = ""
    bbps: tuple[int, int, int] = (3, 3, 3)
    ti: bool = False
