"""The simulated coders of `autocoding simulate-loop`: who reviews what, how often they slip, and that a slip is a
wrong code the importer accepts, never an invalid sequence."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from autocoding.codes import get_code_systems
from autocoding.pipelines.loop_coders import CoderSettings, coders_work, mistake, wholly_right

TRUTH = {f"E{i}": (("K21.9", "K29.7"), ("G45.1", "Z27.4")) if i % 2 else (("D12.5",), ("H22.9",))
         for i in range(400)}
VOCABULARY = (["K21.9", "D12.5", "K57.3"], ["G45.1", "H22.9", "H20.1"])


def _coded(auto_share: float) -> pd.DataFrame:
    ids = list(TRUTH)
    return pd.DataFrame({"episode_id": ids,
                         "status": ["auto" if i < auto_share * len(ids) else "exception" for i in range(len(ids))]})


def test_every_exception_is_reviewed_and_a_share_of_auto_coded_is_audited():
    coded = _coded(0.5)
    work = coders_work(coded, list(TRUTH), TRUTH, VOCABULARY, CoderSettings(error_rate=0.0, audit_fraction=0.2),
                       np.random.default_rng(0), datetime(2026, 1, 1, tzinfo=UTC))
    reviewed = set(work[work.kind == "exception_review"].episode_id)
    assert reviewed == set(coded[coded.status == "exception"].episode_id)
    audited = work[work.kind == "audit"]
    assert set(audited.episode_id) <= set(coded[coded.status == "auto"].episode_id)
    assert 25 <= len(audited) <= 55  # 20% of 200
    assert (work.comment == "").all()
    for row in work.itertuples():  # without slips, the true codes in sequence
        assert (tuple(row.diagnoses.split()), tuple(row.procedures.split())) == TRUTH[row.episode_id]


def test_no_production_model_means_every_episode_is_coded_by_hand():
    work = coders_work(None, list(TRUTH), TRUTH, VOCABULARY, CoderSettings(), np.random.default_rng(0),
                       datetime(2026, 1, 1, tzinfo=UTC))
    assert len(work) == len(TRUTH) and set(work.kind) == {"exception_review"}


def test_coder_mistakes_come_at_their_rate_and_the_importer_accepts_them(tmp_path):
    from autocoding.corrections.importer import import_file
    from autocoding.corrections.store import open_store

    work = coders_work(None, list(TRUTH), TRUTH, VOCABULARY, CoderSettings(error_rate=0.25),
                       np.random.default_rng(1), datetime(2026, 1, 1, tzinfo=UTC))
    slipped = work[work.comment != ""]
    assert 70 <= len(slipped) <= 130
    for row in slipped.itertuples():
        assert (tuple(row.diagnoses.split()), tuple(row.procedures.split())) != TRUTH[row.episode_id]
    path = tmp_path / "work.csv"
    work.to_csv(path, index=False)
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        report = import_file(store, path, None, get_code_systems({}, ["icd10", "opcs4"]))
    assert not report.bad and report.inserted == len(TRUTH)


@pytest.mark.parametrize("seed", range(20))
def test_a_slip_keeps_the_primary_or_replaces_a_lone_code_with_a_primary_code(seed):
    rng = np.random.default_rng(seed)
    codes = (("K21.9", "K29.7"), ("G45.1", "Z27.4"))
    slipped = mistake(codes, VOCABULARY, rng)
    assert slipped != codes
    changed = [i for i in range(2) if slipped[i] != codes[i]]
    assert len(changed) == 1 and slipped[changed[0]][0] == codes[changed[0]][0]  # a secondary dropped
    lone = mistake((("D12.5",), ()), VOCABULARY, rng)
    assert lone[0][0] in VOCABULARY[0] and lone[0] != ("D12.5",) and lone[1] == ()


def test_wholly_right_is_the_audit_s_four_fields():
    gold = (("K21.9", "K29.7"), ("G45.1", "Z27.4"))
    assert wholly_right((("K21.9", "K29.7"), ("G45.1", "Z27.4")), gold)
    three = (("K21.9", "K29.7", "K57.3"), ())
    assert wholly_right((("K21.9", "K57.3", "K29.7"), ()), three)  # secondaries are a set
    assert not wholly_right((("K29.7", "K21.9"), ("G45.1", "Z27.4")), gold)  # primary swapped
    assert not wholly_right((("K21.9",), ("G45.1", "Z27.4")), gold)           # a secondary missing
    assert not wholly_right((("K21.9", "K29.7"), ("G45.1",)), gold)


def test_settings_are_checked():
    with pytest.raises(ValueError, match="error_rate"):
        CoderSettings(error_rate=1.5)
    with pytest.raises(ValueError, match="coders"):
        CoderSettings(coders=0)
