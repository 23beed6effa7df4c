"""Slot grammars for how reports word a therapy after the lesion: technique, completeness, retrieval, device.

Each therapy key is written from independent slots in one of several word orders ('removed en bloc with cold snare,
retrieved', 'polypectomy: CSP, complete, retrieved', 'Rx - hot snare; retrieved in the trap'). Every form names the
same single therapy and nothing else that is coded: no clips, tattoo, adrenaline or margin ablation is mentioned
unless that therapy is the one drawn (those are coded on their own), and every form keeps the evidence words the
codes need (snare removal says snare or polypectomy, banding says band / EVL / OVBL, clips say clip, a tattoo says
tattoo / Spot / ink). Dilatation sizes are the standard balloon and bougie sizes, not the lesion size; a colonic
stricture is only ever balloon-dilated.
"""

from __future__ import annotations

import random

from .endoscopy_upper_therapy_grammar import GRAMMARS as UPPER_THERAPY
from .text import pick

COLD = ("cold snare", "cold snare polypectomy", "CSP (cold snare polypectomy)", "cold snare polypectomy (CSP)",
        "cold snare technique", "a 10mm cold snare", "snare polypectomy (cold)", "cold snare (CSP)")
HOT = ("hot snare", "hot snare polypectomy", "HSP (hot snare)", "hot snare polypectomy (HSP)", "hot snare, Endocut",
       "diathermy snare", "snare polypectomy (hot)", "a 15mm hot snare")
WHOLE = ("en bloc", "en-bloc", "complete", "completely", "in one piece", "en bloc, complete", "")
RETRIEVED = ("retrieved", "retrieved", "retrieved in the trap", "retrieved for histology", "specimen retrieved",
             "retrieved (Roth net)", "sent to histology", "retrieved - pot {k}", "retrieval complete")


def snare(rng: random.Random, p: dict) -> str:
    tech = pick(rng, COLD if int(p["mm"]) < 10 or rng.random() < 0.3 else HOT)
    whole, got = pick(rng, WHOLE), pick(rng, RETRIEVED)
    frames = (f"removed {whole} with {tech}, {got}", f"polypectomy: {tech}, {whole or 'complete'}, {got}",
              f"{tech} - {whole or 'complete'} - {got}", f"{tech}, {got}", f"resected by {tech} ({whole or 'complete'}), "
              f"{got}", f"Rx: {tech}; {got}", f"treated with {tech}, {got}", f"{tech} polypectomy {whole}, {got}"
              if "polypectomy" not in tech else f"{tech} {whole}, {got}", f"excised {whole} ({tech}) and {got}",
              f"Polypectomy - {tech}. Retrieved: yes", f"{got} after {tech}", f"removed by {tech} and {got}")
    return pick(rng, frames)


LIFT = ("saline and indigo carmine", "Eleview", "gelofusine/methylene blue", "Voluven with indigo carmine",
        "saline with methylene blue", "succinylated gelatin with indigo carmine")
PIECES = ("en bloc", "piecemeal ({n} pieces)", "piecemeal", "en bloc", "in {n} pieces")


def emr(rng: random.Random, p: dict) -> str:
    name = pick(rng, ("EMR", "endoscopic mucosal resection (EMR)", "lift and snare EMR", "inject-and-cut EMR",
                      "EMR (lift-assisted)", "conventional EMR"))
    how, lift = pick(rng, PIECES), pick(rng, LIFT)
    frames = (f"lifted with {lift}, good lift; {name} {how}", f"{name}: submucosal lift ({lift}), resected {how}",
              f"non-lifting sign absent. {name}, {how}, retrieved", f"removed by {name} {how}",
              f"{name} after lift with {lift} - {how}, all pieces retrieved", f"Rx {name} ({how})",
              f"underwater EMR {how}", f"resected by {name}, {how}; margins inspected, no residual")
    return pick(rng, frames)


def hot_biopsy(rng: random.Random, p: dict) -> str:
    return pick(rng, ("hot biopsy", "removed by hot biopsy", "hot biopsy forceps avulsion", "hot biopsy x1",
                      "hot forceps (hot biopsy) removal", "hot biopsied and retrieved"))


def banding(rng: random.Random, p: dict) -> str:
    n = p["n"]
    device = pick(rng, ("", " (Saeed six-shooter)", " (multiband ligator)", " with a six-shooter", ""))
    frames = (f"{n} bands applied{device}", f"EVL x{n}{device}", f"OVBL: {n} bands{device}",
              f"band ligation - {n} bands{device}", f"banded x{n}", f"{n}x bands placed{device}",
              f"variceal banding ({n} bands)", f"EVL, {n} bands deployed from the GOJ upwards",
              f"oesophageal variceal band ligation x{n}", f"Rx: OVBL ({n} bands)")
    return pick(rng, frames)


