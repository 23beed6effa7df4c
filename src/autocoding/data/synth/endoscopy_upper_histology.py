"""Histology outcome tables for upper GI findings (keys are `Finding.histology` in `endoscopy_upper`).

An outcome's codes replace the finding's when it was sampled: Barrett's with high grade dysplasia adds `D00.1`
to `K22.7`; H. pylori on histology adds `B98.0` after the gastritis code; an empty result codes nothing.
"""

from __future__ import annotations

from .endoscopy_tables import Outcome

# Histology outcome tables for upper GI findings.
UPPER_HISTOLOGY: dict[str, tuple[Outcome, ...]] = {
    "barrett_new": (
        Outcome(0.6, ("K22.7",), ("Columnar lined mucosa with intestinal metaplasia (goblet cells). No dysplasia.",
                                  "Barrett's oesophagus with intestinal metaplasia, negative for dysplasia.")),
        Outcome(0.08, ("K22.7",), ("Barrett's mucosa, indefinite for dysplasia (inflamed); repeat after PPI.",)),
        Outcome(0.07, ("K22.7",), ("Barrett's oesophagus with low grade dysplasia. Second opinion concurs.",)),
        Outcome(0.22, (), ("Cardiac-type mucosa only, no intestinal metaplasia. Not diagnostic of Barrett's.",
                           "Squamous and cardiac mucosa with mild inflammation; no Barrett's."), explains=False),
        Outcome(0.03, ("K22.7", "D00.1"), ("Barrett's oesophagus with high grade dysplasia.",)),
    ),
    "barrett_surv": (
        Outcome(0.82, ("K22.7",), ("Barrett's mucosa with intestinal metaplasia. No dysplasia.",
                                   "Columnar mucosa with goblet cells, negative for dysplasia.")),
        Outcome(0.1, ("K22.7",), ("Barrett's oesophagus with focal low grade dysplasia.",)),
        Outcome(0.05, ("K22.7",), ("Indefinite for dysplasia; active inflammation present.",)),
        Outcome(0.02, ("K22.7", "D00.1"), ("High grade dysplasia in Barrett's mucosa (level 2/4). Refer to MDT.",)),
        Outcome(0.01, ("C15.5", "K22.7"), ("Invasive adenocarcinoma arising in Barrett's oesophagus.",)),
    ),
    "gastritis": (
        Outcome(0.3, ("K29.5", "B98.0"), ("Chronic active gastritis. Helicobacter-like organisms seen.",
                                         "H. pylori associated chronic active gastritis; CLO positive.")),
        Outcome(0.25, ("K29.5",), ("Chronic inactive gastritis. No Helicobacter seen (Giemsa).",
                                   "Mild chronic gastritis, H. pylori negative.")),
        Outcome(0.12, ("K29.6",), ("Reactive (chemical) gastropathy. No H. pylori.",)),
        Outcome(0.08, ("K29.4",), ("Chronic atrophic gastritis with intestinal metaplasia. No dysplasia.",
                                   "Corpus-restricted atrophic gastritis with ECL hyperplasia: autoimmune gastritis.")),
        Outcome(0.25, (), ("Normal gastric mucosa. No H. pylori seen.", "Antral and body mucosa within normal limits."),
                explains=False),
    ),
    "gastric_ulcer": (
        Outcome(0.8, ("K25.9",), ("Ulcer slough and granulation tissue; no dysplasia or malignancy.",)),
        Outcome(0.15, ("K25.9", "B98.0"), ("Benign ulcer edge with chronic active gastritis, H. pylori present.",)),
        Outcome(0.05, ("@cancer",), ("Poorly differentiated adenocarcinoma, diffuse type.",)),
    ),
    "gastric_polyp": (
        Outcome(0.7, ("K31.7",), ("Fundic gland polyp. No dysplasia.", "Fundic gland polyps, consistent with PPI use.")),
        Outcome(0.2, ("K31.7",), ("Hyperplastic polyp of the stomach. No dysplasia.",)),
        Outcome(0.1, ("D13.1",), ("Gastric adenoma (intestinal type) with low grade dysplasia.",)),
    ),
    "stricture": (
        Outcome(0.85, ("K22.2",), ("Squamous mucosa with reflux changes. No dysplasia or malignancy.",)),
        Outcome(0.15, ("C15.5",), ("Invasive adenocarcinoma, moderately differentiated.",)),
    ),
    "oes_cancer": (
        Outcome(0.7, ("C15.5",), ("Moderately differentiated adenocarcinoma.", "Invasive adenocarcinoma, HER2 to follow.")),
        Outcome(0.2, ("C15.4",), ("Invasive squamous cell carcinoma.", "Keratinising squamous cell carcinoma.")),
        Outcome(0.1, ("D00.1",), ("High grade dysplasia; invasion cannot be assessed. Suggest re-biopsy.",)),
    ),
    "gastric_cancer": (
        Outcome(0.9, ("@cancer",), ("Adenocarcinoma, intestinal type.", "Signet ring cell carcinoma.")),
        Outcome(0.1, ("K25.9",), ("Benign ulcer; no malignancy in these samples. Suggest repeat OGD.",)),
    ),
    "eoe": (
        Outcome(0.3, ("K20",), ("Squamous mucosa with up to 40 eosinophils/hpf and microabscesses, in keeping with "
                               "eosinophilic oesophagitis.",)),
        Outcome(0.7, (), ("Normal squamous mucosa. Eosinophils <5/hpf. No evidence of EoE.",), explains=False),
    ),
    "coeliac": (
        Outcome(0.08, ("K90.0",), ("Subtotal villous atrophy, crypt hyperplasia and raised IELs (Marsh 3b), "
                                  "consistent with coeliac disease.",)),
        Outcome(0.1, (), ("Normal villous architecture; mildly increased IELs (Marsh 1). Correlate with serology.",),
                explains=False),
        Outcome(0.82, (), ("Normal duodenal mucosa. No villous atrophy or increase in IELs.",
                           "Duodenal biopsies within normal limits; coeliac disease not supported."), explains=False),
    ),
    "coeliac_serology": (
        Outcome(0.65, ("K90.0",), ("Villous atrophy with crypt hyperplasia and IELs >40/100 (Marsh 3c). In keeping with "
                                  "coeliac disease.", "Partial villous atrophy (Marsh 3a), consistent with coeliac "
                                  "disease in the context of positive TTG.")),
        Outcome(0.35, (), ("Normal villi; no increase in IELs. Coeliac disease not confirmed.",), explains=False),
    ),
    "eoe_visible": (
        Outcome(0.8, ("K20",), ("Up to 60 eosinophils/hpf with basal zone hyperplasia: eosinophilic oesophagitis.",
                               "Eosinophilic oesophagitis (peak 35 eos/hpf, proximal and distal).")),
        Outcome(0.2, ("K21.0",), ("Reflux oesophagitis with occasional eosinophils (<15/hpf). Not EoE.",)),
    ),
    "barrett_nodule": (
        Outcome(0.4, ("K22.7", "D00.1"), ("EMR: Barrett's oesophagus with high grade dysplasia, margins clear.",)),
        Outcome(0.2, ("C15.5", "K22.7"), ("EMR: intramucosal adenocarcinoma (pT1a) arising in Barrett's, deep margin "
                                          "clear.",)),
        Outcome(0.4, ("K22.7",), ("Barrett's mucosa with low grade dysplasia.",)),
    ),
    "gastric_early": (
        Outcome(0.5, ("@adenoma",), ("Gastric adenoma (intestinal type) with low grade dysplasia.",)),
        Outcome(0.3, ("D00.2",), ("High grade dysplasia / intramucosal neoplasia, completely excised.",)),
        Outcome(0.2, ("@cancer",), ("Well differentiated adenocarcinoma, intramucosal (pT1a).",)),
    ),
}
