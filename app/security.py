"""Security that applies to every response: headers, CSP nonce and session timeouts."""

import secrets
from datetime import UTC, datetime

from flask import current_app, flash, g, request, session
from flask_login import current_user, logout_user


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{csp_nonce()}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ]
    )


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers.setdefault("Referrer-Policy", "same-origin")
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if current_app.config.get("HSTS"):
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if current_user and current_user.is_authenticated and response.mimetype == "text/html":
        # Pages about a person are never kept by a shared ward PC's HTTP cache.
        headers["Cache-Control"] = "no-store"
    return response


def timestamp() -> int:
    return int(datetime.now(UTC).timestamp())


def start_session(user):
    """Begin a fresh session at sign-in: nothing from before survives."""
    session.clear()
    session.permanent = True
    session["started"] = session["seen"] = timestamp()


def enforce_session_timeouts():
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    cfg = current_app.config
    now = timestamp()
    started = session.get("started", 0)
    seen = session.get("seen", 0)
    if now - started > cfg["SESSION_ABSOLUTE_TIMEOUT"].total_seconds():
        reason = "You have been signed out because you were signed in for a long time."
    elif now - seen > cfg["SESSION_IDLE_TIMEOUT"].total_seconds():
        reason = "You have been signed out because you were not active for a while."
    else:
        if now - seen > 60:  # refresh at most once a minute, not on every request
            session["seen"] = now
        return
    logout_user()
    session.clear()
    flash(reason)
