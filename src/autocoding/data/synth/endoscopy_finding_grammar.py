"""Slot grammars for the common OGD and colonoscopy findings other than polyps (`endoscopy_polyp_grammar`).

Each finding is composed from a head (the finding's names, UK abbreviations and eponyms included), the grade in
each of its written forms (LA B / LA grade B / Los Angeles B; Prague C2M4 / C2 M4 / 'C2, M4'; grade II / 2nd degree
/ second-degree haemorrhoids; grade 2 / G2 / grade II varices), an optional qualifier that does not change the
code, and a word order. The rules that keep the codes fixed: the grade is always the drawn grade; ungraded
haemorrhoids never carry a grade; gastritis is never called erosive or acute (that is `erosive_gastritis`, K29.1);
varices never bleed here (bleeding varices are their own finding); a new Barrett's segment stays suspected ('?',
'suspected', 'possible') and a known one stays certain; an ulcer keeps a clean base and no stigmata.
"""

from __future__ import annotations

from .text import pick, pick_frame

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
SHORT_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


def hiatus_hernia(rng, p, site):
    n, head = p["n"], pick(rng, ("hiatus hernia", "HH", "hiatal hernia", "sliding hiatus hernia", "sliding HH",
                                 "axial hiatus hernia"))
    size = pick(rng, (f"{n}cm", f"{n} cm", f"approx {n}cm", f"{n}cm axial length", f"~{n}cm"))
    return pick_frame(rng, f"{size} {head}", f"{head} ({size})", f"{head}, {size}", f"GOJ: {size} {head}",
                f"{head} - Z-line {n}cm above the diaphragmatic pinch", f"{head} seen on retroflexion ({size})",
                f"{head} of {size}", f"diaphragmatic pinch {n}cm below the Z-line ({head})")


def reflux_oesophagitis(rng, p, site):
    la = p["la"]
    grade = pick(rng, (f"LA grade {la}", f"LA {la}", f"LA-{la}", f"Los Angeles grade {la}", f"LA class {la}",
                       f"grade {la} (LA classification)", f"Los Angeles {la}", f"LA{la}"))
    head = pick(rng, ("oesophagitis", "reflux oesophagitis", "erosive oesophagitis", "peptic oesophagitis",
                      "reflux oesophagitis", "erosive reflux oesophagitis"))
    where = pick(rng, ("", " in the distal oesophagus", " in the lower oesophagus", " above the Z-line",
                       " of the distal oesophagus", ""))
    return pick_frame(rng, f"{head}, {grade}{where}", f"{grade} {head}{where}", f"{head} ({grade}){where}",
                f"Oesophagus: {head}{where} - {grade}", f"mucosal breaks{where} c/w {grade} {head}",
                f"{head}{where}; {grade}", f"{grade} oesophagitis{where}")


def _barretts(rng, p, suspected: bool):
    c, m = p["c"], p["m"]
    prague = pick(rng, (f"C{c}M{m}", f"C{c} M{m}", f"Prague C{c}M{m}", f"C{c}/M{m}", f"Prague C{c} M{m}",
                        f"Prague C{c}, M{m}", f"(C{c}M{m})"))
    head = pick(rng, ("Barrett's oesophagus", "Barrett's segment", "Barrett's", "Barrett's mucosa",
                      "columnar-lined (Barrett's) oesophagus"))
    if suspected:
        hedge = pick(rng, ("?", "suspected ", "possible ", "query ", "?short segment ", "appearances suggestive of "))
        return pick_frame(rng, f"{hedge}{head} {prague}", f"salmon-coloured mucosa above the GOJ, {hedge}{head}, {prague}",
                    f"{prague} - {hedge}{head}", f"{hedge}{head} ({prague}), biopsied per Seattle",
                    f"columnar mucosa {prague}, {hedge}{head}")
    seen = pick(rng, ("", ", no visible lesion", ", no nodularity", ", flat, no nodules on NBI", ", no VL",
                      ", no visible abnormality on HD-WLE/NBI"))
    return pick_frame(rng, f"known {head} {prague}{seen}", f"{head}, {prague}{seen}", f"{prague} {head}{seen}",
                f"{head}: {prague}{seen}; Seattle protocol biopsies", f"established {head} ({prague}){seen}")


def barretts_new(rng, p, site):
    return _barretts(rng, p, True)


def barretts_known(rng, p, site):
    return _barretts(rng, p, False)


def _place(site: str) -> str:
    return "antral region" if site == "antral" else site


def gastritis(rng, p, site):
    site = _place(site)
    head = pick(rng, ("gastritis", "erythematous gastropathy", "gastritis", "gastritis", "inflamed mucosa",
                      "erythema"))
    mod = pick(rng, ("mild ", "patchy ", "", "mild patchy ", "non-erosive ", "diffuse mild ", ""))
    return pick_frame(rng, f"{mod}{head} in the {site}", f"{site}: {mod}{head}", f"{mod}{head} ({site})",
                f"{site} - {mod}{head}", f"{mod}{head}, {site}", f"{site.capitalize()} {mod}{head}")


def _ulcer(rng, p, site, heads):
    site = _place(site)
    mm, head = p["mm"], pick(rng, heads)
    base = pick(rng, ("clean base", "clean-based", "clean base (Forrest III)", "Forrest III", "no SRH",
                      "flat clean base, no stigmata", "fibrin base, no stigmata"))
    size = pick(rng, (f"{mm}mm", f"{mm} mm", f"approx {mm}mm", f"~{mm}mm"))
    return pick_frame(rng, f"{size} {head} in the {site}, {base}", f"{site}: {size} {head} ({base})",
                f"{head} {size}, {site}, {base}", f"{head} in the {site} - {size}, {base}",
                f"{size} {base} {head}, {site}" if " " not in base else f"{size} {head} ({base}), {site}",
                f"single {size} {head} at the {site}; {base}")


