"""Key pages kept whole per person until the data or the minute changes.

A page such as a mother's home is read far more often than anything on it changes. So the
HTML a view returned is kept in this process, keyed by who asked, the address, the data
version and the current minute, and served again while all four are the same. Who may see
the page is decided by the view's access checks when it is kept; they read only data and
the date, so the decision holds while the data version and the minute stay the same. What
differs per request (the CSRF token and the CSP nonce) is put in fresh each time. Most
requests for a kept page are answered before Flask's request handling (``app.kept_pages``).

The data version is one counter in the database, raised in the same transaction as every
write to a table a page can show (see ``watch_writes``). So every host agrees: a page is
never served from before a change that its reader could already see committed. Writes
only to tables no cached page reads (``UNSHOWN_TABLES``) leave it alone, which a test
checks against the SQL each cached page runs.
"""

import re
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import event

from app.extensions import db
from app.security import csp_nonce
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
    # The whole response's headers as Flask sent them (security headers, Vary ...), once
    # seen: then the page can be answered before Flask (app.kept_pages).
    sent_headers: list | None = None


def kept_page(key) -> Page | None:
    return _pages.get(key)


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
                request.environ[KEPT] = (key, csp_nonce())  # note the headers Flask sends
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
