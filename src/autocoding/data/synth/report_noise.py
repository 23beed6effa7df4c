"""Surface noise of real documents that changes no meaning: spacing, case, hard line wraps, bullet marks, typos.

Applied to a whole rendered document once, driven by the document's `random.Random`, so the same seed always gives
the same text. Nothing here deletes a word or splits one, so every piece of evidence survives (a line wrap only
turns a space into a newline; case changes keep the letters; typos spare PROTECTED_STEMS, see `text.typos`).
"""

from __future__ import annotations

import random
import re

from .text import pick, typos

BULLETS = ("- ", "* ", "\u2022 ", "o ", "> ", "")
_SENTENCE_END = re.compile(r"([.;]) (?=[A-Z])")


def noise(rng: random.Random, text: str, typo_rate: float = 0.01, case: bool = True) -> str:
    """A document's surface noise: a few of spacing, case (unless `case` is False), wrapping and slips."""
    r = rng.random() if case else 1.0
    if r < 0.06:
        text = text.upper()                    # old systems and some exports print everything in capitals
    elif r < 0.12:
        text = _lower_sentences(text)          # a hurried author who never uses capitals
    if rng.random() < 0.15:
        text = _spacing(rng, text)
    if rng.random() < 0.12 and "\n" not in text[:200]:
        text = wrap(text, 60 + int(rng.random() * 25))
    return typos(rng, text, typo_rate * pick(rng, (0.5, 1.0, 1.0, 2.0, 3.0)))


def bullet(rng: random.Random) -> str:
    return pick(rng, BULLETS)


def wrap(text: str, width: int) -> str:
    """Hard-wrap each line at `width` characters, at spaces only (a word is never split)."""
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                break
            out.append(line[:cut])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def _lower_sentences(text: str) -> str:
    # keep upper-case abbreviations (OGD, GOJ, LA, BBPS) upper: they are how the author writes them
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in text.split(" "))


def _spacing(rng: random.Random, text: str) -> str:
    kind = int(rng.random() * 4)
    if kind == 0:
        return _SENTENCE_END.sub(r"\1  ", text)          # two spaces after a full stop (typists of a certain age)
    if kind == 1:
        return _SENTENCE_END.sub(r"\1", text)            # no space after a full stop
    if kind == 2:
        return text.replace(": ", " : ").replace(", ", " , ", 1)
    return text.replace("\n", " \n")                      # trailing spaces at line ends
