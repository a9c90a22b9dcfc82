"""Shared fixtures: a migrated database (SQLite file, or PostgreSQL when TEST_DATABASE_URL
is set), a fresh app per test, factories, and a signed-in client for each role."""

import os
import re
import threading
import uuid
from datetime import UTC, datetime

import pytest
from flask import g
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from app.models import Base
from app.services import clock
from tests.factories import Factory

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
TEST_NOW = datetime(2027, 3, 10, 10, 0, tzinfo=UTC)  # a Wednesday; 10:00 in Europe/London too


def _create_postgres_database(server_url: str) -> str:
    name = f"mbu_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(server_url: str, url: str):
    name = make_url(url).database
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One migrated database for the whole run; tests empty it after themselves."""
    if POSTGRES_URL:
        url = _create_postgres_database(POSTGRES_URL)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app({**_test_config(), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield url
    if POSTGRES_URL:
        _drop_postgres_database(POSTGRES_URL, url)


def _test_config() -> dict:
    from config import TestConfig

    return {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}


def empty_database(engine):
    """Delete every row, children first, and start the ids again from 1. On PostgreSQL a
    DELETE of a test's few rows costs milliseconds where a TRUNCATE of every table costs
    a few hundred (it makes new files for each), and this runs after every test."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))
        if engine.dialect.name == "postgresql":
            conn.execute(
                text("SELECT setval(oid::regclass, 1, false) FROM pg_class WHERE relkind = 'S'")
            )


def _fresh_request_globals():
    """Tests hold an app context open, which Flask reuses for test-client requests:
    clear ``g`` so that no request sees the previous one's user or CSRF token."""
    g.__dict__.clear()


@pytest.fixture(scope="session")
def shared_app(database_url):
    """One app for the run (compiling templates per test is slow); state is reset per test."""
    app = create_app({**_test_config(), "SQLALCHEMY_DATABASE_URI": database_url})
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_globals)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(shared_app, monkeypatch):
    """The app with an empty database. Change config with monkeypatch.setitem(app.config, ...)."""
    from app.extensions import limiter

    with shared_app.app_context():
        yield shared_app
        db.session.remove()
        empty_database(db.engine)
        limiter.reset()


@pytest.fixture
def world(app, factory, unit, other_unit):
    """One of each role in this unit and another, and the records the access table's URLs name."""
    from tests.integration.access import builders

    world = {"unit": unit, "other_unit": other_unit}
    for role in ("mother", "peer_worker", "staff"):
        world[role] = factory.user(role=role, unit=unit)
        world[f"other_{role}"] = factory.user(role=role, unit=other_unit)
    for build in builders():
        build(world, factory)
    return world


@pytest.fixture
def client(app):
    return app.test_client(use_cookies=True)


@pytest.fixture
def factory(app):
    return Factory()


@pytest.fixture
def unit(factory):
    return factory.unit(slug="willow-house", name="Willow House MBU")


@pytest.fixture
def other_unit(factory):
    return factory.unit(slug="oak-lodge", name="Oak Lodge MBU")


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    """The app's clock, stopped at ``TEST_NOW`` in every test, so that no test depends on
    the day it runs. ``frozen_now(datetime(...))`` moves it."""

    def freeze(moment: datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        monkeypatch.setattr(clock, "now", lambda: moment)
        return moment

    freeze(TEST_NOW)
    return freeze


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class Browserless:
    """Helpers for a test client: sign in, and post forms with a valid CSRF token."""

    def __init__(self, client):
        self.client = client

    def token(self, page: str = "/sign-in") -> str:
        return csrf_token_from(self.client.get(page).get_data(as_text=True))

    def sign_in(self, username: str, password: str = Factory.PASSWORD, address="127.0.0.1"):
        token = self.token("/sign-in")
        return self.client.post(
            "/sign-in",
            data={"csrf_token": token, "username": username, "password": password},
            environ_base={"REMOTE_ADDR": address},
        )

    def post(self, url: str, data: dict | None = None, token_page: str = "/account", **kwargs):
        data = {"csrf_token": self.token(token_page), **(data or {})}
        return self.client.post(url, data=data, **kwargs)


@pytest.fixture
def web(client):
    return Browserless(client)


def signed_in_client(app, user):
    client = app.test_client()
    response = Browserless(client).sign_in(user.username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def as_role(app, factory, unit):
    """``as_role("mother")`` gives (client, user) signed in with that role in ``unit``."""

    def make(role: str, target_unit=None, **kwargs):
        user = factory.user(role=role, unit=target_unit or unit, **kwargs)
        return Browserless(signed_in_client(app, user)), user

    return make


class LiveServer:
    """The real app served by werkzeug in a thread, on a free port of 127.0.0.1, opened by
    the name ``localhost``: the host of the tests' PUBLIC_BASE_URL, so it is trusted."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://localhost:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def _live_server(shared_app):
    server = LiveServer(shared_app)
    yield server
    server.stop()


@pytest.fixture
def live_server(app, _live_server):
    """The app on a real port, over the same database as the test (emptied after it)."""
    return _live_server
