"""More ways UK endoscopists write the same finding, keyed by finding key (`endoscopy_upper` / `endoscopy_lower`).

The finding tables keep their own phrases; these are drawn beside them (`endoscopy_wording.finding_text`) so that a
model meets each finding in many wordings. Each alternative means exactly what the table's phrases mean (same
finding, same site, same grade placeholders: {mm} {n} {la} {c} {m} {g} {mayo} {site}), so the codes never change.
A key with no entry here (a finding added later) simply uses its table phrases.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, ...]] = {
    "hiatus_hernia": ("sliding hiatus hernia of {n}cm", "HH {n}cm", "small sliding HH", "a {n}cm hiatus hernia",
                      "Z-line displaced {n}cm above the diaphragmatic pinch (hiatus hernia)",
                      "hiatus hernia seen on retroflexion"),
    "reflux_oesophagitis": ("oesophagitis, LA grade {la}", "LA {la} reflux oesophagitis",
                            "mucosal breaks in the distal oesophagus consistent with LA grade {la} oesophagitis",
                            "erosive reflux oesophagitis (LA grade {la})", "grade {la} (LA) oesophagitis"),
    "barretts_new": ("columnar-lined oesophagus C{c}M{m}, suspected Barrett's",
                     "?Barrett's - tongues of salmon-coloured mucosa (Prague C{c}M{m})",
                     "possible Barrett's segment C{c}M{m}, no nodules"),
    "barretts_known": ("Barrett's oesophagus, Prague C{c}M{m}, quadrantic biopsies every 2cm",
                       "known Barrett's: C{c}M{m}, no visible lesion on HD white light and NBI",
                       "Barrett's segment C{c} M{m}, flat, Seattle protocol Bx"),
    "gastritis": ("antral erythema", "mild erythema of the antrum", "gastritis in the antrum",
                  "erythematous antral mucosa", "patchy gastritis"),
    "gastric_ulcer": ("{mm}mm benign-looking gastric ulcer in the {site}", "clean based {mm}mm ulcer, {site}",
                      "gastric ulcer ({mm}mm) with a clean base in the {site}"),
    "duodenal_ulcer": ("clean based DU in D1", "{mm}mm duodenal ulcer, no stigmata of recent bleeding",
                       "duodenal bulb ulcer with a clean base"),
    "bleeding_du": ("duodenal ulcer with a non-bleeding visible vessel (Forrest IIa)",
                    "actively oozing duodenal ulcer in the bulb (Forrest Ib)"),
    "duodenitis": ("duodenitis in the bulb", "erythematous duodenal bulb with erosions", "mild bulbar duodenitis"),
    "gastric_polyp": ("{n} fundic gland polyps", "multiple small fundic gland-type polyps",
                      "{mm}mm polyp in the {site}"),
    "stricture": ("benign-appearing peptic stricture at the GOJ", "smooth benign stricture of the lower oesophagus",
                  "short benign oesophageal stricture"),
    "oes_tumour": ("malignant-appearing oesophageal stricture from {n}cm", "oesophageal tumour from {n}cm to the GOJ",
                   "circumferential ulcerated oesophageal mass"),
    "gastric_tumour": ("malignant-looking gastric ulcer in the {site}", "ulcerated gastric mass, lesser curve"),
    "varices": ("grade {g} oesophageal varices", "oesophageal varices, grade {g}", "{g} columns of varices"),
    "d2_bx_serology": ("scalloping and reduced folds in D2 ?coeliac", "flattened duodenal folds, query coeliac disease"),
    "polyp": ("{site} polyp {mm}mm", "{mm}mm polyp at the {site}", "polyp in the {site}, approx {mm}mm",
              "{mm}mm adenomatous-looking polyp in the {site}", "sessile polyp {mm}mm, {site}"),
    "diverticula": ("sigmoid diverticula", "diverticular disease of the sigmoid colon",
                    "scattered diverticula, mainly sigmoid", "left sided diverticulosis"),
    "haemorrhoids": ("internal haemorrhoids", "small internal haemorrhoids on retroflexion",
                     "haemorrhoids noted in retroflexion"),
    "haemorrhoids_graded": ("second degree internal haemorrhoids", "grade II haemorrhoids",
                            "grade 2 internal haemorrhoids"),
    "cancer": ("{site} tumour, ulcerated, {mm}mm", "large ulcerated mass in the {site}",
               "obvious malignant lesion in the {site}"),
    "angiodysplasia": ("angiodysplasia in the {site}", "{n} angioectasias in the {site}"),
    "proctitis": ("proctitis with loss of vascular pattern to {n}cm, Mayo {mayo}",
                  "continuous inflammation of the rectum only, Mayo {mayo}"),
    "left_colitis": ("left sided colitis to the splenic flexure, Mayo {mayo}",
                     "continuous inflammation from the rectum to {n}cm, Mayo {mayo}"),
    "crohns_ti": ("ulcerated terminal ileum with aphthous ulcers", "TI ulceration and narrowing, ?Crohn's"),
    "ibd_known": ("Mayo {mayo} inflammation", "colitis, Mayo {mayo}", "inflammation, endoscopic Mayo score {mayo}"),
    "melanosis": ("melanosis coli throughout", "brown pigmentation of the colonic mucosa (melanosis coli)"),
    "fissure": ("anal fissure", "posterior midline anal fissure"),
}

IMPRESSIONS: dict[str, tuple[str, ...]] = {
    "hiatus_hernia": ("HH", "sliding hiatus hernia"),
    "reflux_oesophagitis": ("LA {la} oesophagitis", "reflux oesophagitis grade {la}"),
    "gastritis": ("gastritis", "antral erythema/gastritis", "erythematous gastropathy"),
    "duodenal_ulcer": ("DU", "duodenal ulcer"),
    "duodenitis": ("bulbar duodenitis",),
    "diverticula": ("diverticulosis", "diverticular disease", "sigmoid diverticular disease"),
    "haemorrhoids": ("haemorrhoids", "internal haemorrhoids"),
    "haemorrhoids_graded": ("grade 2 haemorrhoids", "second degree haemorrhoids"),
    "polyp": ("colonic polyp", "single polyp", "polyp"),
}

# indication key -> more wordings of the same reason for the test ({hb} {fer} {n} {fit} as in endoscopy_indications)
INDICATIONS: dict[str, tuple[str, ...]] = {
    "dyspepsia": ("dyspepsia not settling on PPI", "ongoing indigestion", "dyspeptic symptoms, age > 55",
                  "refractory dyspepsia"),
    "epigastric": ("epigastric pain", "pain in the epigastrium", "epigastric discomfort", "upper abdominal pain",
                   "epigastric pain for investigation"),
    "reflux": ("heartburn", "reflux symptoms", "GORD symptoms", "acid reflux", "troublesome heartburn"),
    "dysphagia": ("dysphagia", "difficulty swallowing", "food sticking", "dysphagia to solids", "dysphagia 2WW"),
    "ida": ("IDA (Hb {hb}, ferritin {fer})", "iron deficient anaemia", "IDA for bidirectional"),
    "anaemia": ("anaemia, Hb {hb}", "unexplained anaemia", "anaemia - cause not known"),
    "weightloss": ("unexplained weight loss", "weight loss of {n}kg", "losing weight"),
    "vomiting": ("vomiting", "recurrent vomiting", "nausea and vomiting"),
    "melaena": ("melaena", "black tarry stools (melaena)", "melaena, Hb stable"),
    "cibh": ("change in bowel habit", "altered bowel habit", "bowel habit change to loose stools", "CIBH > 6 weeks"),
    "pr_bleed": ("rectal bleeding", "bright red blood PR", "PR bleeding on wiping", "rectal bleeding 2WW"),
    "fit": ("FIT positive ({fit})", "qFIT {fit}", "raised FIT", "FIT {fit} ug/g"),
    "screening": ("bowel cancer screening", "BCSP colonoscopy", "bowel screening"),
    "polyp_surv": ("surveillance - previous polyps", "adenoma surveillance", "polyp follow-up"),
    "diarrhoea": ("diarrhoea", "chronic diarrhoea", "loose stools for investigation", "persistent diarrhoea"),
    "pain": ("abdominal pain", "lower abdominal pain", "abdominal pain for investigation"),
}
