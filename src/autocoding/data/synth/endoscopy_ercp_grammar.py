"""ERCP findings composed from parts: cannulation, cholangiogram, sphincterotomy, stone extraction, stent, brushings.

Each scenario key joins its own parts in order; every part keeps the meaning the scenario's codes need:
- a sphincterotomy (`J38`) is named only in scenarios coding one; a balloon trawl through an old sphincterotomy
  (`J41.1`) says the sphincterotomy was already there and never that one was made; a failed cannulation never names
  a precut, a sphincterotomy or a stent (nothing was done beyond the attempt);
- a stent is always of the coded kind: plastic (`J40.2` / `J40.3`) says plastic or French size with no metal word,
  uncovered metal (`J40.6`) always says uncovered, covered metal (`J40.5`) always says (fully) covered; a pancreatic
  stent always says pancreatic / PD;
- brushings (`Y21.1`) only where the scenario codes them; no biopsy word except at the ampulla (its own code);
- stone extraction says balloon and/or basket; lithotripsy says mechanical lithotripsy / lithotripter.
Placeholders {n} (a small count) and {mm} (a size) are filled by the caller.
"""

from __future__ import annotations

import random

from .text import pick

CANNULATE = ("Selective biliary cannulation", "Deep biliary cannulation (sphincterotome and 0.035 wire)",
             "Wire-guided CBD cannulation", "Bile duct cannulated with a sphincterotome and guidewire",
             "Deep CBD access achieved", "Cannulation of the CBD: straightforward", "CBD cannulated at the first pass",
             "Biliary access with a hydrophilic wire")
STONES = ("Cholangiogram: {n} filling defects in a {mm}mm CBD", "CBD dilated to {mm}mm with {n} stones",
          "{n} calculi in a dilated ({mm}mm) bile duct", "Cholangiography showed {n} CBD stones, duct {mm}mm",
          "CBD {mm}mm containing {n} faceted stones", "Multiple filling defects (stones) in the distal CBD, "
          "duct {mm}mm", "{n} mobile filling defects consistent with stones; CBD {mm}mm")
ES = ("Biliary sphincterotomy", "Sphincterotomy performed", "ES (medium size)", "Endoscopic sphincterotomy with "
      "Endocut", "Sphincterotomy made along the 11 o'clock axis", "Full biliary sphincterotomy", "ES done",
      "Sphincterotomy (pull-type sphincterotome)", "Generous sphincterotomy")
EXTRACT = ("stones extracted with a {mm}mm balloon", "duct swept with an extraction balloon x{n}, stones removed",
           "stones delivered with balloon and Dormia basket", "balloon trawls x{n} - stones and sludge removed",
           "stone extraction with a basket then balloon sweeps", "all stones removed with an occlusion balloon",
           "stones retrieved with a Dormia basket", "balloon sweep cleared the stones")
CLEAR = ("Occlusion cholangiogram clear", "Duct clear at the end", "Final cholangiogram: no residual filling "
         "defects", "Clear occlusion cholangiogram", "No residual stones on the final balloon cholangiogram",
         "Duct cleared", "Good drainage, duct clear")
PLASTIC = ("10Fr 7cm plastic stent", "10Fr x 9cm straight plastic stent", "plastic biliary stent (10Fr 7cm)",
           "7Fr double pigtail plastic stent", "10Fr Amsterdam-type plastic stent", "straight 10Fr plastic stent")
UNCOVERED = ("uncovered SEMS 10x60mm", "uncovered self-expanding metal stent (10x80mm)", "uncovered metal stent "
             "(Wallflex 10x60)", "uncovered biliary SEMS", "uncovered metal biliary stent, 10mm x 6cm")
COVERED = ("fully covered SEMS 10x60mm", "FCSEMS (fully covered metal stent) 10x60", "covered self-expanding "
           "metal stent", "fully covered metal biliary stent 10mm x 6cm", "covered SEMS (Wallflex FC)")
PLACED = ("{s} placed", "{s} inserted", "{s} deployed across it", "placement of a {s}", "{s} sited with good "
          "drainage", "{s} inserted, bile and contrast draining")
STRICTURE = ("Tight distal CBD stricture ({mm}mm long) with upstream dilatation", "Shouldered distal bile duct "
             "stricture, dilated duct above", "{mm}mm distal CBD stricture, proximal dilatation",
             "Malignant-looking distal biliary stricture", "Cholangiogram: distal CBD stricture, duct above {mm}mm")
MID_STRICTURE = ("Irregular mid CBD stricture, {mm}mm long", "Mid bile duct stricture, malignant-looking",
                 "Stricture of the mid CBD with upstream dilatation", "Cholangiogram: {mm}mm mid CBD stricture")
BRUSH = ("Brushings taken for cytology", "Brush cytology x2", "Cytology brushings obtained", "Stricture brushed "
         "(cytology)", "Biliary brushings x{n} for cytology")


def _plastic(rng: random.Random) -> str:
    return pick(rng, PLACED).format(s=pick(rng, PLASTIC))


def join_parts(rng: random.Random, parts: list[str]) -> str:
    parts = [p for p in parts if p]
    sep = pick(rng, (". ", ". ", "; ", ", "))
    return sep.join(case_first(p, sep == ". " or i == 0) for i, p in enumerate(parts)) + "."


