"""How coded output writes codes (`code_format`): the canonical dotted form, undotted, or the NHS 4-character form.

| format | ICD-10 `K21.9` | ICD-10 `I10` | OPCS-4 `H22.9` |
|---|---|---|---|
| `dotted` (canonical, as the loader reads them) | `K21.9` | `I10` | `H22.9` |
| `undotted` | `K219` | `I10` | `H229` |
| `nhs4` (NHS 4-character: undotted, three-character ICD-10 codes filled with `X`) | `K219` | `I10X` | `H229` |

The loader reads every form back (`autocoding.codes.syntax`), so coded output can be fed to the build again.
"""

from __future__ import annotations

from autocoding.codes.syntax import SYNTAXES
from autocoding.errors import ConfigError

CODE_FORMATS = ("dotted", "undotted", "nhs4")


def check_format(name: str) -> str:
    if name not in CODE_FORMATS:
        raise ConfigError(f"code_format must be one of {CODE_FORMATS}, got {name!r}")
    return name


def write_code(system: str, code: str, style: str) -> str:
    """One canonical code in the asked style."""
    if style == "dotted":
        return code
    compact = code.replace(".", "")
    syntax = SYNTAXES.get(system)
    if style == "nhs4" and syntax is not None and syntax.x_filler and len(compact) == 3:
        return compact + "X"
    return compact
