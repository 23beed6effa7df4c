"""Slot grammars for the OGD findings that had only a few fixed wordings: routine duodenal and oesophageal biopsies,
erosive gastritis, H. pylori (CLO positive) gastritis, oesophageal candida and eosinophilic oesophagitis.

What keeps the codes fixed: routine biopsies are taken from mucosa that looks normal (the code comes from the
histology, so no abnormal appearance is described); erosive gastritis always names erosions and never an ulcer
(K29.1); CLO-positive gastritis always names H. pylori / Helicobacter and a positive CLO / urease test (K29.7 with
B98.0); candida always names candida (B37.8); visible EoE always names EoE or eosinophilic oesophagitis (K20).
"""

from __future__ import annotations

from .text import pick, pick_frame


def d2_bx(rng, p, site):
    k = 2 + int(rng.random() * 4)
    why = pick(rng, ("for coeliac", "to exclude coeliac disease", "(?coeliac)", "for coeliac disease", "- coeliac screen",
                     "to r/o coeliac", ""))
    normal = pick(rng, ("normal", "macroscopically normal", "normal-looking", "unremarkable", "normal villous pattern"))
    return pick_frame(rng, f"{site} {normal}, biopsies x{k} {why}", f"{site}: {normal}; D2 Bx x{k} {why}",
                f"{normal} {site} - duodenal biopsies {why} (D1 x1, D2 x{k})", f"D2 biopsies {why}, {site} {normal}",
                f"{normal} mucosa in the {site}, {k} biopsies taken {why}")


def oes_random_bx(rng, p, site):
    why = pick(rng, ("to exclude EoE", "for EoE", "(?eosinophilic oesophagitis)", "to rule out EoE", "- EoE screen"))
    k, levels = 4 + int(rng.random() * 5), pick(rng, ("proximal and distal", "from 2 levels", "upper and lower",
                                                        "from the upper, mid and lower oesophagus", "mid and distal"))
    return pick_frame(rng, f"normal-looking {site}, biopsies {levels} {why}", f"{site}: macroscopically normal, Bx x{k} "
                f"({levels}) {why}", f"normal {site} - {k} biopsies {levels} {why}", f"{site} normal; random "
                f"biopsies {why}", f"no visible abnormality in the {site}; {k} Bx {levels} {why}")


def erosive_gastritis(rng, p, site):
    few = pick(rng, ("multiple", "scattered", "a few", "several", "numerous small", "patchy"))
    head = pick(rng, ("erosions", "superficial erosions", "flat erosions", "aphthous erosions"))
    why = pick(rng, ("", " ?NSAID related", ", no ulcer", " ?NSAIDs", ", no active bleeding"))
    return pick_frame(rng, f"{few} {head} in the {site}{why}", f"{site}: {few} {head}{why}",
                f"erosive gastritis ({site}){why}", f"erosive gastropathy, {few} {head} in the {site}{why}",
                f"{site} - erosive gastritis with {few} {head}{why}")


def hp_clo(rng, p, site):
    test = pick(rng, ("CLO test positive", "CLO +ve", "rapid urease test positive", "CLO positive at 1 hour",
                      "CLO test +ve at 20 min", "RUT positive"))
    bug = pick(rng, ("H. pylori", "H pylori", "Helicobacter pylori", "Helicobacter"))
    look = pick(rng, ("antral gastritis", "nodular antral gastritis", "erythematous antral mucosa", "gastritis",
                      "mild antral gastritis"))
    return pick_frame(rng, f"{look}, {test} ({bug})", f"{look} in the {site} - {test} for {bug}",
                f"{bug} gastritis: {look}, {test}", f"{site}: {look}; {test} - {bug} positive",
                f"{look} ({test} - {bug})")


def candida(rng, p, site):
    look = pick(rng, ("white plaques", "adherent white plaques", "scattered white plaques", "confluent white plaques",
                      "white adherent exudate"))
    where = pick(rng, ("throughout the oesophagus", "in the mid and distal oesophagus", "in the oesophagus",
                       "along the length of the oesophagus"))
    head = pick(rng, ("candida", "oesophageal candidiasis", "candida oesophagitis", "oesophageal candida",
                      "candidiasis"))
    return pick_frame(rng, f"{look} {where} c/w {head}", f"{head} - {look} {where}", f"{look} {where} ({head})",
                f"Oesophagus: {head}, {look}", f"{look} {where}, in keeping with {head}")


def eoe_visible(rng, p, site):
    signs = pick(rng, ("linear furrows", "concentric rings", "furrows and rings", "white exudates and furrows",
                       "trachealisation with furrows", "rings, furrows and exudates", "oedema and linear furrows"))
    head = pick(rng, ("EoE", "eosinophilic oesophagitis", "?EoE", "likely EoE", "eosinophilic oesophagitis (EoE)"))
    return pick_frame(rng, f"{signs} - {head}", f"{head}: {signs}", f"{signs} in the {site}, {head}",
                f"{site}: {signs}, {head}", f"{site}: {signs} c/w {head}, biopsies x6")


GRAMMARS = {"d2_bx": d2_bx, "oes_random_bx": oes_random_bx, "erosive_gastritis": erosive_gastritis, "hp_clo": hp_clo,
            "candida": candida, "eoe_visible": eoe_visible}
