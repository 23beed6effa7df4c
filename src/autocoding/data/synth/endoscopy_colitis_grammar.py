"""A slot grammar for colitis seen at colonoscopy: extent, activity (Mayo), the features that match that activity.

The extent is what decides the code (ulcerative proctitis K51.2, proctosigmoiditis K51.3, left sided colitis
K51.5, pancolitis K51.0), so every extent form names the finding's own extent (rectum only / E1; rectum and sigmoid;
to the splenic flexure / E2; to the caecum / E3) and nothing wider or narrower. The activity is the drawn Mayo
endoscopic subscore written as Mayo 2 / MES 2 / Mayo 2/3, and the features are the ones that define that score
(1: erythema, reduced vascular pattern; 2: marked erythema, absent vascular pattern, friability, erosions; 3:
spontaneous bleeding, ulceration). Known IBD (coded to the patient's own diagnosis) is described by activity only,
never by an extent that could contradict it. A new colitis stays a query UC until histology ('?UC', 'likely UC').
"""

from __future__ import annotations

import random

from .text import pick

FEATURES = {1: ("erythema and reduced vascular pattern", "mild erythema, decreased vascular pattern",
                "loss of vascular pattern with mild friability", "patchy erythema, blurred vascular pattern"),
            2: ("marked erythema, absent vascular pattern and erosions", "friable mucosa with erosions",
                "loss of vascular pattern, contact bleeding, erosions", "granular friable mucosa, erosions"),
            3: ("spontaneous bleeding and ulceration", "deep ulcers and spontaneous bleeding",
                "ulcerated, spontaneously bleeding mucosa", "extensive ulceration, bleeding on contact and "
                                                             "spontaneously")}
EXTENTS = {"proctitis": ("confined to the rectum", "rectum only", "limited to the rectum (E1)", "in the rectum, "
                         "normal mucosa above", "E1 - rectum only"),
           "rectosigmoiditis": ("in the rectum and sigmoid", "rectum and sigmoid colon, normal above",
                                "involving the rectum and sigmoid (proctosigmoiditis)"),
           "left_colitis": ("from the rectum to the splenic flexure", "to the splenic flexure (E2)", "left-sided, "
                            "to the SF", "distal to the splenic flexure", "E2 - left-sided"),
           "pancolitis": ("from the rectum to the caecum", "extending to the caecum (E3)", "throughout the colon to "
                          "the caecal pole", "E3 - extensive", "pancolonic, to the caecum")}
HEADS = {"proctitis": ("proctitis", "ulcerative proctitis", "inflammation"),
         "rectosigmoiditis": ("proctosigmoiditis", "colitis", "inflammation"),
         "left_colitis": ("colitis", "left sided colitis", "inflammation"),
         "pancolitis": ("pancolitis", "colitis", "extensive colitis", "inflammation")}


def mayo(rng: random.Random, score: int) -> str:
    return pick(rng, (f"Mayo {score}", f"MES {score}", f"Mayo {score}/3", f"Mayo endoscopic score {score}",
                      f"Mayo endoscopic subscore {score}", f"Mayo {score}"))


def colitis(rng: random.Random, key: str, p: dict) -> str:
    score = int(p["mayo"])
    feat, extent, head, grade = pick(rng, FEATURES[score]), pick(rng, EXTENTS[key]), pick(rng, HEADS[key]), \
        mayo(rng, score)
    query = pick(rng, (" ?UC", ", ?UC", " - likely UC", "", "", " ?ulcerative colitis"))
    frames = (f"continuous {head} {extent}: {feat} ({grade}){query}", f"{head} {extent}, {grade}{query}",
              f"{feat}, continuous, {extent} - {grade}", f"{grade} {head} {extent}{query}",
              f"Inflammation: {extent}. Activity: {grade} ({feat})", f"{extent}: {feat}, {grade}{query}",
              f"continuous {head}, {grade}, {extent}")
    return " ".join(pick(rng, frames).split())


def known_ibd(rng: random.Random, p: dict) -> str:
    score = int(p["mayo"])
    feat, grade = pick(rng, FEATURES[score]), mayo(rng, score)
    return pick(rng, (f"{feat}, {grade}", f"active inflammation: {grade} ({feat})", f"{grade} - {feat}",
                      f"disease activity {grade}; {feat}", f"{feat} in keeping with {grade} activity"))


GRAMMARS = {key: (lambda k: lambda rng, p, site: colitis(rng, k, p))(key) for key in EXTENTS}
GRAMMARS["ibd_known"] = lambda rng, p, site: known_ibd(rng, p)
