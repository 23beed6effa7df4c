"""Write the independent neurology extract (episodes.csv, documents.csv, coder_notes.csv) from its hand-written source.

The source files (``neurology/source/*.txt``) hold one block per episode, written by hand:

    === EPISODE_ID PATIENT_ID SPECIALTY ADMISSION_METHOD PATIENT_CLASS START END AGE SEX
    DX: G43.1;I10
    PX: A55.9;Y53.4
    NOTE: a coder's note where a standard leaves a choice (optional)
    --- discharge_letter
    text of the document ...
    --- clinic_letter
    text ...

``python benchmarks/independent/build_neurology_extract.py`` rewrites the CSV files beside ``source/``; with
``--check TABLE_DIR`` it also checks every code against the full UK Biobank ICD-10 / OPCS-4 tables there.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "neurology"
HEADER = "==="
EPISODE_FIELDS = ["episode_id", "patient_id", "specialty", "admission_method", "patient_class",
                  "episode_start", "episode_end", "age", "sex"]


def parse_source(text: str, name: str) -> list[dict]:
    """Episodes of one source file, each with its codes, note and documents."""
    episodes: list[dict] = []
    current: dict | None = None
    doc: dict | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(HEADER):
            fields = line[len(HEADER):].split()
            if len(fields) != len(EPISODE_FIELDS):
                raise ValueError(f"{name}:{number}: expected {len(EPISODE_FIELDS)} fields, got {fields}")
            current = dict(zip(EPISODE_FIELDS, fields, strict=True), diagnoses="", procedures="", note="", documents=[])
            episodes.append(current)
            doc = None
        elif current is None:
            continue
        elif line.startswith("--- "):
            doc = {"doc_type": line[4:].strip(), "lines": []}
            current["documents"].append(doc)
        elif doc is None and line.startswith(("DX:", "PX:", "NOTE:")):
            key, value = line.split(":", 1)
            current[{"DX": "diagnoses", "PX": "procedures", "NOTE": "note"}[key]] = value.strip()
        elif doc is not None:
            doc["lines"].append(line)
        elif line.strip():
            raise ValueError(f"{name}:{number}: text outside a document: {line!r}")
    return episodes


def load_all(source_dir: Path = HERE / "source") -> list[dict]:
    episodes = []
    for path in sorted(source_dir.glob("*.txt")):
        episodes.extend(parse_source(path.read_text(encoding="utf-8"), path.name))
    return episodes


def write_extract(episodes: list[dict], out: Path = HERE) -> None:
    with open(out / "episodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*EPISODE_FIELDS, "diagnoses", "procedures"])
        for e in episodes:
            w.writerow([e[k] for k in EPISODE_FIELDS] + [e["diagnoses"], e["procedures"]])
    with open(out / "documents.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["episode_id", "doc_id", "doc_type", "text"])
        for e in episodes:
            for i, d in enumerate(e["documents"], 1):
                w.writerow([e["episode_id"], f"{e['episode_id']}-D{i}", d["doc_type"], "\n".join(d["lines"]).strip()])
    with open(out / "coder_notes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["episode_id", "note"])
        for e in episodes:
            if e["note"]:
                w.writerow([e["episode_id"], e["note"]])


def table_codes(path: Path) -> set[str]:
    """Selectable codes of a UK Biobank coding table (coding 19 ICD-10, coding 240 OPCS-4), undotted."""
    with open(path, encoding="utf-8") as f:
        return {row["coding"] for row in csv.DictReader(f, delimiter="\t") if row["selectable"] == "Y"}


def check_codes(episodes: list[dict], table_dir: Path) -> list[str]:
    icd = table_codes(table_dir / "icd10-uk-ukb-coding19.tsv")
    opcs = table_codes(table_dir / "opcs4-ukb-coding240.tsv")
    problems = []
    for e in episodes:
        for field, table in (("diagnoses", icd), ("procedures", opcs)):
            for code in filter(None, e[field].split(";")):
                if code.replace(".", "").upper() not in table:
                    problems.append(f"{e['episode_id']}: {field} {code} not in the table")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="folder with the UK Biobank code tables")
    args = parser.parse_args(argv)
    episodes = load_all()
    write_extract(episodes)
    print(f"{len(episodes)} episodes, {sum(len(e['documents']) for e in episodes)} documents")
    if args.check:
        problems = check_codes(episodes, args.check)
        print("\n".join(problems) or "every code is in the tables")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
