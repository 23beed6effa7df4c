"""ERCP, EUS and capsule endoscopy lists as scenario tables: each scenario carries its true codes and its words.

Codes (OPCS-4.10, National Clinical Coding Standards): sphincterotomy with stone extraction `J38.1`, with a stent
`J38.2`; balloon trawl through an old sphincterotomy `J41.1`; lithotripsy `J41.3` after the sphincterotomy; plastic
stent `J40.2`, metal `J40.6`, covered metal `J40.5`, exchange `J40.3`, removal `J40.4`; brushings add
`Y21.1 Brush cytology` and the site `Z30.3`; a failed cannulation is coded to the diagnostic ERCP attempted
(`J43.9`). EUS of the upper GI tract and pancreaticobiliary system is `G45.2`; a fine needle aspiration adds
`Y20.4`, a core biopsy (FNB) `Y20.3`, each followed by the site (`Z31.1` pancreas, `Z27.2` stomach). Capsule
endoscopy is `G80.2`. The diagnosis is the condition found (a normal EUS is coded to its symptom).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of list (ERCP, EUS or capsule): its true codes, and the sentences its report is drawn from."""

    key: str
    weight: float
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]
    indication: tuple[str, ...]
    findings: tuple[str, ...]
    impression: tuple[str, ...]
    symptom: str = "R17"        # what a coder might take instead of the diagnosis


ERCP: tuple[Scenario, ...] = (
    Scenario("stones_sphincterotomy", 0.4, ("K80.5",), ("J38.1",),
                 ("CBD stones on MRCP", "choledocholithiasis", "dilated CBD with stones on MRCP"),
                 ("Deep biliary cannulation. Cholangiogram: {n} filling defects in a {mm}mm CBD. Sphincterotomy "
                  "performed. Duct swept with balloon, stones extracted. Occlusion cholangiogram clear.",),
                 ("CBD stones - cleared", "choledocholithiasis, duct cleared")),
    Scenario("stones_stent", 0.12, ("K80.5",), ("J38.2",),
                 ("CBD stones", "large CBD stone on MRCP"),
                 ("Sphincterotomy. Large {mm}mm stone not extracted with balloon or basket. 10Fr 7cm plastic stent "
                  "placed for drainage.",), ("large CBD stone - stented, for repeat ERCP",)),
    Scenario("malignant_metal", 0.16, ("C25.0", "K83.1"), ("J40.6",),
                 ("obstructive jaundice - pancreatic head mass on CT", "painless jaundice, ?pancreatic ca"),
                 ("Tight distal CBD stricture with upstream dilatation. Uncovered SEMS placed across the stricture, "
                  "good drainage.",), ("malignant distal biliary stricture - SEMS", "pancreatic cancer, stented")),
    Scenario("malignant_brush", 0.08, ("C24.0", "K83.1"), ("J40.2", "Y21.1", "Z30.3"),
                 ("hilar stricture ?cholangiocarcinoma", "jaundice, CBD stricture on MRCP"),
                 ("Stricture in the mid CBD. Brushings taken for cytology. 10Fr plastic stent inserted.",),
                 ("biliary stricture - ?cholangiocarcinoma", "cholangiocarcinoma - stented")),
    Scenario("stent_change", 0.14, ("K83.1",), ("J40.3",),
                 ("stent change", "benign biliary stricture - planned stent exchange"),
                 ("Existing plastic stent removed with snare. Stricture persists. New 10Fr stent placed.",),
                 ("benign biliary stricture - stent exchanged",)),
    Scenario("chronic_pancreatitis", 0.05, ("K86.1",), ("J42.1",),
                 ("chronic pancreatitis - PD stricture", "painful chronic pancreatitis"),
                 ("Pancreatogram: dilated irregular PD with stricture in the head. 7Fr pancreatic stent placed.",),
                 ("chronic pancreatitis, PD stent",)),
    Scenario("stent_removal", 0.05, ("Z46.8",), ("J40.4",),
                 ("stent removal", "stent removal after stone clearance"),
                 ("Stent removed with snare. Balloon trawl: no further stones.",), ("stent removed, duct clear",)),
    Scenario("balloon_trawl", 0.07, ("K80.5",), ("J41.1",),
             ("recurrent CBD stones, previous sphincterotomy", "stones on MRCP after previous ES"),
             ("Previous sphincterotomy seen. Balloon trawl x3 retrieved {n} small stones and sludge. Occlusion "
              "cholangiogram clear.", "Duct cannulated through the old sphincterotomy; stones extracted with a "
              "Dormia basket."), ("CBD stones cleared by balloon trawl",)),
    Scenario("lithotripsy", 0.03, ("K80.5",), ("J38.1", "J41.3"),
             ("large CBD stone", "difficult CBD stone, for lithotripsy"),
             ("Sphincterotomy. {mm}mm stone crushed with mechanical lithotripter basket, fragments cleared with "
              "balloon.",), ("large CBD stone - lithotripsy, duct cleared",)),
    Scenario("gallstone_pancreatitis", 0.05, ("K85.1", "K80.5"), ("J38.1",),
             ("gallstone pancreatitis with persisting CBD stone", "biliary pancreatitis, CBD stone on MRCP"),
             ("Sphincterotomy and balloon extraction of {n} stones; pus-free bile. Duct clear.",),
             ("gallstone pancreatitis - CBD cleared",), "K85.9"),
    Scenario("covered_sems", 0.04, ("C25.0", "K83.1"), ("J40.5",),
             ("pancreatic cancer - jaundice, for covered metal stent before chemotherapy",),
             ("Distal CBD stricture. Fully covered SEMS 10x60mm placed, bile flowing.",),
             ("malignant biliary obstruction - covered SEMS",)),
    Scenario("failed_cannulation", 0.04, ("K80.5",), ("J43.9",),
             ("CBD stones", "choledocholithiasis on MRCP"),
             ("Papilla within a large periampullary diverticulum. Biliary cannulation failed despite wire-guided "
              "attempts for 20 minutes. Procedure abandoned; for PTC / repeat.",),
             ("failed cannulation - for repeat ERCP or PTC",)),
    Scenario("ampullary", 0.02, ("C24.1",), ("J43.1",),
             ("ampullary mass on CT", "jaundice, bulky papilla"),
             ("Bulky friable ampulla. Biopsies taken. Cannulation not attempted.",),
             ("ampullary tumour - biopsied",)),
)

