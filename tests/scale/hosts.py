"""Real gunicorn app hosts for scale and fault tests, each on its own free port, over one
fresh migrated database that the test owns (PostgreSQL when TEST_DATABASE_URL is set,
otherwise a SQLite file under tmp)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

import psutil
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from tests.conftest import (
    CSRF_PATTERN,
    POSTGRES_URL,
    TEST_NOW,
    _create_postgres_database,
    _drop_postgres_database,
    _test_config,
)
from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "two-hosts-share-this-secret-key-0123456789"  # noqa: S105 test only
CLOCKED_APP = "tests.scale.clocked_app:create_app()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fresh_database(tmp_path: Path):
    """A new, migrated database; yields (url, app) where app is for seeding and checking."""
    if POSTGRES_URL:
        url = _create_postgres_database(POSTGRES_URL)
    else:
        url = f"sqlite:///{tmp_path / 'hosts.sqlite3'}"
    app = create_app({**_test_config(), "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    try:
        with app.app_context():
            upgrade()
            yield url, app
            db.session.remove()
            db.engine.dispose()
    finally:
        if POSTGRES_URL:
            _drop_postgres_database(POSTGRES_URL, url)


class GunicornHost:
    """gunicorn as production starts it, with APP_ENV=development, serving the app on the
    tests' clock (clocked_app.py), or another ``app`` of the same shape, such as
    tests/scale/paused_booking.py."""

    def __init__(
        self, database_url: str, tmp_path: Path, name: str, workers=2, env=None, app=CLOCKED_APP
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        instance = tmp_path / f"instance-{name}"
        self.log_path = tmp_path / f"gunicorn-{name}.log"
        self.env = {
            **os.environ,
            "APP_ENV": "development",
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET_KEY,
            "INSTANCE_PATH": str(instance),
            "PROXY_FIX_HOPS": "1",  # as behind one reverse proxy: X-Forwarded-For is trusted
            "TEST_CLOCK": TEST_NOW.isoformat(),
            **(env or {}),
        }
        self.env.pop("TEST_DATABASE_URL", None)
        subprocess.run([sys.executable, "-m", "app.instance"], cwd=ROOT, env=self.env, check=True)
        self.command = [
            str(ROOT / ".venv/bin/gunicorn"),
            "--workers", str(workers),
            "--threads", "4",
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", "60",
            app,
        ]  # fmt: skip
        self.process = None

    def start(self):
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        return self

    def wait_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_text()
            try:
                with urllib.request.urlopen(self.url + "/sign-in", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer on {self.url}:\n{self.log_text()}")

    def workers(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children()

    def log_text(self) -> str:
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()


@contextmanager
def running_hosts(database_url: str, tmp_path: Path, names=("a", "b"), **kwargs):
    hosts = [GunicornHost(database_url, tmp_path, name, **kwargs) for name in names]
    try:
        for host in hosts:
            host.start()
        for host in hosts:
            host.wait_ready()
        yield hosts
    finally:
        for host in hosts:
            host.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Phone:
    """One browser with its own cookies and address, talking HTTP to any host.

    Hosts sit behind one reverse proxy, so the phone's address reaches them in
    X-Forwarded-For, as in production.
    """

    def __init__(self, address: str):
        self.address = address
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, url: str, data: dict | None = None, timeout=60):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, body, headers={"X-Forwarded-For": self.address})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, url: str) -> str:
        status, page = self.request(url)
        assert status == 200, (status, page[:500])
        return CSRF_PATTERN.search(page).group(1)

    def sign_in(self, host_url: str, username: str, password: str = Factory.PASSWORD):
        data = {"csrf_token": self.token(host_url + "/sign-in"), "username": username}
        return self.request(host_url + "/sign-in", {**data, "password": password})
