"""The written form of codes: one normalisation for every way a trust writes a code.

`K63.5`, `K635`, `k63.5`, ` K63.5 ` -> `K63.5`; NHS filler `I10X` / `I10.X` / `I10X-` -> `I10`; dagger and asterisk
marks (`A17.0†`, `G01X*`, and the HES letter suffixes `A170D` / `G01XA`) stripped. Canonical form: upper case, a dot
after the third character (ICD-10, ICD-10-CM, OPCS-4); ICD-10-PCS codes are seven characters without a dot.

Normalisation is a pure function of (system, raw string), cached per process: the 1.1M-episode build calls it about
5 million times on a few thousand distinct strings, so the cache turns each call into one dict look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


class CodeFormatError(ValueError):
    """A string that cannot be a code of the system (wrong shape), whatever the code table says."""


@dataclass(frozen=True)
class Syntax:
    label: str  # how messages name the system, e.g. "ICD-10"
    pattern: re.Pattern  # the compact form (no dot) of a well-formed code
    example: str  # shown in format errors
    shape: str  # the pattern in words
    dotted: bool = True  # canonical form has a dot after the third character
    x_filler: bool = False  # NHS pads three-character ICD-10 codes with X (I10X); drop it
    hes_marks: bool = False  # HES writes dagger / asterisk as a fifth letter D / A (A170D, G01XA)


SYNTAXES: dict[str, Syntax] = {
    "icd10": Syntax(
        "ICD-10", re.compile(r"[A-Z]\d\d\d{0,2}"), "K63.5",
        "a letter, two digits, then up to two more digits", x_filler=True, hes_marks=True,
    ),
    "opcs4": Syntax("OPCS-4", re.compile(r"[A-Z]\d\d\d?"), "G45.1", "a letter, two digits, then one more digit"),
    "icd10cm": Syntax(
        "ICD-10-CM", re.compile(r"[A-Z]\d[A-Z\d][A-Z\d]{0,4}"), "K63.5",
        "a letter, a digit, a letter or digit, then up to four letters or digits", x_filler=True,
    ),
    # PCS: seven characters from digits and letters without I and O
    "icd10pcs": Syntax(
        "ICD-10-PCS", re.compile(r"[0-9A-HJ-NP-Z]{7}"), "0DTJ4ZZ",
        "seven characters from 0-9 and A-Z without I and O", dotted=False,
    ),
}

_MARKS = str.maketrans("", "", "†‡*+! \t\u00a0")  # dagger, double dagger, asterisk, other flags, blanks
_HES_SUFFIX = re.compile(r"([A-Z]\d\d[\dX])[DA]")


def compact(system: str, raw: str) -> str:
    """Upper case, marks/dots/blanks removed, trailing '-' fillers removed, NHS X filler removed (ICD-10)."""
    syntax = SYNTAXES[system]
    text = raw.upper().translate(_MARKS).rstrip("-")
    if "." in text:
        head, _, tail = text.partition(".")
        if len(head) != 3 or "." in tail:
            return text  # a dot anywhere but after the third character: left for the pattern to refuse
        text = head + tail
    if syntax.hes_marks and _HES_SUFFIX.fullmatch(text):
        text = text[:4]
    if syntax.x_filler and len(text) == 4 and text[3] == "X" and text[:3].isalnum():
        text = text[:3]
    return text


def dotted(system: str, code: str) -> str:
    """The canonical written form of a compact code."""
    return f"{code[:3]}.{code[3:]}" if SYNTAXES[system].dotted and len(code) > 3 else code


@lru_cache(maxsize=500_000)
def normalise(system: str, raw: str) -> str:
    """Canonical form of `raw` as a code of `system`; CodeFormatError when its shape cannot be one.

    Only the shape is checked here; whether the code exists is the code table's business (CodeSystem.check)."""
    if not isinstance(raw, str):
        raise CodeFormatError(f"{raw!r} is not an {SYNTAXES[system].label} code: not text")
    code = compact(system, raw)
    syntax = SYNTAXES[system]
    if not syntax.pattern.fullmatch(code):
        shown = raw.strip() or "an empty string"
        raise CodeFormatError(
            f"{shown!r} is not an {syntax.label} code: expected {syntax.shape} (e.g. {syntax.example})"
        )
    return dotted(system, code)
