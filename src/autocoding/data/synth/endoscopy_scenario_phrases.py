"""More wordings of each ERCP, EUS and capsule scenario: its indication, its findings and its impression.

`endoscopy_scenarios` keeps one or two sentences per scenario; a model trained on those alone learns the sentence,
not the procedure. These are drawn beside them (`endoscopy_scenario_layouts`), keyed '{kind}:{scenario key}'. Every
alternative says exactly what the scenario's codes need and nothing that would add a code: a sphincterotomy only
where the scenario codes one (`J38`), a stent of the coded kind (plastic `J40.2`, uncovered metal `J40.6`, covered
metal `J40.5`), brushings only where `Y21.1` is coded, FNA / FNB only where `Y20.4` / `Y20.3` is, and no sampling
at all in a diagnostic EUS or a capsule study. Placeholders: {n} a small count, {mm} a size in millimetres.
"""

from __future__ import annotations

INDICATIONS: dict[str, tuple[str, ...]] = {
    "ercp:stones_sphincterotomy": ("CBD stones on MRCP", "choledocholithiasis (MRCP)", "obstructive LFTs, CBD stone "
                                   "on MRCP", "CBD stone on US, dilated duct", "cholangitis - CBD stones",
                                   "jaundice with CBD calculi on MRCP", "?CBD stone: deranged LFTs, dilated CBD"),
    "ercp:stones_stent": ("large CBD stone on MRCP", "choledocholithiasis, frail", "CBD stones - cholangitis"),
    "ercp:malignant_metal": ("obstructive jaundice - pancreatic head mass on CT", "painless jaundice, pancreatic "
                             "head mass (CT)", "biliary obstruction from pancreatic cancer, for palliative stent",
                             "pancreatic adenocarcinoma - jaundice, bilirubin {n}00"),
    "ercp:malignant_brush": ("hilar stricture ?cholangiocarcinoma", "CBD stricture on MRCP - ?malignant",
                             "jaundice, indeterminate biliary stricture", "?cholangiocarcinoma - brushings please"),
    "ercp:stent_change": ("planned stent exchange", "benign biliary stricture, 3-monthly stent change",
                          "stent change (post-cholecystectomy stricture)", "elective biliary stent exchange"),
    "ercp:chronic_pancreatitis": ("chronic pancreatitis - PD stricture", "painful chronic pancreatitis, dilated PD "
                                  "on MRCP", "CP with pancreatic duct stricture"),
    "ercp:stent_removal": ("stent removal", "removal of biliary stent - stones cleared", "for stent out"),
    "ercp:balloon_trawl": ("recurrent CBD stones, previous sphincterotomy", "recurrent choledocholithiasis post ES",
                           "CBD stones again; ES in the past"),
    "ercp:lithotripsy": ("large CBD stone", "difficult CBD stone - for lithotripsy", "giant CBD stone on MRCP"),
    "ercp:gallstone_pancreatitis": ("gallstone pancreatitis, persisting CBD stone", "biliary pancreatitis with "
                                    "cholangitis, CBD stone on MRCP", "acute gallstone pancreatitis - stone in CBD"),
    "ercp:covered_sems": ("pancreatic cancer, jaundice - FCSEMS before chemo", "jaundice from pancreatic ca, for "
                          "covered metal stent (neoadjuvant pathway)"),
    "ercp:failed_cannulation": ("CBD stones", "choledocholithiasis on MRCP", "CBD stone, deranged LFTs"),
    "ercp:ampullary": ("ampullary mass on CT", "bulky papilla at OGD", "jaundice ?ampullary lesion"),
    "eus:pancreas_fna": ("pancreatic head mass on CT", "?pancreatic cancer - tissue diagnosis", "pancreatic head "
                         "lesion - tissue needed for oncology", "CT: hypodense mass pancreatic head"),
    "eus:pancreas_fnb": ("pancreatic mass, previous FNA non-diagnostic", "repeat tissue sampling - pancreatic mass",
                         "pancreatic mass, for FNB"),
    "eus:cyst": ("pancreatic cyst on MRI - characterisation", "IPMN surveillance", "incidental pancreatic cyst "
                 "on CT", "branch duct IPMN - annual EUS"),
    "eus:microlithiasis": ("?CBD stone - dilated duct on US", "deranged LFTs, ?microlithiasis", "recurrent biliary "
                           "pain, normal MRCP", "?small CBD stones, MRCP equivocal"),
    "eus:normal": ("?CBD stone", "epigastric pain ?pancreatic cause", "?pancreatic pathology - pain, weight steady",
                   "equivocal CT pancreas"),
    "eus:chronic_pancreatitis": ("?chronic pancreatitis", "upper abdominal pain and steatorrhoea", "?CP - low "
                                 "faecal elastase"),
    "eus:submucosal": ("gastric submucosal lesion at OGD", "?GIST", "subepithelial gastric lesion for "
                       "characterisation"),
    "eus:oes_staging": ("staging of oesophageal adenocarcinoma", "oesophageal cancer - EUS staging",
                        "OAC, CT T3 N0 - EUS for locoregional staging"),
    "capsule:angiodysplasia": ("IDA, normal OGD and colonoscopy", "obscure GI bleeding with iron deficiency",
                               "recurrent IDA, negative bidirectional endoscopy",
                               "IDA - suspected small bowel bleeding"),
    "capsule:crohns": ("?small bowel Crohn's, raised calprotectin", "Crohn's - small bowel assessment",
                       "raised faecal calprotectin, normal ileocolonoscopy", "known Crohn's, extent of small bowel "
                       "disease"),
    "capsule:normal": ("IDA, normal bidirectional endoscopy", "iron deficiency ?small bowel source", "unexplained "
                       "IDA - OGD/colonoscopy negative", "iron deficiency, ?occult small bowel bleeding"),
    "capsule:nsaid": ("IDA on NSAIDs", "iron deficiency, long-term naproxen", "IDA - on diclofenac for arthritis"),
}

