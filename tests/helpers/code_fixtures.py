"""A tiny bundle with cohort rules and a small hand-written uncoded extract for the `autocoding code` tests.

The bundle is `tests.helpers.tiny_bundle`'s, with the endoscopy cohort rules. The extract mixes what a real export holds: good episodes, one outside the cohort, one whose only
document has empty text (quarantined: no usable text), one whose only document is of a type the model does not
read, a row with an impossible date, and a document of an unknown episode.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.helpers.tiny_bundle import make_tiny_bundle

COHORT = {"treatment_functions": ["301"], "patient_classes": ["day_case"], "max_length_of_stay_days": 0,
          "admission_methods": ["11", "12", "13"], "required_procedure_chapters": []}
REPORTS = ["gastroscopy reflux oesophagitis biopsy taken", "colonoscopy polyp removed snare diverticula seen",
           "sigmoidoscopy normal", "gastroscopy gastritis"]


def make_bundle(out: Path, cohort: dict | None = COHORT) -> Path:
    return make_tiny_bundle(out, cohort=cohort)


def episode(i: int, **changes) -> dict:
    day = f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}"
    row = {"episode_id": f"E{i:04d}", "patient_id": f"P{i:04d}", "specialty": "301", "admission_method": "11",
           "patient_class": "day_case", "episode_start": day, "episode_end": day}
    row.update(changes)
    return row


def write_extract(out: Path, n_good: int = 6, special: bool = True) -> Path:
    """n_good in-cohort episodes with a report (and every other one histology), plus the special rows."""
    episodes, documents = [], []
    for i in range(n_good):
        episodes.append(episode(i))
        documents.append({"episode_id": f"E{i:04d}", "doc_id": f"D{i:04d}", "doc_type": "endoscopy_report",
                          "text": f"  {REPORTS[i % len(REPORTS)]}  "})
        if i % 2:
            documents.append({"episode_id": f"E{i:04d}", "doc_id": f"H{i:04d}", "doc_type": "histology",
                              "text": "chronic gastritis helicobacter negative"})
    if special:
        episodes += [episode(900, patient_class="ordinary", episode_end="2026-01-12"),  # outside the cohort
                     episode(901), episode(902), episode(903, episode_start="2026-02-30")]
        documents += [
            {"episode_id": "E0900", "doc_id": "D0900", "doc_type": "endoscopy_report", "text": REPORTS[0]},
            {"episode_id": "E0901", "doc_id": "D0901", "doc_type": "endoscopy_report", "text": ""},  # empty
            {"episode_id": "E0902", "doc_id": "D0902", "doc_type": "clinic_letter", "text": "seen in clinic"},
            {"episode_id": "E0903", "doc_id": "D0903", "doc_type": "endoscopy_report", "text": REPORTS[1]},
            {"episode_id": "E9999", "doc_id": "D9999", "doc_type": "endoscopy_report", "text": REPORTS[2]},
        ]
    out.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(episodes).to_csv(out / "episodes.csv", index=False)
    pd.DataFrame(documents).to_csv(out / "documents.csv", index=False)
    return out
