"""Code systems: ICD-10 and OPCS-4 (and ICD-10-CM / ICD-10-PCS for public corpora).

    from autocoding.codes import get_code_systems, check_sequence
    systems = get_code_systems(cfg_codes, ["icd10", "opcs4"])
    systems["opcs4"].normalise("g451")          # "G45.1"
    systems["opcs4"].check("Z27.1", 0)           # ["Z27.1 is a site (chapter Z) code: ... cannot be the primary ..."]
    check_sequence(systems["opcs4"], ["G45.1", "Y20.3", "Z27.1"])   # []

Modules: `syntax` (written forms, normalisation), `table` (a loaded table), `readers` (TRUD / UK Biobank /
package tables), `system` (CodeSystem and its per-code rules), `sequence` (rules over an episode's sequence),
`loading` (get_code_systems, cached per process).
"""

from autocoding.codes.loading import SYSTEMS, code_table_versions, get_code_systems
from autocoding.codes.sequence import check_sequence
from autocoding.codes.syntax import CodeFormatError
from autocoding.codes.system import CodeSystem

__all__ = [
    "SYSTEMS",
    "CodeFormatError",
    "CodeSystem",
    "check_sequence",
    "code_table_versions",
    "get_code_systems",
]
