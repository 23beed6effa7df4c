"""Lower GI findings (colonoscopy, flexible sigmoidoscopy) and their histology outcomes, as declarative tables.

Polyps are the one finding that occurs several times per examination: the generator draws a count and a site for
each; each polyp gets its own histology, so two adenomas in different segments give two D12 codes.
"""

from __future__ import annotations

from .endoscopy_tables import Finding, Outcome

LOWER_SYMPTOMS = frozenset({"cibh", "pr_bleed", "diarrhoea", "pain", "fit"})
BLEED = frozenset({"ida", "anaemia", "pr_bleed", "fit"})

# Where polyps and cancers sit (weights over COLON_SITES order: rectum ... caecum).
POLYP_SITE_WEIGHTS = (("rectum", 0.14), ("rectosigmoid", 0.05), ("sigmoid", 0.26), ("descending", 0.1),
                      ("transverse", 0.14), ("hepatic", 0.05), ("ascending", 0.15), ("caecum", 0.11))
CANCER_SITE_WEIGHTS = (("rectum", 0.3), ("rectosigmoid", 0.06), ("sigmoid", 0.24), ("descending", 0.05),
                       ("transverse", 0.08), ("hepatic", 0.04), ("ascending", 0.1), ("caecum", 0.13))

POLYP = Finding(
    "polyp", "lower", 0.3, ("@polyp",), 2, frozenset({"fit", "screening", "pr_bleed", "polyp_surv"}),
    ("{mm}mm sessile polyp (Paris 0-Is) in the {site}", "{mm}mm pedunculated polyp in the {site}",
     "{mm}mm flat polyp (0-IIa) at the {site}", "diminutive polyp in the {site}", "{mm}mm polyp, {site}",
     "{mm}mm sessile serrated-looking lesion in the {site}"),
    ("colonic polyp", "polyp", "polyps removed"), (), sample=0.97,
    therapy=(("snare", 0.86), ("emr", 0.05), ("hot_biopsy", 0.03)), histology="colon_polyp",
    affinity=(("fit", 1.8), ("screening", 2.0), ("polyp_surv", 2.2), ("fh", 1.5), ("pr_bleed", 1.1)))