def apc(rng: random.Random, p: dict) -> str:
    setting = pick(rng, ("", " (30W, 1.0 L/min)", " (forced APC 20W)", " (pulsed APC, 0.8 L/min)", ""))
    frames = (f"APC{setting}", f"treated with APC{setting}", f"argon plasma coagulation{setting}",
              f"ablated with argon plasma coagulation (APC){setting}", f"APC applied{setting}",
              f"Rx: APC{setting}", f"coagulated with APC{setting}")
    return pick(rng, frames)


def injection(rng: random.Random, p: dict) -> str:
    n, conc = p["n"], pick(rng, ("1:10,000", "1:10 000", "1 in 10,000", "1:10000"))
    frames = (f"adrenaline {conc} {n}ml injected", f"{n}ml {conc} adrenaline injected in 4 quadrants",
              f"injection therapy: adrenaline {conc}, {n}ml", f"{n}mls dilute adrenaline ({conc})",
              f"injected with {n}ml adrenaline {conc}, blanching seen", f"Rx: adrenaline ({conc}) x{n}ml")
    return pick(rng, frames)


def clips(rng: random.Random, p: dict) -> str:
    n = p["n"]
    kind = pick(rng, ("", "TTS ", "Resolution ", "haemo", "through-the-scope ", ""))
    frames = (f"{n} {kind}clips applied, haemostasis", f"{kind}clips x{n}, haemostasis achieved",
              f"haemostasis with {n} {kind}clips", f"clipped ({n} {kind}clips) - no further bleeding",
              f"Rx: {kind}clips x{n}", f"{n} {kind}clips placed to the vessel")
    return " ".join(pick(rng, frames).split())


UPPER_DILATION = ("CRE balloon 12-13.5-15mm", "CRE balloon 15-16.5-18mm", "CRE balloon 10-11-12mm",
                  "18mm TTS balloon", "Savary bougie 12.8mm then 15mm over a guidewire", "Savary-Gilliard to 15mm",
                  "Savary dilators 14-16mm over a wire", "15mm CRE balloon")
LOWER_DILATION = ("CRE balloon 15-16.5-18mm", "18mm TTS balloon", "CRE balloon 12-13.5-15mm", "20mm CRE balloon")
UPPER_SITES = frozenset({"oesophagus", "goj", "stomach", "antrum", "duodenum"})


def dilatation(rng: random.Random, p: dict, site_key: str = "oesophagus") -> str:
    dev = pick(rng, UPPER_DILATION if site_key in UPPER_SITES else LOWER_DILATION)
    held = pick(rng, ("", ", held 60 seconds", ", 1 min each size", ", held for 30s", ""))
    after = pick(rng, ("", ", scope then passed easily", ", minor mucosal split only", ", good effect", ""))
    frames = (f"dilated with {dev}{held}{after}", f"dilatation: {dev}{held}{after}", f"{dev} dilatation{after}",
              f"Rx: dilatation ({dev}){after}", f"stricture dilated - {dev}{held}")
    return pick(rng, frames)


def tattoo(rng: random.Random, p: dict) -> str:
    ink = pick(rng, ("Spot", "Spot ink", "India ink", "carbon particle ink (Spot)"))
    where = pick(rng, ("3cm distal", "distal to the lesion", "opposite and distal", "2-3cm distally",
                       "3 quadrants distal", "distal, on the anti-mesenteric side"))
    frames = (f"tattooed with {ink} {where}", f"{ink} tattoo {where}", f"tattoo ({ink}) {where}",
              f"tattoo placed {where} ({ink})", f"site marked with {ink} tattoo {where}")
    return pick(rng, frames)


def closure_clips(rng: random.Random, p: dict) -> str:
    n = p["n"]
    frames = (f"defect closed with {n} clips", f"{n} clips to close the defect", f"prophylactic clips x{n}",
              f"clip closure of the resection defect ({n} clips)", f"defect clipped x{n}",
              f"{n} prophylactic clips to the base")
    return pick(rng, frames)


GRAMMARS = {"snare": snare, "emr": emr, "hot_biopsy": hot_biopsy, "banding": banding, "apc": apc,
            "injection": injection, "clips": clips, "tattoo": tattoo, "prophylactic_clips": closure_clips,
            **UPPER_THERAPY}


def therapy_text(rng: random.Random, key: str, params: dict, site_key: str) -> str | None:
    """The therapy in one of its composed wordings, or None where this key has no grammar."""
    if key == "dilatation":
        return dilatation(rng, params, site_key)
    grammar = GRAMMARS.get(key)
    if grammar is None:
        return None
    return " ".join(grammar(rng, params).replace("{k}", str(1 + int(rng.random() * 4))).split())
