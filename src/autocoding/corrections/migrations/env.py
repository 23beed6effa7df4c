"""Alembic environment: run on the connection `store.open_store` hands over (inside its locked transaction)."""

from __future__ import annotations

from alembic import context

from autocoding.corrections.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