LOWER_FINDINGS: tuple[Finding, ...] = (
    Finding("diverticula", "lower", 0.3, ("K57.3",), 3, frozenset(),
            ("scattered diverticula in the sigmoid", "extensive left sided diverticular disease",
             "moderate sigmoid diverticulosis", "a few diverticula in the descending and sigmoid colon"),
            ("diverticular disease", "sigmoid diverticulosis", "diverticulosis"), ("sigmoid",)),
    Finding("haemorrhoids", "lower", 0.12, ("K64.8",), 3, frozenset({"pr_bleed"}),
            ("internal haemorrhoids on retroflexion", "small internal haemorrhoids", "prominent internal piles"),
            ("internal haemorrhoids", "haemorrhoids"), ("rectum",), affinity=(("pr_bleed", 2.0),)),
    Finding("haemorrhoids_graded", "lower", 0.05, ("K64.1",), 3, frozenset({"pr_bleed"}),
            ("grade 2 haemorrhoids on retroflexion", "second degree haemorrhoids"), ("grade II haemorrhoids",),
            ("rectum",), affinity=(("pr_bleed", 2.0),)),
    Finding("cancer", "lower", 0.016, ("@cancer",), 0, LOWER_SYMPTOMS | BLEED | frozenset({"weightloss", "screening"}),
            ("{mm}mm ulcerated circumferential tumour in the {site}", "malignant looking stricturing lesion in the {site}",
             "fungating mass at the {site}, tattooed distally", "large friable exophytic lesion, {site}"),
            ("?colorectal cancer", "suspicious lesion - likely malignant", "{site} tumour", "probable cancer"),
            (), sample=1.0, histology="crc",
            affinity=(("ida", 3.0), ("fit", 3.0), ("weightloss", 2.5), ("cibh", 1.5), ("pr_bleed", 1.5),
                      ("polyp_surv", 0.4))),
    Finding("angiodysplasia", "lower", 0.015, ("K55.2",), 1, frozenset({"ida", "anaemia", "pr_bleed", "fit"}),
            ("{n} small angiodysplasias in the {site}", "angioectasia in the {site}", "caecal angiodysplasia"),
            ("angiodysplasia", "colonic angiodysplasia"), ("caecum", "ascending"), therapy=(("apc", 0.7),),
            affinity=(("ida", 3.0), ("anaemia", 2.0))),
    Finding("proctitis", "lower", 0.0, ("K51.2",), 1, frozenset({"pr_bleed", "diarrhoea", "cibh"}),
            ("continuous granular inflammation from the anal verge to {n}cm, Mayo {mayo}",
             "loss of vascular pattern and contact bleeding in the rectum only"),
            ("proctitis ?UC", "ulcerative proctitis", "likely ulcerative proctitis"), ("rectum",), sample=1.0,
            histology="ibd_new", affinity=(("pr_bleed", 0.03), ("diarrhoea", 0.05))),
    Finding("left_colitis", "lower", 0.0, ("K51.5",), 1, frozenset({"pr_bleed", "diarrhoea", "cibh"}),
            ("continuous colitis from the rectum to the splenic flexure, Mayo {mayo}",
             "erythema, friability and ulceration to {n}cm (left sided)"),
            ("left sided colitis", "?UC - left sided"), ("sigmoid",), sample=1.0, histology="ibd_new",
            affinity=(("diarrhoea", 0.05), ("pr_bleed", 0.02))),
    Finding("crohns_ti", "lower", 0.0, ("K50.0",), 1, frozenset({"diarrhoea", "pain", "weightloss", "ida"}),
            ("aphthous ulcers and narrowing of the TI", "deep linear ulcers in the terminal ileum"),
            ("terminal ileal Crohn's", "?Crohn's ileitis"), ("ileum",), sample=1.0, histology="crohns",
            affinity=(("diarrhoea", 0.03), ("pain", 0.02))),
    Finding("random_bx", "lower", 0.0, (), 2, frozenset(),
            ("macroscopically normal colon, random biopsies taken R and L", "normal mucosa - biopsies for microscopic "
             "colitis"), ("normal colon - biopsied", "?microscopic colitis"), ("transverse",), sample=1.0,
            histology="microscopic", affinity=(("diarrhoea", 0.8), ("cibh", 0.15))),
    Finding("ibd_known", "lower", 0.0, ("@ibd",), 1, frozenset({"ibd"}),
            ("patchy erythema and loss of vascular pattern, Mayo {mayo}", "quiescent colitis, pseudopolyps",
             "mild active inflammation, Mayo {mayo}", "mucosal healing - Mayo 0"),
            ("known IBD - assessment", "IBD, mild activity", "quiescent IBD"), ("sigmoid",), sample=0.9,
            histology="ibd_known"),
    Finding("melanosis", "lower", 0.02, ("K63.8",), 3, frozenset(),
            ("melanosis coli", "pigmented mucosa throughout (melanosis)"), ("melanosis coli",), ("caecum",)),
    Finding("lipoma", "lower", 0.008, ("D17.5",), 3, frozenset(),
            ("{mm}mm yellow submucosal lesion with pillow sign (lipoma) in the {site}",), ("colonic lipoma",),
            ("ascending", "transverse", "caecum")),
    Finding("fissure", "lower", 0.012, ("K60.2",), 2, frozenset({"pr_bleed", "pain"}),
            ("posterior anal fissure noted on PR", "anal fissure (exam limited by pain)"), ("anal fissure",),
            ("rectum",), affinity=(("pr_bleed", 2.0),)),
    Finding("srus", "lower", 0.003, ("K62.6",), 1, frozenset({"pr_bleed", "pain"}),
            ("ulcer on the anterior rectal wall ?solitary rectal ulcer",), ("?SRUS",), ("rectum",), sample=1.0),
    Finding("anal_polyp", "lower", 0.006, ("K62.0",), 3, frozenset(),
            ("small fibroepithelial anal polyp on retroflexion", "anal tag / fibroepithelial polyp"), ("anal polyp",),
            ("rectum",)),
    Finding("radiation_proctitis", "lower", 0.002, ("K62.7",), 1, frozenset({"pr_bleed", "ida"}),
            ("telangiectasia in the rectum c/w radiation proctitis (prostate RT 2019)",), ("radiation proctitis",),
            ("rectum",), therapy=(("apc", 0.5),), affinity=(("pr_bleed", 4.0),)),
    Finding("rectal_net", "lower", 0.0008, ("C20",), 0, frozenset(),
            ("{mm}mm yellowish submucosal nodule in the rectum ?NET",), ("?rectal NET",), ("rectum",), sample=1.0,
            histology="net"),
    Finding("anal_cancer", "lower", 0.0006, ("C21.0",), 0, frozenset({"pr_bleed", "pain"}),
            ("ulcerated indurated lesion at the anal verge",), ("suspicious anal lesion",), ("rectum",), sample=1.0,
            histology="anal_scc"),
    Finding("ischaemic", "lower", 0.002, ("K55.9",), 1, frozenset({"pr_bleed", "pain", "diarrhoea"}),
            ("segmental oedema and ulceration at the splenic flexure c/w ischaemic colitis",),
            ("likely ischaemic colitis",), ("descending",), sample=0.8, affinity=(("pr_bleed", 2.0), ("pain", 3.0))),
    Finding("prolapse", "lower", 0.002, ("K62.3",), 2, frozenset({"pr_bleed"}),
            ("full thickness rectal prolapse on straining",), ("rectal prolapse",), ("rectum",)),
    Finding("ileal_ulcers", "lower", 0.0, ("K63.3",), 2, frozenset({"diarrhoea", "pain", "ida"}),
            ("small ulcers in the TI ?NSAID related", "a few aphthous TI ulcers"), ("TI ulceration",), ("ileum",),
            sample=0.9, affinity=(("diarrhoea", 0.02), ("ida", 0.02))),
    Finding("cdiff", "lower", 0.002, ("A04.7",), 1, frozenset({"diarrhoea"}),
            ("yellow pseudomembranes throughout the left colon",), ("pseudomembranous colitis",), ("sigmoid",),
            affinity=(("diarrhoea", 4.0),)),
)

