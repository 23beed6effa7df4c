"""What an ERCP, EUS or capsule report says around its findings: scope, position, drugs, cannulation, screening
dose, stations examined, capsule transit and cleansing, and the plan.

None of it carries a code: no sphincterotomy, stent, brushing or needle sampling appears here (those come only from
the scenario's own findings, `endoscopy_scenario_phrases`), so a detail never adds a procedure. Details that only fit
some scenarios (a native papilla, an old sphincterotomy, a stent already in place) are keyed by scenario.
"""

from __future__ import annotations

import random

from .text import pick

NAMES = {"ercp": ("ERCP", "ERCP", "ERCP", "Endoscopic retrograde cholangiopancreatography (ERCP)", "ERCP (therapeutic)",
                  "Therapeutic ERCP", "ERCP +/- intervention"),
         "eus": ("EUS", "Endoscopic ultrasound", "Linear EUS", "EUS (pancreaticobiliary)", "Endoscopic ultrasound (EUS)",
                 "Upper GI EUS", "Radial and linear EUS"),
         "capsule": ("Capsule endoscopy", "Small bowel capsule (PillCam SB3)", "Wireless capsule endoscopy",
                     "Small bowel capsule endoscopy", "SBCE (small bowel capsule)", "Capsule endoscopy (small bowel)",
                     "VCE - small bowel capsule")}
SCOPES = {"ercp": ("Olympus TJF-Q190V duodenoscope", "duodenoscope (TJF-Q180V)", "Pentax ED34-i10T2",
                   "single-use duodenoscope (Exalt)", "TJF-Q190V"),
          "eus": ("GF-UCT180 linear echoendoscope", "radial echoendoscope (GF-UE190)", "Pentax EG-3870UTK linear",
                  "linear and radial echoendoscopes", "Olympus linear EUS scope"),
          "capsule": ("PillCam SB3", "MiroCam MC1600", "OMOM HD", "PillCam SB3 (Medtronic)", "CapsoCam Plus")}
SEDATION = {"ercp": ("Midazolam 3mg, Fentanyl 100mcg", "propofol (anaesthetist)", "GA", "Midazolam 4mg + pethidine "
                     "50mg", "deep sedation - propofol, anaesthetist-led", "midazolam 2mg / fentanyl 75mcg",
                     "GA (intubated), anaesthetist Dr {s}"),
            "eus": ("Midazolam 3mg, Fentanyl 100mcg", "propofol (anaesthetist)", "Midazolam 2mg + pethidine 25mg",
                    "midaz 3mg / fent 50mcg", "conscious sedation: midazolam 4mg, fentanyl 50mcg", "GA")}
GRADES = {"ercp": ("Consultant Gastroenterologist", "Consultant Pancreaticobiliary Endoscopist", "Consultant HPB Surgeon",
                   "Consultant", "Interventional Endoscopy Fellow"),
          "eus": ("Consultant Gastroenterologist", "Consultant Endosonographer", "Consultant Pancreaticobiliary "
                  "Endoscopist", "Consultant", "EUS Fellow"),
          "capsule": ("Capsule Reader (Nurse Specialist)", "Consultant Gastroenterologist", "Clinical Endoscopist",
                      "Small Bowel Nurse Specialist", "Consultant")}
POSITION = {"ercp": ("Prone.", "Semi-prone position.", "Left lateral.", "Prone on the fluoroscopy table.", ""),
            "eus": ("Left lateral.", "Left lateral position.", "")}
PROPHYLAXIS = ("PR diclofenac 100mg.", "Rectal indomethacin 100mg given.", "PR diclofenac 100mg pre-procedure.",
               "IV co-amoxiclav 1.2g.", "PR diclofenac 100mg; IV gentamicin.", "Aggressive IV Hartmann's (PEP "
               "prophylaxis).", "PR NSAID given.", "")
SCREENING = ("Fluoroscopy time {a}.{b} min, DAP {c}.{b} Gy.cm2", "Screening time: {a} min {b}0 s", "Fluoro {a}.{b} "
             "min / {c} Gy.cm2", "Radiation: screening {a}.{b} min, dose {c}{b} cGy.cm2", "Screening time {a}.{b} minutes")
