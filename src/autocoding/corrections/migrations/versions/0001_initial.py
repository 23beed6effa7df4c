"""The first tables: imports, corrections, breaker_events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("inserted", sa.Integer, nullable=False),
        sa.Column("bad", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_key", sa.String(64), nullable=False, unique=True),
        sa.Column("episode_id", sa.String(200), nullable=False),
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
    )
    op.create_index("ix_corrections_episode_id", "corrections", ["episode_id"])
    op.create_index("ix_corrections_model", "corrections", ["model_name", "model_version"])
    op.create_table(
        "breaker_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("model_name", sa.String(200), nullable=False),
        sa.Column("model_version", sa.String(50), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_breaker_events_model", "breaker_events", ["model_name", "model_version"])


def downgrade() -> None:
    op.drop_table("breaker_events")
    op.drop_table("corrections")
    op.drop_table("imports")
