"""What the MLflow pyfunc takes and gives (`serving.pyfunc_model`): the signature, an input example, and the
prediction as a frame of the coded output's columns (`serving.coded_output`) in their CSV form.

Input, one row per episode: `episode_id`, `text` (the episode's documents joined as the model's dataset joins them:
`[doc_type]` headers, blank lines between; `serving.texts`), and the cohort fields `specialty` (treatment
function), `patient_class`, `admission_method`, `episode_start`, `episode_end` (ISO dates). The cohort fields are
optional in the schema, but a bundle with cohort rules never auto-codes an episode it cannot place: a row without
them is an `outside_cohort` exception saying which are missing. Output: the coded output's columns, lists and
evidence as JSON text; evidence offsets point into the row's `text`, and `doc_id` is the `[doc_type]` section the
evidence lies in (the caller's documents are not known here; a text without headers: every token may be evidence,
`doc_id` null).
"""

from __future__ import annotations

import pandas as pd

from autocoding.data.cohort import (
    ADMISSION_METHOD,
    EPISODE_END,
    EPISODE_START,
    PATIENT_CLASS,
    TREATMENT_FUNCTION,
)
from autocoding.errors import InputError

COHORT_FIELDS = (TREATMENT_FUNCTION, PATIENT_CLASS, ADMISSION_METHOD, EPISODE_START, EPISODE_END)
EXAMPLE = {"episode_id": ["EP000001"], "text": ["[endoscopy_report]\nOGD: reflux oesophagitis, LA grade B. CLO test."],
           "specialty": ["301"], "patient_class": ["day_case"], "admission_method": ["11"],
           "episode_start": ["2026-03-02"], "episode_end": ["2026-03-02"]}


def signature():
    """The pyfunc's full signature: the inputs above and every output column, as MLflow types."""
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    from autocoding.serving.coded_output import SCHEMA

    inputs = [ColSpec("string", "episode_id"), ColSpec("string", "text")]
    inputs += [ColSpec("string", name, required=False) for name in COHORT_FIELDS]
    outputs = [ColSpec("double" if name == "uncertainty" else "string", name) for name in SCHEMA.names]
    return ModelSignature(inputs=Schema(inputs), outputs=Schema(outputs))


def input_example() -> pd.DataFrame:
    return pd.DataFrame(EXAMPLE)


def _screen(frame: pd.DataFrame, rules) -> list[str | None]:
    from autocoding.serving.screening import outside_cohort

    has_rules = any((rules.treatment_functions, rules.patient_classes, rules.admission_methods,
                     rules.max_length_of_stay_days is not None))
    if not has_rules:
        return [None] * len(frame)
    missing = [[f for f in COHORT_FIELDS if f not in frame.columns or pd.isna(frame[f].iat[i])
                or not str(frame[f].iat[i]).strip()] for i in range(len(frame))]
    known = [i for i, m in enumerate(missing) if not m]
    found: list[str | None] = [f"cannot check the cohort: {', '.join(m)} not given" if m else None for m in missing]
    if known:
        episodes = frame.iloc[known].reset_index(drop=True).copy()
        episodes[PATIENT_CLASS] = episodes[PATIENT_CLASS].astype(str).str.strip().str.lower().str.replace(
            r"[\s-]+", "_", regex=True)
        episodes[ADMISSION_METHOD] = episodes[ADMISSION_METHOD].astype(str).str.strip().str.upper()
        for row, detail in zip(known, outside_cohort(episodes, rules), strict=True):
            found[row] = detail
    return found


def predict_frame(coder, model_input: pd.DataFrame, code_format: str = "dotted") -> pd.DataFrame:
    """Code a frame of episodes (module docstring) -> the coded output's columns, CSV form."""
    from autocoding.serving.coded_output import coded_table, to_csv_frame
    from autocoding.serving.screening import serving_rules
    from autocoding.serving.texts import sections_from_text

    frame = pd.DataFrame(model_input).reset_index(drop=True)
    for column in ("episode_id", "text"):
        if column not in frame.columns:
            raise InputError(f"episodes need an {column!r} column; got {list(frame.columns)}")
    frame["text"] = frame["text"].fillna("").astype(str)
    blocked = {"outside_cohort": _screen(frame, serving_rules(coder.bundle.cohort))}
    types = ((coder.bundle.config.get("dataset") or {}).get("documents") or {}).get("types") or []
    sections = [sections_from_text(t, types) or None for t in frame["text"]]
    coded = coder.code(frame[["episode_id", "text"]], sections=sections, blocked=blocked, evidence=True)
    episodes = pd.DataFrame({
        "specialty": frame[TREATMENT_FUNCTION].fillna("").astype(str) if TREATMENT_FUNCTION in frame else "",
        "episode_end": pd.to_datetime(frame[EPISODE_END], errors="coerce") if EPISODE_END in frame else pd.NaT,
    }, index=frame.index)
    model = {"model_name": coder.bundle.info.model_name}
    return to_csv_frame(coded_table(coded, episodes, model, code_format, sections))
