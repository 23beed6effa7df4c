"""Endoscopic therapies as tables: the OPCS-4 codes each one is coded to per examination, and how reports word it.

Each therapy maps, per examination type, to a tuple of codes: the main code first, then the Y method code and the
Z site code (or OPCS-4 overflow site code) that qualify it, in that order; a Y or Z code is never the first code.
Coding conventions encoded here (OPCS-4.10, National Clinical Coding Standards):
- upper GI therapies at an OGD use the upper GI tract categories (`G42`-`G46`); an oesophageal stent is
  placed across a tumour the scope does not pass, so it takes the oesophageal code `G15.7` (covered SEMS);
- categories without a code of their own take "other specified" plus a method code: clips `G44.8/H21.8/H24.8`
  with `Y07.2 Clipping of organ NOC`; tattooing (submucosal injection of ink) the same with `Y39.5 Tattooing of
  organ NOC`; radiofrequency ablation of Barrett's `G43.5` with `Y13.4`; a duodenal metal stent `G44.1` with
  `Y14.2` and the site `Z27.4`; a colonic stent under fluoroscopy `H21.4`/`H24.4` with `Y53.4`;
- `ADJUNCTS` (prophylactic clips, tattoo) are coded after the therapy they accompany;
- `DIAGNOSTIC` therapies (Bravo capsule `G45.3`) sit in the diagnostic category: they do not supersede the
  "with biopsy" code, which follows them when samples were taken;
- PEG replacement is the removal of the old tube (`G44.7`) and a new PEG (`G44.5`), the insertion first.
"""

from __future__ import annotations

# Therapy key -> examination type -> codes (main code, then its Y / Z qualifiers).
THERAPIES: dict[str, dict[str, tuple[str, ...]]] = {
    "snare": {"ogd": ("G43.1",), "colonoscopy": ("H20.1",), "flexi": ("H23.1",)},
    "emr": {"ogd": ("G42.3",), "colonoscopy": ("H20.7",), "flexi": ("H23.7",)},
    "esd": {"ogd": ("G42.1",), "colonoscopy": ("H20.5",), "flexi": ("H23.5",)},
    "hot_biopsy": {"colonoscopy": ("H20.2",), "flexi": ("H23.2",), "ogd": ("G43.3",)},
    "banding": {"ogd": ("G43.7",)},
    "glue": {"ogd": ("G43.4",)},
    "apc": {"ogd": ("G46.2",), "colonoscopy": ("H21.2",), "flexi": ("H24.2",)},
    "apc_ablation": {"ogd": ("G43.3",), "colonoscopy": ("H20.2",), "flexi": ("H23.2",)},
    "rfa": {"ogd": ("G43.5", "Y13.4")},
    "injection": {"ogd": ("G43.6",), "colonoscopy": ("H20.8",), "flexi": ("H23.8",)},
    "botox": {"ogd": ("G43.6",)},
    "clips": {"ogd": ("G44.8", "Y07.2"), "colonoscopy": ("H21.8", "Y07.2"), "flexi": ("H24.8", "Y07.2")},
    "dilatation": {"ogd": ("G44.3",), "colonoscopy": ("H21.1",), "flexi": ("H24.1",)},
    "achalasia_dilatation": {"ogd": ("G44.6",)},
    "oes_stent": {"ogd": ("G15.7",)},
    "duo_stent": {"ogd": ("G44.1", "Y14.2", "Z27.4")},
    "colon_stent": {"colonoscopy": ("H21.4", "Y53.4"), "flexi": ("H24.4", "Y53.4")},
    "bolus": {"ogd": ("G44.2",)},
    "foreign_body": {"ogd": ("G44.2",), "colonoscopy": ("H21.3",), "flexi": ("H24.8",)},
    "peg": {"ogd": ("G44.5",)},
    "peg_removal": {"ogd": ("G44.7",)},
    "peg_replace": {"ogd": ("G44.5", "G44.7")},
    "bravo": {"ogd": ("G45.3",)},
    # adjuncts: coded after the therapy they accompany
    "prophylactic_clips": {"ogd": ("G44.8", "Y07.2"), "colonoscopy": ("H21.8", "Y07.2"),
                           "flexi": ("H24.8", "Y07.2")},
    "tattoo": {"ogd": ("G44.8", "Y39.5"), "colonoscopy": ("H21.8", "Y39.5"), "flexi": ("H24.8", "Y39.5")},
}
ADJUNCTS = ("prophylactic_clips", "tattoo")
DIAGNOSTIC = frozenset({"bravo"})
# therapies that always yield a specimen
RESECTIONS = frozenset({"snare", "emr", "esd", "hot_biopsy"})

