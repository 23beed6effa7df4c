"""The widened neurology generator: PPPD, B12 deficiency neuropathy and subacute combined degeneration, cervical
artery dissection, cerebral venous sinus thrombosis, ocular motor palsies, brain tumours, RCVS, muscle biopsy and
eptinezumab infusions are generated and coded as their modules say (dagger before asterisk, cause then
manifestation, muscle biopsy with its site and laterality)."""

from __future__ import annotations

import pandas as pd
import pytest

from autocoding.data.synth.command import write_extract
from autocoding.data.synth.neurology import SYMPTOM
from autocoding.data.synth.neurology_scenarios import ALL_SCENARIOS
from autocoding.data.synth.stream import SynthSettings

NEW = ("pppd", "b12_neuropathy", "cervical_dissection", "cvst", "ocular_palsy", "brain_tumour", "rcvs",
       "muscle_biopsy", "eptinezumab")


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("neuro_cov")
    write_extract(SynthSettings("neurology", 12000, 5, 0.0, 1.0, 12000), out)
    docs = pd.read_parquet(out / "documents.parquet").groupby("episode_id").text.agg("\n".join)
    return pd.read_parquet(out / "audit.parquet").join(docs, on="episode_id")


def _follows(dx, first: str, second: str) -> bool:
    dx = list(dx)
    return first in dx and dx.index(first) + 1 < len(dx) and dx[dx.index(first) + 1] == second


def test_new_scenarios_are_in_the_table_with_rare_weights():
    keys = {s.key: s for s in ALL_SCENARIOS}
    assert set(NEW) <= set(keys) and set(NEW) <= set(SYMPTOM)
    assert len(keys) == len(ALL_SCENARIOS)                                   # no key twice
    assert all(keys[k].weight <= 0.02 for k in NEW)                         # rare beside TIA 0.09, seizure 0.1
    assert all(len(keys[k].presenting) >= 3 for k in NEW)


def test_new_diagnoses_are_generated_and_coded(extract):
    dx = extract.diagnoses.map(list)
    for code in ("F45.8", "G63.4", "G32.0", "I72.0", "I72.6", "I67.6", "I63.6", "H49.0", "H49.2", "C79.3",
                 "D32.0", "I67.8", "G72.4", "G72.0"):
        assert dx.map(lambda d, c=code: c in d).sum() >= 2, code
    for d in dx:
        if "G63.4" in d:
            assert _follows(d, "E53.8", "G63.4"), d                         # dagger, then asterisk
        if "G32.0" in d:
            assert _follows(d, "E53.8", "G32.0") or _follows(d, "D51.0", "G32.0"), d
        if "Y42.3" in d:
            assert d[:3] == ["E53.8", "G63.4", "Y42.3"] and "E11.9" in d, d   # metformin B12 deficiency
        if "G90.2" in d:
            assert _follows(d, "I72.0", "G90.2"), d                         # Horner's after the dissection
        if "Y42.4" in d:
            assert _follows(d, "I67.6", "Y42.4"), d                         # CVST on the combined pill
        if "I63.6" in d:
            assert "I67.6" not in d, d                                      # the venous infarct includes it
        if "C79.3" in d:
            assert _follows(d, "C79.3", "C34.9"), d                         # secondary, then the primary
        if "G72.0" in d:
            assert _follows(d, "G72.0", "Y52.6"), d                         # statin myopathy, then the drug


def test_new_procedures_carry_site_laterality_and_drug_band(extract):
    px = extract.procedures.map(list)
    biopsies = px[px.map(lambda p: "T81.1" in p)]
    assert len(biopsies) >= 10
    assert biopsies.map(lambda p: p[:3] == ["T81.1", "Z57.3", "Z94.2"]).all()
    assert px.map(lambda p: "U11.7" in p).sum() >= 1                          # MR venogram in a CVST stay
    infusions = extract[extract.text.str.contains("eptinezumab", case=False)]
    assert len(infusions) >= 10
    assert infusions.procedures.map(lambda p: list(p[:2]) == ["X29.2", "X89.1"]).all()


def test_excluded_diagnoses_are_not_coded(extract):
    for row in extract.itertuples():
        if "dissection excluded" in row.text or "no dissection" in row.text:
            assert not {"I72.0", "I72.6"} & set(row.diagnoses), row.diagnoses
        if "myositis excluded" in row.text:
            assert "G72.4" not in row.diagnoses, row.diagnoses
