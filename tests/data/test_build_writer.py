"""The dataset writer produces exactly what `save_to_disk` produces (bar the fingerprint), readable by load_from_disk;
and the output directory is replaced atomically."""

from __future__ import annotations

import json

import datasets
import pyarrow as pa
import pytest

from autocoding.data.dataset_writer import DatasetDictWriter, SplitWriter, dataset_features
from autocoding.data.output_dir import atomic_directory
from autocoding.errors import ConfigError

SYSTEMS = ["icd10", "opcs4"]


def _table(n: int, offset: int = 0) -> pa.Table:
    return pa.table(
        {
            "episode_id": [f"E{i}" for i in range(offset, offset + n)],
            "patient_id": [f"P{i}" for i in range(offset, offset + n)],
            "text": [f"[endoscopy_report]\nreport {i}" for i in range(offset, offset + n)],
            "icd10": [["K21.9"] if i % 2 else [] for i in range(offset, offset + n)],
            "opcs4": [["G45.1", "Y20.3"] for _ in range(n)],
        }
    )


def test_split_matches_save_to_disk_and_loads(tmp_path):
    table = _table(5)
    writer = SplitWriter(tmp_path / "ours", "train", SYSTEMS)
    writer.write(table)
    writer.close()
    reference = datasets.Dataset.from_dict(table.to_pydict(), features=dataset_features(SYSTEMS))
    reference.save_to_disk(str(tmp_path / "ref" / "train"))
    ours, ref = tmp_path / "ours" / "train", tmp_path / "ref" / "train"
    assert (ours / "data-00000-of-00001.arrow").read_bytes() == (
        ref / "data-00000-of-00001.arrow"
    ).read_bytes()
    assert (ours / "dataset_info.json").read_text() == (ref / "dataset_info.json").read_text()
    ours_state, ref_state = (json.loads((d / "state.json").read_text()) for d in (ours, ref))
    assert ours_state.keys() == ref_state.keys()
    assert datasets.load_from_disk(str(ours)).to_list() == table.to_pylist()


def test_shards_roll_over_and_dataset_dict_loads(tmp_path):
    writer = DatasetDictWriter(tmp_path, SYSTEMS, ("train", "validation", "test"), max_shard_bytes=1)
    writer.write("train", _table(3).append_column("from_audit", pa.array([False] * 3)))
    writer.write("train", _table(2, offset=3).append_column("from_audit", pa.array([False] * 2)))
    writer.write("validation", _table(1, offset=5).append_column("from_audit", pa.array([True])))
    first = writer.close()
    assert sorted(p.name for p in (tmp_path / "train").glob("*.arrow")) == [
        "data-00000-of-00002.arrow",
        "data-00001-of-00002.arrow",
    ]
    loaded = datasets.load_from_disk(str(tmp_path))
    assert {k: len(v) for k, v in loaded.items()} == {"train": 5, "validation": 1, "test": 0}
    assert loaded["train"]["episode_id"] == ["E0", "E1", "E2", "E3", "E4"]
    assert loaded["train"].column_names == ["episode_id", "patient_id", "text", *SYSTEMS]
    assert writer.counts.from_audit["validation"] == 1 and writer.counts.episodes["train"] == 5
    assert writer.counts.of("train", "icd10") == {"K21.9": 2}  # E1 and E3
    assert writer.counts.of("train", "opcs4") == {"G45.1": 5, "Y20.3": 5}
    assert len(first) == 64


def test_failed_build_keeps_previous_output(tmp_path):
    out = tmp_path / "dataset"
    with atomic_directory(out, "dataset", "d") as tmp:
        (tmp / "manifest.json").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_directory(out, "dataset", "d") as tmp:
            (tmp / "manifest.json").write_text("new, half written")
            raise RuntimeError("build failed")
    assert (out / "manifest.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dataset.lock", "dataset"]  # no temporary folder left
    with atomic_directory(out, "dataset", "d") as tmp:
        (tmp / "manifest.json").write_text("new")
    assert (out / "manifest.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dataset.lock", "dataset"]
    assert (out.stat().st_mode & 0o777) == 0o700 and ((out / "manifest.json").stat().st_mode & 0o777) == 0o600


def test_refuses_to_replace_a_folder_that_is_not_a_dataset(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.tex").write_text("precious")
    with pytest.raises(ConfigError, match="refusing"):
        with atomic_directory(tmp_path / "home", "dataset", "d"):
            pass
    assert (tmp_path / "home" / "thesis.tex").read_text() == "precious"


def test_refuses_a_model_bundle_that_holds_a_manifest(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    for name in ("manifest.json", "model.safetensors", "thresholds.json"):
        (bundle / name).write_text("weights")
    with pytest.raises(ConfigError, match="not written by autocoding"):
        with atomic_directory(bundle, "dataset", "d"):
            pass
    assert sorted(p.name for p in bundle.iterdir()) == ["manifest.json", "model.safetensors", "thresholds.json"]


def test_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path):
    out = tmp_path / "dataset"
    with atomic_directory(out, "dataset", "d") as tmp:
        (tmp / "manifest.json").write_text("first")
        with pytest.raises(ConfigError, match="another autocoding process is writing"):
            with atomic_directory(out, "dataset", "d"):
                pass
    assert (out / "manifest.json").read_text() == "first"
