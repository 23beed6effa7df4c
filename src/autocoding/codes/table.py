"""A loaded code table: which codes exist, their titles, which are codable, and the hierarchy.

All look-ups are dict/set operations on canonical codes, so the table answers millions of questions a minute.
"Codable" means a leaf of the classification (OPCS-4 four-character codes, ICD-10 four-character codes and
categories without subdivisions, UK five-character ICD-10 codes where they exist).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeTable:
    version: str  # which table and release was loaded; recorded in manifests and bundles
    titles: dict[str, str]  # canonical code -> title, every code of the table (categories too)
    codable: frozenset[str]  # canonical codes that may be assigned
    parents: dict[str, str] = field(default_factory=dict)  # canonical code -> canonical parent code
    asterisk: frozenset[str] = frozenset()  # ICD-10 manifestation codes (never primary), when the table says
    children: dict[str, list[str]] = field(default_factory=dict)  # derived from parents

    @classmethod
    def build(cls, version: str, titles: dict[str, str], codable: Iterable[str] | None = None,
              parents: dict[str, str] | None = None, asterisk: Iterable[str] = ()) -> CodeTable:
        """codable None: the leaves (codes no other code names as parent). parents None: by truncation."""
        parents = dict(parents) if parents is not None else truncation_parents(titles)
        children: dict[str, list[str]] = {}
        for code, parent in sorted(parents.items()):
            children.setdefault(parent, []).append(code)
        leaves = frozenset(c for c in titles if c not in children) if codable is None else frozenset(codable)
        return cls(version, titles, leaves, parents, frozenset(asterisk), children)

    def __contains__(self, code: str) -> bool:
        return code in self.titles

    def __len__(self) -> int:
        return len(self.titles)


def truncation_parents(titles: dict[str, str]) -> dict[str, str]:
    """Parent of each code = the longest proper prefix that is itself in the table (J96.00 -> J96.0 -> J96)."""
    by_compact = {code.replace(".", ""): code for code in titles}
    parents: dict[str, str] = {}
    for short, code in by_compact.items():
        for end in range(len(short) - 1, 2, -1):
            if short[:end] in by_compact:
                parents[code] = by_compact[short[:end]]
                break
    return parents
