"""Histology outcome tables for lower GI findings (keys are `Finding.histology` in `endoscopy_lower`).

'@adenoma', '@cancer', '@polyp' resolve to the code for the site of the lesion (adenoma of sigmoid `D12.5`,
hyperplastic polyp of rectum `K62.1`); '@finding' keeps the finding's own code (the extent of a new colitis).
"""

from __future__ import annotations

from .endoscopy_tables import Outcome

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
        Outcome(0.15, ("K52.9",), ("Mild non-specific active inflammation without chronicity. Infective colitis "
                                   "possible.",), explains=True),
        Outcome(0.05, ("K52.3",), ("Chronic active colitis; IBD unclassified (IBDU).",)),
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
    "lst": (
        Outcome(0.55, ("@adenoma",), ("Tubulovillous adenoma with low grade dysplasia, piecemeal.",
                                      "Tubular adenoma, low grade dysplasia.")),
        Outcome(0.25, ("@adenoma",), ("Tubulovillous adenoma with high grade dysplasia.",)),
        Outcome(0.12, ("@adenoma",), ("Sessile serrated lesion with dysplasia.",)),
        Outcome(0.08, ("@cancer",), ("Adenocarcinoma arising in a tubulovillous adenoma (pT1 sm2).",)),
    ),
    "crohns_colon": (
        Outcome(0.7, ("K50.1",), ("Patchy chronic active colitis with granulomas, favour Crohn's disease.",)),
        Outcome(0.2, ("K52.3",), ("Chronic colitis; features do not allow distinction between UC and Crohn's "
                                  "(IBD unclassified).",)),
        Outcome(0.1, (), ("Non-specific inflammation only.",), explains=False),
    ),
    "infective": (
        Outcome(0.6, ("A09.0",), ("Acute self-limiting (infective-type) colitis.",)),
        Outcome(0.4, (), ("No significant abnormality.",), explains=False),
    ),
}
