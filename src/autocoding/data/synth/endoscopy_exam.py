"""One endoscopic examination: which findings are present, where, what was done, and what histology said.

Everything is drawn from the declarative tables (`endoscopy_upper`, `endoscopy_lower`) with one `random.Random`;
the coding of the result lives in `endoscopy_coding`, the words in `endoscopy_report`.
"""

from __future__ import annotations

import random

from .endoscopy_lower import CANCER_SITE_WEIGHTS, LOWER_FINDINGS, POLYP, POLYP_SITE_WEIGHTS
from .endoscopy_lower_histology import LOWER_HISTOLOGY
from .endoscopy_tables import SITES, SPLENIC_FLEXURE_DEPTH, Finding, Outcome
from .endoscopy_therapies import RESECTIONS
from .endoscopy_upper import UPPER_FINDINGS
from .endoscopy_upper_histology import UPPER_HISTOLOGY
from .model import ExamResult, Patient, Seen

HISTOLOGY: dict[str, tuple[Outcome, ...]] = {**UPPER_HISTOLOGY, **LOWER_HISTOLOGY}
FINDINGS_BY_KEY: dict[str, Finding] = {f.key: f for f in (*UPPER_FINDINGS, *LOWER_FINDINGS, POLYP)}
_AGE_SENSITIVE = {"diverticula": 0.012, "polyp": 0.01, "cancer": 0.03, "hiatus_hernia": 0.006}
_EXTENT_SITE = {1: "rectum", 2: "rectosigmoid", 3: "sigmoid", 4: "descending", 5: "splenic", 6: "transverse",
                7: "caecum"}
# a finding that cannot be reported beside another (the same lesion described twice)
_EXCLUSIVE = {"haemorrhoids_g1": "haemorrhoids_graded", "haemorrhoids_g3": "haemorrhoids_g1",
              "eoe_visible": "oes_random_bx", "bleeding_gu": "gastric_ulcer", "bleeding_varices": "varices",
              "pancolitis": "left_colitis", "rectosigmoiditis": "proctitis", "crohns_colitis": "ibd_known",
              "lst": "cancer", "anastomotic_stricture": "colon_stent", "hp_clo": "gastritis",
              "erosive_gastritis": "gastric_tumour", "haemorrhoids_graded": "haemorrhoids", "barretts_new": "barretts_known", "gastric_tumour": "gastric_ulcer",
              "bleeding_du": "duodenal_ulcer", "schatzki": "stricture", "stricture": "oes_tumour",
              "left_colitis": "proctitis", "proctitis": "ibd_known", "reflux_oesophagitis": "varices"}
# groups of findings of which one examination reports at most one
_ONE_OF = (("haemorrhoids", "haemorrhoids_g1", "haemorrhoids_graded", "haemorrhoids_g3"),
           ("proctitis", "rectosigmoiditis", "left_colitis", "pancolitis", "crohns_colitis", "ibd_known"))
_CONFLICTS: dict[str, set[str]] = {}
for _group in _ONE_OF:
    for _a in _group:
        _CONFLICTS.setdefault(_a, set()).update(set(_group) - {_a})
for _a, _b in _EXCLUSIVE.items():
    _CONFLICTS.setdefault(_a, set()).add(_b)
    _CONFLICTS.setdefault(_b, set()).add(_a)
INCOMPLETE_REASONS = (("poor bowel prep", 0.45), ("looping", 0.3), ("patient discomfort", 0.2),
                      ("fixed sigmoid / diverticular disease", 0.05))


def weighted(rng: random.Random, pairs) -> object:
    """Draw the first element of one (item, weight) pair, proportionally to weight."""
    total = 0.0
    for _, w in pairs:
        total += w
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def examine(rng: random.Random, kind: str, indications: list[str], patient: Patient,
            forced: list[tuple[str, float]], histology_back: bool) -> ExamResult:
    """Draw one examination (`kind` 'ogd', 'colonoscopy' or 'flexi') for these indications."""
    region = "upper" if kind == "ogd" else "lower"
    table = UPPER_FINDINGS if region == "upper" else LOWER_FINDINGS
    seen: list[Seen] = []
    chosen = {key for key, p in forced if FINDINGS_BY_KEY[key].region == region and rng.random() < p}
    for finding in table:
        if finding.key in chosen or rng.random() < _probability(finding, indications, patient.age):
            if chosen.isdisjoint(_CONFLICTS.get(finding.key, ())):
                chosen.add(finding.key)
                seen.append(_see(rng, finding, kind, patient))
    if region == "lower" and rng.random() < _probability(POLYP, indications, patient.age):
        for _ in range(1 + (rng.random() < 0.4) + (rng.random() < 0.25) + (rng.random() < 0.15)):
            seen.append(_see(rng, POLYP, kind, patient))
    result = ExamResult(kind, kind, seen)
    if region == "lower":
        _extent(rng, result)
    for s in result.seen:
        _treat(rng, s, histology_back)
    return result


