"""EUS and capsule findings composed from parts, and ERCP / EUS / capsule conclusions as diagnosis plus action.

Meaning rules: a needle is named only where the scenario codes one, FNA (`Y20.4`: aspiration, cytology, ROSE) and
FNB (`Y20.3`: core, biopsy needle, histology) never swapped; a diagnostic EUS (cyst, stones, normal, chronic
pancreatitis, staging) and every capsule study name no sampling, and no 'FNA not done' remark either. A capsule
study says the capsule reached the caecum only in the scenarios that already say so (normal). Conclusions keep the
scenario's diagnosis words (stones, stricture, cancer, cyst ...) and name only the procedure that was coded.
"""

from __future__ import annotations

import random

from .endoscopy_ercp_grammar import join_parts
from .text import pick

NEEDLE_FNA = ("EUS-FNA 22G x3 passes, ROSE adequate", "FNA with a 22G needle, 3 passes; on-site cytology adequate",
              "EUS-guided FNA x{n} (25G), slow-pull technique", "fine needle aspiration 22G x3 for cytology",
              "FNA x3 passes (22G Expect), ROSE: malignant cells", "EUS-FNA (22G), {n} passes, material for cytology")
NEEDLE_FNB = ("EUS-FNB with a 22G Franseen needle, 3 passes, good cores", "fine needle biopsy (22G Acquire) x3, "
              "macroscopic cores", "FNB x3 with 22G SharkCore, good core samples", "EUS-guided core biopsy (FNB) "
              "x{n}", "FNB 22G, {n} passes, cores for histology", "fine needle biopsy x3 (20G ProCore)")
MASS = ("{mm}mm hypoechoic mass in the pancreatic head", "irregular hypoechoic head of pancreas mass ({mm}mm)",
        "pancreatic head mass {mm}mm, abutting the SMV", "{mm}mm ill-defined hypoechoic lesion, head of pancreas",
        "head of pancreas lesion {mm}mm with upstream PD dilatation")
SUBMUCOSAL = ("{mm}mm hypoechoic lesion arising from the muscularis propria of the fundus", "subepithelial gastric "
              "lesion {mm}mm from layer 4 (MP)", "fundal subepithelial lesion from the 4th layer, {mm}mm")
CYST = ("{mm}mm unilocular cyst in the pancreatic body", "thin-walled {mm}mm cyst, body of pancreas",
        "anechoic {mm}mm pancreatic cyst", "{mm}mm simple-appearing cyst in the pancreatic body")
CYST_OK = ("no mural nodule", "no solid component", "no PD communication", "no septations", "PD normal calibre",
           "no worrying features")
MICRO = ("{n} small echogenic foci with shadowing in a {mm}mm distal CBD", "CBD {mm}mm with {n} small "
         "hyperechoic stones", "small shadowing echogenic foci in the distal CBD (microlithiasis)")
NORMAL_EUS = ("normal pancreas", "pancreatic parenchyma and duct normal", "head, body and tail of pancreas normal",
              "CBD normal calibre", "CBD not dilated, no stones or sludge", "normal gallbladder",
              "no pancreatic mass", "PD normal")
CP = ("lobularity", "hyperechoic strands", "parenchymal calcification with shadowing", "irregular dilated PD",
      "hyperechoic PD margins", "honeycomb lobularity")
STAGING = ("tumour at 35-40cm, uT3 N1 (2 nodes)", "T3 tumour of the distal oesophagus with 2 suspicious nodes "
           "(uT3 N1)", "oesophageal tumour breaching the muscularis propria (uT3), 2 peri-oesophageal nodes (uN1)")
CAPSULE = {"angiodysplasia": ("{n} small bowel angioectasias in the proximal jejunum", "{n} jejunal angiodysplasias "
                              "(P2)", "several proximal small bowel angioectasias, Saurin P2"),
           "crohns": ("aphthous and linear ulcers in the distal ileum", "patchy ileal ulceration (aphthae, linear "
                      "ulcers)", "distal small bowel ulcers with oedematous villi"),
           "nsaid": ("several small erosions and ulcers in the jejunum", "scattered jejunal erosions and small "
                     "ulcers", "multiple small jejunal mucosal breaks and ulcers")}
CAPSULE_TAIL = {"angiodysplasia": ("no active bleeding", "no fresh blood", "no active bleeding seen"),
                "crohns": ("Lewis score 790", "Lewis score 790 (moderate-severe)", "Lewis > 790"),
                "nsaid": ("?NSAID enteropathy", "in keeping with NSAID enteropathy", "?NSAID related")}
CAPSULE_NORMAL = ("complete study to the caecum", "capsule reached the caecum", "caecum reached within the "
                  "recording time", "no blood, angioectasia, ulceration or mass", "normal small bowel mucosa "
                  "throughout", "normal villi", "good views")


