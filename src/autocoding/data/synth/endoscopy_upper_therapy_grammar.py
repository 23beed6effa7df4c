"""Slot grammars for the upper GI therapeutic list: RFA of Barrett's, oesophageal and duodenal stents, PEG insertion,
removal and exchange, food bolus removal, pneumatic dilatation for achalasia; and the bleeding duodenal ulcer with
its stigmata.

Meaning rules: each form names the one drawn therapy and nothing else that is coded (no clips, adrenaline, APC or
biopsy beside it; a second haemostatic modality would be a second code, so 'dual therapy' is never written); an
oesophageal stent is a covered metal stent, a duodenal stent an uncovered metal (enteral) stent; a PEG insertion
never says removed, a removal never says a new tube was placed, an exchange says both; achalasia dilatation is
pneumatic (30-40mm balloon), never a bougie; a bolus is removed or pushed on, and only food is named. A bleeding
ulcer always carries stigmata of recent haemorrhage (Forrest Ia-IIb), never a clean base.
"""

from __future__ import annotations

import random

from .text import pick

RFA_DEVICE = ("HALO 360", "HALO 90", "Barrx 90 focal catheter", "Barrx 360 Express", "HALO 60", "Barrx TTS")
RFA_DOSE = ("12J/cm2 x2", "10J/cm2, clean and re-treat", "12J x2 applications", "15J/cm2 x2", "")


def rfa(rng: random.Random, p: dict) -> str:
    dev, dose = pick(rng, RFA_DEVICE), pick(rng, RFA_DOSE)
    frames = (f"RFA with {dev}{' ' + dose if dose else ''}", f"radiofrequency ablation ({dev}){', ' + dose if dose else ''}",
              f"{dev} radiofrequency ablation to the segment", f"Rx: RFA ({dev})", f"ablated with RFA - {dev}",
              f"circumferential RFA ({dev}), debrided and re-treated", f"focal RFA to residual islands ({dev})")
    return pick(rng, frames)


OES_STENT = ("fully covered SEMS 23x120mm", "partially covered oesophageal SEMS (18x100mm)", "covered metal stent",
             "fully covered oesophageal stent (Niti-S 20x120)", "covered self-expanding metal stent 23x150mm",
             "partially covered Ultraflex stent")


def oes_stent(rng: random.Random, p: dict) -> str:
    s = pick(rng, OES_STENT)
    how = pick(rng, ("under fluoroscopy", "over a Savary wire", "under endoscopic and fluoroscopic control", ""))
    frames = (f"{s} deployed across the stricture {how}", f"stent: {s} placed {how}", f"{s} inserted {how}, good "
              "position", f"Rx: {s} {how}", f"oesophageal stenting - {s}")
    return pick(rng, frames)


DUO_STENT = ("22x90mm uncovered duodenal SEMS", "uncovered enteral metal stent 22x60mm", "uncovered duodenal stent "
             "(Wallflex 22x90)", "uncovered duodenal self-expanding metal stent")


def duo_stent(rng: random.Random, p: dict) -> str:
    s = pick(rng, DUO_STENT)
    frames = (f"{s} placed through the scope across D1-D2", f"{s} deployed over a wire", f"Rx: {s}",
              f"duodenal stenting: {s}, good position", f"{s} inserted under fluoroscopy")
    return pick(rng, frames)


PEG_TUBE = ("15Fr pull-through PEG", "20Fr PEG (pull technique)", "Corflo 15Fr PEG", "20Fr Freka PEG",
            "pull-type gastrostomy tube")


def peg(rng: random.Random, p: dict) -> str:
    site = pick(rng, ("site chosen by transillumination and finger indentation", "good transillumination",
                      "safe track confirmed (needle aspiration)", "finger indentation seen"))
    frames = (f"PEG inserted - {pick(rng, PEG_TUBE)}; {site}", f"{site}; {pick(rng, PEG_TUBE)} placed",
              f"gastrostomy: {pick(rng, PEG_TUBE)}, external bolster at {p['n']}cm", f"PEG placed ({site})",
              f"Rx: PEG insertion, {pick(rng, PEG_TUBE)}")
    return pick(rng, frames)


def peg_removal(rng: random.Random, p: dict) -> str:
    return pick(rng, ("PEG removed, bumper snared and retrieved", "internal bumper retrieved with a snare; PEG removed",
                      "PEG removed endoscopically", "gastrostomy removed (bumper snared)", "Rx: PEG removal"))


def peg_replace(rng: random.Random, p: dict) -> str:
    out = pick(rng, ("old PEG removed", "existing tube cut and bumper snared", "old PEG removed by traction"))
    new = pick(rng, PEG_TUBE)
    return pick(rng, (f"{out}; new {new} placed through the same tract", f"PEG exchanged: {out}, new {new}",
                      f"{out} and replaced with a {new}"))


def bolus(rng: random.Random, p: dict) -> str:
    how = pick(rng, ("Roth net", "a retrieval net", "rat-tooth forceps", "an overtube and net", "a snare"))
    frames = (f"food bolus removed with {how}", f"bolus retrieved piecemeal with {how}", f"meat bolus extracted "
              f"({how})", "bolus gently pushed into the stomach", f"food bolus cleared - {how}",
              "bolus advanced into the stomach with the scope")
    return pick(rng, frames)


def achalasia(rng: random.Random, p: dict) -> str:
    size = pick(rng, ("30mm", "35mm", "30mm", "40mm"))
    frames = (f"pneumatic dilatation with a {size} Rigiflex balloon under fluoroscopy",
              f"{size} Rigiflex pneumatic dilatation, waist effaced", f"Rx: pneumatic balloon dilatation ({size})",
              f"achalasia balloon ({size}) dilatation of the LOS", f"pneumatic dilatation of the cardia to {size}")
    return pick(rng, frames)


GRAMMARS = {"rfa": rfa, "oes_stent": oes_stent, "duo_stent": duo_stent, "peg": peg, "peg_removal": peg_removal,
            "peg_replace": peg_replace, "bolus": bolus, "achalasia_dilatation": achalasia}

STIGMATA = ("a visible vessel (Forrest IIa)", "a non-bleeding visible vessel", "adherent clot (Forrest IIb)",
            "active oozing (Forrest Ib)", "a spurting vessel (Forrest Ia)", "an adherent clot", "a pigmented "
            "protuberance (visible vessel)", "oozing from the base (Forrest Ib)")
DU_SITE = ("posterior D1", "the bulb", "anterior D1", "the duodenal bulb", "posterior wall of the bulb", "D1")


def bleeding_du(rng: random.Random, p: dict, site: str) -> str:
    where, sign, mm = pick(rng, DU_SITE), pick(rng, STIGMATA), p["mm"]
    frames = (f"{mm}mm ulcer in {where} with {sign}", f"ulcer in {where}, {sign}", f"DU ({where}) with {sign}",
              f"{where} ulcer - {sign}", f"{mm}mm duodenal ulcer in {where}: {sign}", f"bleeding DU in {where} "
              f"with {sign}")
    return pick(rng, frames)
