"""More impression (diagnosis line) wordings per finding key, as endoscopists summarise them.

Merged with `endoscopy_paraphrases.IMPRESSIONS` and `endoscopy_phrasebook.IMPRESSIONS` by `endoscopy_wording`.
Each item means what its key means, with the same grade placeholders ({la} {c} {m} {g} {mayo} {mm} {site}, the site
being the site's first name): abbreviations (HH, GU, DU, OV, BO), eponyms and classifications (LA, Prague, Mayo),
and the hedges reports use for a finding whose code does not depend on certainty ('?', 'query', 'likely', 'in
keeping with'), while a new Barrett's segment stays suspected, a suspected cancer stays suspected (coded from
histology), and an ungraded finding is never given a grade.
"""

from __future__ import annotations

IMPRESSIONS: dict[str, tuple[str, ...]] = {
    "hiatus_hernia": ("small HH", "HH only", "hiatus hernia ({n}cm)", "{n}cm sliding hiatus hernia",
                      "sliding hiatal hernia"),
    "reflux_oesophagitis": ("LA {la} oesophagitis", "oesophagitis - LA grade {la}", "GORD with LA {la} oesophagitis",
                            "erosive oesophagitis (LA {la})", "reflux oesophagitis, Los Angeles {la}"),
    "barretts_new": ("?Barrett's C{c}M{m}", "query Barrett's oesophagus", "suspected Barrett's (C{c}M{m})",
                     "?short segment Barrett's", "possible Barrett's, Prague C{c}M{m}"),
    "barretts_known": ("Barrett's C{c}M{m}, no visible lesion", "known Barrett's (C{c} M{m})",
                       "Barrett's oesophagus C{c}M{m} - surveillance biopsies", "non-dysplastic-looking Barrett's "
                       "C{c}M{m}", "Barrett's - Prague C{c}M{m}"),
    "gastritis": ("?H. pylori gastritis - CLO/Bx", "mild antral gastritis", "gastritis (antrum)",
                  "non-erosive gastritis", "antral gastropathy"),
    "gastric_ulcer": ("benign-looking GU", "{mm}mm gastric ulcer", "gastric ulcer - repeat OGD 6-8/52",
                      "clean-based gastric ulcer", "GU (Forrest III)"),
    "duodenal_ulcer": ("DU (Forrest III)", "clean-based duodenal ulcer", "{mm}mm DU", "D1 ulcer, clean base",
                       "bulbar ulcer"),
    "duodenitis": ("duodenitis", "mild duodenitis", "D1 duodenitis", "erosive duodenitis"),
    "varices": ("grade {g} OV", "oesophageal varices grade {g}", "grade {g} oesophageal varices, no stigmata",
                "OV (grade {g})"),
    "gastric_polyp": ("FGPs", "fundic gland polyps", "gastric polyps", "benign-looking gastric polyps"),
    "stricture": ("benign oesophageal stricture", "peptic stricture", "benign-looking stricture",
                  "smooth oesophageal stricture"),
    "diverticula": ("diverticular disease", "uncomplicated diverticular disease", "diverticulosis (sigmoid)",
                    "sigmoid diverticulosis only", "diverticular change", "left sided diverticular disease"),
    "haemorrhoids": ("haemorrhoids", "piles", "small internal haemorrhoids", "internal haemorrhoids only"),
    "haemorrhoids_g1": ("grade I haemorrhoids", "1st degree haemorrhoids", "first degree piles"),
    "haemorrhoids_graded": ("grade II haemorrhoids", "2nd degree haemorrhoids", "second-degree piles",
                            "grade 2 internal haemorrhoids"),
    "haemorrhoids_g3": ("grade III haemorrhoids", "3rd degree haemorrhoids", "third degree piles"),
    "polyp": ("{site} polyp", "single {site} polyp", "polyp ({mm}mm, {site})", "{mm}mm {site} polyp",
              "colonic polyp - histology awaited", "polyp x1"),
    "angiodysplasia": ("angioectasia", "{site} angiodysplasia", "colonic angiodysplasia", "angiodysplasia ({site})"),
    "melanosis": ("melanosis coli", "melanosis coli (laxative use)", "pigmented colon - melanosis coli"),
    "proctitis": ("proctitis, Mayo {mayo} ?UC", "?ulcerative proctitis (Mayo {mayo})", "likely UC - proctitis",
                  "E1 proctitis, Mayo {mayo} - await histology"),
    "left_colitis": ("left sided colitis (Mayo {mayo}) ?UC", "E2 colitis, Mayo {mayo}", "?UC - left-sided, Mayo {mayo}",
                     "left sided colitis ?UC"),
    "cancer": ("?{site} cancer", "suspected {site} carcinoma", "{site} tumour ?malignant",
               "likely {site} malignancy - await histology", "?CRC {site}"),
    "fissure": ("anal fissure", "posterior anal fissure", "fissure-in-ano"),
}
