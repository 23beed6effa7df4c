"""A patient's split survives added, removed and corrected episodes (the keyed-hash split), and the balance of the
splits is reported; the stratified split, still selectable, is shown to move patients on the same changes."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import datasets
import numpy as np
import pandas as pd
import pytest

from autocoding.config import compose
from autocoding.data.build import run as build_run
from autocoding.data.split import SPLITS, SplitFractions, SplitRules, hash_patient_split
from autocoding.errors import ConfigError


@pytest.fixture(scope="module")
def extract(tmp_path_factory) -> Path:
    from autocoding.data.synth.command import run as synth_run

    out = tmp_path_factory.mktemp("stability") / "extract"
    synth_run(compose("synth", ["specialty=endoscopy", "n_episodes=200", "seed=5", f"out={out}"]))
    return out


def _variant(extract: Path, out: Path, change) -> Path:
    """A copy of the extract with its episodes (and their documents and audit rows) passed through `change`."""
    out.mkdir(parents=True)
    episodes = change(pd.read_parquet(extract / "episodes.parquet"))
    keep = set(episodes["episode_id"])
    episodes.to_parquet(out / "episodes.parquet", index=False)
    for name in ("documents", "audit"):
        table = pd.read_parquet(extract / f"{name}.parquet")
        table[table["episode_id"].isin(keep)].to_parquet(out / f"{name}.parquet", index=False)
    return out


def _splits(extract: Path, out: Path, method: str) -> dict[str, str]:
    build_run(compose("build", ["dataset=endoscopy", f"extract={extract}", f"out={out}",
                                f"dataset.split.method={method}"]))
    built = datasets.load_from_disk(str(out))
    return {p: s for s in SPLITS for p in built[s]["patient_id"]}


def _moved(before: dict[str, str], after: dict[str, str]) -> int:
    return sum(before[p] != after[p] for p in before.keys() & after.keys())


def _remove_one(episodes: pd.DataFrame) -> pd.DataFrame:
    return episodes.iloc[1:]


def _add(episodes: pd.DataFrame) -> pd.DataFrame:
    new = episodes.head(40).copy()
    new["episode_id"] = "NEW-" + new["episode_id"]
    new["patient_id"] = "NEW-" + new["patient_id"]
    return pd.concat([episodes, new], ignore_index=True)


def _correct(episodes: pd.DataFrame) -> pd.DataFrame:
    episodes = episodes.copy()
    rows = np.arange(0, len(episodes), 3)  # every third episode's codes replaced
    episodes.loc[episodes.index[rows], "diagnoses"] = pd.Series([["K21.9", "I10"]] * len(rows),
                                                                 index=episodes.index[rows])
    return episodes


@pytest.mark.parametrize("change", [_remove_one, _add, _correct], ids=["remove", "add", "correct"])
def test_no_patient_changes_split_when_episodes_change(extract, tmp_path, change):
    before = _splits(extract, tmp_path / "before", "hash")
    after = _splits(_variant(extract, tmp_path / "extract", change), tmp_path / "after", "hash")
    assert len(before.keys() & after.keys()) >= 150
    assert _moved(before, after) == 0


def test_the_stratified_split_moves_patients_on_the_same_change(extract, tmp_path):
    """What the hash split fixes: removing one episode re-deals the stratified split."""
    before = _splits(extract, tmp_path / "before", "stratified")
    after = _splits(_variant(extract, tmp_path / "extract", _remove_one), tmp_path / "after", "stratified")
    assert _moved(before, after) > 10


def test_hash_split_is_a_function_of_patient_and_key_and_follows_the_fractions():
    ids = [f"P{i:06d}" for i in range(20_000)]
    fractions = SplitFractions()
    split = hash_patient_split(ids, fractions, "k1")
    assert np.array_equal(split[5:50], hash_patient_split(ids[5:50], fractions, "k1"))  # no dependence on others
    shares = np.bincount(split, minlength=3) / len(ids)
    assert np.allclose(shares, fractions.as_array(), atol=0.01)
    other = hash_patient_split(ids, fractions, "k2")
    assert 0.3 < (other != split).mean() < 0.6  # another key: an independent split
    no_test = hash_patient_split(ids, SplitFractions(0.85, 0.15, 0.0), "k1")
    assert set(no_test.tolist()) == {0, 1}


def test_split_rules_read_method_and_key():
    rules = SplitRules.from_mapping({"train": 0.8, "validation": 0.1, "test": 0.1, "key": "trust-x"})
    assert (rules.method, rules.key, rules.fractions.train) == ("hash", "trust-x", 0.8)
    assert SplitRules.from_mapping({"method": "stratified"}).method == "stratified"
    with pytest.raises(ConfigError, match="method"):
        SplitRules.from_mapping({"method": "random"})
    with pytest.raises(ConfigError, match="unknown splits"):
        SplitRules.from_mapping({"dev": 0.1})


def test_manifest_reports_the_split_and_its_balance(extract, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="autocoding.data.balance"):
        _splits(extract, tmp_path / "ds", "hash")
    split = json.loads((tmp_path / "ds" / "manifest.json").read_text())["split"]
    manifest = json.loads((tmp_path / "ds" / "manifest.json").read_text())
    assert split["method"].startswith("keyed hash") and len(split["key_sha256"]) == 16
    balance = split["balance"]
    assert sum(balance["episode_share"].values()) == pytest.approx(1.0, abs=1e-3)
    for system in ("icd10", "opcs4"):
        train = manifest["counts"]["train"][system]
        seen_elsewhere = set(manifest["counts"]["validation"][system]) | set(manifest["counts"]["test"][system])
        assert balance[system]["absent_from_train"] == sorted(seen_elsewhere - set(train))
        labels = manifest["systems"][system]["labels"]
        validation = manifest["counts"]["validation"][system]
        assert balance[system]["labels_absent_from_validation"] == sorted(c for c in labels if c not in validation)
    warned = [r.getMessage() for r in caplog.records]
    if balance["icd10"]["absent_from_train"]:
        assert any("icd10" in m and "not in train" in m for m in warned)
    shutil.rmtree(tmp_path / "ds")
