"""The endoscopy vocabulary as tables: sites, procedures, therapies, and the types findings are declared with.

Codes follow NHS clinical coding practice as this generator encodes it (documented so the rules can be checked):
- one OPCS-4 examination code: the diagnostic code (`G45.9`, `H22.9`, `H25.9`), or its "with biopsy" code
  (`G45.1`, `H22.1`, `H25.1`) when samples were taken, followed by the Z site code of each site sampled
  (`G45.1`, `Z27.2`, `Z27.4`: the code names no site);
- a therapeutic code supersedes the diagnostic code at the same examination (polypectomy `H20.1`, not `H22.1` too);
  samples taken at a therapeutic examination add `Y20.3 Biopsy of lesion of organ NOC` followed by the Z site code of
  each site sampled (`Y20.3`, `Z27.4`), because the therapeutic code does not carry the biopsy; the hepatic and
  splenic flexures have no Z code of their own and take the OPCS-4 overflow site codes `O30.1` and `O30.2` in the
  same place (`Y20.3`, `O30.1`);
- an examination that stopped short of the splenic flexure is a fibreoptic sigmoidoscopy (`H25`), not a colonoscopy;
- ICD-10 site-specific codes come from the site of the lesion (adenoma of sigmoid `D12.5`, of rectum `D12.8`;
  hyperplastic polyp of rectum `K62.1`, of colon `K63.5`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .endoscopy_therapies import THERAPIES, THERAPY_PHRASES

__all__ = ["EXAMS", "SITES", "THERAPIES", "THERAPY_PHRASES", "Exam", "Finding", "Outcome", "Site"]


@dataclass(frozen=True, slots=True)
class Site:
    """An anatomical site: how authors name it, and the codes that depend on it."""

    key: str
    names: tuple[str, ...]
    z: str                      # OPCS-4 Z site code
    adenoma: str = ""           # ICD-10 benign neoplasm code for this site
    cancer: str = ""            # ICD-10 malignant neoplasm code
    polyp: str = ""             # ICD-10 non-neoplastic polyp code
    depth: int = 0              # lower GI: 1 rectum ... 7 caecum, 8 terminal ileum (how far the scope must go)


SITES: dict[str, Site] = {s.key: s for s in (
    Site("oesophagus", ("oesophagus", "oesophagus", "distal oesophagus", "lower oesophagus"), "Z27.1",
         adenoma="D13.0", cancer="C15.5"),
    Site("goj", ("GOJ", "gastro-oesophageal junction", "OGJ"), "Z27.1", cancer="C16.0"),
    Site("stomach", ("stomach", "gastric body", "antrum", "fundus"), "Z27.2", adenoma="D13.1", cancer="C16.9",
         polyp="K31.7"),
    Site("antrum", ("antrum", "gastric antrum", "antral"), "Z27.2", adenoma="D13.1", cancer="C16.3", polyp="K31.7"),
    Site("duodenum", ("D2", "duodenum", "second part of duodenum", "D1/D2"), "Z27.4", adenoma="D13.2",
         cancer="C17.0", polyp="K31.7"),
    Site("rectum", ("rectum", "rectum", "distal rectum", "low rectum"), "Z29.1", "D12.8", "C20", "K62.1", 1),
    Site("rectosigmoid", ("rectosigmoid", "rectosigmoid junction"), "Z28.6", "D12.7", "C19", "K63.5", 2),
    Site("sigmoid", ("sigmoid", "sigmoid colon", "sigmoid", "distal sigmoid"), "Z28.6", "D12.5", "C18.7", "K63.5", 3),
    Site("descending", ("descending colon", "descending colon", "DC", "descending"), "Z28.5", "D12.4", "C18.6", "K63.5",
         4),
    Site("transverse", ("transverse colon", "transverse colon", "mid transverse", "transverse"), "Z28.4", "D12.3",
         "C18.4", "K63.5", 6),
    Site("hepatic", ("hepatic flexure", "HF"), "O30.1", "D12.3", "C18.3", "K63.5", 6),
    Site("splenic", ("splenic flexure", "SF"), "O30.2", "D12.3", "C18.5", "K63.5", 5),
    Site("ascending", ("ascending colon", "ascending colon", "AC", "proximal ascending colon", "ascending"), "Z28.3",
         "D12.2", "C18.2", "K63.5", 7),
    Site("caecum", ("caecum", "caecal pole", "caecum"), "Z28.2", "D12.0", "C18.0", "K63.5", 7),
    Site("ileum", ("terminal ileum", "TI", "terminal ileum"), "Z27.6", depth=8),
)}
COLON_SITES = ("rectum", "rectosigmoid", "sigmoid", "descending", "splenic", "transverse", "hepatic", "ascending",
               "caecum")
SPLENIC_FLEXURE_DEPTH = 5   # reached the splenic flexure or beyond: a colonoscopy (H22); short of it: H25


@dataclass(frozen=True, slots=True)
class Exam:
    """An examination type: its OPCS-4 codes and how authors name it."""

    key: str
    diagnostic: str
    with_biopsy: str
    names: tuple[str, ...]
    specialty_weights: tuple[tuple[str, float], ...]   # treatment function -> share of these lists


EXAMS: dict[str, Exam] = {e.key: e for e in (
    Exam("ogd", "G45.9", "G45.1", ("OGD", "Gastroscopy", "Oesophagogastroduodenoscopy", "OGD"),
         (("301", 0.72), ("106", 0.16), ("100", 0.12))),
    Exam("colonoscopy", "H22.9", "H22.1", ("Colonoscopy",), (("301", 0.6), ("104", 0.28), ("100", 0.12))),
    Exam("flexi", "H25.9", "H25.1", ("Flexible sigmoidoscopy", "Flexi sig", "Flexible sigmoidoscopy"),
         (("104", 0.45), ("301", 0.4), ("100", 0.15))),
)}

@dataclass(frozen=True, slots=True)
class Outcome:
    """One histology result for a sampled finding: its weight, the ICD-10 codes it leads to, and its text.

    `codes` may name site-dependent codes as '@adenoma', '@cancer', '@polyp' (resolved with the finding's site).
    Empty `codes` means histology found nothing codable: the finding is not coded (the symptom is, if any).
    """

    weight: float
    codes: tuple[str, ...]
    text: tuple[str, ...]
    explains: bool = True        # does this result account for the presenting symptom


@dataclass(frozen=True, slots=True)
class Finding:
    """An endoscopic finding: where it occurs, what it is coded to, how it is written, and what is done to it.

    rank orders diagnoses (0 malignant, 1 significant/bleeding, 2 specific, 3 incidental); the lowest rank that
    `explains` the indication becomes the primary diagnosis. `codes` apply when nothing was sampled, or when
    sampled without a histology table; `histology` (a key of the outcome tables) replaces them when sampled.
    """

    key: str
    region: str                          # 'upper' or 'lower'
    weight: float                        # base frequency
    codes: tuple[str, ...]
    rank: int
    explains: frozenset[str]
    phrases: tuple[str, ...]             # {site} is replaced with a name of the site
    impression: tuple[str, ...]          # the short diagnosis line; may carry uncertainty ('?Barrett's')
    sites: tuple[str, ...]
    sample: float = 0.0                  # probability it is biopsied
    therapy: tuple[tuple[str, float], ...] = ()   # (therapy key, probability), first that fires
    adjuncts: tuple[tuple[str, float], ...] = ()  # (adjunct key, probability), each drawn (clips, tattoo)
    histology: str = ""
    # indication key -> multiplier of `weight`; for a finding of weight 0 (seen only under some indications) the
    # value is its probability under that indication
    affinity: tuple[tuple[str, float], ...] = ()
