"""Opening the history's database: which one (a URL, a file, the default), an engine set up
for several writers at once, and the schema brought to this readiness's version.

- SQLite: WAL journal (readers never wait for a writer), a 60 s busy timeout, and writes in
  `BEGIN IMMEDIATE` transactions, so two runs writing at once queue instead of failing with
  "database is locked" half-way.
- PostgreSQL (psycopg 3): ordinary transactions; the migration takes an advisory lock, so two
  first runs against an empty database do not both create the tables.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from checker.model.errors import HistoryError, UsageError
from checker.store.history.location import SCHEMES, check_location
from checker.store.history.schema import HEAD_REVISION, VERSION_TABLE

BUSY_TIMEOUT_S = 60
CONNECT_TIMEOUT_S = 10
# pg_advisory_xact_lock's key while migrating: any constant of our own ("rdns" in ASCII).
MIGRATION_LOCK = 0x72646E73


def history_url(location: str | Path) -> URL:
    """The SQLAlchemy URL of a history given as a URL or an SQLite file (location.py)."""
    try:
        return make_url(check_location(location))
    except ArgumentError:
        raise UsageError(f"--history {location!s} is not a database URL: give {SCHEMES}.") from None


def shown(url: URL) -> str:
    """The URL as messages and reports show it: never its password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def open_engine(url: URL) -> Engine:
    """An engine on the history, its schema migrated to this version; a HistoryError with one
    line a person can act on when it cannot be reached, created or upgraded."""
    try:
        engine = _engine(url)
    except (NoSuchModuleError, ImportError) as exc:
        raise HistoryError(f"Cannot open the history {shown(url)}: {exc}.") from None
    try:
        _migrate(engine)
    except HistoryError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise HistoryError(f"Cannot open the history {shown(url)}: {reason(exc)}") from None
    return engine


def reason(exc: BaseException) -> str:
    """The database's own words, on one line, without SQLAlchemy's framing."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    text_ = lines[0] if lines else type(original).__name__
    return (text_[:200] + "…") if len(text_) > 200 else text_


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes: on SQLite it takes the write lock first (BEGIN IMMEDIATE),
    waiting up to the busy timeout for another run's to end."""
    with engine.connect() as connection:
        connection = connection.execution_options(history_writes=True)
        with connection.begin():
            yield connection


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"Cannot create the history's folder {path.parent}: {exc.strerror}."
            ) from None
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_connected)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def _sqlite_connected(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would begin too late for a write lock and not at
    # all for DDL: SQLAlchemy's recipe hands BEGIN to us (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get("history_writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _migrate(engine: Engine) -> None:
    """Bring the schema to HEAD_REVISION: at once when it is there already (every run but the
    first), else through Alembic, under a lock so two first runs do not both build it."""
    with engine.connect() as connection:
        if _revision(connection) == HEAD_REVISION:
            return
    with writing(engine) as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        revision = _revision(connection)
        if revision == HEAD_REVISION:
            return
        if revision is not None and not _known(revision):
            raise HistoryError(
                f"The history {shown(engine.url)} was written by a newer readiness (schema "
                f"{revision}); upgrade readiness to use it."
            )
        _upgrade(connection)


def _revision(connection: Connection) -> str | None:
    if not connection.dialect.has_table(connection, VERSION_TABLE):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return str(row[0]) if row else None


def _known(revision: str) -> bool:
    return revision in {script.revision for script in _scripts().walk_revisions()}


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _scripts() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def _upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(_alembic_config(connection), "head")
