"""Kept pages answered before Flask's request handling, when Flask would answer the same.

A kept page (``app.page_cache``) still costs Flask's whole request: opening the session,
loading the signed-in user, the hooks, the headers. ``KeptPages`` sits in front of the
Flask app and answers a GET itself only when the answer must be the one Flask gives:

- the session cookie is valid (Flask's own serializer and lifetime), carries no message,
  is within its idle and absolute times and is not due its once-a-minute refresh;
- a page is kept under this same session's user (``id:token``), address, the current data
  version and the minute. A page is kept only after Flask served it to that user, so that
  request's access checks hold until the data version or the minute moves on;
- Flask has already sent that page once, and the headers it sent then (security headers,
  Vary, Cache-Control) are the ones used.

Everything else, and any failure to read the data version, goes to Flask. The CSRF token,
the CSP nonce and the compression are made for each answer, the way Flask-WTF, the app and
Flask-Compress make them; a first visitor gets her session cookie (with a new CSRF secret)
from Flask's own session interface.
"""

import hashlib
import os
import secrets

from flask.sessions import SecureCookieSession
from flask_compress.flask_compress import _choose_algorithm, _compress_data
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.http import http_date, parse_cookie
from werkzeug.wrappers import Response

from app.extensions import compress, db
from app.page_cache import (
    CSRF_MARK,
    KEPT,
    NONCE_MARK,
    VERSION_SQL,
    kept_page,
    page_key,
    this_minute,
)
from app.security import SEEN_REFRESH_SECONDS, session_ended_because, timestamp

# Headers made afresh for each answer, so never copied from the one Flask sent. A cookie is
# set only where the answer changes the session (a first visitor's CSRF secret, here).
FRESH_HEADERS = frozenset({"content-length", "content-encoding", "date", "set-cookie"})


class KeptPages:
    """WSGI middleware in front of the Flask app: see the module's text."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app
        self.sessions = app.session_interface.get_signing_serializer(app)
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        self.csrf_tokens = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")
        self.versions = VersionReader(app)
        self.algorithms = tuple(compress.enabled_algorithms)

    def __call__(self, environ, start_response):
        config = self.app.config
        if environ.get("REQUEST_METHOD") != "GET" or not config.get("PAGE_CACHE", True):
            return self.wsgi_app(environ, start_response)
        answer = self.answer(environ, config)
        if answer is not None:
            headers, body = answer
            start_response("200 OK", headers)
            return [body]

        def noting_headers(status, headers, exc_info=None):
            kept = environ.get(KEPT)
            if kept is not None and status.startswith("200 "):
                note_sent_headers(*kept, headers)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, noting_headers)

    def answer(self, environ, config) -> tuple[list, bytes] | None:
        saved = self.session(environ, config)
        if "_flashes" in saved:
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
        page = kept_page(page_key(environ, user_id, version, this_minute()))
        if page is None or page.sent_headers is None:
            return None
        nonce = secrets.token_urlsafe(16)
        headers = [(name, value.replace(NONCE_MARK, nonce)) for name, value in page.sent_headers]
        body = page.body
        if CSRF_MARK in body:
            if "csrf_token" not in saved:  # as Flask-WTF does: a new secret, in her cookie
                saved["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324
                headers.append(("Set-Cookie", self.session_cookie(saved)))
            body = body.replace(CSRF_MARK, self.csrf_tokens.dumps(saved["csrf_token"]))
        data = body.replace(NONCE_MARK, nonce).encode()
        algorithm = _choose_algorithm(self.algorithms, environ.get("HTTP_ACCEPT_ENCODING", ""))
        if algorithm is not None and len(data) >= config["COMPRESS_MIN_SIZE"]:
            data = _compress_data(self.app, data, algorithm)
            # Flask-Compress dates what it compresses (werkzeug's make_conditional).
            headers += [("Content-Encoding", algorithm), ("Date", http_date())]
        headers.append(("Content-Length", str(len(data))))
        return headers, data

    def session(self, environ, config) -> dict:
        """The session as Flask would open it: empty without a valid cookie."""
        cookie = parse_cookie(environ).get(config["SESSION_COOKIE_NAME"])
        if not cookie:
            return {}
        try:
            max_age = int(self.app.permanent_session_lifetime.total_seconds())
            return self.sessions.loads(cookie, max_age=max_age)
        except BadSignature:
            return {}

    def session_cookie(self, values: dict) -> str:
        """The Set-Cookie header for these session values, written by Flask's own session
        interface (so its name, lifetime and flags are the ones Flask sets)."""
        changed = SecureCookieSession(values)
        changed.modified = True
        response = Response()
        self.app.session_interface.save_session(self.app, changed, response)
        return response.headers["Set-Cookie"]


def note_sent_headers(key, nonce, headers) -> None:
    page = kept_page(key)
    if page is None:
        return
    page.sent_headers = [
        (name, value.replace(nonce, NONCE_MARK))
        for name, value in headers
        if name.lower() not in FRESH_HEADERS
    ]


class VersionReader:
    """Reads the data version without the ORM or a transaction: a connection from the
    app's own pool for one statement, in autocommit, so it sees the latest commit."""

    def __init__(self, app):
        self.app = app
        self.engine = None

    def read(self) -> int | None:
        try:
            if self.engine is None:
                with self.app.app_context():
                    self.engine = db.engine
            pooled = self.engine.raw_connection()
        except Exception:  # noqa: BLE001  Flask then answers, with its own error handling
            return None
        try:
            return self.fetch(pooled)
        except Exception:  # noqa: BLE001  likewise
            pooled.invalidate()
            return None
        finally:
            pooled.close()

    def fetch(self, pooled) -> int | None:
        driver = pooled.driver_connection
        postgres = self.engine.dialect.name == "postgresql"
        if postgres:
            driver.autocommit = True  # one round trip: no BEGIN, no ROLLBACK
        try:
            cursor = pooled.cursor()
            cursor.execute(VERSION_SQL)
            row = cursor.fetchone()
            cursor.close()
        finally:
            if postgres:
                driver.autocommit = False
        return row[0] if row else None
