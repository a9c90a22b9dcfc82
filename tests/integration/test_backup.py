import sqlite3
import threading

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import User


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("flask backup copies SQLite; PostgreSQL uses pg_dump")


def test_backup_is_a_consistent_copy_while_writes_go_on(app, sqlite_only, factory, unit, tmp_path):
    for _ in range(20):
        factory.user(role="mother", unit=unit)
    stop = threading.Event()
    unit_id = unit.id
    database = db.engine.url.database
    written = []

    def keep_writing():
        """Another process's writes, straight through sqlite3, while the copy is taken."""
        connection = sqlite3.connect(database, timeout=15)
        n = 0
        while not stop.is_set():
            n += 1
            with connection:
                connection.execute(
                    "insert into user_account (unit_id, role, display_name, username, active,"
                    " created_at) values (?, 'mother', 'W', ?, 1, '2026-01-01')",
                    (unit_id, f"writer{n}"),
                )
            written.append(n)
        connection.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copied = copy.execute("select count(*) from user_account").fetchone()[0]
    copy.close()
    assert written, "the writer should have written during the backup"
    db.session.rollback()  # end this test's read snapshot, to see the writer's rows
    assert 20 <= copied <= db.session.scalar(select(func.count(User.id)))


def test_backup_refuses_to_overwrite(app, sqlite_only, tmp_path):
    target = tmp_path / "exists.sqlite3"
    target.write_text("keep me")
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code != 0
    assert target.read_text() == "keep me"
