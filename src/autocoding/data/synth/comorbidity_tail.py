"""The long tail of coded comorbidities: chronic conditions that UK coding standards code whenever documented.

Every code is a WHO ICD-10 2019 leaf that the UK 5th Edition also marks codable (no musculoskeletal code that
the UK subdivides by site).

Each report or letter mentions one of these now and then; the weights fall off as 1/rank^1.3 (Zipf-like), so
some tail codes are seen a few times in 100,000 episodes, as in real coded data.
"""

from __future__ import annotations

import random

from .text import pick

# (ICD-10 code, how a document names it), most common first
TAIL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("N18.3", ("CKD stage 3", "CKD 3a")), ("I25.9", ("IHD", "ischaemic heart disease")),
    ("I50.9", ("heart failure", "CCF")), ("E23.0", ("hypopituitarism", "hypopituitarism on hydrocortisone")), ("G20", ("Parkinson's disease",)),
    ("F03", ("dementia",)), ("G40.9", ("epilepsy",)), ("I25.2", ("previous MI", "old MI 2016")),
    ("L40.0", ("psoriasis",)), ("Z95.5", ("coronary stents", "PCI x2")), ("M35.3", ("PMR on prednisolone",)),
    ("Z85.3", ("previous breast cancer", "breast ca 2015, treated")), ("Z85.4", ("previous prostate cancer",)),
    ("I73.9", ("PVD", "peripheral vascular disease")), ("E10.9", ("type 1 diabetes", "T1DM")),
    ("E05.9", ("hyperthyroidism",)), ("Z95.0", ("pacemaker in situ", "PPM")), ("I35.0", ("aortic stenosis",)),
    ("F20.9", ("schizophrenia",)), ("F31.9", ("bipolar affective disorder",)), ("F10.2", ("alcohol dependence",)),
    ("J84.1", ("pulmonary fibrosis",)), ("Z93.3", ("colostomy", "end colostomy")), ("Z93.2", ("ileostomy",)),
    ("C91.1", ("CLL - watch and wait",)), ("D86.9", ("sarcoidosis",)),
    ("E27.1", ("Addison's disease", "Addison's on hydrocortisone")),
    ("M34.9", ("systemic sclerosis",)), ("B18.2", ("chronic hepatitis C", "hep C")), ("Z94.0", ("renal transplant",)),
    ("D68.0", ("von Willebrand disease",)), ("Q90.9", ("Down syndrome",)), ("F79.9", ("learning disability",)),
    ("F84.0", ("autism",)), ("H54.0", ("registered blind",)), ("I27.0", ("pulmonary hypertension",)),
    ("Z99.2", ("haemodialysis", "on dialysis")), ("I71.4", ("AAA under surveillance",)), ("B24", ("HIV",)),
    ("D57.3", ("sickle cell trait",)), ("Z94.4", ("liver transplant",)), ("E84.9", ("cystic fibrosis",)),
    ("D66", ("haemophilia A",)),
)
_CUMULATIVE: list[float] = []
_total = 0.0
for _rank in range(len(TAIL)):
    _total += 1.0 / (_rank + 1) ** 1.3
    _CUMULATIVE.append(_total)


def draw_tail(rng: random.Random, probability: float) -> tuple[str, str] | None:
    """(code, mention) of one tail comorbidity with `probability`, else None."""
    if rng.random() >= probability:
        return None
    x = rng.random() * _total
    for i, edge in enumerate(_CUMULATIVE):
        if x < edge:
            code, names = TAIL[i]
            return code, pick(rng, names)
    code, names = TAIL[-1]
    return code, pick(rng, names)