LOWER_HISTOLOGY: dict[str, tuple[Outcome, ...]] = {
    "colon_polyp": (
        Outcome(0.55, ("@adenoma",), ("Tubular adenoma with low grade dysplasia, completely excised.",
                                      "Tubular adenoma, low grade dysplasia. Margins clear.",
                                      "Fragments of tubular adenoma (LGD).")),
        Outcome(0.08, ("@adenoma",), ("Tubulovillous adenoma with low grade dysplasia.",
                                      "Tubulovillous adenoma, focal high grade dysplasia, appears complete.")),
        Outcome(0.02, ("@adenoma",), ("Villous adenoma with low grade dysplasia.",)),
        Outcome(0.11, ("@adenoma",), ("Sessile serrated lesion without dysplasia.", "Sessile serrated lesion (SSL).")),
        Outcome(0.19, ("@polyp",), ("Hyperplastic polyp.", "Hyperplastic polyp, no dysplasia.")),
        Outcome(0.04, ("@polyp",), ("Inflammatory polyp. No dysplasia.", "Polypoid colonic mucosa, no dysplasia.")),
        Outcome(0.01, ("@cancer",), ("Adenocarcinoma arising in a tubulovillous adenoma (pT1), deep margin <1mm.",)),
    ),
    "crc": (
        Outcome(0.93, ("@cancer",), ("Invasive adenocarcinoma, moderately differentiated.",
                                     "Adenocarcinoma (colorectal type). MMR immunohistochemistry to follow.")),
        Outcome(0.07, ("@adenoma",), ("Adenoma with high grade dysplasia; invasion not identified in these samples.",)),
    ),
    "ibd_new": (
        Outcome(0.8, ("@finding",), ("Chronic active colitis with crypt architectural distortion and basal "
                                    "plasmacytosis, in keeping with ulcerative colitis.",
                                    "Features of chronic inflammatory bowel disease, favour UC.")),
        Outcome(0.2, ("K52.9",), ("Mild non-specific active inflammation without chronicity. Infective colitis "
                                  "possible.",), explains=True),
    ),
    "crohns": (
        Outcome(0.75, ("K50.0",), ("Chronic active ileitis with non-caseating granulomata, consistent with Crohn's "
                                   "disease.",)),
        Outcome(0.25, (), ("Ileal mucosa with mild non-specific inflammation. No granulomas.",), explains=False),
    ),
    "microscopic": (
        Outcome(0.08, ("K52.8",), ("Thickened subepithelial collagen band (>10 microns): collagenous colitis.",)),
        Outcome(0.07, ("K52.8",), ("Raised intraepithelial lymphocytes (>20/100): lymphocytic colitis.",)),
        Outcome(0.85, (), ("Normal colonic mucosa. No microscopic colitis.", "No significant abnormality."),
                explains=False),
    ),
    "net": (
        Outcome(1.0, ("C20",), ("Well differentiated neuroendocrine tumour (G1), Ki-67 <2%.",)),
    ),
    "anal_scc": (
        Outcome(0.9, ("C21.0",), ("Invasive squamous cell carcinoma.",)),
        Outcome(0.1, ("D01.3",), ("AIN3 (high grade squamous intraepithelial lesion). No invasion.",)),
    ),
    "ibd_known": (
        Outcome(0.6, ("@ibd",), ("Chronic colitis, quiescent. No dysplasia.", "Chronic mildly active colitis. No "
                                 "dysplasia.")),
        Outcome(0.4, ("@ibd",), ("Chronic active colitis. Negative for dysplasia.",)),
    ),
}
