"""CodiEsp source: a tiny corpus in the real layout, written in tmp_path; plus the real corpus when ../shared has it."""

from __future__ import annotations

from pathlib import Path

import pytest

from autocoding.data.sources.holdout import stratified_holdout

CONFIG = {
    "name": "codiesp",
    "source": "codiesp",
    "systems": ["icd10cm", "icd10pcs"],
    "codiesp": {"validation_fraction": 0.25, "seed": 0},
}


def _code_systems():
    codes = pytest.importorskip("autocoding.codes")
    if not hasattr(codes, "get_code_systems"):
        pytest.skip("autocoding.codes.get_code_systems is not there yet")
    return codes.get_code_systems({}, ["icd10cm", "icd10pcs"])


def _write_corpus(root: Path) -> None:
    docs = {
        "train": {"t1": "Fever and brucellosis.", "t2": "Chest X-ray.", "t3": "Orchitis.", "t4": "Pain."},
        "dev": {"d1": "Hypertension."},
    }
    d_rows = {
        "train": "t1\tn44.8\nt1\ta23.9\nt1\tn44.8\nt2\tr52\nt3\tn45.3\nt4\tr52\nzz\tr52\nt4\tnot-a-code\n",
        "dev": "d1\ti10\n",
    }
    p_rows = {"train": "t2\tbw03zzz\nt2\tbw20\n", "dev": "d1\tbw03zzz\n"}
    for split, texts in docs.items():
        folder = root / split / "text_files_en"
        folder.mkdir(parents=True)
        for doc, text in texts.items():
            (folder / f"{doc}.txt").write_text(text + "\n", encoding="utf-8")
        (root / split / f"{split}D.tsv").write_text(d_rows[split], encoding="utf-8")
        (root / split / f"{split}P.tsv").write_text(p_rows[split], encoding="utf-8")


def test_load_rows_on_a_tiny_corpus(tmp_path):
    from autocoding.data.sources.codiesp import load_rows

    _write_corpus(tmp_path)
    rows, quarantine = load_rows(tmp_path, CONFIG, _code_systems())
    by_id = rows.set_index("episode_id")
    assert sorted(by_id.index) == ["d1", "t1", "t2", "t3", "t4"]
    assert (rows["patient_id"] == rows["episode_id"]).all()
    assert by_id.loc["t1", "icd10cm"] == ["N44.8", "A23.9"]  # canonical, file order, duplicate dropped
    assert by_id.loc["t2", "icd10pcs"] == ["BW03ZZZ", "BW20"]  # CodiEsp's 4-character partial PCS code kept
    assert by_id.loc["t3", "icd10pcs"] == []
    assert by_id.loc["d1", "text"] == "[case_report]\nHypertension."
    assert by_id.loc["d1", "split"] == "test"
    assert sorted(by_id["split"]) == ["test", "train", "train", "train", "validation"]  # 25% of 4 train docs held out
    reasons = sorted(zip(quarantine["row"], quarantine["column"], strict=True))
    assert reasons == [(7, "doc_id"), (8, "code")]  # zz has no text; 'not-a-code' is not ICD-10-CM


def test_stratified_holdout_takes_the_share_and_spreads_codes():
    labels = {f"p{i}": ["common"] + (["rare"] if i < 4 else []) for i in range(20)}
    split = stratified_holdout(labels, {"train": 0.75, "validation": 0.25}, seed=1)
    assert sum(s == "validation" for s in split.values()) == 5
    assert sum(split[f"p{i}"] == "validation" for i in range(4)) == 1  # 25% of the 4 'rare' patients
    assert split == stratified_holdout(labels, {"train": 0.75, "validation": 0.25}, seed=1)


@pytest.mark.shared_data
def test_real_corpus_counts(shared_data):
    import yaml

    from autocoding.data.sources.codiesp import load_rows

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "conf/dataset/codiesp.yaml").read_text())
    rows, quarantine = load_rows(shared_data / "codiesp", config, _code_systems())
    assert rows["split"].value_counts().to_dict() == {"train": 425, "test": 250, "validation": 75}
    # NOTE.md: dev has 1,158 distinct diagnosis codes and 375 procedure codes
    test = rows[rows["split"] == "test"]
    assert len({c for codes in test["icd10cm"] for c in codes}) == 1158
    assert len({c for codes in test["icd10pcs"] for c in codes}) == 375
    assert len(quarantine) == 0
