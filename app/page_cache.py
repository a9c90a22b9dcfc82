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

import re
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
MAX_PAGES = 512
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
    connection = db.session.connection()
    return connection.exec_driver_sql("SELECT version FROM data_version WHERE id = 1").scalar()


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
        minute = clock.now().replace(second=0, microsecond=0)
        key = (request.full_path, request.script_root, user_id, version, minute)
        stored = _pages.get(key)
        if stored is not None:
            body, status, headers = stored
            if CSRF_MARK in body:
                body = body.replace(CSRF_MARK, generate_csrf())
            return make_response(body.replace(NONCE_MARK, csp_nonce()), status, headers)
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
    if "csp_nonce" in g:
        body = body.replace(g.csp_nonce, NONCE_MARK)
    if len(_pages) >= MAX_PAGES:
        _pages.clear()
    headers = [
        (name, value) for name, value in response.headers.items() if name != "Content-Length"
    ]
    _pages[key] = (body, response.status_code, headers)
