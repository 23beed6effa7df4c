"""The corrections store: coders' final codes for auto-coded and exception episodes, kept with the model output they
correct, for retraining, acceptance statistics, live accuracy and the circuit breaker (docs/corrections.md).

Modules: `records` (typed records), `schema` (tables), `store` (open_store, CorrectionsStore), `reading` (CSV /
JSON Lines rows), `importer` (import_file), `stats` (acceptance, correction rates, live accuracy), `breaker` (the
live-accuracy circuit breaker per model version). Migrations live in `migrations/` (Alembic, run on open).
"""
