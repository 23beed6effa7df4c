"""Coding rules from the code systems, precomputed per label so decisions stay vectorised.

`CodeSystem.check(code, position)` (autocoding.codes) gives the reasons a code cannot stand at a position
(position 0 = primary): an OPCS-4 Y/Z qualifier cannot be primary, an invalid code cannot stand anywhere. The
positional rules depend only on "primary or not", so they are asked once per label (L calls, not N x L).
Sequence-level rules (`autocoding.codes.check_sequence(system, codes)`)
are asked once per DISTINCT decided sequence, which are few even for 150,000 episodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from autocoding.codes import check_sequence


class CodeSystemLike(Protocol):
    name: str

    def check(self, code: str, position: int) -> list[str]: ...


@dataclass(frozen=True)
class LabelRules:
    """Per-label rule results for one system's label space; arrays are (L,)."""

    can_be_primary: np.ndarray  # bool
    can_be_secondary: np.ndarray  # bool
    is_qualifier: np.ndarray  # bool: OPCS-4 Y/Z codes, placed right after the code they qualify
    primary_problems: list[list[str]]
    secondary_problems: list[list[str]]


def is_qualifier_code(system_name: str, code: str) -> bool:
    """OPCS-4 chapters Y (methods, approaches) and Z (sites) qualify the procedure code they follow."""
    return system_name.startswith("opcs") and code[:1] in {"Y", "Z"}


def label_rules(system_name: str, labels: Sequence[str], code_system: CodeSystemLike | None = None) -> LabelRules:
    """Ask the code system once per label; without one, only the OPCS-4 Y/Z-not-primary rule applies."""
    qualifier = np.array([is_qualifier_code(system_name, c) for c in labels], dtype=bool)
    if code_system is None:
        primary_problems = [["a Y/Z qualifier code cannot be the primary procedure"] if q else [] for q in qualifier]
        secondary_problems: list[list[str]] = [[] for _ in labels]
    else:
        primary_problems = [list(code_system.check(c, 0)) for c in labels]
        secondary_problems = [list(code_system.check(c, 1)) for c in labels]
    return LabelRules(
        can_be_primary=np.array([not p for p in primary_problems], dtype=bool),
        can_be_secondary=np.array([not p for p in secondary_problems], dtype=bool),
        is_qualifier=qualifier,
        primary_problems=primary_problems,
        secondary_problems=secondary_problems,
    )


def sequence_checker(code_system: CodeSystemLike | None):
    """A cached `codes -> list[str]` for sequence-level rules, or None when the code systems offer none."""
    if code_system is None:
        return None
    cache: dict[tuple[str, ...], list[str]] = {}

    def check(codes: Sequence[str]) -> list[str]:
        key = tuple(codes)
        if key not in cache:
            cache[key] = [message for _, message in check_sequence(code_system, list(key))]
        return cache[key]

    return check
