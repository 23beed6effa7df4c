"""The tables of the corrections store (SQLAlchemy Core). Alembic migrations (`migrations/`) create and change them;
this module is what the code reads and writes against, and what `alembic check` compares the migrations to.

- `imports`: one row per distinct file content imported (sha256), with its counts: the same file twice adds nothing.
- `corrections`: one row per coder decision; `content_key` (sha256 of the decision itself: episode, kind, coder,
  time, codes, comment) is unique, so a row imported twice, from one file or two, at once or not, is stored once.
  With it, the model's output it corrects (from coded.parquet): model name, version, status, codes. History is
  every row of an episode in (coded_at, id) order; the latest is its final codes.
- `breaker_events`: the circuit breaker's history per model version (`tripped`, `cleared`), newest last.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

imports = sa.Table(
    "imports", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("inserted", sa.Integer, nullable=False),
    sa.Column("bad", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
)

corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_key", sa.String(64), nullable=False, unique=True),
    sa.Column("episode_id", sa.String(200), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("coder_id", sa.String(200), nullable=False),
    sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("diagnoses", sa.JSON, nullable=False),
    sa.Column("procedures", sa.JSON, nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("model_name", sa.String(200), nullable=True),
    sa.Column("model_version", sa.String(50), nullable=True),
    sa.Column("model_status", sa.String(16), nullable=True),
    sa.Column("model_diagnoses", sa.JSON, nullable=True),
    sa.Column("model_procedures", sa.JSON, nullable=True),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
    sa.Column("source_row", sa.Integer, nullable=False),
    sa.Index("ix_corrections_model", "model_name", "model_version"),
)

breaker_events = sa.Table(
    "breaker_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("model_name", sa.String(200), nullable=False),
    sa.Column("model_version", sa.String(50), nullable=False),
    sa.Column("event", sa.String(16), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Index("ix_breaker_events_model", "model_name", "model_version"),
)
