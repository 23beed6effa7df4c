"""`data.dataset_reader`: the one reader of a built dataset, and its errors when a file is missing."""

from __future__ import annotations

import shutil

import pytest
from tests.helpers.tiny_coding_dataset import FINDINGS, write_tiny_dataset

from autocoding.data.dataset_reader import read_dataset, read_manifest
from autocoding.errors import InputError


@pytest.fixture
def built(tmp_path):
    return write_tiny_dataset(tmp_path / "dataset", n=40)


def test_reads_splits_manifest_and_labels(built):
    dataset = read_dataset(built, columns=["episode_id", "text", "icd10"])
    assert dataset.path == built and dataset.systems == ["icd10", "opcs4"]
    assert dataset.labels("icd10") == sorted(FINDINGS.values())
    assert sum(len(dataset.split(s)) for s in ("train", "validation", "test")) == 40
    assert list(dataset.frame("test").columns[:2]) == ["episode_id", "patient_id"]
    assert read_manifest(built) == dataset.manifest


def test_missing_manifest_names_the_folder(built):
    (built / "manifest.json").unlink()
    with pytest.raises(InputError, match=rf"^{built}: not a dataset written by `autocoding build` \(no manifest.json"):
        read_dataset(built)


def test_missing_dataset_dict_names_the_folder(built):
    (built / "dataset_dict.json").unlink()
    with pytest.raises(InputError, match=rf"^{built}: .*no dataset_dict.json"):
        read_dataset(built)


def test_missing_split_file_names_the_folder(built):
    for arrow in (built / "test").glob("*.arrow"):
        arrow.unlink()
    with pytest.raises(InputError, match=rf"^{built}: the dataset is incomplete: .*\.arrow"):
        read_dataset(built)


def test_missing_split_folder_and_columns(built):
    shutil.rmtree(built / "validation")
    (built / "dataset_dict.json").write_text('{"splits": ["train", "test"]}')
    with pytest.raises(InputError, match=rf"^{built}: the dataset has no 'validation' split"):
        read_dataset(built)
    assert len(read_dataset(built, splits=["train"]).split("train")) > 0
    with pytest.raises(InputError, match=r"split 'train' lacks columns \['icd10pcs'\]"):
        read_dataset(built, splits=["train"], columns=["icd10pcs"])


def test_not_a_folder_and_unknown_system(tmp_path, built):
    with pytest.raises(InputError, match="no such folder"):
        read_manifest(tmp_path / "absent")
    with pytest.raises(InputError, match="code system 'icd10pcs' is not in the dataset"):
        read_dataset(built).labels("icd10pcs")
