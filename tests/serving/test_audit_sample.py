"""The audit sample: a keyed, reproducible share of each specialty's auto-coded episodes, never an exception."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from autocoding.errors import ConfigError
from autocoding.serving.audit_sample import AuditSettings, audit_list, audit_sample, draws
from autocoding.serving.coded_output import SCHEMA, mark_audit_sample

IDS = [f"E{i:05d}" for i in range(20_000)]


def test_draws_are_fixed_by_key_and_id_and_uniform():
    a = draws(IDS, "k1")
    np.testing.assert_array_equal(a, draws(IDS, "k1"))
    np.testing.assert_array_equal(a[5:10], draws(IDS[5:10], "k1"))  # whatever the chunk
    assert (a != draws(IDS, "k2")).mean() > 0.99
    assert a.min() >= 0 and a.max() < 1
    assert np.histogram(a, bins=10, range=(0, 1))[0].min() > 1_800  # about 2,000 a bin


def test_each_specialty_gets_its_share_of_auto_coded_episodes_only():
    specialty = np.where(np.arange(len(IDS)) % 2 == 0, "301", "400")
    auto = np.arange(len(IDS)) % 4 != 3  # a quarter are exceptions
    settings = AuditSettings(fraction=0.05, by_specialty={"400": 0.5})
    picked = audit_sample(IDS, specialty, auto, settings)
    assert not picked[~auto].any()
    share = {s: picked[(specialty == s) & auto].mean() for s in ("301", "400")}
    assert 0.04 < share["301"] < 0.06 and 0.47 < share["400"] < 0.53
    assert not audit_sample(IDS, specialty, auto, AuditSettings(fraction=0.0)).any()
    assert (audit_sample(IDS, specialty, auto, AuditSettings(fraction=1.0)) == auto).all()


@pytest.mark.parametrize("values", [{"fraction": 1.5}, {"by_specialty": {"301": -0.1}}, {"key": ""}, {"share": 1}])
def test_bad_settings_are_refused(values):
    with pytest.raises(ConfigError, match="audit"):
        AuditSettings.from_mapping(values)


def _rows(statuses):
    n = len(statuses)
    data = {name: [None] * n for name in SCHEMA.names}
    data.update(episode_id=[f"E{i}" for i in range(n)], status=statuses, audit_sample=[False] * n,
                specialty=["301"] * n, diagnoses=[["K21.9"]] * n, procedures=[["G45.1", "Z27.4"]] * n,
                episode_end=[pd.Timestamp(f"2026-01-{n - i:02d}").date() for i in range(n)])
    for column in ("diagnoses_probability", "procedures_probability", "evidence", "reason_codes", "reasons"):
        data[column] = [[] for _ in range(n)]
    return pa.table({name: pa.array(data[name], type=SCHEMA.field(name).type) for name in SCHEMA.names}, schema=SCHEMA)


def test_the_coded_rows_mark_and_list_the_sample():
    table = mark_audit_sample(_rows(["auto", "exception", "auto", "auto"]), AuditSettings(fraction=1.0))
    assert table.column("audit_sample").to_pylist() == [True, False, True, True]
    listed = audit_list(table.to_pandas())
    assert listed["episode_id"].tolist() == ["E3", "E2", "E0"]  # oldest episode first
    assert listed["rank"].tolist() == [1, 2, 3]
    assert listed["procedures"].iloc[0] == "G45.1;Z27.4"
    assert audit_list(mark_audit_sample(_rows(["auto"]), AuditSettings(fraction=0.0)).to_pandas()).empty
