"""A slot grammar for colonic polyps: size, morphology, site and word order drawn independently.

One polyp at one site is written in the many shapes real reports use ('sigmoid: 6mm sessile polyp', 'polyp (6mm,
Paris 0-Is) sigmoid colon', 'Sigmoid colon - polyp x1, 6 mm', 'a 6mm sessile polyp was seen in the sigmoid at
25cm'). The slots never change what is coded: the size is the drawn size (or a word that is true of it: diminutive
is at most 5mm, small under 10mm, large 20mm or more), the morphology words are those already used for the polyp
finding (morphology is not coded), and the site is always one of the site's own names, now and then with a
distance from the anal verge or a landmark that lies in that same segment.
"""

from __future__ import annotations

import random

from .endoscopy_tables import Site
from .text import pick

# how far in a segment usually lies (cm from the anal verge, on withdrawal) or a landmark within it
DISTANCES: dict[str, tuple[int, int]] = {"rectum": (4, 14), "rectosigmoid": (15, 19), "sigmoid": (20, 38),
                                         "descending": (40, 55)}
LANDMARKS: dict[str, tuple[str, ...]] = {
    "caecum": ("near the ileocaecal valve", "adjacent to the appendix orifice", "opposite the ICV",
               "just beyond the IC valve", "at the base of the caecum"),
    "ascending": ("just above the ileocaecal valve",),
    "rectum": ("on retroflexion", "just above the dentate line", "on a rectal valve"),
    "transverse": (", on a haustral fold", "on the far side of a fold"),
}
MORPHOLOGY = ("sessile", "sessile", "Paris 0-Is", "0-Is", "Paris Is", "flat", "flat elevated (0-IIa)", "Paris 0-IIa",
              "0-IIa", "slightly raised (Paris IIa)", "broad-based", "sessile (0-Is)", "")
STALKED = ("pedunculated", "Paris 0-Ip", "0-Ip", "semi-pedunculated (0-Isp)", "stalked", "Paris Isp", "on a stalk")
SURFACE = ("", "", "", "", ", regular surface", ", smooth surface", ", no features of invasion", ", lobulated",
           ", no depression or ulceration", ", non-ulcerated")
NOUNS = ("polyp", "polyp", "polyp", "polyp", "polypoid lesion")


def size(rng: random.Random, mm: int) -> str:
    """The drawn size in one of its written forms, or a word that is true of it."""
    forms = [f"{mm}mm", f"{mm} mm", f"approx {mm}mm", f"~{mm}mm", f"est. {mm}mm", f"{mm}mm",
             f"{mm}mm (estimated against open snare)", f"{mm} millimetre"]
    if mm <= 5:
        forms += ["diminutive", f"diminutive ({mm}mm)", "tiny", f"{mm}mm diminutive"]
    if mm < 10:
        forms += ["small", f"small ({mm}mm)", f"sub-centimetre ({mm}mm)", f"{mm}mm sub-cm"]
    if mm >= 10:
        forms += [f"{mm / 10:g}cm", f"{mm / 10:g} cm", f"approx {mm / 10:g}cm"]
    if mm >= 20:
        forms += [f"large {mm}mm", f"large ({mm / 10:g}cm)"]
    return pick(rng, forms)


def morphology(rng: random.Random, mm: int) -> str:
    return pick(rng, STALKED if mm >= 8 and rng.random() < 0.25 else MORPHOLOGY)


def site_form(rng: random.Random, site: Site, name: str) -> tuple[str, str]:
    """(the site after 'in the', the site as a heading): always the site's own name, sometimes with where in it."""
    far = DISTANCES.get(site.key)
    r = rng.random()
    if far and r < 0.3:
        cm = far[0] + int(rng.random() * (far[1] - far[0] + 1))
        where = pick(rng, (f"{name} at {cm}cm", f"{name} ({cm}cm)", f"{name}, {cm}cm from the anal verge",
                           f"{name} at {cm} cm"))
        return where, where
    if site.key in LANDMARKS and r < 0.45:
        return f"{name} {pick(rng, LANDMARKS[site.key])}".replace(" ,", ","), name
    return name, name


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def polyp_text(rng: random.Random, params: dict, site: Site, name: str) -> str:
    """One polyp, its slots drawn independently and put in one of the word orders reports use."""
    mm = int(params["mm"])
    sz, morph, noun = size(rng, mm), morphology(rng, mm), pick(rng, NOUNS)
    where, head = site_form(rng, site, name)
    surface = pick(rng, SURFACE) if mm >= 6 else ""
    morph_ = f"{morph} " if morph else ""
    paren = f"{sz}, {morph}" if morph else sz
    frames = (
        f"{sz} {morph_}{noun} in the {where}{surface}",
        f"{_cap(head)}: {sz} {morph_}{noun}{surface}",
        f"{noun} ({paren}) {where}",
        f"{_cap(head)} - {noun} x1, {sz}" + (f", {morph}" if morph else ""),
        f"{where} {sz} {morph_}{noun}",
        f"single {sz} {morph_}{noun} at the {where}",
        f"{noun}: {where}, {sz}" + (f", {morph}" if morph else "") + surface,
        f"{morph_}{noun}, {sz}, {where}",
        f"a {sz} {morph_}{noun} was seen in the {where}{surface}",
        f"in the {where} there was a {sz} {morph_}{noun}",
        f"{_cap(head)} -- {paren} {noun}",
        f"{sz} {noun} ({morph or 'sessile'}) - {where}",
        f"{noun} x1 {where} ({paren})",
        f"{_cap(head)}: {noun}. Size {mm}mm." + (f" Morphology {morph}." if morph else ""),
    )
    return " ".join(pick(rng, frames).split())
