"""Security that applies to every response: headers, CSP nonce and session timeouts."""

import secrets

from flask import current_app, flash, g, request, session
from flask_login import current_user, logout_user

from app.extensions import db
from app.services import clock
from app.services.sign_in_sessions import end_this_session, note_seen


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
    if response.mimetype == "text/html":
        signed_in = current_user and current_user.is_authenticated
        if signed_in:
            # Pages about a person are never kept by a shared ward PC's HTTP cache.
            headers["Cache-Control"] = "no-store"
        if not signed_in or current_user.is_mother:
            # The service worker keeps for offline use only what says so: public pages and
            # a mother's own. A peer worker's and staff pages show other people.
            headers["Offline-Copy"] = "keep"
    return response


def timestamp() -> int:
    return int(clock.now().timestamp())


def start_session(user):
    """Begin a fresh session at sign-in: nothing from before survives."""
    session.clear()
    session.permanent = True
    session["started"] = session["seen"] = timestamp()


SEEN_REFRESH_SECONDS = 60  # how stale "seen" may get before the cookie is written again
KEEP_ALIVE_ENDPOINT = "auth.keep_alive"  # "Stay signed in": renews "seen" at once


def idle_seconds_left() -> int:
    """How long until her session ends for want of activity: the warning comes before it."""
    idle = current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds()
    return max(0, int(idle - (timestamp() - session.get("seen", 0))))


def session_ended_because(saved, now: int, cfg) -> str | None:
    """Why a signed-in session has ended (too long signed in, or idle), or None."""
    if now - saved.get("started", 0) > cfg["SESSION_ABSOLUTE_TIMEOUT"].total_seconds():
        return "You have been signed out because you were signed in for a long time."
    idle = cfg["SESSION_IDLE_TIMEOUT"].total_seconds()
    if now - saved.get("seen", 0) > idle:
        return (
            f"You were signed out after {int(idle // 60)} minutes without activity, "
            "to keep people's details safe."
        )
    return None


def enforce_session_timeouts():
    if request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = timestamp()
    reason = session_ended_because(session, now, current_app.config)
    if reason is None:
        stale = now - session.get("seen", 0) > SEEN_REFRESH_SECONDS  # not on every request
        if stale or request.endpoint == KEEP_ALIVE_ENDPOINT:
            session["seen"] = now
            # For the list of her sessions on her account page. The read above ends first,
            # so that on SQLite the write starts afresh and queues for the lock.
            db.session.commit()
            note_seen(current_user)
            db.session.commit()
        return
    end_this_session(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(reason)