# cannulation and papilla remarks, only for scenarios where they are true
PAPILLA = {"native": ("Native papilla.", "Normal-looking native papilla.", "Papilla normal in position.",
                      "Papilla in the usual position, small juxtapapillary diverticulum.", "Papilla: native."),
           "cannulated": ("Wire-guided biliary cannulation (sphincterotome + 0.035 wire).", "Deep biliary "
                          "cannulation achieved easily.", "Biliary cannulation at the {n}th attempt.",
                          "Cannulated with a sphincterotome and hydrophilic guidewire.", "Selective CBD "
                          "cannulation.", "Cannulation: easy (< 5 attempts), no PD passes."),
           "old_es": ("Previous sphincterotomy noted.", "Papilla: old sphincterotomy, patent.",
                      "Evidence of previous ES."),
           "stent": ("Stent seen protruding from the papilla.", "Biliary stent in situ at the papilla.",
                     "Existing stent visible, draining."),
           "pancreatic": ("Pancreatic duct cannulated via the major papilla.", "Selective PD cannulation.")}
PAPILLA_BY_SCENARIO = {"stones_sphincterotomy": ("native", "cannulated"), "stones_stent": ("native", "cannulated"),
                       "malignant_metal": ("native", "cannulated"), "malignant_brush": ("native", "cannulated"),
                       "lithotripsy": ("native", "cannulated"), "gallstone_pancreatitis": ("native", "cannulated"),
                       "covered_sems": ("native", "cannulated"), "balloon_trawl": ("old_es",),
                       "stent_change": ("stent",), "stent_removal": ("stent",), "chronic_pancreatitis": ("pancreatic",)}
EUS_STATIONS = ("Examined from the stomach and duodenum.", "Stations: D2, bulb, stomach (body/fundus).",
                "Pancreas seen head to tail.", "Left lobe of liver: no focal lesion.", "No ascites.",
                "Coeliac axis and splenic vessels visualised.", "Gallbladder seen.", "No lymphadenopathy seen at the "
                "coeliac axis.", "Doppler used to confirm vessels.", "")
CAPSULE_PREP = ("2L Moviprep the evening before", "Klean-Prep 2L + simethicone", "clear fluids from lunchtime, NBM "
                "from midnight", "1L PEG + simethicone", "standard prep (clear fluids, fasted 12h)", "no bowel prep",
                "simethicone only")
CAPSULE_NOTES = ("Capsule swallowed without difficulty at 08:{a}5.", "Recorder and sensor belt returned the next "
                 "morning.", "Cleansing: {c}.", "Reading mode: Quickview then full read at 10 fps.",
                 "First duodenal image 00:{a}2:1{b}; first caecal image 0{b}:{a}4:0{c}.", "Real-time viewer used "
                 "to confirm gastric emptying.", "Pre-read by the capsule nurse, validated by the consultant.",
                 "Patient confirmed passage of the capsule.", "Battery lasted the full recording.",
                 "Metoclopramide 10mg given for delayed gastric emptying.", "")
CLEANSING = ("good", "adequate", "fair (bubbles in the distal ileum)", "good in the proximal SB, fair distally",
             "adequate (Brotz score 7)")
PLANS = {"ercp": ("LFTs in 2 weeks.", "Observe 4 hours.", "Overnight stay.", "Home if well.", "Routine post-ERCP "
                  "obs; amylase if pain.", "Back to the referring team.", "U&E, LFT, FBC in the morning."),
         "eus": ("Results to referring team.", "Discuss at HPB MDT.", "Observe 1 hour, home.",
                 "Letter to follow."),
         "capsule": ("Results to referring team.", "Discuss at the small bowel / capsule meeting.", "Letter to GP.",
                     "Review in clinic.")}
