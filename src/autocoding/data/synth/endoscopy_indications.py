"""Why patients are scoped (indications), and the ERCP scenarios, as declarative tables.

An indication's `codes` are coded when no finding accounts for it (a normal study is coded to its presenting
symptom: R10.1, R19.4, D50.9 ...); `keep` are coded even when a finding explains it (a condition rather than a
symptom: IDA, known IBD, screening and surveillance Z codes). So a screening or surveillance code is the primary
diagnosis only when nothing is found; a finding comes first otherwise and the Z code follows. Surveillance after
polypectomy is `Z09.0` with the history `Z86.0`; after bowel cancer resection `Z08.0` with `Z85.0`; surveillance
of a condition still present (Barrett's, IBD) is coded to the condition itself; a family history of bowel cancer
(Lynch syndrome included) is `Z12.1` with `Z80.0`, and FAP is coded to its polyposis, `D12.6`. '@cirrhosis' and '@ibd' resolve to the patient's
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
                                                    "bowel screening programme", "BCSP - FIT {fit}",
                                                    "bowel scope screening", "NHS BCSP colonoscopy (SSP assessed)"),
               (0, 0.1, 0.04)),
    Indication("polyp_surv", ("Z09.0", "Z86.0"), ("Z86.0",), ("polyp surveillance", "previous adenomas - surveillance",
                                                             "post polypectomy surveillance", "BCSP surveillance "
                                                             "(high risk findings 3 years ago)",
                                                             "1 year surveillance after piecemeal EMR - check scar"),
               (0, 0.1, 0.03),
               repeat=(0.05, 90, 200)),
    Indication("cancer_surv", ("Z08.0", "Z85.0"), ("Z85.0",), ("previous CRC - surveillance", "post anterior resection "
                                                              "surveillance", "1 year post right hemicolectomy for "
                                                              "cancer", "cancer follow up"), (0, 0.03, 0.03)),
    Indication("diarrhoea", ("K52.9",), (), ("diarrhoea", "chronic diarrhoea", "loose stools ?microscopic colitis",
                                            "diarrhoea ?IBD"), (0, 0.08, 0.06)),
    Indication("pain", ("R10.4",), (), ("abdominal pain", "lower abdominal pain", "abdo pain"), (0, 0.04, 0.04)),
    Indication("ibd", ("@ibd",), ("@ibd",), ("IBD assessment", "known UC - assess activity", "Crohn's assessment",
                                            "UC flare", "IBD dysplasia surveillance (chromoendoscopy)",
                                            "colitis surveillance - 10 years of disease"), (0, 0.05, 0.08), forced=(("ibd_known", 1.0),),
               repeat=(0.15, 60, 200)),
    Indication("fh", ("Z12.1", "Z80.0"), ("Z80.0",), ("family history of bowel cancer", "FH CRC (father at 50)",
                                                     "strong FH of colorectal cancer"), (0, 0.03, 0)),
    Indication("lynch", ("Z12.1", "Z80.0"), ("Z80.0",), ("Lynch syndrome (MLH1) - 2 yearly colonoscopy",
                                                        "Lynch syndrome surveillance", "MSH2 carrier - surveillance"),
               (0, 0.01, 0)),
    Indication("fap", ("D12.6",), ("D12.6",), ("FAP - rectal stump surveillance", "FAP, post colectomy and IRA"),
               (0, 0.002, 0.006), forced=(("fap_polyps", 0.9),), repeat=(0.2, 150, 250)),
    Indication("colon_stent", ("C18.7",), ("C18.7",), ("obstructing sigmoid carcinoma - palliative stent",
                                                      "large bowel obstruction from sigmoid carcinoma for SEMS"),
               (0, 0.001, 0.004), forced=(("colon_stent", 1.0),)),
    Indication("oes_stent", ("C15.5",), ("C15.5",), ("oesophageal cancer - palliative stent for dysphagia",
                                                    "malignant dysphagia, for SEMS"), (0.005, 0, 0),
               forced=(("oes_stent", 1.0),)),
    Indication("duo_stent", ("C25.0", "K31.5"), ("C25.0", "K31.5"), ("gastric outlet obstruction - pancreatic "
                                                                   "cancer, for duodenal stent",), (0.0015, 0, 0),
               forced=(("duo_stent", 1.0),)),
    Indication("peg_change", ("Z43.1", "@peg"), ("Z43.1", "@peg"), ("PEG removal - eating normally",
                                                                   "PEG replacement", "PEG change"),
               (0.005, 0, 0), forced=(("peg_change", 1.0),)),
    Indication("bravo", ("R12",), (), ("refractory reflux - Bravo pH study", "off PPI, for wireless pH monitoring"),
               (0.006, 0, 0), forced=(("bravo", 1.0),)),
    Indication("barretts_rfa", ("K22.7",), ("K22.7",), ("Barrett's LGD - for RFA", "Barrett's endotherapy list - RFA",
                                                       "post EMR - ablation of residual Barrett's"),
               (0.004, 0, 0), forced=(("barretts_rfa", 1.0),), repeat=(0.5, 60, 120)),
    Indication("bolus", ("T18.1",), (), ("food bolus obstruction", "meat bolus - unable to swallow saliva"),
               (0.003, 0, 0), forced=(("bolus", 1.0),)),
    Indication("foreign_body", ("T18.2",), (), ("swallowed foreign body", "ingested coin"), (0.001, 0, 0),
               forced=(("foreign_body", 1.0),)),
)
INDICATION_BY_KEY = {i.key: i for i in INDICATIONS}
CIRRHOSIS = (("K70.3", ("alcohol related cirrhosis", "ArLD cirrhosis", "alcoholic cirrhosis")),
             ("K74.6", ("cirrhosis", "NAFLD cirrhosis", "liver cirrhosis")))
PEG_CAUSES = (("I69.4", "previous stroke"), ("G12.2", "MND"), ("C32.9", "laryngeal cancer after chemoradiotherapy"),
              ("G35", "advanced MS"))
IBD = (("K51.9", "ulcerative colitis", "UC"), ("K51.0", "pan-ulcerative colitis", "extensive UC"),
       ("K51.5", "left sided UC", "left sided ulcerative colitis"), ("K50.1", "Crohn's colitis", "colonic Crohn's"),
       ("K50.8", "ileocolonic Crohn's", "Crohn's disease (L3)"))
