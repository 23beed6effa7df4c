"""Text helpers for the synthetic documents: variants, UK abbreviations, negation, uncertainty and typos.

Everything here is plain string work driven by one `random.Random` per patient, so that a document costs a few
microseconds and the same seed always gives the same text. Phrase tables are tuples of alternatives; `pick`
chooses one. Typos are applied to whole documents at a small rate, and never inside code-bearing key words (they
mimic what a hurried author leaves, not what would hide the evidence from a reader).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# UK clinical abbreviations: full form -> alternatives an author might write instead (same meaning).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "oesophago-gastro-duodenoscopy": ("OGD", "gastroscopy", "OGD"),
    "colonoscopy": ("colonoscopy", "colonoscopy", "colon"),
    "flexible sigmoidoscopy": ("flexi sig", "flexible sigmoidoscopy", "FS"),
    "second part of the duodenum": ("D2", "D2", "second part of duodenum"),
    "gastro-oesophageal junction": ("GOJ", "GOJ", "OGJ"),
    "squamocolumnar junction": ("SCJ", "Z-line", "SCJ"),
    "biopsies": ("Bx", "biopsies", "bx"),
    "terminal ileum": ("TI", "terminal ileum", "TI"),
    "iron deficiency anaemia": ("IDA", "iron deficiency anaemia", "IDA"),
    "change in bowel habit": ("CIBH", "change in bowel habit", "altered bowel habit"),
    "rectal bleeding": ("PR bleeding", "PR bleed", "rectal bleeding"),
    "no abnormality detected": ("NAD", "nil abnormal", "normal"),
    "lumbar puncture": ("LP", "lumbar puncture", "LP"),
    "intravenous methylprednisolone": ("IVMP", "IV methylprednisolone", "IV methylpred"),
    "electroencephalogram": ("EEG", "EEG", "electroencephalogram"),
    "functional neurological disorder": ("FND", "functional neurological disorder", "FND"),
}

NEGATIONS: tuple[str, ...] = (
    "no evidence of {x}",
    "no {x} seen",
    "{x} excluded",
    "no features of {x}",
    "{x} not seen",
    "negative for {x}",
)

UNCERTAIN: tuple[str, ...] = ("?{x}", "possible {x}", "likely {x}", "probable {x}", "suspected {x}", "{x} (query)")

# stems of words that carry a code's evidence; typos spare them so a slip never removes the only evidence
PROTECTED_STEMS = ("snar", "biops", "polyp", "barrett", "coeliac", "band", "divertic", "carcinom", "adenom", "pylori",
                   "sclerosis", "function", "immunoglob", "lumbar", "angiod", "angioect", "declin", "intracran", "iron",
                   "ulcer", "varic", "gastrit", "oesophagit", "colitis", "haemorrh", "stricture", "hernia", "dysplas",
                   "seizure", "epilep", "dissociat", "syncop", "migrain", "amnesia", "transient", "palsy", "positional",
                   "guillain", "parkinson", "meningit", "infarct", "stroke", "trigemin", "alcohol", "hyponat", "patch",
                   "polysomn", "dural", "carotid", "occipital", "status", "collapse", "faint",
                   # sites and extent: site-specific codes and the colonoscopy / sigmoidoscopy split depend on them
                   "caec", "ileum", "colon", "flexur", "hepat", "splen", "transvers", "ascend", "descend", "sigmoid", "rect", "duoden",
                   "oesophag", "antr", "gastr", "stomach", "fundus", "incomplet", "crohn", "neoplas", "tumour", "lesion",
                   # ERCP / EUS evidence (J38 sphincterotomy, J41.3 lithotripsy, Y21.1 brushings, Y20.4 aspiration)
                   "sphincter", "lithotri", "brush", "aspirat", "cholangi", "pancrea")
_KEYBOARD_NEIGHBOURS = {
    "a": "s", "e": "r", "i": "o", "o": "i", "n": "m", "t": "r", "s": "a", "r": "e", "l": "k", "c": "v", "u": "y",
}


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """One alternative; `options[int(...)]` is ~3x faster than `rng.choice` for short tuples."""
    return options[int(rng.random() * len(options))]


def pick_frame(rng: random.Random, *frames: str) -> str:
    """One of `frames` with its runs of whitespace made single spaces (an empty slot leaves none behind)."""
    return " ".join(pick(rng, frames).split())


def abbreviate(rng: random.Random, term: str) -> str:
    """The full term or one of its UK abbreviations."""
    alternatives = ABBREVIATIONS.get(term)
    if alternatives is None or rng.random() < 0.25:
        return term
    return pick(rng, alternatives)


def negate(rng: random.Random, term: str) -> str:
    return pick(rng, NEGATIONS).format(x=term)


def uncertain(rng: random.Random, term: str) -> str:
    return pick(rng, UNCERTAIN).format(x=term)


def join_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a full stop (authors are not always this tidy: see `typos`)."""
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!:" else text + "."


def typos(rng: random.Random, text: str, rate: float) -> str:
    """Introduce a few keyboard slips (swap, drop, neighbour key, doubled letter) at `rate` per word.

    Only in words longer than 4 letters that are not upper-case abbreviations ('OGD' survives) and that do not
    carry a code's evidence (PROTECTED_STEMS).
    """
    if rate <= 0 or rng.random() > rate * 40:  # most documents are clean; skip the split for them
        return text
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and not word.isupper() and rng.random() < rate * 1.5:
            lower = word.lower()
            if not any(stem in lower for stem in PROTECTED_STEMS):
                words[i] = _slip(rng, word)
    return " ".join(words)


def _slip(rng: random.Random, word: str) -> str:
    j = 1 + int(rng.random() * (len(word) - 2))
    kind = int(rng.random() * 4)
    if kind == 0:  # transposition
        return word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
    if kind == 1:  # dropped letter
        return word[:j] + word[j + 1 :]
    if kind == 2:  # neighbouring key
        return word[:j] + _KEYBOARD_NEIGHBOURS.get(word[j], word[j]) + word[j + 1 :]
    return word[:j] + word[j] + word[j:]  # doubled letter
