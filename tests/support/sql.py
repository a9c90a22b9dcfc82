"""Record the SQL statements the app's engine runs, for tests that count or inspect them."""

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


@contextmanager
def recorded_statements(keep=lambda statement: True):
    """Yields the list of statements run inside the block (those ``keep`` accepts)."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if keep(statement):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