PLANS_BY_SCENARIO = {
    "ercp:stones_sphincterotomy": ("Refer for laparoscopic cholecystectomy.", "LFTs in 2 weeks; surgical referral "
                                   "for cholecystectomy."),
    "ercp:stones_stent": ("Repeat ERCP in 6-8 weeks.", "Relook ERCP with cholangioscopy +/- lithotripsy."),
    "ercp:malignant_metal": ("Discuss at HPB MDT.", "Oncology referral; LFTs in 1 week."),
    "ercp:malignant_brush": ("Await brush cytology. HPB MDT.", "Chase cytology; discuss at MDT."),
    "ercp:stent_change": ("Next stent change in 3 months.", "Repeat in 3/12."),
    "ercp:failed_cannulation": ("Discuss PTC with IR.", "Rebook with an expert endoscopist or PTC."),
    "ercp:ampullary": ("Await histology; HPB MDT.",),
    "eus:pancreas_fna": ("Await cytology.", "Await cytology; HPB MDT."),
    "eus:pancreas_fnb": ("Await histology; HPB MDT.", "Chase the core histology."),
    "eus:cyst": ("Repeat EUS/MRI in 1 year.", "Surveillance per European cyst guidelines."),
    "eus:microlithiasis": ("ERCP booked.", "List for ERCP and sphincterotomy."),
    "eus:normal": ("Discharge to GP.", "No further pancreatic imaging needed."),
    "eus:oes_staging": ("Back to upper GI MDT.", "Upper GI MDT for treatment planning."),
    "capsule:angiodysplasia": ("Consider DBE and APC; continue iron.", "Iron infusion; push enteroscopy for APC."),
    "capsule:crohns": ("IBD clinic; start treatment.", "Refer to IBD team."),
    "capsule:normal": ("Continue iron; discharge to GP.", "No small bowel cause found; haematology if recurs."),
    "capsule:nsaid": ("Stop NSAIDs. PPI. Repeat Hb in 6 weeks.", "Stop naproxen; iron replacement."),
}


def details(rng: random.Random, kind: str, key: str) -> list[str]:
    """A few sentences about how the procedure went (none of them codable)."""
    if kind == "capsule":
        out = [f"Prep: {pick(rng, CAPSULE_PREP)}.",
               pick(rng, ("Gastric transit {g} min, small bowel transit {h}h.", "GTT {g} min; SBTT {h} h {m} min.",
                          "Gastric emptying {g} min. Small bowel transit time {h}h{m}.")).format(
                   g=10 + int(rng.random() * 50), h=3 + int(rng.random() * 4), m=10 + int(rng.random() * 49))]
        for _ in range(int(rng.random() * 3)):
            out.append(pick(rng, CAPSULE_NOTES).format(a=int(rng.random() * 6), b=1 + int(rng.random() * 8),
                                                       c=pick(rng, CLEANSING)))
        return [s for s in out if s]
    out = [pick(rng, POSITION[kind])]
    if kind == "ercp":
        for group in PAPILLA_BY_SCENARIO.get(key, ()):
            if rng.random() < 0.6:
                out.append(pick(rng, PAPILLA[group]).format(n=2 + int(rng.random() * 4)))
        out.append(pick(rng, PROPHYLAXIS))
    else:
        out += [pick(rng, EUS_STATIONS) for _ in range(int(rng.random() * 3))]
    return [s for s in out if s]


def screening(rng: random.Random) -> str:
    return pick(rng, SCREENING).format(a=1 + int(rng.random() * 8), b=int(rng.random() * 10),
                                       c=2 + int(rng.random() * 20))


def sedation(rng: random.Random, kind: str, surnames: tuple[str, ...]) -> str:
    if kind == "capsule":
        return "none"
    return pick(rng, SEDATION[kind]).format(s=pick(rng, surnames))


def plan(rng: random.Random, kind: str, key: str) -> str:
    own = PLANS_BY_SCENARIO.get(f"{kind}:{key}", ())
    text = pick(rng, own) if own and rng.random() < 0.6 else pick(rng, PLANS[kind])
    if rng.random() < 0.35:
        text += " " + pick(rng, PLANS[kind])
    return text