def _probability(finding: Finding, indications: list[str], age: int) -> float:
    p = finding.weight
    for key, value in finding.affinity:
        if key in indications:
            p = p * value if finding.weight > 0 else max(p, value)
    slope = _AGE_SENSITIVE.get(finding.key)
    if slope:
        p *= max(0.2, 1.0 + slope * (age - 60) * 3)
    return min(p, 0.95)


def _see(rng: random.Random, finding: Finding, kind: str, patient: Patient) -> Seen:
    if finding.key == "polyp":
        site = SITES[weighted(rng, _reachable(POLYP_SITE_WEIGHTS, kind))]
    elif finding.key == "cancer":
        site = SITES[weighted(rng, _reachable(CANCER_SITE_WEIGHTS, kind))]
    else:
        site = SITES[finding.sites[int(rng.random() * len(finding.sites))]]
    params = {
        "n": 2 + int(rng.random() * 4), "mm": (3, 4, 5, 6, 8, 10, 12, 15, 20, 25)[int(rng.random() ** 1.6 * 10)],
        "la": "ABCD"[int(rng.random() ** 1.5 * 4)], "c": int(rng.random() * 4), "g": 1 + int(rng.random() * 3),
        "mayo": 1 + int(rng.random() * 3),
    }
    params["m"] = params["c"] + 1 + int(rng.random() * 3)
    return Seen(finding, site, params)


def _reachable(pairs, kind: str):
    if kind != "flexi":
        return pairs
    return tuple((k, w) for k, w in pairs if SITES[k].depth <= 4)


def _extent(rng: random.Random, result: ExamResult) -> None:
    """How far the scope went; findings beyond it are not seen. Short of the splenic flexure codes as H25."""
    if result.kind == "flexi":
        result.extent = SITES[("descending", "sigmoid", "descending", "descending")[int(rng.random() * 4)]]
        result.bbps = (0, 0, 0)
        result.seen = [s for s in result.seen if s.site.depth <= result.extent.depth]
        return
    bowel_prep = rng.random()
    result.bbps = tuple(3 - (bowel_prep < 0.15) - (bowel_prep < 0.05) - (rng.random() < 0.2) for _ in range(3))
    cancer = next((s for s in result.seen if s.finding.key == "cancer"), None)
    if cancer is not None and rng.random() < 0.35:
        result.incomplete = "obstructing tumour"
        depth = cancer.site.depth
    elif rng.random() < 0.07 + 0.4 * (bowel_prep < 0.05):
        result.incomplete = "poor bowel prep" if bowel_prep < 0.05 else weighted(rng, INCOMPLETE_REASONS)
        depth = (2, 3, 4, 4, 6, 6)[int(rng.random() * 6)]
    else:
        depth = 7
        result.ti = rng.random() < 0.45
    result.extent = SITES["ileum" if result.ti else _EXTENT_SITE[depth]]
    result.seen = [s for s in result.seen if s.site.depth <= depth or (result.ti and s.site.key == "ileum")]
    if depth < SPLENIC_FLEXURE_DEPTH:
        result.coded_as = "flexi"


def _treat(rng: random.Random, s: Seen, histology_back: bool) -> None:
    """Therapy (first that fires), sampling, histology outcome and the codes that result."""
    f = s.finding
    for key, p in f.therapy:
        if rng.random() < p:
            s.therapy = key
            break
    s.adjuncts = tuple(key for key, p in f.adjuncts if rng.random() < p)
    s.sampled = s.therapy in RESECTIONS or rng.random() < f.sample
    outcomes = HISTOLOGY.get(f.histology)
    if s.sampled and outcomes and histology_back:
        s.outcome = weighted(rng, tuple((o, o.weight) for o in outcomes))
        codes, s.explains = s.outcome.codes, s.outcome.explains
    elif f.rank == 0:  # a suspected malignancy is not coded until histology confirms it
        codes, s.explains = (), False
    else:
        codes, s.explains = f.codes, True
    s.codes = tuple(_resolve(code, s) for code in codes)


def _resolve(code: str, s: Seen) -> str:
    if code == "@finding":
        return s.finding.codes[0]
    if code.startswith("@") and code[1:] in ("adenoma", "cancer", "polyp"):
        return getattr(s.site, code[1:]) or s.finding.codes[0]
    return code
