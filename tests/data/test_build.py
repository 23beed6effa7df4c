"""The whole build on hand-made extracts: manifest contents, determinism, atomic output, audit labels."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import datasets
import pandas as pd
import pytest
from tests.helpers.build_fixtures import ENDOSCOPY, TableStream, document, episode, options

from autocoding.data.build import build
from autocoding.data.manifest import read_manifest
from autocoding.data.split import SPLITS


@dataclass
class FakeSystem:  # the build reads only the version of a code system (the loader normalises codes)
    version: str


SYSTEMS = {"icd10": FakeSystem("WHO 2019 (test)"), "opcs4": FakeSystem("OPCS-4.10 (test)")}


def _extract(n_patients: int = 30):
    """Two episodes per patient. Every episode has K21.9 and H22.9; patient 0's first episode also has the rare
    C18.7; patient 1's episodes are neurology (outside the cohort); patient 2's second episode has no document."""
    episodes, documents, audit = [], [], []
    for p in range(n_patients):
        for k in range(2):
            eid = f"E{p:03d}{k}"
            dx = ("K21.9", "C18.7") if (p, k) == (0, 0) else ("K21.9",)
            episodes.append(episode(eid, f"P{p:03d}", dx=dx, px=("H22.9",), tf="400" if p == 1 else "301"))
            if (p, k) != (2, 1):
                documents.append(document(eid, "endoscopy_report", f"Colonoscopy for {eid}."))
            audit.append({"episode_id": eid, "diagnoses": ["K57.3"], "procedures": ["H22.9"]})
    return episodes, documents[::-1], audit


def _write_files(tmp_path, episodes, documents, audit) -> None:
    folder = tmp_path / "extract"
    folder.mkdir(exist_ok=True)
    pd.DataFrame(episodes).to_parquet(folder / "episodes.parquet")
    pd.DataFrame(documents).to_parquet(folder / "documents.parquet")
    pd.DataFrame(audit).to_parquet(folder / "audit.parquet")


def _build(tmp_path, out_name: str = "out", seed: int = 0, audit: bool = True):
    episodes, documents, rows = _extract()
    _write_files(tmp_path, episodes, documents, rows)
    opts = options(tmp_path, seed=seed)
    opts = replace(opts, out=tmp_path / out_name)
    build(
        opts, code_systems=SYSTEMS, stream=TableStream(episodes, documents, rows if audit else None, batch=7)
    )
    return tmp_path / out_name


def test_manifest_contents(tmp_path):
    out = _build(tmp_path, audit=False)
    manifest = read_manifest(out)
    assert manifest["dataset"] == "endoscopy" and manifest["source"] == "extract"
    assert manifest["input_episodes"] == 60
    assert manifest["excluded"] == {
        "cohort": {
            "treatment_function": 2,
            "patient_class": 0,
            "length_of_stay": 0,
            "admission_method": 0,
            "procedure_chapter": 0,
        },
        "no_document": 1,
        "uncoded": 0,
        "quarantined": 0,
    }
    counts = manifest["counts"]
    assert sum(counts[s]["episodes"] for s in SPLITS) == 57
    assert sum(counts[s]["patients"] for s in SPLITS) == 29  # patient 1 is out; patient 2 keeps one episode
    for split in SPLITS:  # every kept episode has K21.9 and H22.9
        assert counts[split]["icd10"]["K21.9"] == counts[split]["episodes"]
        assert counts[split]["opcs4"] == {"H22.9": counts[split]["episodes"]}
    assert manifest["systems"]["icd10"]["labels"] == ["K21.9"]
    rare_split = next(s for s in SPLITS if "C18.7" in counts[s]["icd10"])
    expected = "fewer than 2 in train" if rare_split == "train" else "unseen in train"
    assert manifest["systems"]["icd10"]["dropped"] == {"C18.7": expected}
    assert manifest["systems"]["opcs4"] == {"version": "OPCS-4.10 (test)", "labels": ["H22.9"], "dropped": {}}
    assert manifest["code_tables"] == {"icd10": "WHO 2019 (test)", "opcs4": "OPCS-4.10 (test)"}
    assert set(manifest["hash"]) == {"inputs", "config", "dataset"}
    assert sorted(manifest["inputs"]) == ["audit.parquet", "documents.parquet", "episodes.parquet"]
    assert manifest["config"]["name"] == "endoscopy" and manifest["config"]["split"] == ENDOSCOPY["split"]
    assert manifest["quarantine"] == {"rows": 0, "file": "quarantine.csv"}
    assert (out / "quarantine.csv").read_text().splitlines() == ["file,row,column,reason"]
    loaded = datasets.load_from_disk(str(out))
    assert {s: len(loaded[s]) for s in SPLITS} == {s: counts[s]["episodes"] for s in SPLITS}


def test_same_input_and_config_give_identical_files(tmp_path):
    first, second = _build(tmp_path, "a"), _build(tmp_path, "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    other = _build(tmp_path, "c", seed=1)
    a, c = read_manifest(first)["hash"], read_manifest(other)["hash"]
    assert a["inputs"] == c["inputs"] and a["config"] != c["config"]


def test_audit_codes_are_gold_in_validation_and_test(tmp_path):
    out = _build(tmp_path)
    manifest = read_manifest(out)
    counts = manifest["counts"]
    assert counts["train"]["from_audit"] == 0
    assert counts["train"]["icd10"].get("K57.3", 0) == 0
    for split in ("validation", "test"):
        assert counts[split]["from_audit"] == counts[split]["episodes"] > 0
        assert counts[split]["icd10"] == {"K57.3": counts[split]["episodes"]}
    audited = counts["validation"]["episodes"] + counts["test"]["episodes"]
    # one diagnosis and one procedure per audit row
    assert manifest["audit"] == {
        "splits": ["validation", "test"],
        "episodes": audited,
        "codes": {"icd10": audited, "opcs4": audited},
    }
    # K57.3 is only in validation/test: not a label, and recorded as unseen in train
    assert manifest["systems"]["icd10"]["dropped"]["K57.3"] == "unseen in train"
    loaded = datasets.load_from_disk(str(out))
    assert set(loaded["test"]["icd10"][0]) == {"K57.3"}


class FailingStream(TableStream):
    def document_batches(self, columns):
        yield from super().document_batches(columns)
        if "text" in columns:
            raise OSError("disk full")


def test_failed_build_leaves_previous_dataset(tmp_path):
    out = _build(tmp_path)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    episodes, documents, audit = _extract()
    with pytest.raises(OSError, match="disk full"):
        build(options(tmp_path), code_systems=SYSTEMS, stream=FailingStream(episodes, documents, audit))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "extract", "out"]  # the lock stays; no temporary folder


def test_manifest_is_plain_json_without_paths(tmp_path):
    out = _build(tmp_path)
    text = (out / "manifest.json").read_text()
    assert str(tmp_path) not in text
    assert json.loads(text)["created_by"].startswith("autocoding ")


def test_no_episode_in_cohort_is_an_input_error(tmp_path):
    from autocoding.errors import InputError

    episodes, documents, _ = _extract()
    _write_files(tmp_path, episodes, documents, [])
    neurology_only = [dict(e, specialty="400") for e in episodes]
    with pytest.raises(InputError, match="no episode left for training"):
        build(options(tmp_path), code_systems=SYSTEMS, stream=TableStream(neurology_only, documents))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("dataset", ["endoscopy", "neurology_short_stay", "codiesp"])
def test_packaged_cohorts_do_not_select_on_the_codes(dataset):
    """A cohort rule on the coded procedures hides from the model the episodes it would meet in production (an
    abandoned endoscopy: Z53.x and no procedure), where the codes are not known yet."""
    from omegaconf import OmegaConf

    from autocoding.config import compose
    from autocoding.data.dataset_spec import DatasetSpec

    spec = DatasetSpec.from_mapping(OmegaConf.to_container(compose("build", [f"dataset={dataset}"]).dataset,
                                                           resolve=True))
    assert spec.cohort.required_procedure_chapters == ()


def test_a_cohort_rule_on_the_codes_is_warned_about(tmp_path, caplog):
    with caplog.at_level("WARNING", logger="autocoding.data.build"):
        _build(tmp_path)  # build_fixtures.ENDOSCOPY requires a G/H procedure
    assert any("required_procedure_chapters" in r.getMessage() and "not known" in r.getMessage()
               for r in caplog.records)
