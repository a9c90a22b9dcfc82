"""A consistent copy of the embedded SQLite database, taken while the app keeps running."""

import sqlite3
from pathlib import Path

from app.extensions import db
from app.services.errors import DomainError


def backup_sqlite(destination: str) -> int:
    """Copy the live database with SQLite's online backup API; returns pages copied."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise DomainError("flask backup copies the SQLite database; on PostgreSQL use pg_dump")
    target = Path(destination)
    if target.exists():
        raise DomainError(f"{destination} already exists: choose a new file name")
    source = sqlite3.connect(url.database, timeout=15)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy, pages=256)
        return copy.execute("PRAGMA page_count").fetchone()[0]
    finally:
        copy.close()
        source.close()
