"""SQLite settings for the embedded default: WAL, a busy timeout, foreign keys on."""

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 15000


def configure_sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy issue BEGIN itself so that BEGIN IMMEDIATE below takes effect.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Deleted rows are overwritten with zeros, not left in free space (feedback).
        cursor.execute("PRAGMA secure_delete=ON")
        if engine.url.database and engine.url.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Requests that may write (POST) take the write lock at the start, so concurrent
        # writers queue on busy_timeout instead of failing with "database is locked" when
        # they upgrade a read lock. Reads stay concurrent under WAL. Work outside a request
        # (CLI, worker) starts deferred; an UPDATE as its first statement waits its turn.
        writing = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def truncate_wal(engine: Engine) -> None:
    """Copy the WAL into the database and cut it to nothing, so that the order in which
    recent rows were written is not kept beside them. A reader still holding old frames
    makes this a no-op until the next time: nothing waits on it."""
    if engine.dialect.name != "sqlite":
        return
    connection = engine.raw_connection()
    try:
        sqlite = connection.driver_connection
        sqlite.execute("PRAGMA busy_timeout=0")
        try:
            sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            sqlite.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        connection.close()