def gastric_ulcer(rng, p, site):
    return _ulcer(rng, p, site, ("gastric ulcer", "GU", "benign-looking gastric ulcer", "ulcer", "gastric ulcer"))


def duodenal_ulcer(rng, p, site):
    return _ulcer(rng, p, site, ("duodenal ulcer", "DU", "bulbar ulcer", "duodenal ulcer", "D1 ulcer"))


def duodenitis(rng, p, site):
    return pick_frame(rng, pick(rng, ("bulbar duodenitis", "duodenitis in D1", "duodenitis", "erythema of the duodenal "
                                "bulb (duodenitis)", "D1 duodenitis")) + pick(rng, ("", ", mild", " with erosions",
                                                                                 ", patchy", "")))


def varices(rng, p, site):
    g = p["g"]
    grade = pick(rng, (f"grade {g}", f"grade {ROMAN[g]}", f"G{g}", f"grade {g}/3", f"gr {ROMAN[g]}"))
    head = pick(rng, ("oesophageal varices", "OV", "varices", "oesophageal varices", "distal oesophageal varices"))
    red = pick(rng, ("", ", no red signs", ", no red wale marks", ", no stigmata", ""))
    return pick_frame(rng, f"{grade} {head}{red}", f"{head}, {grade}{red}", f"{head} ({grade}){red}",
                f"Oesophagus: {grade} {head}{red}", f"{head} - {grade}{red}")


def diverticula(rng, p, site):
    head = pick(rng, ("diverticula", "diverticulosis", "diverticular disease", "diverticular change",
                      "diverticula", "diverticulae"))
    mod = pick(rng, ("scattered ", "a few ", "moderate ", "mild ", "extensive ", "", "uncomplicated ", "numerous "))
    where = pick(rng, ("sigmoid", "sigmoid colon", "left colon", "sigmoid and descending colon", "sigmoid"))
    return pick_frame(rng, f"{mod}{where} {head}", f"{mod}{head} in the {where}", f"{where.capitalize()}: {mod}{head}",
                f"{mod}{head} ({where})", f"{head}, {where}" + pick(rng, ("", ", mild", ", moderate")),
                f"{where} - {mod}{head}, no inflammation")


def _piles(rng, grade: int | None):
    head = pick(rng, ("haemorrhoids", "internal haemorrhoids", "piles", "haemorrhoids", "internal haemorrhoids"))
    where = pick(rng, (" on retroflexion", " on retroversion", "", " at the anorectal junction", "",
                       " seen in retroflexion", " on PR/retroflexion"))
    if grade is None:
        mod = pick(rng, ("", "small ", "prominent ", "non-bleeding ", "", "congested "))
        return pick_frame(rng, f"{mod}{head}{where}", f"{head} ({mod.strip() or 'noted'}){where}",
                    f"Anorectum: {mod}{head}", f"{mod}{head} noted{where}")
    g = pick(rng, (f"grade {grade}", f"grade {ROMAN[grade]}", f"{ORDINAL[grade]} degree", f"{SHORT_ORDINAL[grade]} degree",
                   f"{ORDINAL[grade]}-degree"))
    return pick_frame(rng, f"{g} {head}{where}", f"{head}, {g}{where}", f"{head} ({g}){where}", f"Anorectum: {g} {head}")


def haemorrhoids(rng, p, site):
    return _piles(rng, None)


def haemorrhoids_g1(rng, p, site):
    return _piles(rng, 1)


def haemorrhoids_graded(rng, p, site):
    return _piles(rng, 2)


def haemorrhoids_g3(rng, p, site):
    return _piles(rng, 3)


def angiodysplasia(rng, p, site):
    n = p["n"]
    one, many = pick(rng, (("angiodysplasia", "angiodysplasias"), ("angioectasia", "angioectasias"),
                           ("angiodysplastic lesion", "angiodysplastic lesions"),
                           ("vascular ectasia (angiodysplasia)", "vascular ectasias (angiodysplasia)")))
    return pick_frame(rng, f"{n} small {many} in the {site}", f"{one} x{n} in the {site}", f"{site}: {many} ({n})",
                f"{one}, {site}" + pick(rng, ("", ", non-bleeding", ", flat, cherry red")), f"a few {many}, {site}",
                f"{site} - {n} {many}")


def fissure(rng, p, site):
    head = pick(rng, ("anal fissure", "posterior anal fissure", "fissure-in-ano", "posterior midline anal fissure",
                      "anal fissure (posterior midline)"))
    return pick_frame(rng, head + pick(rng, ("", " noted on PR", " on DRE", ", exam limited by pain", " seen at the anal verge",
                                       " - PR examination painful")))


GRAMMARS = {"fissure": fissure, "hiatus_hernia": hiatus_hernia, "reflux_oesophagitis": reflux_oesophagitis, "barretts_new": barretts_new,
            "barretts_known": barretts_known, "gastritis": gastritis, "gastric_ulcer": gastric_ulcer,
            "duodenal_ulcer": duodenal_ulcer, "duodenitis": duodenitis, "varices": varices,
            "diverticula": diverticula, "haemorrhoids": haemorrhoids, "haemorrhoids_g1": haemorrhoids_g1,
            "haemorrhoids_graded": haemorrhoids_graded, "haemorrhoids_g3": haemorrhoids_g3,
            "angiodysplasia": angiodysplasia}
