"""Key pages kept whole per person until the data or the minute changes.

A page such as a mother's home is read far more often than anything on it changes. So the
HTML a view returned is kept in this process, keyed by who asked, the address, the data
version and the current minute, and served again while all four are the same. Who may see
the page is still decided on every request (the view's access checks run first), and what
differs per request (the CSRF token and the CSP nonce) is put in fresh each time.

The data version is one counter in the database, raised in the same transaction as every
write to a table a page can show (see ``watch_writes``). So every host agrees: a page is
never served from before a change that its reader could already see committed. Writes
only to tables no cached page reads (``UNSHOWN_TABLES``) leave it alone, which a test
checks against the SQL each cached page runs.
"""

import os
import re
import secrets
import threading
from contextlib import suppress
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_compress.flask_compress import _choose_algorithm, _compress_data
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import event
from werkzeug.http import http_date, parse_cookie

from app.extensions import compress, db
from app.security import SEEN_REFRESH_SECONDS, csp_nonce, session_ended_because, timestamp
from app.services import clock

# Tables that no cached page reads: writes to them do not make cached pages stale.
UNSHOWN_TABLES = frozenset(
    {
        "alembic_version",
        "audit_event",
        "data_version",
        "login_failure",
        "notification",
        "push_delivery",
        "push_subscription",
    }
)
WRITE = re.compile(r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)
BUMP = (
    "INSERT INTO data_version (id, version) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1"
)
VERSION_SQL = "SELECT version FROM data_version WHERE id = 1"
MAX_PAGES = 512
KEPT = "page_cache.kept"  # set in the WSGI environ when a response's page was just kept
CSRF_MARK = "\x00page-csrf\x00"
NONCE_MARK = "\x00page-nonce\x00"

_pages: dict = {}


def forget_all() -> None:
    _pages.clear()


def watch_writes(engine) -> None:
    """Raise the data version before every statement that writes to a shown table, on
    the same connection, so it commits or rolls back with the write itself."""

    @event.listens_for(engine, "before_cursor_execute")
    def raise_version(conn, cursor, statement, parameters, context, executemany):
        match = WRITE.match(statement)
        if match is None:
            return
        table = match.group(1).lower()
        if table in UNSHOWN_TABLES or table.startswith("_alembic_tmp_"):  # migrations' copies
            return
        bump = cursor.connection.cursor()
        try:
            bump.execute(BUMP)
        finally:
            bump.close()


def data_version() -> int | None:
    # On the session's own connection (so in the request's transaction), without the ORM.
    return db.session.connection().exec_driver_sql(VERSION_SQL).scalar()


def page_key(environ, user_id, version, minute) -> tuple:
    """What a kept page is filed under: the address as the server received it, who asked
    (``id:token``, or None), the data version and the minute."""
    return (
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        user_id,
        version,
        minute,
    )


def this_minute():
    return clock.now().replace(second=0, microsecond=0)


@dataclass
class Page:
    body: str  # the view's HTML, with markers where the token and nonce go
    view_headers: list
    # The whole response's headers as they left the app (security headers, Vary ...),
    # once seen without a cookie being set: then the page can be served before Flask.
    sent_headers: list | None = None


