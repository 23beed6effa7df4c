"""Why patients are scoped (indications), and the ERCP scenarios, as declarative tables.

An indication's `codes` are coded when no finding accounts for it (a normal study is coded to its presenting
symptom: R10.1, R19.4, D50.9 ...); `keep` are coded even when a finding explains it (a condition rather than a
symptom: IDA, known IBD, screening and surveillance Z codes). '@cirrhosis' and '@ibd' resolve to the patient's
own condition, drawn once per patient so surveillance episodes agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indication:
    key: str
    codes: tuple[str, ...]
    keep: tuple[str, ...]
    phrases: tuple[str, ...]
    weights: tuple[float, float, float]        # share among OGD, colonoscopy, flexible sigmoidoscopy indications
    forced: tuple[tuple[str, float], ...] = ()  # finding key -> probability it is present under this indication
    repeat: tuple[float, int, int] = (0.0, 0, 0)  # chance of another episode this year, and the gap in days (min, max)


INDICATIONS: tuple[Indication, ...] = (
    Indication("dyspepsia", ("K30",), (), ("dyspepsia", "dyspeptic symptoms", "persistent dyspepsia despite PPI",
                                          "indigestion"), (0.15, 0, 0)),
    Indication("epigastric", ("R10.1",), (), ("epigastric pain", "epigastric discomfort", "upper abdominal pain",
                                             "epigastric pain ?PUD"), (0.12, 0, 0)),
    Indication("reflux", ("R12",), (), ("reflux symptoms", "heartburn", "reflux symptoms despite PPI", "reflux"),
               (0.11, 0, 0)),
    Indication("dysphagia", ("R13",), (), ("dysphagia", "dysphagia to solids", "food sticking", "2WW dysphagia",
                                          "intermittent dysphagia"), (0.1, 0, 0)),
    Indication("ida", ("D50.9",), ("D50.9",), ("IDA", "iron deficiency anaemia", "iron deficiency anaemia (Hb {hb}, "
                                              "ferritin {fer})", "IDA - Hb {hb}"), (0.11, 0.11, 0)),
    Indication("anaemia", ("D64.9",), ("D64.9",), ("anaemia", "low Hb ({hb})", "anaemia for investigation"),
               (0.03, 0.02, 0)),
    Indication("weightloss", ("R63.4",), (), ("weight loss", "unintentional weight loss", "weight loss {n}kg"),
               (0.05, 0.03, 0)),
    Indication("vomiting", ("R11",), (), ("nausea and vomiting", "vomiting", "persistent nausea"), (0.04, 0, 0)),
    Indication("melaena", ("K92.1",), (), ("melaena", "black stools", "?melaena - now settled"), (0.025, 0, 0)),
    Indication("haematemesis", ("K92.0",), (), ("haematemesis", "coffee ground vomit"), (0.008, 0, 0)),
    Indication("coeliac_serology", ("R76.8",), (), ("positive coeliac serology", "raised TTG", "TTG positive ?coeliac"),
               (0.04, 0, 0), forced=(("d2_bx_serology", 1.0),)),
    Indication("barretts_surv", ("K22.7",), ("K22.7",), ("Barrett's surveillance", "BO surveillance",
                                                        "surveillance of Barrett's oesophagus"),
               (0.09, 0, 0), forced=(("barretts_known", 1.0),), repeat=(0.06, 120, 300)),
    Indication("varices_surv", ("@cirrhosis",), ("@cirrhosis",),
               ("variceal surveillance", "banding programme", "cirrhosis - variceal screening",
                "oesophageal varices - banding programme"), (0.045, 0, 0), forced=(("varices", 0.8),),
               repeat=(0.7, 14, 42)),
    Indication("globus", ("F45.8",), (), ("globus", "lump in the throat sensation"), (0.01, 0, 0)),
    Indication("chest_pain", ("R07.4",), (), ("atypical chest pain, cardiac causes excluded", "non-cardiac chest pain"),
               (0.008, 0, 0)),
    Indication("bloating", ("R14",), (), ("bloating", "abdominal bloating and wind"), (0.01, 0.01, 0)),
    Indication("imaging", ("R93.3",), (), ("abnormal CT - ?thickening", "wall thickening on CT",
                                          "CT abnormality for endoscopic assessment", "CT: thickening ?mass"),
               (0.01, 0.015, 0.01)),
    Indication("b12", ("D51.0",), ("D51.0",), ("pernicious anaemia", "B12 deficiency, intrinsic factor antibody "
                                              "positive"), (0.004, 0, 0)),
    Indication("hiccups", ("R06.6",), (), ("persistent hiccups",), (0.002, 0, 0)),
    Indication("peg", ("R13", "@peg"), ("R13", "@peg"), ("PEG insertion", "for PEG - unsafe swallow"),
               (0.012, 0, 0), forced=(("peg", 1.0),)),
    Indication("tenesmus", ("R19.8",), (), ("tenesmus", "rectal urgency and tenesmus"), (0, 0.006, 0.01)),
    Indication("mass", ("R19.0",), (), ("palpable abdominal mass", "RIF mass"), (0, 0.005, 0)),
    Indication("constipation", ("K59.0",), (), ("constipation", "new constipation", "worsening constipation"),
               (0, 0.03, 0.01)),
    Indication("calprotectin", ("R19.5",), (), ("raised calprotectin ({fit})", "faecal calprotectin {fit}"),
               (0, 0.02, 0.02)),
    Indication("cibh", ("R19.4",), (), ("change in bowel habit", "CIBH", "altered bowel habit to loose", "CIBH 2WW"),
               (0, 0.19, 0.25)),
    Indication("pr_bleed", ("K62.5",), (), ("rectal bleeding", "PR bleeding", "PR bleed", "fresh red PR bleeding"),
               (0, 0.11, 0.4)),
    Indication("fit", ("R19.5",), (), ("positive FIT", "FIT {fit}", "raised qFIT ({fit} ug/g)"), (0, 0.14, 0.06)),
    Indication("screening", ("Z12.1",), ("Z12.1",), ("BCSP", "bowel cancer screening, FIT positive",
                                                    "bowel screening programme"), (0, 0.1, 0.04)),
    Indication("polyp_surv", ("Z09.8", "Z86.0"), ("Z86.0",), ("polyp surveillance", "previous adenomas - surveillance",
                                                             "post polypectomy surveillance"), (0, 0.1, 0.03),
               repeat=(0.05, 90, 200)),
    Indication("cancer_surv", ("Z08.9", "Z85.0"), ("Z85.0",), ("previous CRC - surveillance", "post anterior resection "
                                                              "surveillance", "cancer follow up"), (0, 0.03, 0.03)),
    Indication("diarrhoea", ("K52.9",), (), ("diarrhoea", "chronic diarrhoea", "loose stools ?microscopic colitis",
                                            "diarrhoea ?IBD"), (0, 0.08, 0.06)),
    Indication("pain", ("R10.4",), (), ("abdominal pain", "lower abdominal pain", "abdo pain"), (0, 0.04, 0.04)),
    Indication("ibd", ("@ibd",), ("@ibd",), ("IBD assessment", "known UC - assess activity", "Crohn's assessment",
                                            "UC flare"), (0, 0.05, 0.08), forced=(("ibd_known", 1.0),),
               repeat=(0.15, 60, 200)),
    Indication("fh", ("Z12.1", "Z80.0"), ("Z80.0",), ("family history of bowel cancer", "FH CRC (father at 50)",
                                                     "strong FH of colorectal cancer"), (0, 0.03, 0)),
)
INDICATION_BY_KEY = {i.key: i for i in INDICATIONS}
CIRRHOSIS = (("K70.3", ("alcohol related cirrhosis", "ArLD cirrhosis", "alcoholic cirrhosis")),
             ("K74.6", ("cirrhosis", "NAFLD cirrhosis", "liver cirrhosis")))
PEG_CAUSES = (("I69.4", "previous stroke"), ("G12.2", "MND"), ("C32.9", "laryngeal cancer after chemoradiotherapy"),
              ("G35", "advanced MS"))
IBD = (("K51.9", "ulcerative colitis", "UC"), ("K51.0", "pan-ulcerative colitis", "extensive UC"),
       ("K51.5", "left sided UC", "left sided ulcerative colitis"), ("K50.1", "Crohn's colitis", "colonic Crohn's"),
       ("K50.8", "ileocolonic Crohn's", "Crohn's disease (L3)"))


@dataclass(frozen=True, slots=True)
class ErcpScenario:
    key: str
    weight: float
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]
    indication: tuple[str, ...]
    findings: tuple[str, ...]
    impression: tuple[str, ...]


ERCP: tuple[ErcpScenario, ...] = (
    ErcpScenario("stones_sphincterotomy", 0.4, ("K80.5",), ("J38.1",),
                 ("CBD stones on MRCP", "choledocholithiasis", "dilated CBD with stones on MRCP"),
                 ("Deep biliary cannulation. Cholangiogram: {n} filling defects in a {mm}mm CBD. Sphincterotomy "
                  "performed. Duct swept with balloon, stones extracted. Occlusion cholangiogram clear.",),
                 ("CBD stones - cleared", "choledocholithiasis, duct cleared")),
    ErcpScenario("stones_stent", 0.12, ("K80.5",), ("J38.2",),
                 ("CBD stones", "large CBD stone on MRCP"),
                 ("Sphincterotomy. Large {mm}mm stone not extracted with balloon or basket. 10Fr 7cm plastic stent "
                  "placed for drainage.",), ("large CBD stone - stented, for repeat ERCP",)),
    ErcpScenario("malignant_metal", 0.16, ("C25.0", "K83.1"), ("J40.6",),
                 ("obstructive jaundice - pancreatic head mass on CT", "painless jaundice, ?pancreatic ca"),
                 ("Tight distal CBD stricture with upstream dilatation. Uncovered SEMS placed across the stricture, "
                  "good drainage.",), ("malignant distal biliary stricture - SEMS", "pancreatic cancer, stented")),
    ErcpScenario("malignant_brush", 0.08, ("C24.0", "K83.1"), ("J40.2", "Y21.1", "Z30.3"),
                 ("hilar stricture ?cholangiocarcinoma", "jaundice, CBD stricture on MRCP"),
                 ("Stricture in the mid CBD. Brushings taken for cytology. 10Fr plastic stent inserted.",),
                 ("biliary stricture - ?cholangiocarcinoma", "cholangiocarcinoma - stented")),
    ErcpScenario("stent_change", 0.14, ("K83.1",), ("J40.3",),
                 ("stent change", "benign biliary stricture - planned stent exchange"),
                 ("Existing plastic stent removed with snare. Stricture persists. New 10Fr stent placed.",),
                 ("benign biliary stricture - stent exchanged",)),
    ErcpScenario("chronic_pancreatitis", 0.05, ("K86.1",), ("J42.1",),
                 ("chronic pancreatitis - PD stricture", "painful chronic pancreatitis"),
                 ("Pancreatogram: dilated irregular PD with stricture in the head. 7Fr pancreatic stent placed.",),
                 ("chronic pancreatitis, PD stent",)),
    ErcpScenario("stent_removal", 0.05, ("Z46.8",), ("J40.4",),
                 ("stent removal", "stent removal after stone clearance"),
                 ("Stent removed with snare. Balloon trawl: no further stones.",), ("stent removed, duct clear",)),
)
