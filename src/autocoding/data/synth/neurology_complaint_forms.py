"""Presenting complaints composed from a scenario's parts (`neurology_complaint_parts`): narrative, terse, bullet
and SBAR forms, in the writer's first person ('I saw her with ...') and in the third person ('She describes ...').

A form holds the symptom and, drawn from the parts, its onset, course, associated symptoms, relevant negatives
('no head injury') and examination findings on arrival; it never names a diagnosis, so it is consistent with
every outcome the parts were written for and changes no code.
"""

from __future__ import annotations

from .neurology_complaint_parts import parts
from .text import pick

_THIRD = ("{s} {o}, {c}", "{p} describes {s} {o}, {c}", "{s} {o} and {c}", "{P} reports {s} {o}, {c}",
          "{s}; {o}; {c}", "{p} gives a history of {s} {o}, {c}")
_FIRST = ("I saw {p} with {s} {o}, {c}", "I was asked to see {p} with {s} {o}, {c}",
          "I reviewed {p} in ED: {s} {o}, {c}", "we saw {p} with {s} {o}, {c}")
_TERSE = ("{s}, {o}, {c}", "{s} - {o} - {c}", "{s} ({o}), {c}", "{s} {o}; {c}")


def _some(rng, options: tuple[str, ...], most: int) -> list[str]:
    n = 1 + int(rng.random() * most)
    start = int(rng.random() * len(options))
    return list(dict.fromkeys(options[(start + i) % len(options)] for i in range(min(n, len(options)))))


def _and(items: list[str], word: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def composed(rng, key: str, code: str, female: bool) -> str | None:
    """A presenting complaint for scenario `key` and an outcome whose first code is `code`, or None where the
    scenario has no parts."""
    found = parts(key, code)
    if found is None:
        return None
    s, o, c = pick(rng, found["symptom"]), pick(rng, found["onset"]), pick(rng, found["course"])
    assoc, neg = _some(rng, found["associated"], 2), _some(rng, found["negative"], 3)
    exam = _some(rng, found["exam"], 2)
    pro, sub = ("her", "she") if female else ("him", "he")
    form = int(rng.random() * 5)
    if form == 0:     # narrative, third person
        text = pick(rng, _THIRD).format(s=s, o=o, c=c, p=sub.capitalize(), P="Patient")
        text += f", with {_and(assoc)}. No {_and(neg, 'or')}"
        if rng.random() < 0.5:
            text += f". On examination {_and(exam)}"
    elif form == 1:   # narrative, first person
        text = pick(rng, _FIRST).format(s=s, o=o, c=c, p=pro)
        text += f". {sub.capitalize()} also had {_and(assoc)}; there was no {_and(neg, 'or')}"
        if rng.random() < 0.5:
            text += f". When I examined {pro}: {'; '.join(exam)}"
    elif form == 2:   # terse
        text = pick(rng, _TERSE).format(s=s, o=o, c=c) + f". Assoc {', '.join(assoc)}. No {', no '.join(neg)}"
        if rng.random() < 0.6:
            text += f". O/E {', '.join(exam)}"
    elif form == 3:   # bullets
        items = [f"{s} {o}", c, *assoc, *(f"no {n}" for n in neg)]
        if rng.random() < 0.5:
            items += [f"O/E: {e}" for e in exam]
        bullet = pick(rng, ("- ", "* ", "• "))
        text = "\n" + "\n".join(bullet + i for i in items)
    else:             # SBAR
        text = (f"S: {s} {o}. B: {c}, with {_and(assoc)}. A: {'; '.join(exam)}; no {_and(neg, 'or')}. "
                f"R: {pick(rng, ('neurology review', 'admit for observation and investigation', 'senior review'))}")
    return text[0].upper() + text[1:] if text[0] != "\n" else text
