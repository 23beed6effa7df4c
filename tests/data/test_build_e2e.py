"""synth -> build for both specialties through the commands, and a hand-made CSV extract with bad rows."""

from __future__ import annotations

import datasets
import pandas as pd
import pytest

from autocoding.config import compose
from autocoding.data.build import run as build_run
from autocoding.data.manifest import read_manifest
from autocoding.data.split import SPLITS


def _synth(specialty: str, out, n: int = 400) -> None:
    from autocoding.data.synth.command import run as synth_run

    synth_run(compose("synth", [f"specialty={specialty}", f"n_episodes={n}", "seed=3", f"out={out}"]))


def _accounted(manifest: dict) -> int:
    """Every episode read is either in a split or excluded for exactly one reason."""
    excluded = manifest["excluded"]
    return (
        sum(manifest["counts"][s]["episodes"] for s in SPLITS)
        + sum(excluded["cohort"].values())
        + excluded["no_document"]
        + excluded["uncoded"]
        + excluded["quarantined"]
    )


@pytest.mark.parametrize(
    ("specialty", "dataset"), [("endoscopy", "endoscopy"), ("neurology", "neurology_short_stay")]
)
def test_synth_then_build(tmp_path, specialty, dataset):
    _synth(specialty, tmp_path / "extract")
    build_run(
        compose("build", [f"dataset={dataset}", f"extract={tmp_path / 'extract'}", f"out={tmp_path / 'ds'}"])
    )
    manifest = read_manifest(tmp_path / "ds")
    assert manifest["input_episodes"] == 400 and _accounted(manifest) == 400
    loaded = datasets.load_from_disk(str(tmp_path / "ds"))
    patients = [set(loaded[s]["patient_id"]) for s in SPLITS]
    assert (
        not (patients[0] & patients[1])
        and not (patients[0] & patients[2])
        and not (patients[1] & patients[2])
    )
    assert all(len(loaded[s]) > 0 for s in SPLITS)
    first_type = manifest["config"]["documents"]["types"][0]
    assert all(t.startswith("[") for t in loaded["train"]["text"])
    assert any(t.startswith(f"[{first_type}]\n") for t in loaded["train"]["text"])
    assert (
        manifest["audit"]["episodes"] > 0
    )  # synth audits every episode: validation and test labels are audited
    assert manifest["counts"]["train"]["from_audit"] == 0
    labels = manifest["systems"]["icd10"]["labels"]
    assert labels == sorted(labels) and all(manifest["counts"]["train"]["icd10"][c] >= 3 for c in labels)


def test_quarantined_rows_are_counted(tmp_path):
    extract = tmp_path / "extract"
    extract.mkdir()
    episodes, documents = [], []
    for i in range(12):
        dx = "NOT A CODE" if i == 5 else "K21.9"
        episodes.append(
            [f"E{i:02d}", f"P{i:02d}", "301", "11", "day_case", "2025-05-01", "2025-05-01", dx, "G45.9"]
        )
        documents.append([f"E{i:02d}", f"D{i:02d}", "endoscopy_report", f"OGD report {i}, reflux."])
    columns = [
        "episode_id",
        "patient_id",
        "specialty",
        "admission_method",
        "patient_class",
        "episode_start",
        "episode_end",
        "diagnoses",
        "procedures",
    ]
    pd.DataFrame(episodes, columns=columns).to_csv(extract / "episodes.csv", index=False)
    pd.DataFrame(documents, columns=["episode_id", "doc_id", "doc_type", "text"]).to_csv(
        extract / "documents.csv", index=False
    )
    out = tmp_path / "ds"
    build_run(
        compose(
            "build", ["dataset=endoscopy", f"extract={extract}", f"out={out}", "dataset.labels.min_count=1"]
        )
    )
    manifest = read_manifest(out)
    assert manifest["excluded"]["quarantined"] == 1 and manifest["input_episodes"] == 12
    assert sum(manifest["counts"][s]["episodes"] for s in SPLITS) == 11
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert manifest["quarantine"]["rows"] == len(quarantine) >= 1
    assert (quarantine["row"] == 6).any() and quarantine["file"].str.endswith("episodes.csv").any()


def test_oversize_document_sets_its_episode_aside_in_the_build(tmp_path):
    """max_document_chars from conf/build.yaml reaches the loader; the episode of the long document is quarantined
    (lost_document: episode) and counted, and quarantine.csv gives the size, never the text."""
    extract = tmp_path / "extract"
    extract.mkdir()
    columns = ["episode_id", "patient_id", "specialty", "admission_method", "patient_class", "episode_start",
               "episode_end", "diagnoses", "procedures"]
    episodes = [[f"E{i:02d}", f"P{i:02d}", "301", "11", "day_case", "2025-05-01", "2025-05-01", "K21.9", "G45.9"]
                for i in range(12)]
    documents = [[f"E{i:02d}", f"D{i:02d}", "endoscopy_report", "LONG " * 100 if i == 3 else f"OGD {i}, reflux."]
                 for i in range(12)]
    pd.DataFrame(episodes, columns=columns).to_csv(extract / "episodes.csv", index=False)
    pd.DataFrame(documents, columns=["episode_id", "doc_id", "doc_type", "text"]).to_csv(
        extract / "documents.csv", index=False)
    out = tmp_path / "ds"
    build_run(compose("build", ["dataset=endoscopy", f"extract={extract}", f"out={out}",
                                "dataset.labels.min_count=1", "max_document_chars=400"]))
    manifest = read_manifest(out)
    assert manifest["excluded"]["quarantined"] == 1 and _accounted(manifest) == 12
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert quarantine[["row", "column", "reason"]].values.tolist()[:2] == [
        [4, "text", "text is 500 characters, over the limit of 400 (max_document_chars)"],
        [4, "episode_id", "document_quarantined: its document 'D03' was set aside (see the documents quarantine "
                          "lines)"]]
    assert not quarantine["reason"].str.contains("LONG").any()
