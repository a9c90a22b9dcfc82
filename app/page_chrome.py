"""The header and footer of every page, rendered once per distinct look and then reused.

The NHS.UK header and footer macros are the costliest part of rendering a page. What they
show depends only on who is signed in (name and role) and which page is open, so each
distinct combination is rendered once per process. The sign-out form's CSRF token differs
per session, so it is put in after, in place of a marker that cannot occur in HTML.
"""

from functools import lru_cache

from flask import render_template, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from app.navigation import nav_items_for

CSRF_MARKER = "\x00csrf-token\x00"


@lru_cache(maxsize=2048)
def _header(display_name: str | None, role: str | None, endpoint: str | None, root: str) -> str:
    return render_template(
        "partials/header.html",
        display_name=display_name,
        navigation=nav_items_for(role, endpoint) if role else [],
        csrf_marker=CSRF_MARKER,
    )


@lru_cache(maxsize=8)
def _footer(root: str) -> str:
    return render_template("partials/footer.html")


def page_header() -> Markup:
    if current_user.is_authenticated:
        html = _header(
            current_user.display_name, current_user.role, request.endpoint, request.script_root
        )
        token = str(escape(generate_csrf()))
        return Markup(html.replace(CSRF_MARKER, token))  # noqa: S704  autoescaped when rendered
    return Markup(_header(None, None, request.endpoint, request.script_root))  # noqa: S704


def page_footer() -> Markup:
    return Markup(_footer(request.script_root))  # noqa: S704  autoescaped when rendered
