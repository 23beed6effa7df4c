"""`CodeSystem`: one classification (ICD-10, OPCS-4, ICD-10-CM, ICD-10-PCS) with its table and coding rules.

The contract (docs/architecture.md): `name`, `version`, `normalise(raw)`, `is_valid(code)`, `title(code)`,
`check(code, position)` and `parent(code)`. Every method takes any written form (`k635`, `I10X`, `A17.0†`) and
normalises it first, so callers never need to.

`check` reasons, in the order they are tested (the first that applies is reported, with any position rule):
1. the string cannot be a code of the system (shape) -> the CodeFormatError message;
2. the code is not in the table -> "unknown"; when the counterpart system (ICD-10 <-> OPCS-4, ICD-10-CM <->
   ICD-10-PCS) knows it, the message says so: an OPCS-4 code in the diagnoses is a code in the wrong field;
3. the code is in the table but has subdivisions -> a category where a longer code is required;
4. position rules: OPCS-4 Y (methods) and Z (sites) codes and ICD-10 asterisk codes cannot be primary; ICD-10
   chapter XX (external causes, V01-Y98) cannot be the primary diagnosis.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from autocoding.codes.syntax import SYNTAXES, CodeFormatError, normalise
from autocoding.codes.table import CodeTable

QUALIFIER_CHAPTERS = frozenset("YZ")  # OPCS-4 subsidiary chapters: methods (Y) and sites (Z)
_CHAPTER_NAMES = {"Y": "a method (chapter Y)", "Z": "a site (chapter Z)"}


class CodeSystem:
    """One loaded classification. `table` None means format-only validation (ICD-10-PCS without a table)."""

    def __init__(self, name: str, table: CodeTable | None, version: str,
                 counterpart: Callable[[], CodeSystem | None] | None = None):
        if name not in SYNTAXES:
            raise ValueError(f"unknown code system {name!r}; known: {sorted(SYNTAXES)}")
        self.name, self.table, self.version = name, table, version
        self.label = SYNTAXES[name].label
        self._counterpart = counterpart or (lambda: None)
        # per-instance caches: check() is asked per (code, primary?) pair, a few thousand distinct pairs per build
        self.check = lru_cache(maxsize=200_000)(self._check)  # type: ignore[method-assign]

    def __repr__(self) -> str:
        return f"CodeSystem({self.name!r}, {self.version!r})"

    def normalise(self, raw: str) -> str:
        """Canonical form; CodeFormatError when `raw` cannot be a code of this system."""
        return normalise(self.name, raw)

    def is_valid(self, code: str) -> bool:
        """True when `code` (any written form) is a codable code of this system."""
        try:
            canonical = normalise(self.name, code)
        except (CodeFormatError, TypeError):
            return False
        return self.table is None or canonical in self.table.codable

    def exists(self, code: str) -> bool:
        """In the table at all (codable or a category)."""
        try:
            canonical = normalise(self.name, code)
        except (CodeFormatError, TypeError):
            return False
        return self.table is None or canonical in self.table

    def title(self, code: str) -> str:
        """The official title; KeyError for a code not in the table."""
        canonical = normalise(self.name, code)
        if self.table is None:
            return ""
        return self.table.titles[canonical]

    def parent(self, code: str) -> str | None:
        """The code one level up (J96.00 -> J96.0, K63.5 -> K63); None for a category or a code not in the table."""
        canonical = normalise(self.name, code)
        return None if self.table is None else self.table.parents.get(canonical)

    def children(self, code: str) -> list[str]:
        canonical = normalise(self.name, code)
        return [] if self.table is None else list(self.table.children.get(canonical, ()))

    def is_qualifier(self, code: str) -> bool:
        """OPCS-4 Y/Z codes qualify the procedure code they follow (they are never a procedure on their own)."""
        return self.name == "opcs4" and code[:1] in QUALIFIER_CHAPTERS

    def _check(self, code: str, position: int) -> list[str]:
        """Reasons `code` cannot stand at `position` (0 = primary); empty when it can."""
        try:
            canonical = normalise(self.name, code)
        except CodeFormatError as exc:
            return [str(exc)]
        if self.table is not None:
            problem = self._table_problem(canonical)
            if problem:
                return [problem]
        return self._position_problems(canonical) if position == 0 else []

    def _table_problem(self, code: str) -> str | None:
        table = self.table
        if code not in table:
            other = self._counterpart()
            if other is not None and other.is_valid(code):
                return (f"{code} is not an {self.label} code but is a valid {other.label} code: "
                        f"a code of the wrong system in this field")
            return f"{code} is not an {self.label} code ({self.version})"
        if code not in table.codable:
            kids = table.children.get(code, [])
            if not kids:
                return f"{code} is not codable in {self.version}"
            shown = ", ".join(kids[:3]) + (", ..." if len(kids) > 3 else "")
            return (f"{code} is a category with subdivisions ({shown}): a {len(kids[0].replace('.', ''))}"
                    f"-character code is required")
        return None

    def _position_problems(self, code: str) -> list[str]:
        if self.is_qualifier(code):
            return [f"{code} is {_CHAPTER_NAMES[code[0]]} code: it qualifies a procedure and cannot be the "
                    f"primary procedure"]
        if self.name in ("icd10", "icd10cm") and ("V01" <= code[:3] <= "Y98"):
            return [f"{code} is an external cause code (chapter XX, V01-Y98): it cannot be the primary diagnosis"]
        if self.table is not None and code in self.table.asterisk:
            return [f"{code} is an asterisk (manifestation) code: it cannot be the primary diagnosis"]
        return []
