"""Before the model: which episodes of an extract the model may code at all.

An episode is screened out (an exception, never auto-coded) when it is outside the cohort of the model's
dataset: the bundle carries the dataset's cohort rules (`Bundle.cohort`, `autocoding.data.cohort`), and an episode
of another treatment function, patient class, length of stay or admission method is not what the model learned
from, however confident it looks. The rule on coded procedure chapters is not applied: new episodes have no codes
yet (and `autocoding.data.cohort` explains why the packaged datasets leave it empty).

Episodes without usable text are found by `serving.predictor.Coder.code` from the joined text.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pandas as pd

from autocoding.data.cohort import (
    ADMISSION_METHOD,
    IN_COHORT,
    PATIENT_CLASS,
    RULES,
    TREATMENT_FUNCTION,
    CohortRules,
    length_of_stay_days,
    rule_failures,
)

log = logging.getLogger(__name__)


def serving_rules(cohort: Mapping | None) -> CohortRules:
    """The bundle's cohort rules without the rule on coded procedures (unknown before coding)."""
    rules = CohortRules.from_mapping(cohort or {})
    if rules.required_procedure_chapters:
        log.warning("cohort.required_procedure_chapters %s is not applied when coding: new episodes have no codes",
                    list(rules.required_procedure_chapters))
    return CohortRules(rules.treatment_functions, rules.patient_classes, rules.max_length_of_stay_days,
                       rules.admission_methods)


def _detail(rule: str, episode: pd.Series, los, rules: CohortRules) -> str:
    if rule == "treatment_function":
        return f"treatment function {episode[TREATMENT_FUNCTION]!s} is not one of {list(rules.treatment_functions)}"
    if rule == "patient_class":
        return f"patient class {episode[PATIENT_CLASS]!s} is not one of {list(rules.patient_classes)}"
    if rule == "length_of_stay":
        stay = "unknown" if pd.isna(los) else f"{int(los)} days"
        return f"length of stay {stay} is above {rules.max_length_of_stay_days} days"
    return f"admission method {episode[ADMISSION_METHOD]!s} is not one of {list(rules.admission_methods)}"


def outside_cohort(episodes: pd.DataFrame, rules: CohortRules) -> list[str | None]:
    """Per episode None (inside the cohort) or the first rule it fails, in words."""
    failure = rule_failures(episodes, rules)
    if (failure == IN_COHORT).all():
        return [None] * len(episodes)
    los = length_of_stay_days(episodes)
    return [None if f == IN_COHORT else _detail(RULES[f][0], episodes.iloc[i], los.iloc[i], rules)
            for i, f in enumerate(failure.tolist())]
