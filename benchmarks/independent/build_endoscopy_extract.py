"""Write the independent endoscopy extract (episodes.csv, documents.csv, coder_notes.csv) from its hand-written source.

The source files (``endoscopy/source/*.txt``) use the block format of the neurology set
(``build_neurology_extract.py``): one ``=== EPISODE_ID PATIENT_ID SPECIALTY ADMISSION_METHOD PATIENT_CLASS START END
AGE SEX`` line per episode, then ``DX:``, ``PX:``, an optional ``NOTE:`` and each document after ``--- <doc_type>``.

Document ids are ``ID<episode number><letter>``: ``A`` the endoscopy report, ``H`` histology, ``L`` a clinic letter,
``R`` a radiology report; a second document of one type adds its ordinal (``ID0050H2``).

``python benchmarks/independent/build_endoscopy_extract.py`` rewrites the CSV files beside ``source/``; with
``--check TABLE_DIR`` it also checks every code against the full UK Biobank ICD-10 / OPCS-4 tables there.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SET = HERE / "endoscopy"
DOC_LETTERS = {"endoscopy_report": "A", "histology": "H", "clinic_letter": "L", "radiology_report": "R"}


def _block_format():
    spec = importlib.util.spec_from_file_location("build_neurology_extract", HERE / "build_neurology_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_FORMAT = _block_format()
EPISODE_FIELDS = _FORMAT.EPISODE_FIELDS


def _table_form(code: str) -> str:
    """A code as the UK Biobank tables write it: undotted, without the NHS filler X (``R13.X`` -> ``R13``)."""
    code = code.replace(".", "").upper()
    return code[:3] if len(code) == 4 and code.endswith("X") else code


def check_codes(episodes: list[dict], table_dir: Path) -> list[str]:
    """Every code of every episode that is not a selectable code of the full tables, as one line each."""
    icd = _FORMAT.table_codes(table_dir / "icd10-uk-ukb-coding19.tsv")
    opcs = _FORMAT.table_codes(table_dir / "opcs4-ukb-coding240.tsv")
    problems = []
    for e in episodes:
        for field, table in (("diagnoses", icd), ("procedures", opcs)):
            for code in filter(None, e[field].split(";")):
                if _table_form(code) not in table:
                    problems.append(f"{e['episode_id']}: {field} {code} not in the table")
    return problems


def load_all(source_dir: Path = SET / "source") -> list[dict]:
    return _FORMAT.load_all(source_dir)


def doc_ids(episode: dict) -> list[str]:
    """The document ids of one episode, in its documents' order."""
    number = episode["episode_id"].removeprefix("IE")
    seen: Counter[str] = Counter()
    ids = []
    for doc in episode["documents"]:
        if doc["doc_type"] not in DOC_LETTERS:
            raise ValueError(f"{episode['episode_id']}: unknown document type {doc['doc_type']!r}")
        seen[doc["doc_type"]] += 1
        ordinal = seen[doc["doc_type"]]
        ids.append(f"ID{number}{DOC_LETTERS[doc['doc_type']]}{ordinal if ordinal > 1 else ''}")
    return ids


def write_extract(episodes: list[dict], out: Path = SET) -> None:
    with open(out / "episodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([*EPISODE_FIELDS, "diagnoses", "procedures"])
        for e in episodes:
            w.writerow([e[k] for k in EPISODE_FIELDS] + [e["diagnoses"], e["procedures"]])
    with open(out / "documents.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["episode_id", "doc_id", "doc_type", "text"])
        for e in episodes:
            for doc_id, d in zip(doc_ids(e), e["documents"], strict=True):
                w.writerow([e["episode_id"], doc_id, d["doc_type"], "\n".join(d["lines"]).strip()])
    with open(out / "coder_notes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["episode_id", "note"])
        for e in episodes:
            if e["note"]:
                w.writerow([e["episode_id"], e["note"]])


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
