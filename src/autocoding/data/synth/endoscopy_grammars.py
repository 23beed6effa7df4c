"""The composed finding wordings by finding key, and the draw between a composed wording and the table phrases.

Polyps: `endoscopy_polyp_grammar`; common OGD / colonoscopy findings: `endoscopy_finding_grammar`; colitis:
`endoscopy_colitis_grammar`; cancers, LSTs, strictures, gastric polyps: `endoscopy_lesion_grammar`; routine
biopsies, erosive and H. pylori gastritis, candida, EoE: `endoscopy_upper_grammar`; the bleeding duodenal ulcer:
`endoscopy_upper_therapy_grammar`. Each grammar takes (rng, params, site name) and keeps the finding's codes (see
those modules).
"""

from __future__ import annotations

import random

from .endoscopy_colitis_grammar import GRAMMARS as _COLITIS
from .endoscopy_finding_grammar import GRAMMARS as _FINDINGS
from .endoscopy_lesion_grammar import GRAMMARS as _LESIONS
from .endoscopy_polyp_grammar import polyp_text
from .endoscopy_upper_grammar import GRAMMARS as _UPPER
from .endoscopy_upper_therapy_grammar import bleeding_du
from .model import Seen

FINDING_GRAMMARS = {**_FINDINGS, **_COLITIS, **_LESIONS, **_UPPER, "bleeding_du": bleeding_du}
SHARE = 0.55          # how often a finding with a grammar is written from it rather than from its phrase tables
POLYP_SHARE = 0.6


def composed_finding(rng: random.Random, s: Seen, site: str) -> str | None:
    """The finding in a composed wording, or None (the caller then uses its phrase tables)."""
    key, r = s.finding.key, rng.random()
    if key == "polyp":
        return polyp_text(rng, s.params, s.site, site) if r < POLYP_SHARE else None
    if key in FINDING_GRAMMARS and r < SHARE:
        return FINDING_GRAMMARS[key](rng, s.params, "antral region" if site == "antral" else site)
    return None
