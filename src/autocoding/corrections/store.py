"""The corrections store: a database of coders' decisions (SQLAlchemy 2), SQLite by default, PostgreSQL by URL.

    with open_store("sqlite:///corrections.db") as store:      # or postgresql://user@host/db
        finals = store.final_codes()                           # {episode_id: FinalCodes}, the latest per episode

`open_store` runs the packaged Alembic migrations to head, under a lock, so two processes opening a new database
at once do not both create it. Transactions:
- SQLite: every transaction starts with `BEGIN IMMEDIATE` (the driver's own implicit transactions are switched
  off), so a writer holds the write lock from its first statement; a second process waits (`timeout`, default
  60 s) instead of failing half way. A process killed mid-transaction leaves a journal that SQLite rolls back.
- PostgreSQL (psycopg 3): READ COMMITTED; the unique `content_key` with `ON CONFLICT DO NOTHING` makes two
  concurrent imports of the same rows store each once (the second waits for the first's commit, then skips).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from autocoding.corrections import schema
from autocoding.corrections.records import Correction, FinalCodes, HistoryEntry
from autocoding.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 7_243_011  # pg_advisory_xact_lock key: one migrator at a time
_CHUNK = 500  # episode ids per IN (...) query


def utc(value: datetime) -> datetime:
    """Aware UTC (a naive time is taken as UTC: SQLite hands back what it was given, without the zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def engine_for(url: str, timeout: float = 60.0) -> sa.Engine:
    """An engine for `sqlite:///path` or `postgresql://...` (the psycopg 3 driver), set up as the docstring says."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise ConfigError(f"db={url!r} is not a database URL (sqlite:///corrections.db, postgresql://...)") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, pool_pre_ping=True)
    if backend != "sqlite":
        raise ConfigError(f"db={url!r}: only sqlite:/// and postgresql:// databases are supported")
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, connect_args={"timeout": timeout})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN from the driver: ours below
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def migrate(engine: sa.Engine) -> None:
    """Alembic upgrade to head inside one transaction that holds the database's write lock."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str) -> CorrectionsStore:
    """The store at `url`, its tables migrated to the newest revision."""
    engine = engine_for(url)
    try:
        migrate(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise ConfigError(f"cannot open the corrections database {_safe(url)}: {exc.orig}") from exc
    return CorrectionsStore(engine, url)


def _safe(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def _codes(value) -> tuple[str, ...]:
    return tuple(str(c) for c in (value or ()))


def _optional_codes(value) -> tuple[str, ...] | None:
    return None if value is None else _codes(value)


def _correction(row) -> Correction:
    return Correction(episode_id=row.episode_id, kind=row.kind, coder_id=row.coder_id, coded_at=utc(row.coded_at),
                      diagnoses=_codes(row.diagnoses), procedures=_codes(row.procedures), comment=row.comment,
                      model_name=row.model_name, model_version=row.model_version, model_status=row.model_status,
                      model_diagnoses=_optional_codes(row.model_diagnoses),
                      model_procedures=_optional_codes(row.model_procedures))


class CorrectionsStore:
    """One database. Reads return typed records (`corrections.records`); writes go through `transaction()`."""

    def __init__(self, engine: sa.Engine, url: str):
        self.engine, self.url = engine, url

    def __enter__(self) -> CorrectionsStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"CorrectionsStore({_safe(self.url)!r})"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One transaction: committed when the block ends, rolled back (nothing kept) when it raises."""
        with self.engine.begin() as connection:
            yield connection

    def _insert(self):
        return (postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert)

    # --- writes (inside a transaction) ---------------------------------------------------------------------

    def import_id(self, connection: sa.Connection, sha256: str, file_name: str) -> tuple[int, bool]:
        """(id, created): the imports row of this file content, made now unless an earlier import made it."""
        statement = self._insert()(schema.imports).values(
            sha256=sha256, file_name=file_name, rows=0, inserted=0, bad=0, imported_at=datetime.now(UTC))
        created = connection.execute(statement.on_conflict_do_nothing(index_elements=["sha256"])
                                     .returning(schema.imports.c.id)).scalar()
        if created is not None:
            return int(created), True
        found = connection.execute(sa.select(schema.imports.c.id).where(schema.imports.c.sha256 == sha256)).scalar()
        return int(found), False

    def finish_import(self, connection: sa.Connection, import_id: int, rows: int, inserted: int, bad: int) -> None:
        connection.execute(sa.update(schema.imports).where(schema.imports.c.id == import_id)
                           .values(rows=rows, inserted=inserted, bad=bad))

    def add_correction(self, connection: sa.Connection, correction: Correction, content_key: str, import_id: int,
                       source_row: int) -> bool:
        """Store one correction; False when a row with the same content is already there (nothing changes)."""
        c = correction
        statement = self._insert()(schema.corrections).values(
            content_key=content_key, episode_id=c.episode_id, kind=c.kind, coder_id=c.coder_id,
            coded_at=utc(c.coded_at), diagnoses=list(c.diagnoses), procedures=list(c.procedures), comment=c.comment,
            model_name=c.model_name, model_version=c.model_version, model_status=c.model_status,
            model_diagnoses=None if c.model_diagnoses is None else list(c.model_diagnoses),
            model_procedures=None if c.model_procedures is None else list(c.model_procedures),
            import_id=import_id, source_row=source_row)
        result = connection.execute(statement.on_conflict_do_nothing(index_elements=["content_key"])
                                    .returning(schema.corrections.c.id))
        return result.scalar() is not None

    def add_breaker_event(self, model_name: str, model_version: str, event: str, detail: str,
                          at: datetime | None = None) -> None:
        with self.transaction() as connection:
            connection.execute(sa.insert(schema.breaker_events).values(
                model_name=model_name, model_version=model_version, event=event, detail=detail,
                at=utc(at or datetime.now(UTC))))

    # --- reads -----------------------------------------------------------------------------------------------

    def _rows(self, where=None, episode_ids: Iterable[str] | None = None) -> list:
        table = schema.corrections
        order = (table.c.episode_id, table.c.coded_at, table.c.id)
        with self.transaction() as connection:
            if episode_ids is None:
                query = sa.select(table).order_by(*order)
                return list(connection.execute(query if where is None else query.where(where)))
            ids, rows = sorted({str(e) for e in episode_ids}), []
            for start in range(0, len(ids), _CHUNK):
                query = sa.select(table).where(table.c.episode_id.in_(ids[start:start + _CHUNK])).order_by(*order)
                rows += connection.execute(query if where is None else query.where(where))
            return rows

    def corrections(self, episode_ids: Iterable[str] | None = None) -> list[Correction]:
        """Every stored correction, by episode then time (oldest first)."""
        return [_correction(r) for r in self._rows(episode_ids=episode_ids)]

    def count(self) -> int:
        with self.transaction() as connection:
            return int(connection.execute(sa.select(sa.func.count()).select_from(schema.corrections)).scalar())

    def latest(self, episode_ids: Iterable[str] | None = None) -> dict[str, Correction]:
        """{episode_id: its latest correction} (by coded_at, then the order stored)."""
        return {c.episode_id: c for c in self.corrections(episode_ids)}

    def final_codes(self, episode_ids: Iterable[str] | None = None) -> dict[str, FinalCodes]:
        """{episode_id: FinalCodes} of the latest correction of each episode (of `episode_ids`, or all)."""
        return {e: FinalCodes(episode_id=e, diagnoses=c.diagnoses, procedures=c.procedures, kind=c.kind,
                              coder_id=c.coder_id, coded_at=c.coded_at, model_name=c.model_name,
                              model_version=c.model_version)
                for e, c in self.latest(episode_ids).items()}

    def history(self, episode_id: str) -> list[HistoryEntry]:
        """Who changed the episode's codes, when, from what to what, oldest first; the first step starts from the
        model's codes (None when the import had no coded.parquet)."""
        steps, before = [], None
        for index, c in enumerate(self.corrections([episode_id])):
            if index == 0:
                before = (c.model_diagnoses, c.model_procedures)
            steps.append(HistoryEntry(coder_id=c.coder_id, coded_at=c.coded_at, kind=c.kind,
                                      before_diagnoses=before[0], before_procedures=before[1],
                                      after_diagnoses=c.diagnoses, after_procedures=c.procedures, comment=c.comment))
            before = (c.diagnoses, c.procedures)
        return steps

    def breaker_events(self, model_name: str, model_version: str) -> list[tuple[str, datetime, str]]:
        """[(event, at, detail)] of one model version, oldest first."""
        table = schema.breaker_events
        with self.transaction() as connection:
            rows = connection.execute(sa.select(table.c.event, table.c.at, table.c.detail)
                                      .where(table.c.model_name == model_name, table.c.model_version == model_version)
                                      .order_by(table.c.at, table.c.id))
            return [(r.event, utc(r.at), r.detail) for r in rows]
