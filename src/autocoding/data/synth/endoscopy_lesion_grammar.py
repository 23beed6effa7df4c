"""Slot grammars for lesions: suspected cancers, large non-pedunculated polyps (LST), benign oesophageal strictures
and gastric polyps.

The rules that keep the codes fixed: a suspected cancer stays suspected (its code comes from histology), is never
said to be tattooed, stented or impassable (those are coded or change the extent), and keeps its site (a lower
oesophageal tumour is always in the distal / lower third of the oesophagus, C15.5); an LST keeps its drawn size
({n}0mm) and its site, and its morphology words (LST-G / LST-NG / granular / Paris 0-IIa+Is) are not coded; a benign
stricture stays benign and the scope still passes; gastric polyps stay fundic gland / gastric polyps in the stomach.
"""

from __future__ import annotations

from .text import pick, pick_frame

SUSPICION = ("suspicious for malignancy", "malignant-looking", "likely malignant", "?malignant", "?cancer",
             "highly suspicious of cancer", "looks malignant", "in keeping with a neoplasm")


def colon_cancer(rng, p, site):
    mm, sus = p["mm"], pick(rng, SUSPICION)
    look = pick(rng, ("ulcerated", "fungating", "friable", "exophytic", "ulcerated, friable", "polypoid, ulcerated",
                      "semi-circumferential", "circumferential, ulcerated"))
    head = pick(rng, ("mass", "tumour", "lesion", "mass lesion", "growth"))
    size = pick(rng, (f"{mm}mm", f"{mm} mm", f"approx {mm}mm", "large", f"{mm}mm+"))
    return pick_frame(rng, f"{size} {look} {head} in the {site}, {sus}", f"{site}: {look} {head} ({size}) - {sus}",
                f"{look} {head} at the {site}, {sus}", f"{site.capitalize()} - {size} {look} {head}; {sus}",
                f"{sus} {look} {head}, {site}", f"there is a {look} {head} in the {site} - {sus}",
                f"{head} {site} ({look}, {size}), {sus}")


def oes_tumour(rng, p, site):
    top, sus = 32 + int(rng.random() * 5), pick(rng, SUSPICION)
    look = pick(rng, ("ulcerated", "friable", "exophytic", "nodular, ulcerated", "circumferential", "stricturing"))
    where = pick(rng, ("distal oesophagus", "lower oesophagus", "lower third of the oesophagus",
                       f"distal oesophagus from {top}cm", f"lower oesophagus ({top}-{top + 4}cm)"))
    head = pick(rng, ("tumour", "mass", "lesion", "malignant-looking stricture"))
    return pick_frame(rng, f"{look} {head} in the {where}, {sus}", f"{where}: {look} {head} - {sus}",
                f"{sus} {look} {head}, {where}", f"{head} ({look}) in the {where}; {sus}")


def gastric_tumour(rng, p, site):
    sus = pick(rng, SUSPICION)
    head = pick(rng, ("ulcer with rolled edges", "ulcerated mass", "mass", "malignant-looking ulcer",
                      "irregular ulcer with heaped-up margins", "infiltrating lesion"))
    return pick_frame(rng, f"{head} in the {site}, {sus}", f"{site}: {head} - {sus}", f"{sus} {head}, {site}",
                f"large {head} ({site}); {sus}")


def lst(rng, p, site):
    size = pick(rng, (f"{p['n']}0mm", f"{p['n']}0 mm", f"{p['n']}cm", f"approx {p['n']}cm", f"~{p['n']}0mm"))
    kind = pick(rng, ("LST-G", "granular LST", "LST-G (homogeneous)", "LST-G nodular mixed", "LST-NG",
                      "non-granular LST (flat elevated)", "Paris 0-IIa LST", "Paris 0-IIa+Is lesion",
                      "large non-pedunculated polyp (LNPCP)", "flat lateral spreading lesion", "sessile lesion"))
    smsa = pick(rng, ("", "", ", SMSA 3", ", SMSA 4", ", no features of deep invasion", ", clear margins on NBI",
                      ", no depression"))
    return pick_frame(rng, f"{size} {kind} in the {site}{smsa}", f"{site}: {size} {kind}{smsa}",
                f"{kind} ({size}) at the {site}{smsa}", f"{site.capitalize()} - {kind}, {size}{smsa}",
                f"{kind}, {size}, {site}{smsa}", f"large {kind} in the {site} ({size}){smsa}")


def stricture(rng, p, site):
    at = 33 + int(rng.random() * 7)
    head = pick(rng, ("stricture", "peptic stricture", "benign stricture", "benign-looking stricture",
                      "short stricture", "smooth stricture"))
    where = pick(rng, (f"at {at}cm", "at the GOJ", "in the distal oesophagus", f"in the lower oesophagus ({at}cm)",
                       "just above the GOJ", f"at {at}cm ab oral"))
    passed = pick(rng, ("", ", scope passed", ", scope passed with resistance", ", traversed with gentle pressure",
                        ", passable with the standard scope", ", scope passed easily"))
    look = "" if "benign" in head else pick(rng, ("", "smooth, ", "benign-appearing, ", "regular, ",
                                                  "short, smooth, "))
    return pick_frame(rng, f"{look}{head} {where}{passed}", f"{head} {where} ({look.rstrip(', ') or 'benign-looking'})"
                f"{passed}", f"Oesophagus: {look}{head} {where}{passed}", f"{where} - {look}{head}{passed}")


def gastric_polyp(rng, p, site):
    n, mm = p["n"], p["mm"]
    few = pick(rng, (f"{n}", "multiple", "several", "a few", "numerous small", f"{n} small", "scattered"))
    head = pick(rng, ("fundic gland polyps", "FGPs", "fundic gland-type polyps", "gastric polyps",
                      "small sessile polyps", "fundic polyps"))
    return pick_frame(rng, f"{few} {head} in the {site}", f"{site}: {few} {head}", f"{head} x{n}, {site}",
                f"{few} {head} ({site})", f"{site.capitalize()} - {few} {head}, largest {mm}mm")


GRAMMARS = {"cancer": colon_cancer, "oes_tumour": oes_tumour, "gastric_tumour": gastric_tumour, "lst": lst,
            "stricture": stricture, "gastric_polyp": gastric_polyp}