FINDINGS: dict[str, tuple[str, ...]] = {
    "ercp:stones_sphincterotomy": (
        "Selective biliary cannulation. Cholangiogram: {mm}mm CBD with {n} filling defects. Biliary sphincterotomy. "
        "Stones removed with an extraction balloon; final occlusion cholangiogram clear.",
        "CBD dilated to {mm}mm with {n} stones. ES performed (medium). Balloon sweeps x{n} - stones and sludge "
        "delivered. Duct clear at the end.",
        "Cholangiogram showed multiple CBD stones. Sphincterotomy done, stones trawled out with a 12mm balloon. "
        "Clear occlusion cholangiogram.",
        "Deep cannulation with sphincterotome and guidewire. {n} CBD calculi. Sphincterotomy; stone extraction with "
        "balloon and basket. Duct cleared."),
    "ercp:stones_stent": (
        "Biliary sphincterotomy. {mm}mm CBD stone, not extractable with balloon or Dormia basket. 10Fr 7cm straight "
        "plastic stent inserted to maintain drainage.",
        "Large stone ({mm}mm) in the distal CBD. Sphincterotomy made; extraction failed. Plastic biliary stent "
        "(10Fr x 9cm) placed, good drainage of bile.",
        "ES performed. Stone too big to remove. Temporary plastic stent placed across it."),
    "ercp:malignant_metal": (
        "Tight distal CBD stricture ({mm}mm long) with proximal dilatation. Uncovered biliary SEMS 10x60mm deployed "
        "across the stricture; prompt flow of bile and contrast.",
        "Long malignant-looking distal bile duct stricture. Uncovered self-expanding metal stent placed, good "
        "drainage.",
        "Cholangiogram: shouldered distal CBD stricture, dilated duct above. Uncovered metal stent (Wallflex 10x80) "
        "inserted with good position."),
    "ercp:malignant_brush": (
        "Irregular stricture of the mid CBD, {mm}mm long. Brush cytology taken x2. 10Fr plastic stent inserted.",
        "Mid bile duct stricture - brushings for cytology, then a 10Fr x 9cm plastic stent placed.",
        "Malignant-looking mid CBD stricture. Cytology brushings obtained. Straight plastic stent (10Fr) deployed "
        "with good drainage."),
    "ercp:stent_change": (
        "Existing plastic stent removed with a snare. Cholangiogram: stricture persists. New 10Fr plastic stent "
        "inserted.",
        "Old stent grasped and removed. Wire across the stricture; new 10Fr x 7cm plastic stent placed.",
        "Stent in situ, partly blocked. Exchanged for a new 10Fr plastic stent over the wire."),
    "ercp:chronic_pancreatitis": (
        "Pancreatogram: dilated irregular PD with a stricture in the head. 7Fr pancreatic stent placed.",
        "Pancreatic duct cannulated - irregular dilated PD, stricture in the head. Pancreatic duct stent (7Fr 5cm) "
        "inserted.",
        "PD stricture in the head with upstream dilatation and side-branch ectasia; 7Fr PD stent placed across."),
    "ercp:stent_removal": (
        "Stent removed with a snare. Balloon trawl: no further stones.",
        "Biliary stent retrieved with a snare. Occlusion cholangiogram: no residual stones.",
        "Plastic stent removed. Cholangiogram normal, no filling defects."),
    "ercp:balloon_trawl": (
        "Previous sphincterotomy seen. Balloon trawl x3 retrieved {n} small stones and sludge. Occlusion "
        "cholangiogram clear.",
        "Old ES noted, easy cannulation. {n} small stones removed with balloon sweeps. Duct clear.",
        "Wide previous sphincterotomy. Stones cleared with extraction balloon; clear cholangiogram."),
    "ercp:lithotripsy": (
        "Sphincterotomy. {mm}mm stone crushed with mechanical lithotripter basket, fragments cleared with balloon.",
        "Biliary sphincterotomy. Large {mm}mm stone captured and fragmented by mechanical lithotripsy; fragments "
        "swept out. Duct clear.",
        "ES. Impacted {mm}mm CBD stone - mechanical lithotripsy, then balloon trawl. Clear occlusion cholangiogram."),
    "ercp:gallstone_pancreatitis": (
        "Sphincterotomy and balloon extraction of {n} stones; pus-free bile. Duct clear.",
        "Bulging papilla. Biliary sphincterotomy; {n} stones delivered with balloon. Clear cholangiogram.",
        "CBD {mm}mm with {n} stones. Sphincterotomy and stone extraction; duct cleared."),
    "ercp:covered_sems": (
        "Distal CBD stricture. Fully covered SEMS 10x60mm placed, bile flowing.",
        "Distal biliary stricture - fully covered self-expanding metal stent (FCSEMS) deployed, good drainage.",
        "Malignant distal CBD stricture. Covered metal stent 10x60mm inserted across it."),
    "ercp:failed_cannulation": (
        "Papilla within a large periampullary diverticulum. Biliary cannulation failed despite wire-guided attempts "
        "for 20 minutes. Procedure abandoned; for PTC / repeat.",
        "Difficult papilla at the rim of a diverticulum. Unable to cannulate the bile duct. Abandoned.",
        "Failed biliary cannulation after 5 attempts; no contrast into the CBD. Stopped - will discuss PTC."),
    "ercp:ampullary": (
        "Bulky friable ampulla. Biopsies taken. Cannulation not attempted.",
        "Enlarged irregular papilla - biopsied x{n}. No cannulation.",
        "Ampullary lesion, {mm}mm, friable. Biopsies taken for histology; cannulation deferred."),
    "eus:pancreas_fna": (
        "Linear EUS: {mm}mm hypoechoic mass in the pancreatic head abutting the SMV. EUS-FNA 22G x3 passes, ROSE "
        "adequate.",
        "Irregular hypoechoic head of pancreas mass ({mm}mm), upstream PD dilatation. FNA with 22G needle, 3 passes; "
        "on-site cytology adequate.",
        "Pancreatic head mass {mm}mm, no vascular invasion. EUS-guided FNA x3 (22G)."),
    "eus:pancreas_fnb": (
        "EUS-FNB with 22G Franseen needle, 3 passes, good cores. Mass {mm}mm in the head.",
        "{mm}mm hypoechoic mass in the pancreatic head. Fine needle biopsy (22G Acquire) x3, macroscopic cores "
        "obtained.",
        "Head of pancreas lesion {mm}mm. FNB x3 with 22G SharkCore, good core samples."),
    "eus:cyst": (
        "{mm}mm unilocular cyst in the pancreatic body, no mural nodule, no PD communication.",
        "Simple-appearing cyst, no solid component.",
        "Thin-walled {mm}mm cyst in the body of pancreas. No septations, no solid component, PD normal calibre.",
        "Anechoic {mm}mm pancreatic cyst without worrying features (no nodule, PD < 5mm)."),
    "eus:microlithiasis": (
        "Radial EUS: {n} small echogenic foci with shadowing in a {mm}mm distal CBD.",
        "CBD {mm}mm containing {n} small hyperechoic stones with acoustic shadowing.",
        "Small shadowing echogenic foci in the distal CBD - microlithiasis. Pancreas normal."),
    "eus:normal": (
        "Normal pancreas, CBD 5mm with no stones. Normal gallbladder.",
        "Pancreatic parenchyma and duct normal throughout. CBD normal calibre, no stones or sludge.",
        "Head, body and tail of pancreas normal. CBD 4mm, clear. Gallbladder unremarkable."),
    "eus:chronic_pancreatitis": (
        "Lobularity, hyperechoic strands and calcification; PD irregular (Rosemont consistent with CP).",
        "Parenchymal calcification with shadowing, lobularity and an irregular dilated PD - Rosemont criteria met "
        "for chronic pancreatitis.",
        "Honeycomb lobularity, hyperechoic foci with shadowing, hyperechoic PD margins: features of chronic "
        "pancreatitis."),
    "eus:submucosal": (
        "{mm}mm hypoechoic lesion arising from the muscularis propria of the fundus. EUS-FNB x3.",
        "Subepithelial gastric lesion {mm}mm, hypoechoic, from layer 4 (MP). FNB 22G x3 passes.",
        "Fundal subepithelial lesion arising from the 4th layer, {mm}mm. EUS-guided core biopsy (FNB) x3."),
    "eus:oes_staging": (
        "Tumour at 35-40cm, uT3 N1 (2 nodes). Coeliac axis clear.",
        "Oesophageal tumour 35-40cm ab oral breaching the muscularis propria (uT3); 2 round hypoechoic "
        "peri-oesophageal nodes (uN1). No coeliac nodes.",
        "T3 tumour of the distal oesophagus, two suspicious paraoesophageal nodes - uT3 N1. Coeliac axis clear."),
    "capsule:angiodysplasia": (
        "{n} small bowel angioectasias in the proximal jejunum; no active bleeding.",
        "{n} angiodysplasias (P2) in the jejunum, first at {n}0 minutes. No fresh blood.",
        "Several small bowel angioectasias, proximal small bowel, Saurin P2; no active bleeding seen."),
    "capsule:crohns": (
        "Multiple aphthous ulcers and a few linear ulcers in the distal ileum (Lewis score 790).",
        "Ulceration of the distal small bowel: aphthae and linear ulcers, oedematous villi. Lewis score 790 "
        "(moderate-severe).",
        "Patchy ileal ulcers (aphthous and linear) in the last third of transit. Lewis score > 790."),
    "capsule:normal": (
        "Complete study to the caecum. Normal small bowel mucosa.",
        "Capsule reached the caecum. No blood, no angioectasia, no ulceration, no mass.",
        "Complete examination. Small bowel mucosa normal throughout; good views."),
    "capsule:nsaid": (
        "Several small erosions and ulcers in the jejunum ?NSAID enteropathy.",
        "Multiple small jejunal erosions and ulcers, in keeping with NSAID enteropathy.",
        "Scattered jejunal mucosal breaks and small ulcers - ?NSAID related."),
}

