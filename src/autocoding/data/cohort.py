"""Which episodes of a trust extract belong to a specialty's dataset (`cohort:` in conf/dataset/*.yaml).

An extract holds every finished episode of the trust; a dataset keeps those its model is meant to code: the right
treatment functions, patient classes, a length of stay the single document can describe, elective admission
methods, and optionally at least one procedure in given OPCS-4 chapters (see below). Episodes outside the
cohort are not errors: the build counts them by the first rule they fail, in `RULES` order, so the counts add up to
the number excluded.

An empty list (or a null maximum) means "no restriction". `required_procedure_chapters` reads the coded history
(`procedures`), i.e. the answer: a model trained on such a cohort never sees the episodes the rule drops (for endoscopy,
examinations abandoned or not done: Z53.x and no procedure), yet meets them in production, where the codes are not
known yet, and codes them as if the procedure had been done. The packaged datasets therefore leave it empty and the
build warns when it is set; the other rules read what is known before coding (treatment function, patient class,
dates, admission method).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from autocoding.errors import ConfigError

# (reason name, what it checks), in the order a failing episode is attributed
RULES: tuple[tuple[str, str], ...] = (
    ("treatment_function", "treatment function not in cohort.treatment_functions"),
    ("patient_class", "patient class not in cohort.patient_classes"),
    ("length_of_stay", "length of stay missing or above cohort.max_length_of_stay_days"),
    ("admission_method", "admission method not in cohort.admission_methods"),
    ("procedure_chapter", "no procedure in cohort.required_procedure_chapters"),
)
IN_COHORT = -1

# extract columns the rules read (docs/data-format.md): the NHS treatment function code is in `specialty`
TREATMENT_FUNCTION, PATIENT_CLASS, ADMISSION_METHOD = "specialty", "patient_class", "admission_method"
EPISODE_START, EPISODE_END, PROCEDURES = "episode_start", "episode_end", "procedures"


@dataclass(frozen=True)
class CohortRules:
    treatment_functions: tuple[str, ...] = ()
    patient_classes: tuple[str, ...] = ()
    max_length_of_stay_days: int | None = None
    admission_methods: tuple[str, ...] = ()
    required_procedure_chapters: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, section: Mapping | None) -> CohortRules:
        section = dict(section or {})
        known = set(cls.__dataclass_fields__)
        unknown = set(section) - known
        if unknown:
            raise ConfigError(f"dataset.cohort: unknown keys {sorted(unknown)}; known: {sorted(known)}")
        max_los = section.get("max_length_of_stay_days")
        if max_los is not None and int(max_los) < 0:
            raise ConfigError(f"dataset.cohort.max_length_of_stay_days must be >= 0 or null, got {max_los}")
        chapters = tuple(str(c).strip().upper() for c in section.get("required_procedure_chapters") or ())
        if any(len(c) != 1 or not c.isalpha() for c in chapters):
            raise ConfigError(
                f"dataset.cohort.required_procedure_chapters: OPCS-4 chapters are letters, got {chapters}"
            )
        return cls(
            treatment_functions=tuple(str(v).strip() for v in section.get("treatment_functions") or ()),
            patient_classes=tuple(str(v).strip() for v in section.get("patient_classes") or ()),
            max_length_of_stay_days=None if max_los is None else int(max_los),
            admission_methods=tuple(str(v).strip() for v in section.get("admission_methods") or ()),
            required_procedure_chapters=chapters,
        )


def _as_text(column: pd.Series) -> pd.Series:
    """Codes such as treatment function "301" may arrive as integers from a CSV or parquet; compare as text."""
    return column.astype("string").str.strip()


def length_of_stay_days(episodes: pd.DataFrame) -> pd.Series:
    """Whole days (midnights) from episode start to end: 0 for a day case. NaN where a date is missing."""
    start = pd.to_datetime(episodes[EPISODE_START], errors="coerce", format="ISO8601").dt.normalize()
    end = pd.to_datetime(episodes[EPISODE_END], errors="coerce", format="ISO8601").dt.normalize()
    return (end - start).dt.days


def _has_chapter(procedures: pd.Series, chapters: tuple[str, ...]) -> np.ndarray:
    wanted = set(chapters)
    return np.fromiter(
        (any(code[:1] in wanted for code in codes) if codes is not None else False for codes in procedures),
        dtype=bool,
        count=len(procedures),
    )


def rule_failures(episodes: pd.DataFrame, rules: CohortRules) -> np.ndarray:
    """Per episode, the index in RULES of the first rule it fails, or IN_COHORT (-1). Shape (len(episodes),)."""
    n = len(episodes)
    checks: list[np.ndarray | None] = [None] * len(RULES)  # True = passes
    if rules.treatment_functions:
        checks[0] = (
            _as_text(episodes[TREATMENT_FUNCTION])
            .isin(rules.treatment_functions)
            .fillna(False)
            .to_numpy(bool)
        )
    if rules.patient_classes:
        checks[1] = _as_text(episodes[PATIENT_CLASS]).isin(rules.patient_classes).fillna(False).to_numpy(bool)
    if rules.max_length_of_stay_days is not None:
        los = length_of_stay_days(episodes)
        checks[2] = (los.notna() & (los >= 0) & (los <= rules.max_length_of_stay_days)).to_numpy(bool)
    if rules.admission_methods:
        checks[3] = (
            _as_text(episodes[ADMISSION_METHOD]).isin(rules.admission_methods).fillna(False).to_numpy(bool)
        )
    if rules.required_procedure_chapters:
        checks[4] = _has_chapter(episodes[PROCEDURES], rules.required_procedure_chapters)
    failure = np.full(n, IN_COHORT, dtype=np.int8)
    for index in reversed(range(len(RULES))):  # reversed, so the first failing rule is written last and wins
        if checks[index] is not None:
            failure[~checks[index]] = index
    return failure


def count_failures(failure: np.ndarray) -> dict[str, int]:
    """{rule name: episodes that failed it first}, every rule listed (zeros included) so manifests compare."""
    counts = np.bincount(failure[failure >= 0], minlength=len(RULES))
    return {name: int(counts[i]) for i, (name, _) in enumerate(RULES)}