# How reports describe each therapy (after the lesion).
THERAPY_PHRASES: dict[str, tuple[str, ...]] = {
    "snare": ("removed by cold snare and retrieved", "cold snare polypectomy, retrieved", "hot snare polypectomy",
              "snared en bloc and retrieved", "removed with cold snare - retrieved for histology",
              "hot snare after adrenaline to the stalk, retrieved", "CSP (cold snare), retrieved in the trap",
              "removed en bloc with a hot snare, base cauterised"),
    "emr": ("lifted with gelofusine/methylene blue and removed by EMR en bloc", "EMR after submucosal lift, piecemeal",
            "endoscopic mucosal resection (lift-and-snare), 3 pieces", "underwater EMR en bloc",
            "cap-assisted band EMR"),
    "esd": ("en bloc endoscopic submucosal dissection (ESD)", "ESD with DualKnife, en bloc resection",
            "removed by ESD, specimen pinned for histology"),
    "hot_biopsy": ("removed with hot biopsy forceps", "hot biopsy"),
    "banding": ("{n} bands applied", "banded x{n}", "variceal band ligation, {n} bands placed", "EVL x{n}"),
    "glue": ("injected with {n}ml cyanoacrylate (Histoacryl)", "gastric varix obturated with glue (cyanoacrylate)",
             "Histoacryl glue injection {n}ml"),
    "apc": ("treated with APC", "argon plasma coagulation applied", "APC to all visible lesions",
            "ablated with argon plasma coagulation"),
    "apc_ablation": ("residual islands ablated with APC", "APC ablation of the margins", "margin treated with APC",
                     "snare-tip soft coagulation / APC to the edges"),
    "rfa": ("HALO 360 radiofrequency ablation performed", "RFA (HALO 90) to the segment, 12J x2",
            "radiofrequency ablation with Barrx 90 catheter", "circumferential RFA, cleaned and re-treated"),
    "injection": ("injected with 1:10,000 adrenaline ({n}ml)", "adrenaline injection {n}ml with good effect"),
    "botox": ("100 units botulinum toxin injected into the LOS in 4 quadrants", "Botox 100u to the LOS",
              "botulinum toxin injection to the lower oesophageal sphincter"),
    "clips": ("{n} haemoclips applied", "clipped x{n} with good haemostasis", "haemostasis achieved with {n} clips",
              "over-the-scope clip applied"),
    "dilatation": ("dilated with CRE balloon to {mm}mm", "balloon dilatation to {mm}mm, good effect",
                   "CRE balloon dilatation 15-18mm", "Savary bougie dilatation over a wire to 15mm",
                   "dilated with Savary-Gilliard bougies 12.8-15mm", "TTS balloon dilatation to 15mm"),
    "achalasia_dilatation": ("pneumatic dilatation 30mm Rigiflex balloon under fluoroscopy",),
    "oes_stent": ("fully covered SEMS (23x120mm) deployed across the stricture under fluoroscopy",
                  "partially covered oesophageal stent placed, good position", "covered metal stent inserted"),
    "duo_stent": ("22x90mm uncovered duodenal SEMS placed through the scope", "enteral metal stent across D1-D2"),
    "colon_stent": ("22x90mm colonic SEMS deployed over a wire under fluoroscopy",
                    "self expanding metal stent placed across the tumour, immediate decompression"),
    "peg": ("skin site marked by transillumination and finger indentation", "gastrostomy secured, no complications"),
    "peg_removal": ("PEG removed endoscopically, bumper retrieved with snare", "internal bumper snared and removed"),
    "peg_replace": ("old PEG removed by traction; new 20Fr PEG placed through the same tract",
                    "PEG exchanged - new pull-through PEG, bumper at {n}cm"),
    "bravo": ("Bravo capsule attached 6cm above the SCJ", "wireless pH capsule (Bravo) placed",
              "Bravo pH capsule deployed, position confirmed"),
    "bolus": ("food bolus removed with Roth net", "bolus gently advanced into the stomach", "food bolus retrieved"),
    "foreign_body": ("retrieved with a Roth net", "removed with rat-tooth forceps", "grasped and removed with a snare"),
    "prophylactic_clips": ("defect closed with {n} clips", "{n} prophylactic clips to the base",
                           "resection site clipped"),
    "tattoo": ("tattooed 3cm distally (Spot)", "tattoo placed opposite and distal", "marked with Spot ink x3",
               "submucosal India ink tattoo placed distally"),
}
