"""More ways referrers and endoscopists write the reason for the test, and the referral frames around it.

`WORDINGS` adds wordings per indication key (placeholders {hb} {fer} {n} {fit} as in `endoscopy_indications`):
each names the same reason for the test, so the symptom code a normal study is coded to never changes (dyspepsia
stays dyspepsia, epigastric pain stays pain, a FIT result stays a FIT result). `indication_form` puts the reason
in the referral wording around it: the pathway (2WW / USC / urgent / routine) and the referral source, which carry no
code; the cancer pathway frames are only used for the symptoms that are referred on it.
"""

from __future__ import annotations

import random

from .text import pick

WORDINGS: dict[str, tuple[str, ...]] = {
    "dyspepsia": ("dyspepsia", "indigestion despite PPI", "dyspepsia - failed PPI trial", "dyspeptic sx",
                  "persistent dyspepsia", "dyspepsia, H. pylori negative", "ongoing dyspepsia on omeprazole"),
    "epigastric": ("epigastric pain", "epigastric pain ?ulcer", "epig pain", "pain in the epigastrium after food",
                   "epigastric discomfort radiating to the back", "upper abdo pain", "epigastric pain on and off"),
    "reflux": ("GORD", "GORD sx", "reflux", "heartburn and regurgitation", "reflux sx on PPI", "acid reflux",
               "troublesome reflux symptoms", "GORD - poor response to PPI"),
    "dysphagia": ("dysphagia", "dysphagia - solids", "progressive dysphagia", "food sticking retrosternally",
                  "swallowing difficulty", "new dysphagia", "oesophageal dysphagia", "dysphagia ?cause"),
    "ida": ("IDA", "IDA - Hb {hb}, ferritin {fer}", "iron (Fe) deficiency anaemia", "iron deficiency anaemia ?GI loss",
            "microcytic anaemia, ferritin {fer} - iron deficient", "IDA (Hb {hb} g/L)", "IDA ?GI source",
            "low ferritin ({fer}) with anaemia - IDA"),
    "anaemia": ("anaemia", "anaemia - Hb {hb}", "low Hb {hb}", "normocytic anaemia", "anaemia ?cause"),
    "weightloss": ("weight loss", "unintentional wt loss", "wt loss {n}kg", "weight loss ({n}kg in 3 months)",
                   "unexplained weight loss", "loss of weight"),
    "vomiting": ("vomiting", "N&V", "nausea + vomiting", "persistent vomiting", "recurrent vomiting"),
    "melaena": ("melaena", "melaena x2", "black tarry stool", "?melaena, Hb {hb}", "melaena (black stools)"),
    "cibh": ("CIBH", "change in bowel habit", "change in bowel habit to looser stools", "CIBH - loose",
             "altered bowel habit", "bowel habit change > 6/52", "CIBH (looser, more frequent)"),
    "pr_bleed": ("PR bleeding", "rectal bleeding", "PR bleed", "bright red PR bleeding", "fresh blood PR",
                 "BRPR", "rectal bleeding - dark blood mixed with stool", "intermittent PR bleeding"),
    "fit": ("FIT +ve", "FIT {fit}", "FIT positive ({fit} ug/g)", "qFIT {fit} ug Hb/g", "+ve FIT ({fit})",
            "FIT {fit} ug/g faeces", "raised FIT {fit}", "positive faecal immunochemical test ({fit})"),
    "screening": ("BCSP", "BCSP - FIT positive", "bowel cancer screening", "BCS programme", "BCSP SSP list",
                  "screening colonoscopy (BCSP)", "NHS bowel screening", "BCSP - FIT {fit} ug/g",
                  "bowel screening (FIT {fit})", "BCSP: FIT positive, seen by SSP", "BCSP colonoscopy, FIT +ve"),
    "polyp_surv": ("polyp surveillance", "post-polypectomy surveillance", "surveillance - previous adenomas",
                   "adenoma surveillance (BSG 2020)", "3 year polyp surveillance", "f/u previous polyps",
                   "previous polypectomy - surveillance"),
    "diarrhoea": ("diarrhoea", "chronic diarrhoea", "loose stools", "diarrhoea > 6 weeks", "watery diarrhoea",
                  "persistent loose stool"),
    "pain": ("abdo pain", "abdominal pain", "abdominal pain ?cause", "abdominal pain for investigation"),
    "constipation": ("constipation", "constipation - new onset", "worsening constipation"),
    "barretts_surv": ("Barrett's surveillance", "Barrett's oesophagus - surveillance", "BO surv",
                      "surveillance OGD for Barrett's", "Barrett's - due surveillance"),
    "coeliac_serology": ("TTG positive", "raised tTG - ?coeliac", "positive coeliac serology - D2 biopsies",
                         "coeliac serology +ve", "tTG-IgA raised"),
}

_PATHWAY = ("2WW: {x}", "{x} (2WW)", "USC - {x}", "urgent suspected cancer referral: {x}", "{x} - 2 week wait",
            "{x}, urgent", "2WW referral with {x}", "{x} - straight to test", "FDS pathway - {x}")
_ROUTINE = ("{x}", "{x}", "{x}", "{x}", "routine: {x}", "{x} - routine", "{x} (GP referral)", "GP referral: {x}",
            "referred with {x}", "{x} for investigation")
# symptoms that are referred on a suspected cancer pathway (the pathway names the route, not a diagnosis)
CANCER_PATHWAY = frozenset({"dysphagia", "ida", "weightloss", "cibh", "pr_bleed", "fit", "anaemia", "melaena"})
# programmes and surveillance are named as they are, without a referral frame
UNFRAMED = frozenset({"screening", "polyp_surv", "barretts_surv", "coeliac_serology"})


def indication_form(rng: random.Random, key: str, default: tuple[str, ...]) -> str:
    """One wording of the indication (from `WORDINGS` when it has some, else `default`), in a referral frame."""
    text = pick(rng, WORDINGS.get(key) or default)
    if key in UNFRAMED or key not in WORDINGS:
        return text
    frames = _PATHWAY if key in CANCER_PATHWAY and rng.random() < 0.35 else _ROUTINE
    return pick(rng, frames).replace("{x}", text)
