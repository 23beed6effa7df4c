"""Synthetic trust extracts (`autocoding synth`): endoscopy day cases and short-stay neurology.

Layout: `command` (config -> settings -> writer), `stream` (per-patient seeded generation in column batches),
`writer` (Parquet row groups / CSV / JSONL, temp file then rename), `coding_errors` (the coded history's errors),
`text` (abbreviations, negation, uncertainty, typos), `endoscopy*` and `neurology*` (declarative tables of
findings -> codes -> phrases, the coding rules, the document styles), `inventory` (every code the tables can emit).
"""
