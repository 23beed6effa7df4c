"""Corrections applied to an extract's episodes: codes replaced, audits become gold rows, unknown ids reported."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from autocoding.corrections.apply import apply_corrections
from autocoding.corrections.records import FinalCodes


def _final(eid: str, dx, px, kind: str) -> FinalCodes:
    return FinalCodes(eid, tuple(dx), tuple(px), kind, "C1", datetime(2026, 1, 5), "m", "3")


def test_corrections_replace_codes_and_audits_become_gold():
    episodes = pd.DataFrame({"episode_id": ["E1", "E2", "E3"], "diagnoses": [["K21.9"], ["K29.7"], ["I10"]],
                             "procedures": [["G45.9"], ["G45.1"], []]})
    audit = pd.DataFrame({"episode_id": ["E2", "E3"], "diagnoses": [["K29.7"], ["I10"]],
                          "procedures": [["G45.1"], []]})
    corrections = {"E1": _final("E1", ["K22.2"], ["G45.1"], "exception_review"),
                   "E2": _final("E2", ["K25.9", "I10"], ["G45.9"], "audit"),
                   "E9": _final("E9", ["K21.9"], [], "audit")}
    new, new_audit, missing = apply_corrections(episodes, audit, corrections)
    assert new["diagnoses"].tolist() == [["K22.2"], ["K25.9", "I10"], ["I10"]]
    assert new["procedures"].tolist() == [["G45.1"], ["G45.9"], []]
    gold = new_audit.set_index("episode_id")
    assert gold.loc["E2", "diagnoses"] == ["K25.9", "I10"] and gold.loc["E3", "diagnoses"] == ["I10"]
    assert "E1" not in gold.index  # an exception review is the coder's decision, not an audit
    assert len(gold) == 2 and missing == ["E9"]
    assert episodes["diagnoses"].tolist()[0] == ["K21.9"]  # the input is not modified