def case_first(text: str, upper: bool) -> str:
    if upper:
        return text[0].upper() + text[1:]
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def stones(rng: random.Random) -> str:
    cann = pick(rng, CANNULATE) if rng.random() < 0.6 else ""
    return join_parts(rng, [cann, pick(rng, STONES), pick(rng, ES), pick(rng, EXTRACT), pick(rng, CLEAR)])


def stones_stent(rng: random.Random) -> str:
    fail = pick(rng, ("Large {mm}mm stone not extracted with balloon or basket", "{mm}mm stone could not be "
                      "removed with balloon or basket", "Extraction of the {mm}mm stone failed (balloon and "
                      "basket)", "Stone too large to extract ({mm}mm)"))
    return join_parts(rng, [pick(rng, ES), fail, _plastic(rng) + pick(rng, ("", " for drainage", " to keep the duct "
                                                                       "draining"))])


def malignant_metal(rng: random.Random) -> str:
    return join_parts(rng, [pick(rng, STRICTURE), pick(rng, PLACED).format(s=pick(rng, UNCOVERED))])


def covered(rng: random.Random) -> str:
    return join_parts(rng, [pick(rng, STRICTURE), pick(rng, PLACED).format(s=pick(rng, COVERED))])


def brush(rng: random.Random) -> str:
    return join_parts(rng, [pick(rng, MID_STRICTURE), pick(rng, BRUSH), _plastic(rng)])


def stent_change(rng: random.Random) -> str:
    out = pick(rng, ("Existing plastic stent removed with a snare", "Old stent grasped with a snare and removed",
                     "Indwelling plastic stent retrieved (rat-tooth forceps)", "Blocked plastic stent removed"))
    still = pick(rng, ("stricture persists", "cholangiogram: stricture unchanged", "wire passed across the "
                       "stricture", ""))
    return join_parts(rng, [out, still, "new " + pick(rng, PLASTIC) + pick(rng, (" inserted", " placed over the wire"))])


def pancreatic(rng: random.Random) -> str:
    seen = pick(rng, ("Pancreatogram: dilated irregular PD with a stricture in the head", "PD stricture in the head, "
                      "upstream dilatation", "Irregular dilated pancreatic duct, head stricture"))
    stent = pick(rng, ("7Fr pancreatic stent placed", "pancreatic duct stent (7Fr 5cm) inserted", "7Fr PD stent "
                       "across the stricture", "5Fr pancreatic stent placed"))
    return join_parts(rng, [seen, stent])


def stent_removal(rng: random.Random) -> str:
    out = pick(rng, ("Stent removed with a snare", "Biliary stent retrieved with a snare", "Plastic stent removed",
                     "Stent grasped and removed"))
    return join_parts(rng, [out, pick(rng, ("occlusion cholangiogram: no residual stones", "cholangiogram clear, no "
                                       "filling defects", "no stones on the cholangiogram"))])


def trawl(rng: random.Random) -> str:
    old = pick(rng, ("Previous sphincterotomy seen", "Old ES noted, easy cannulation", "Patent previous "
                     "sphincterotomy", "Wide existing sphincterotomy"))
    get = pick(rng, ("balloon trawl x{n} retrieved small stones and sludge", "{n} small stones removed with "
                     "balloon sweeps", "stones cleared with an extraction balloon", "stones extracted with a "
                     "Dormia basket"))
    return join_parts(rng, [old, get, pick(rng, CLEAR)])


def lithotripsy(rng: random.Random) -> str:
    crush = pick(rng, ("{mm}mm stone crushed with a mechanical lithotripter basket", "mechanical lithotripsy of "
                       "the {mm}mm stone", "large {mm}mm stone fragmented by mechanical lithotripsy",
                       "{mm}mm stone captured and crushed (mechanical lithotripsy)"))
    return join_parts(rng, [pick(rng, ES), crush, pick(rng, ("fragments cleared with a balloon", "fragments swept out",
                                                        "fragments removed with balloon trawls")),
                       pick(rng, CLEAR)])


def failed(rng: random.Random) -> str:
    why = pick(rng, ("Papilla within a large periampullary diverticulum", "Papilla at the rim of a diverticulum",
                     "Small, difficult papilla", "Papilla hard to position"))
    fail = pick(rng, ("biliary cannulation failed despite wire-guided attempts", "unable to cannulate the bile "
                      "duct", "failed biliary cannulation after {n} attempts", "no contrast into the CBD despite "
                      "repeated attempts"))
    stop = pick(rng, ("procedure abandoned", "abandoned - for PTC or repeat", "stopped", "procedure terminated"))
    return join_parts(rng, [why, fail, stop])


def ampullary(rng: random.Random) -> str:
    seen = pick(rng, ("Bulky friable ampulla", "Enlarged irregular papilla", "Ampullary lesion, {mm}mm, friable",
                      "Ulcerated bulky papilla"))
    return join_parts(rng, [seen, pick(rng, ("biopsies taken", "biopsied x{n}", "biopsies for histology")),
                       pick(rng, ("cannulation not attempted", "no cannulation", "cannulation deferred"))])


GRAMMARS = {"stones_sphincterotomy": stones, "gallstone_pancreatitis": stones, "stones_stent": stones_stent,
            "malignant_metal": malignant_metal, "covered_sems": covered, "malignant_brush": brush,
            "stent_change": stent_change, "chronic_pancreatitis": pancreatic, "stent_removal": stent_removal,
            "balloon_trawl": trawl, "lithotripsy": lithotripsy, "failed_cannulation": failed,
            "ampullary": ampullary}
