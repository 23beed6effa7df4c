"""The build for a source whose rows come whole with a fixed split (CodiEsp), on a hand-made corpus."""

from __future__ import annotations

from pathlib import Path

import datasets

from autocoding.config import compose
from autocoding.data.build import run
from autocoding.data.manifest import read_manifest


def _corpus(root: Path) -> None:
    """train: 8 reports (one blank), dev: 3 reports (one without any code). Codes as CodiEsp writes them."""
    for folder, docs in {"train": [f"t{i}" for i in range(8)], "dev": ["d0", "d1", "d2"]}.items():
        (root / folder / "text_files_en").mkdir(parents=True)
        diagnoses, procedures = [], []
        for doc in docs:
            text = "   " if doc == "t7" else f"Case report {doc}: chest pain, ultrasound."
            (root / folder / "text_files_en" / f"{doc}.txt").write_text(text)
            if doc != "d2":
                diagnoses += [f"{doc}\tr07.9", f"{doc}\tr07.9"]  # a code with two evidence spans counts once
                procedures.append(f"{doc}\tbw03zzz")
        (root / folder / f"{folder}D.tsv").write_text("\n".join(diagnoses) + "\n")
        (root / folder / f"{folder}P.tsv").write_text("\n".join(procedures) + "\n")


def test_codiesp_rows_keep_their_split(tmp_path):
    _corpus(tmp_path / "codiesp")
    out = tmp_path / "ds"
    run(compose("build", ["dataset=codiesp", f"extract={tmp_path / 'codiesp'}", f"out={out}"]))
    manifest = read_manifest(out)
    assert manifest["source"] == "codiesp" and manifest["input_episodes"] == 11
    assert manifest["excluded"]["no_document"] == 1 and manifest["excluded"]["uncoded"] == 1  # t7, d2
    counts = manifest["counts"]
    assert counts["test"]["episodes"] == 2  # d0, d1: CodiEsp dev is our test
    assert counts["train"]["episodes"] + counts["validation"]["episodes"] == 7
    assert manifest["systems"]["icd10cm"]["labels"] == ["R07.9"]
    loaded = datasets.load_from_disk(str(out))
    row = loaded["test"][0]
    assert row["episode_id"] == "d0" and row["patient_id"] == "d0"
    assert row["text"] == "[case_report]\nCase report d0: chest pain, ultrasound."
    assert row["icd10cm"] == ["R07.9"] and row["icd10pcs"] == ["BW03ZZZ"]
