"""ERCP, EUS and capsule indications composed as reason + where it was shown + why now, keyed '{kind}:{scenario}'.

Each reason keeps the scenario's condition words (CBD stones, stricture, pancreatic mass, cyst, IDA, Crohn's);
the imaging source and the clinical context are true of every such referral and add no condition that would be
coded: no cholangitis, pancreatitis or jaundice beyond the scenarios whose tables already name them, and a suspected
condition stays suspected ('?') exactly where the table's own wording hedges it.
"""

from __future__ import annotations

import random

from .text import pick

_STONES = ("CBD stones", "choledocholithiasis", "CBD calculi", "common bile duct stones", "CBD stone")
_MRCP = ("on MRCP", "(MRCP)", "- MRCP confirmed", "seen on MRCP", "on MRCP and US", "")
_LFTS = ("deranged LFTs", "obstructive LFTs", "ALP {n}00", "rising bilirubin", "")

PARTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ercp:stones_sphincterotomy": (_STONES, _MRCP, _LFTS),
    "ercp:failed_cannulation": (_STONES, _MRCP, _LFTS),
    "ercp:stones_stent": (("large CBD stone", "large CBD calculus", "big CBD stone"), _MRCP, ("", "frail", "elderly")),
    "ercp:lithotripsy": (("large CBD stone", "difficult CBD stone", "giant CBD stone"), _MRCP,
                         ("for lithotripsy", "for mechanical lithotripsy", "")),
    "ercp:balloon_trawl": (("recurrent CBD stones", "recurrent choledocholithiasis", "further CBD stones"),
                           _MRCP, ("previous sphincterotomy", "ES in the past", "post ES")),
    "ercp:malignant_metal": (("pancreatic head mass", "pancreatic head cancer", "pancreatic adenocarcinoma"),
                             ("on CT", "(CT)", "- CT staged", "on CT pancreas protocol"),
                             ("obstructive jaundice", "painless jaundice", "for palliative stent")),
    "ercp:covered_sems": (("pancreatic cancer", "pancreatic head adenocarcinoma"), ("on CT", "(CT)", ""),
                          ("jaundice - covered metal stent before chemotherapy", "for FCSEMS, neoadjuvant")),
    "ercp:malignant_brush": (("hilar stricture ?cholangiocarcinoma", "CBD stricture ?cholangiocarcinoma",
                              "indeterminate biliary stricture ?cholangiocarcinoma"), ("on MRCP", "(MRCP)", ""),
                             ("for brushings and stent", "tissue needed", "")),
    "ercp:stent_change": (("benign biliary stricture", "benign CBD stricture", "post-cholecystectomy stricture"),
                          ("planned stent exchange", "3-monthly stent change", "elective stent change"), ("",)),
    "eus:pancreas_fna": (("pancreatic head mass", "pancreatic head lesion", "?pancreatic cancer"),
                         ("on CT", "(CT)", "on CT and MRI"), ("tissue diagnosis", "for FNA", "for cytology")),
    "eus:cyst": (("pancreatic cyst", "incidental pancreatic cyst", "branch duct IPMN"), ("on MRI", "on CT", "(MRCP)"),
                 ("characterisation", "surveillance", "annual EUS")),
    "eus:microlithiasis": (("?CBD stone", "?microlithiasis", "?small CBD stones"),
                           ("dilated duct on US", "MRCP equivocal", "normal MRCP"), ("deranged LFTs", "biliary pain")),
    "eus:submucosal": (("gastric submucosal lesion", "subepithelial gastric lesion", "?GIST"),
                       ("at OGD", "on OGD", "seen at gastroscopy"), ("characterisation", "for EUS +/- FNB")),
    "eus:oes_staging": (("oesophageal adenocarcinoma", "oesophageal cancer", "OAC"), ("CT staged", "CT T3 N0", ""),
                        ("EUS staging", "locoregional staging", "for staging")),
    "capsule:angiodysplasia": (("IDA", "iron deficiency anaemia", "obscure GI bleeding with IDA"),
                               ("normal OGD and colonoscopy", "negative bidirectional endoscopy", "OGD/colonoscopy NAD"),
                               ("?small bowel source", "", "transfusion dependent")),
    "capsule:normal": (("IDA", "iron deficiency anaemia", "unexplained IDA"),
                       ("normal bidirectional endoscopy", "OGD and colonoscopy normal", "negative OGD/colonoscopy"),
                       ("?small bowel source", "?occult small bowel bleeding", "")),
    "capsule:crohns": (("?small bowel Crohn's", "suspected small bowel Crohn's", "?Crohn's"),
                       ("raised calprotectin", "calprotectin {n}00", "normal ileocolonoscopy"), ("",)),
}


def indication(rng: random.Random, key: str) -> str | None:
    """A composed indication for the scenario, or None where it has no parts."""
    if key not in PARTS:
        return None
    parts = [pick(rng, slot) for slot in PARTS[key]]
    head = " ".join(p for p in parts[:2] if p)
    if not parts[2]:
        return head
    return pick(rng, ("{h}, {c}", "{h} - {c}", "{c}; {h}", "{h} ({c})")).format(h=head, c=parts[2])