# Endoscopic ultrasound (upper GI and pancreaticobiliary): G45.2; FNA adds Y20.4 and FNB Y20.3, each with the site.
EUS: tuple[Scenario, ...] = (
    Scenario("pancreas_fna", 0.3, ("C25.0",), ("G45.2", "Y20.4", "Z31.1"),
             ("pancreatic head mass on CT", "?pancreatic cancer - tissue diagnosis"),
             ("Linear EUS: {mm}mm hypoechoic mass in the pancreatic head abutting the SMV. EUS-FNA 22G x3 passes, "
              "ROSE adequate.",), ("pancreatic head mass - FNA taken (cytology: adenocarcinoma)",), "R93.3"),
    Scenario("pancreas_fnb", 0.1, ("C25.0",), ("G45.2", "Y20.3", "Z31.1"),
             ("pancreatic mass, previous FNA non-diagnostic",),
             ("EUS-FNB with 22G Franseen needle, 3 passes, good cores. Mass {mm}mm in the head.",),
             ("pancreatic mass - FNB (histology: adenocarcinoma)",), "R93.3"),
    Scenario("cyst", 0.18, ("K86.2",), ("G45.2",),
             ("pancreatic cyst on MRI - characterisation", "IPMN surveillance"),
             ("{mm}mm unilocular cyst in the pancreatic body, no mural nodule, no PD communication.",
              "Simple-appearing cyst, no solid component."), ("pancreatic cyst, low risk features",), "R93.3"),
    Scenario("microlithiasis", 0.15, ("K80.5",), ("G45.2",),
             ("?CBD stone - dilated duct on US", "deranged LFTs, ?microlithiasis"),
             ("Radial EUS: {n} small echogenic foci with shadowing in a {mm}mm distal CBD.",),
             ("CBD microlithiasis - for ERCP",), "R74.0"),
    Scenario("normal", 0.12, ("R10.1",), ("G45.2",),
             ("?CBD stone", "epigastric pain ?pancreatic cause"),
             ("Normal pancreas, CBD 5mm with no stones. Normal gallbladder.",), ("normal EUS",), "R10.1"),
    Scenario("chronic_pancreatitis", 0.07, ("K86.1",), ("G45.2",),
             ("chronic pancreatitis ?", "upper abdominal pain, steatorrhoea"),
             ("Lobularity, hyperechoic strands and calcification; PD irregular (Rosemont consistent with CP).",),
             ("features of chronic pancreatitis",), "R10.1"),
    Scenario("submucosal", 0.08, ("D37.1",), ("G45.2", "Y20.3", "Z27.2"),
             ("gastric submucosal lesion at OGD", "?GIST"),
             ("{mm}mm hypoechoic lesion arising from the muscularis propria of the fundus. EUS-FNB x3.",),
             ("gastric subepithelial lesion ?GIST - FNB (CD117 positive)",), "R93.3"),
    Scenario("oes_staging", 0.1, ("C15.5",), ("G45.2",),
             ("staging of oesophageal adenocarcinoma", "oesophageal cancer - EUS staging"),
             ("Tumour at 35-40cm, uT3 N1 (2 nodes). Coeliac axis clear.",), ("oesophageal cancer uT3N1",), "R13"),
)

# Capsule endoscopy of the small bowel (G80.2).
CAPSULE: tuple[Scenario, ...] = (
    Scenario("angiodysplasia", 0.3, ("K55.8", "D50.9"), ("G80.2",),
             ("IDA, normal OGD and colonoscopy", "obscure GI bleeding with iron deficiency"),
             ("{n} small bowel angioectasias in the proximal jejunum; no active bleeding.",),
             ("small bowel angiodysplasia",), "D50.9"),
    Scenario("crohns", 0.25, ("K50.0",), ("G80.2",),
             ("?small bowel Crohn's, raised calprotectin", "Crohn's - small bowel assessment"),
             ("Multiple aphthous ulcers and a few linear ulcers in the distal ileum (Lewis score 790).",),
             ("small bowel Crohn's disease",), "R19.5"),
    Scenario("normal", 0.35, ("D50.9",), ("G80.2",),
             ("IDA, normal bidirectional endoscopy", "iron deficiency ?small bowel source"),
             ("Complete study to the caecum. Normal small bowel mucosa.",), ("normal capsule endoscopy",), "D50.9"),
    Scenario("nsaid", 0.1, ("K63.3", "D50.9"), ("G80.2",),
             ("IDA on NSAIDs",), ("Several small erosions and ulcers in the jejunum ?NSAID enteropathy.",),
             ("small bowel ulceration ?NSAIDs",), "D50.9"),
)
