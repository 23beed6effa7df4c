"""The store under test: a SQLite file, and a PostgreSQL database when AUTOCODING_TEST_POSTGRES_URL names a server
(.ci/run starts one); without it the PostgreSQL cases skip and say why."""

from __future__ import annotations

import os
import uuid

import pytest

POSTGRES_ENV = "AUTOCODING_TEST_POSTGRES_URL"


def _postgres_admin():
    import sqlalchemy as sa

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV} (.ci/run starts one) to run the store against it")
    parsed = sa.engine.make_url(url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(parsed, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        pytest.skip(f"PostgreSQL at {POSTGRES_ENV} cannot be reached: {exc.orig}")
    return engine, parsed


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corrections.db'}"
        return
    import sqlalchemy as sa

    engine, parsed = _postgres_admin()
    name = f"autocoding_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