def cached_page(view):
    """Serve the view's HTML again while nothing it could show has changed."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if (
            request.method != "GET"
            or "_flashes" in session
            or not current_app.config.get("PAGE_CACHE", True)
        ):
            return view(*args, **kwargs)
        version = data_version()
        if version is None:
            return view(*args, **kwargs)
        user_id = current_user.get_id() if current_user.is_authenticated else None
        key = page_key(request.environ, user_id, version, this_minute())
        page = _pages.get(key)
        if page is not None:
            if page.sent_headers is None:
                request.environ[KEPT] = (key, csp_nonce())  # note them if no cookie is set
            body = page.body
            if CSRF_MARK in body:
                body = body.replace(CSRF_MARK, generate_csrf())
            return make_response(body.replace(NONCE_MARK, csp_nonce()), 200, page.view_headers)
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and response.mimetype == "text/html":
            keep(key, response)
        return response

    wrapped.page_kept = True
    return wrapped


def keep(key, response) -> None:
    if "Set-Cookie" in response.headers or response.direct_passthrough:
        return
    body = response.get_data(as_text=True)
    token = g.get("csrf_token")
    if token:
        body = body.replace(token, CSRF_MARK)
    nonce = csp_nonce()
    body = body.replace(nonce, NONCE_MARK)
    if len(_pages) >= MAX_PAGES:
        _pages.clear()
    headers = [
        (name, value) for name, value in response.headers.items() if name != "Content-Length"
    ]
    _pages[key] = Page(body, headers)
    request.environ[KEPT] = (key, nonce)


class KeptPages:
    """WSGI middleware that serves a kept page without Flask's request handling.

    It answers only when the result must be the same as Flask's: a GET whose session
    cookie is valid, carries no message, is within its timeouts and needs no refresh, and
    whose page is kept under the current data version and minute for this same session.
    A page is kept only after Flask served it to that session, so the access checks of
    that request hold until the data version (or the minute) changes. Anything else, and
    any failure reading the version, goes to Flask. The token, the nonce and compression
    are fresh for every response.
    """

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.sessions = app.session_interface.get_signing_serializer(app)
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        self.csrf_tokens = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")
        self.versions = VersionReader(app)

    def __call__(self, environ, start_response):
        config = self.app.config
        if environ.get("REQUEST_METHOD") != "GET" or not config.get("PAGE_CACHE", True):
            return self.wsgi_app(environ, start_response)
        served = self.serve(environ, config)
        if served is not None:
            headers, body = served
            start_response("200 OK", headers)
            return [body]

        def noting_headers(status, headers, exc_info=None):
            kept = environ.get(KEPT)
            if kept is not None and status.startswith("200 "):
                note_sent_headers(*kept, headers)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, noting_headers)

    def serve(self, environ, config):
        saved = self.session(environ, config)
        if saved is None or "_flashes" in saved:
            return None
        user_id = saved.get("_user_id")
        if user_id is not None:
            now = timestamp()
            if (
                session_ended_because(saved, now, config)
                or now - saved.get("seen", 0) > SEEN_REFRESH_SECONDS
            ):
                return None
        version = self.versions.read()
        if version is None:
            return None
        page = _pages.get(page_key(environ, user_id, version, this_minute()))
        if page is None or page.sent_headers is None:
            return None
        body = page.body
        if CSRF_MARK in body:
            if "csrf_token" not in saved:
                return None  # Flask would start a CSRF secret and set a cookie
            body = body.replace(CSRF_MARK, self.csrf_tokens.dumps(saved["csrf_token"]))
        nonce = secrets.token_urlsafe(16)
        data = body.replace(NONCE_MARK, nonce).encode()
        headers = [(name, value.replace(NONCE_MARK, nonce)) for name, value in page.sent_headers]
        algorithm = _choose_algorithm(
            tuple(compress.enabled_algorithms), environ.get("HTTP_ACCEPT_ENCODING", "")
        )
        if algorithm is not None and len(data) >= config["COMPRESS_MIN_SIZE"]:
            data = _compress_data(self.app, data, algorithm)
            # Flask-Compress dates what it compresses (werkzeug's make_conditional).
            headers += [("Content-Encoding", algorithm), ("Date", http_date())]
        headers.append(("Content-Length", str(len(data))))
        return headers, data

    def session(self, environ, config) -> dict | None:
        """The session as Flask would open it: {} without a valid cookie."""
        cookie = parse_cookie(environ).get(config["SESSION_COOKIE_NAME"])
        if not cookie:
            return {}
        try:
            max_age = int(self.app.permanent_session_lifetime.total_seconds())
            return self.sessions.loads(cookie, max_age=max_age)
        except BadSignature:
            return {}


def note_sent_headers(key, nonce, headers) -> None:
    page = _pages.get(key)
    if page is None or any(name.lower() == "set-cookie" for name, _ in headers):
        return
    page.sent_headers = [
        (name, value.replace(nonce, NONCE_MARK))
        for name, value in headers
        if name.lower() not in ("content-length", "content-encoding", "date")
    ]


class VersionReader:
    """Reads the data version on a connection of its own per thread, in autocommit, so
    each read sees the latest committed version without the ORM or a transaction."""

    def __init__(self, app):
        self.app = app
        self.local = threading.local()

    def read(self) -> int | None:
        try:
            cursor = self.connection().cursor()
            try:
                cursor.execute(VERSION_SQL)
                row = cursor.fetchone()
            finally:
                cursor.close()
        except Exception:  # noqa: BLE001  Flask then answers, with its own error handling
            self.forget()
            return None
        return row[0] if row else None

    def connection(self):
        if getattr(self.local, "pid", None) != os.getpid():  # a new thread, or a forked worker
            with self.app.app_context():
                engine = db.engine
            pooled = engine.raw_connection()
            connection = pooled.driver_connection
            pooled.detach()  # its own, not one of the pool's
            if engine.dialect.name == "postgresql":
                connection.autocommit = True
            self.local.connection, self.local.pid = connection, os.getpid()
        return self.local.connection

    def forget(self) -> None:
        connection = getattr(self.local, "connection", None)
        self.local.pid = self.local.connection = None
        if connection is not None:
            with suppress(Exception):  # it is already broken
                connection.close()
