"""Rules over a whole coded sequence (one episode's codes of one system, primary first).

`check_sequence(system, codes) -> [(index, reason)]` finds what no single-code check can:
- a qualifier (OPCS-4 Y method / Z site code) in the primary position;
- a qualifier that does not follow a procedure code it can qualify (OPCS-4 places Y/Z codes straight after the
  procedure they qualify: `G45.1 Z27.1`; a run of qualifiers needs a procedure at its head);
- duplicates: the same code twice (for qualifiers: twice after the same procedure; the same site code after two
  different procedures is correct coding).
Whether each code exists and is codable is `CodeSystem.check`'s business, not repeated here.
"""

from __future__ import annotations

from collections.abc import Sequence

from autocoding.codes.syntax import SYNTAXES, CodeFormatError, normalise
from autocoding.codes.system import QUALIFIER_CHAPTERS, CodeSystem


def check_sequence(system: CodeSystem | str, codes: Sequence[str]) -> list[tuple[int, str]]:
    """Problems of a coded sequence as (index into `codes`, reason), in index order; empty when none.

    system: a CodeSystem, anything with a `name` among the known systems, or the name itself; the rules need
    only the system's name (no table), so any object naming the system works."""
    name = system if isinstance(system, str) else system.name
    label = SYNTAXES[name].label if name in SYNTAXES else name
    canonical = [_canonical(name, c) for c in codes]
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}  # procedure / diagnosis codes -> first index
    head: int | None = None  # index of the procedure the current run of qualifiers belongs to
    chain: dict[str, int] = {}  # qualifiers seen after the current head
    for index, code in enumerate(canonical):
        if name == "opcs4" and code[:1] in QUALIFIER_CHAPTERS:
            if index == 0:
                problems.append((index, f"{code} is an {label} qualifier (chapter {code[0]}): it cannot be "
                                        f"the primary procedure"))
            elif head is None:
                problems.append((index, f"{code} is a qualifier (chapter {code[0]}) that follows no procedure code "
                                        f"it can qualify"))
            if code in chain:
                problems.append((index, f"{code} repeats position {chain[code]} for the same procedure"))
            chain.setdefault(code, index)
            continue
        head, chain = index, {}
        if code in seen:
            problems.append((index, f"{code} repeats position {seen[code]}"))
        seen.setdefault(code, index)
    return problems


def _canonical(name: str, code: str) -> str:
    """Compare canonical forms (K635 and K63.5 are one code); a malformed string is compared as written."""
    try:
        return normalise(name, code) if name in SYNTAXES else str(code)
    except (CodeFormatError, TypeError):
        return str(code)
