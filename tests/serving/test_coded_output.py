from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from autocoding.errors import ConfigError
from autocoding.serving.code_format import write_code
from autocoding.serving.coded_output import SCHEMA, coded_table, to_csv_frame
from autocoding.serving.predictor import Coder
from autocoding.serving.screening import outside_cohort, serving_rules
from autocoding.serving.worklist import worklist


@pytest.mark.parametrize(("system", "code", "style", "written"), [
    ("icd10", "K21.9", "dotted", "K21.9"), ("icd10", "K21.9", "undotted", "K219"), ("icd10", "K21.9", "nhs4", "K219"),
    ("icd10", "I10", "nhs4", "I10X"), ("icd10", "I10", "undotted", "I10"), ("icd10", "M84.45", "nhs4", "M8445"),
    ("opcs4", "H22.9", "nhs4", "H229"), ("opcs4", "H22.9", "dotted", "H22.9"),
])
def test_code_formats(system, code, style, written):
    assert write_code(system, code, style) == written


def test_written_forms_read_back_as_the_same_code():
    from autocoding.codes.syntax import normalise

    for code in ("K21.9", "I10", "K63.5"):
        assert normalise("icd10", write_code("icd10", code, "nhs4")) == code


def _episodes(**columns) -> pd.DataFrame:
    base = {"episode_id": ["a", "b", "c", "d", "e"], "specialty": ["301", "400", "301", "301", "301"],
            "patient_class": ["day_case", "day_case", "ordinary", "day_case", "day_case"],
            "admission_method": ["11", "11", "11", "21", "11"],
            "episode_start": pd.to_datetime(["2026-01-01"] * 4 + ["2026-01-01"]),
            "episode_end": pd.to_datetime(["2026-01-01"] * 4 + ["2026-01-03"])}
    base.update(columns)
    return pd.DataFrame(base)


def test_outside_cohort_names_the_first_failing_rule():
    rules = serving_rules({"treatment_functions": ["301"], "patient_classes": ["day_case"],
                           "max_length_of_stay_days": 0, "admission_methods": ["11", "12"],
                           "required_procedure_chapters": ["H"]})  # not applicable before coding: dropped
    assert rules.required_procedure_chapters == ()
    found = outside_cohort(_episodes(), rules)
    assert found[0] is None
    assert "treatment function 400" in found[1] and "patient class ordinary" in found[2]
    assert "admission method 21" in found[3] and "length of stay 2 days" in found[4]
    assert outside_cohort(_episodes(), serving_rules({})) == [None] * 5


def test_worklist_orders_by_deadline_then_uncertainty():
    coded = pd.DataFrame({
        "episode_id": ["late", "soon_sure", "soon_unsure", "auto", "soon_tie"],
        "status": ["exception", "exception", "exception", "auto", "exception"],
        "specialty": ["301"] * 5,
        "episode_end": [date(2026, 3, 1), date(2026, 1, 1), date(2026, 1, 1), date(2025, 1, 1), date(2026, 1, 1)],
        "uncertainty": [1.0, 0.2, 0.9, 0.0, 0.9],
        "reason_codes": [["uncertain_code"]] * 5, "reasons": [["x"]] * 5,
        "diagnoses": [["K21.9", "I10"]] * 5, "procedures": [[]] * 5,
    })
    queue = worklist(coded)
    assert list(queue["episode_id"]) == ["soon_tie", "soon_unsure", "soon_sure", "late"]  # ties: episode_id
    assert list(queue["rank"]) == [1, 2, 3, 4]
    assert queue["coding_deadline"].iloc[0] == "2026-01-31" and queue["diagnoses"].iloc[0] == "K21.9;I10"
    by_uncertainty = worklist(coded, order=["uncertainty", "deadline"], deadline_days=10)
    assert list(by_uncertainty["episode_id"]) == ["late", "soon_tie", "soon_unsure", "soon_sure"]
    assert by_uncertainty["coding_deadline"].iloc[0] == "2026-03-11"
    with pytest.raises(ConfigError, match="unknown keys"):
        worklist(coded, order=["age"])


def test_coded_table_columns_and_csv_form(tiny_bundle):
    coder = Coder.from_bundle(tiny_bundle)
    texts = ["[endoscopy_report]\ngastroscopy reflux oesophagitis biopsy taken", ""]
    coded = coder.code(pd.DataFrame({"episode_id": ["a", "b"], "text": texts}), evidence=True,
                       blocked={"outside_cohort": ["patient class ordinary is not one of ['day_case']", None]})
    episodes = pd.DataFrame({"specialty": ["301", "301"], "episode_end": pd.to_datetime(["2026-01-02", None])})
    model = {"model_name": "autocoding-endoscopy", "model_version": "3", "model_alias": "production",
             "model_uri": "models:/autocoding-endoscopy@production"}
    table = coded_table(coded, episodes, model, "nhs4")
    assert table.schema == SCHEMA
    rows = table.to_pylist()
    assert [r["status"] for r in rows] == ["exception", "exception"]
    a, b = rows
    assert a["reason_codes"][0] == "outside_cohort" and "outside the cohort" in a["reasons"][0]
    assert len(a["reason_codes"]) == len(a["reasons"])
    assert len(a["diagnoses"]) == len(a["diagnoses_probability"])
    assert all(0 <= p <= 1 for p in a["diagnoses_probability"])
    assert all("." not in c for c in a["diagnoses"] + a["procedures"])  # nhs4
    assert [e["code"] for e in a["evidence"]] == a["diagnoses"] + a["procedures"]
    assert b["reason_codes"] == ["no_usable_text"] and b["diagnoses"] == [] and b["evidence"] == []
    assert b["uncertainty"] == 1.0 and b["episode_end"] is None
    assert {r["model_version"] for r in rows} == {"3"} and a["model_alias"] == "production"
    csv = to_csv_frame(table)
    assert list(csv.columns) == SCHEMA.names
    assert json.loads(csv["diagnoses"].iloc[0]) == a["diagnoses"]
    assert json.loads(csv["evidence"].iloc[0])[0]["code"] == a["evidence"][0]["code"]
    assert csv["episode_end"].tolist() == ["2026-01-02", ""]
    assert np.isclose(csv["uncertainty"].iloc[0], a["uncertainty"])