IMPRESSIONS: dict[str, tuple[str, ...]] = {
    "ercp:stones_sphincterotomy": ("CBD stones - cleared", "choledocholithiasis, duct cleared", "CBD stones - ES "
                                   "and clearance", "CBD calculi removed after sphincterotomy"),
    "ercp:stones_stent": ("large CBD stone - stented, for repeat ERCP", "retained CBD stone, plastic stent in situ"),
    "ercp:malignant_metal": ("malignant distal biliary stricture - SEMS", "pancreatic cancer, stented",
                             "distal CBD stricture (pancreatic cancer) - uncovered metal stent"),
    "ercp:malignant_brush": ("biliary stricture - ?cholangiocarcinoma", "cholangiocarcinoma - stented",
                             "malignant-looking CBD stricture, brushed and stented"),
    "ercp:stent_change": ("benign biliary stricture - stent exchanged", "benign CBD stricture, stent changed"),
    "ercp:chronic_pancreatitis": ("chronic pancreatitis, PD stent", "CP with PD stricture - pancreatic stent"),
    "ercp:stent_removal": ("stent removed, duct clear", "biliary stent removed; no stones"),
    "ercp:balloon_trawl": ("CBD stones cleared by balloon trawl", "recurrent CBD stones - cleared"),
    "ercp:lithotripsy": ("large CBD stone - lithotripsy, duct cleared", "CBD stone cleared after mechanical "
                         "lithotripsy"),
    "ercp:gallstone_pancreatitis": ("gallstone pancreatitis - CBD cleared", "biliary pancreatitis, CBD stones "
                                    "removed"),
    "ercp:covered_sems": ("malignant biliary obstruction - covered SEMS", "pancreatic ca - FCSEMS placed"),
    "ercp:failed_cannulation": ("failed cannulation - for repeat ERCP or PTC", "unsuccessful ERCP (papilla in a "
                                "diverticulum)"),
    "ercp:ampullary": ("ampullary tumour - biopsied", "ampullary mass, biopsies taken"),
    "eus:pancreas_fna": ("pancreatic head mass - FNA taken (cytology: adenocarcinoma)",
                         "pancreatic adenocarcinoma (FNA cytology)"),
    "eus:pancreas_fnb": ("pancreatic mass - FNB (histology: adenocarcinoma)", "pancreatic adenocarcinoma on FNB"),
    "eus:cyst": ("pancreatic cyst, low risk features", "simple pancreatic cyst - no worrying features"),
    "eus:microlithiasis": ("CBD microlithiasis - for ERCP", "small CBD stones"),
    "eus:normal": ("normal EUS", "normal pancreaticobiliary EUS", "no pancreatic or biliary pathology"),
    "eus:chronic_pancreatitis": ("features of chronic pancreatitis", "chronic pancreatitis (Rosemont)"),
    "eus:submucosal": ("gastric subepithelial lesion ?GIST - FNB (CD117 positive)", "GIST of the fundus (FNB: "
                       "CD117/DOG1 positive)"),
    "eus:oes_staging": ("oesophageal cancer uT3N1", "oesophageal adenocarcinoma, EUS stage uT3 N1"),
    "capsule:angiodysplasia": ("small bowel angiodysplasia", "jejunal angioectasias - likely source of IDA"),
    "capsule:crohns": ("small bowel Crohn's disease", "active small bowel Crohn's (Lewis 790)"),
    "capsule:normal": ("normal capsule endoscopy", "normal small bowel", "no small bowel source for IDA"),
    "capsule:nsaid": ("small bowel ulceration ?NSAIDs", "NSAID enteropathy"),
}
