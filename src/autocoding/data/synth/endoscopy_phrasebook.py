"""A second phrasebook for OGD / colonoscopy / flexi reports: more finding wordings (UK abbreviations, Paris class,
eponyms, measurement and hedged forms), more impressions, more therapy wordings and more synonyms.

Merged with `endoscopy_paraphrases` and `endoscopy_therapies.THERAPY_PHRASES` by `endoscopy_wording`, and with
`endoscopy_lexicon.SYNONYMS` by the lexicon. The same rule holds as there: each alternative means exactly what its
key means (same finding, same site placeholder, same grade), and keeps the words the codes' evidence needs (a snare
polypectomy says snare or polypectomy, banding says band / EVL / OVBL, Barrett's says Barrett's). Placeholders:
{mm} {n} {la} {c} {m} {g} {mayo} {site}.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, ...]] = {
    "hiatus_hernia": ("HH - {n}cm sliding", "{n} cm sliding hiatal hernia (GOJ {n}cm above the pinch)",
                      "small HH noted on J-manoeuvre", "hiatus hernia, approx {n}cm", "sliding HH ({n}cm)"),
    "reflux_oesophagitis": ("LA-{la} oesophagitis", "reflux oesophagitis LA grade {la} in the distal oesophagus",
                            "oesophagitis (Los Angeles {la})", "distal oesophagitis, LA {la}",
                            "erosive oesophagitis, LA classification grade {la}"),
    "barretts_new": ("short segment of salmon-pink mucosa above the GOJ, ?Barrett's (C{c}M{m})",
                     "suspected Barrett's oesophagus, Prague C{c} M{m}", "?CLO / Barrett's C{c}M{m}"),
    "barretts_known": ("Barrett's C{c}M{m}, no nodularity (NBI/acetic acid)", "known Barrett's oesophagus, Prague "
                       "C{c}M{m}, Seattle biopsies", "Barrett's segment, Prague C{c}M{m}; no visible lesion"),
    "gastritis": ("erythematous gastritis in the antrum", "mild antral gastritis", "patchy antral erythema",
                  "gastritis (antral predominant)", "mildly inflamed antral mucosa"),
    "gastric_ulcer": ("{mm}mm GU on the {site}, clean base (Forrest III)", "benign-appearing {mm}mm gastric ulcer, "
                      "{site}", "{site}: {mm}mm clean-based ulcer"),
    "duodenal_ulcer": ("D1 ulcer {mm}mm, clean base (Forrest III)", "DU in the bulb, clean based, no SRH",
                       "{mm}mm clean-based duodenal ulcer"),
    "duodenitis": ("erosive duodenitis D1", "bulbar duodenitis with a few erosions", "inflamed duodenal cap"),
    "gastric_polyp": ("multiple small FGPs in the body", "{n} small fundic gland polyps", "{mm}mm sessile gastric "
                      "polyp, {site}"),
    "varices": ("grade {g} OV", "oesophageal varices (grade {g}), no red signs", "{g} columns of grade {g} varices "
                "in the distal oesophagus"),
    "polyp": ("{mm}mm Paris 0-Is polyp, {site}", "{site} - {mm} mm sessile polyp", "{mm}mm 0-Is polyp at the "
              "{site}", "polyp ({mm}mm, sessile) in the {site}", "{site}: {mm}mm polyp, Paris 0-Is",
              "small ({mm}mm) polyp in the {site}"),
    "diverticula": ("diverticulosis of the sigmoid", "sigmoid diverticular disease, moderate", "uncomplicated "
                    "sigmoid diverticula", "a few scattered diverticula (sigmoid)"),
    "haemorrhoids": ("internal haemorrhoids seen on retroversion", "prominent haemorrhoidal cushions on "
                     "retroflexion", "haemorrhoids (internal)"),
    "haemorrhoids_graded": ("2nd degree haemorrhoids", "grade II internal haemorrhoids on retroflexion"),
    "cancer": ("{mm}mm malignant-looking ulcerated mass, {site}", "{site}: fungating, friable {mm}mm tumour",
               "obvious cancer in the {site} ({mm}mm, ulcerated)", "stricturing malignant-appearing lesion in the "
               "{site}"),
    "angiodysplasia": ("{n} small angioectasias, {site}", "angiodysplasia x{n} in the {site}",
                       "{site}: {n} angioectasia"),
    "proctitis": ("proctitis to {n}cm, Mayo {mayo} (loss of vascular pattern, erythema)",
                  "UC proctitis, Mayo {mayo}, sharp cut-off at {n}cm"),
    "left_colitis": ("left-sided colitis to the SF, Mayo {mayo}", "continuous colitis from the rectum to the "
                     "splenic flexure, Mayo {mayo}"),
    "melanosis": ("melanosis coli", "diffuse brown pigmentation (melanosis coli)"),
    "fissure": ("anal fissure (posterior)", "posterior anal fissure"),
}

IMPRESSIONS: dict[str, tuple[str, ...]] = {
    "hiatus_hernia": ("small sliding HH", "hiatal hernia"),
    "reflux_oesophagitis": ("LA grade {la} reflux oesophagitis", "oesophagitis (LA {la})"),
    "gastritis": ("antral gastritis", "mild gastritis"),
    "gastric_ulcer": ("GU", "benign-looking gastric ulcer"),
    "duodenal_ulcer": ("D1 ulcer", "duodenal bulb ulcer"),
    "diverticula": ("sigmoid diverticulosis", "diverticular disease (sigmoid)"),
    "haemorrhoids": ("piles", "internal haemorrhoids on retroflexion"),
    "polyp": ("polyp removed", "colonic polyp - polypectomy"),
    "varices": ("grade {g} oesophageal varices", "OV grade {g}"),
}

# therapy key -> more wordings after the lesion (evidence words kept: snare / polypectomy, band / EVL / OVBL, ...)
THERAPY_PHRASES: dict[str, tuple[str, ...]] = {
    "snare": ("CSP (cold snare), retrieved", "cold snare polypectomy (CSP) - complete, retrieved",
              "hot snare polypectomy en bloc, retrieved", "cold snared and sent for histology", "removed with a 10mm cold snare, retrieved",
              "hot snare (Endocut), retrieved with a Roth net", "snare polypectomy - retrieved"),
    "emr": ("EMR (lift with Voluven/indigo carmine), en bloc", "lift-and-snare EMR, {n} pieces",
            "inject-and-cut EMR, complete", "EMR (underwater), en bloc, retrieved"),
    "hot_biopsy": ("hot biopsy forceps removal", "removed by hot forceps (hot biopsy)"),
    "banding": ("band ligation x{n} (six-shooter)", "EVL with {n} bands", "OVBL x{n} bands", "{n} bands placed (EVL)"),
    "apc": ("APC applied (20W, 0.8 L/min)", "treated with argon plasma coagulation (APC)", "APC x{n} sites"),
    "injection": ("adrenaline 1:10,000 {n}ml injected", "injected with dilute adrenaline ({n}ml)"),
    "clips": ("{n} TTS clips applied, haemostasis achieved", "clips x{n}, good haemostasis",
              "haemoclips x{n} with haemostasis"),
    "dilatation": ("CRE balloon 12-13.5-15mm, held 60s each", "dilated with an 18mm TTS balloon",
                   "balloon dilatation (CRE) to {mm}mm, no mucosal tear"),
    "rfa": ("focal RFA (HALO 90), 2 x 12J", "HALO 360 RFA to the segment"),
    "bolus": ("bolus removed with a Roth net", "push technique - bolus advanced into the stomach"),
    "tattoo": ("tattooed with Spot, 3 quadrants distal", "India ink tattoo placed 3cm distal"),
    "prophylactic_clips": ("{n} clips to close the defect", "mucosal defect closed with {n} clips"),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "no active bleeding": ("no active bleeding", "not actively bleeding", "no active haemorrhage"),
    "oozing": ("oozing", "actively oozing", "slow ooze"),
    "nodules": ("nodules", "nodularity", "nodules"),
    "clean base": ("clean base", "clean-based", "clean base (Forrest III)"),
    "good effect": ("good effect", "good result", "good haemostasis"),
    "good views": ("good views", "clear views", "excellent views"),
    "visible lesion": ("visible lesion", "visible abnormality", "nodule or visible lesion"),
    "prominent": ("prominent", "obvious", "prominent"),
    "moderate": ("moderate", "moderate", "fairly marked"),
    "multiple": ("multiple", "numerous", "many", "multiple"),
    "approx": ("approx", "approx.", "about", "~"),
    "noted": ("noted", "seen", "observed", "identified"),
}