def eus(rng: random.Random, key: str) -> str | None:
    if key in ("pancreas_fna", "pancreas_fnb"):
        needle = pick(rng, NEEDLE_FNA if key == "pancreas_fna" else NEEDLE_FNB)
        return join_parts(rng, [pick(rng, MASS), needle])
    if key == "submucosal":
        return join_parts(rng, [pick(rng, SUBMUCOSAL), pick(rng, NEEDLE_FNB)])
    if key == "cyst":
        return join_parts(rng, [pick(rng, CYST), *rng.sample(CYST_OK, 1 + int(rng.random() * 2))])
    if key == "microlithiasis":
        return join_parts(rng, [pick(rng, MICRO), pick(rng, ("pancreas normal", "CBD stones", "for ERCP"))])
    if key == "normal":
        return join_parts(rng, rng.sample(NORMAL_EUS, 2 + int(rng.random() * 2)))
    if key == "chronic_pancreatitis":
        return join_parts(rng, [*rng.sample(CP, 3), pick(rng, ("Rosemont consistent with chronic pancreatitis",
                                                          "features of chronic pancreatitis"))])
    if key == "oes_staging":
        return join_parts(rng, [pick(rng, STAGING), pick(rng, ("coeliac axis clear", "no coeliac nodes"))])
    return None


def capsule(rng: random.Random, key: str) -> str | None:
    if key == "normal":
        return join_parts(rng, [pick(rng, CAPSULE_NORMAL[:3]), *rng.sample(CAPSULE_NORMAL[3:], 1 + int(rng.random() * 2))])
    if key in CAPSULE:
        return join_parts(rng, [pick(rng, CAPSULE[key]), pick(rng, CAPSULE_TAIL[key])])
    return None


# conclusions: (diagnosis words, what was done); the action never names a procedure the scenario does not code
CONCLUSIONS = {
    "ercp:stones_sphincterotomy": (("CBD stones", "choledocholithiasis", "CBD calculi"),
                                   ("cleared after sphincterotomy", "ES and balloon clearance", "duct cleared")),
    "ercp:gallstone_pancreatitis": (("gallstone pancreatitis with CBD stones", "biliary pancreatitis, CBD stones"),
                                    ("ES, duct cleared", "stones removed after sphincterotomy")),
    "ercp:stones_stent": (("large CBD stone", "retained CBD stone"), ("plastic stent placed, for repeat ERCP",
                                                                     "ES and plastic stent")),
    "ercp:malignant_metal": (("malignant distal biliary stricture", "distal CBD stricture (pancreatic cancer)"),
                             ("uncovered SEMS", "uncovered metal stent placed")),
    "ercp:covered_sems": (("malignant biliary obstruction", "distal CBD stricture, pancreatic cancer"),
                          ("fully covered SEMS", "covered metal stent placed")),
    "ercp:malignant_brush": (("biliary stricture ?cholangiocarcinoma", "mid CBD stricture ?cholangiocarcinoma"),
                             ("brushed and plastic stent placed", "brushings + 10Fr plastic stent")),
    "ercp:stent_change": (("benign biliary stricture", "benign CBD stricture"), ("plastic stent exchanged",
                                                                                "stent changed")),
    "ercp:balloon_trawl": (("recurrent CBD stones", "CBD stones, previous ES"), ("cleared by balloon trawl",
                                                                                "duct cleared")),
    "ercp:lithotripsy": (("large CBD stone", "giant CBD stone"), ("mechanical lithotripsy, duct cleared",
                                                                 "ES + lithotripsy, cleared")),
    "eus:cyst": (("pancreatic cyst", "small pancreatic body cyst"), ("low risk features", "no worrying features")),
    "eus:pancreas_fna": (("pancreatic head adenocarcinoma", "pancreatic head mass (cytology: adenocarcinoma)"),
                         ("FNA taken", "EUS-FNA cytology")),
    "eus:pancreas_fnb": (("pancreatic adenocarcinoma", "pancreatic mass (histology: adenocarcinoma)"),
                         ("FNB taken", "EUS-FNB cores")),
    "capsule:angiodysplasia": (("small bowel angiodysplasia", "jejunal angioectasias"),
                               ("likely source of IDA", "no active bleeding")),
    "capsule:crohns": (("small bowel Crohn's disease", "ileal Crohn's"), ("active", "Lewis 790")),
}


def conclusion(rng: random.Random, key: str) -> str | None:
    if key not in CONCLUSIONS:
        return None
    dx, done = CONCLUSIONS[key]
    return pick(rng, ("{d} - {a}", "{d}; {a}", "{d} ({a})", "{d}: {a}")).format(d=pick(rng, dx), a=pick(rng, done))
