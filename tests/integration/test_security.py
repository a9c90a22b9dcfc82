"""Security baseline: headers on every response, CSRF on every POST, cookie flags,
request size limit, production refusing unsafe settings (a missing or plain-http public
address too), an append-only audit log."""

import pytest
from sqlalchemy import func, select

from app import UnsafeConfiguration, create_app
from app.extensions import db
from app.models import AuditEvent, User
from app.models.audit import AuditIsAppendOnly
from app.services.sign_in_sessions import end_sessions
from tests.conftest import Browserless, signed_in_client
from tests.integration.access import all_routes

POST_ROUTES = sorted({(r.url, r.endpoint) for r in all_routes() if r.method == "POST"})


def _assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


@pytest.mark.parametrize("path", ["/sign-in", "/units", "/no-such-page", "/static/js/app.js"])
def test_security_headers_on_pages_and_errors(client, path):
    response = client.get(path)
    _assert_security_headers(response)
    response.close()


def test_security_headers_on_csrf_error_and_method_not_allowed(client):
    _assert_security_headers(client.post("/sign-in", data={"username": "x"}))
    _assert_security_headers(client.put("/sign-in"))


def test_signed_in_pages_are_not_stored_by_shared_computers(as_role):
    web, _ = as_role("mother")
    assert web.client.get("/me/").headers["Cache-Control"] == "no-store"


def test_only_public_pages_and_a_mothers_own_may_be_kept_offline(as_role, web):
    assert web.client.get("/help").headers["Offline-Copy"] == "keep"
    mother, _ = as_role("mother")
    assert mother.client.get("/me/").headers["Offline-Copy"] == "keep"
    for role, path in (("peer_worker", "/peer/caseload"), ("staff", "/staff/people")):
        other, _ = as_role(role)
        assert "Offline-Copy" not in other.client.get(path).headers


def test_the_app_can_ask_whether_this_browser_is_still_signed_in(as_role, web):
    assert web.client.get("/session").status_code == 401
    mother, user = as_role("mother")
    assert mother.client.get("/session").status_code == 204
    end_sessions(user)
    db.session.commit()
    assert mother.client.get("/session").status_code == 401


def test_cookie_flags(factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    response = web.sign_in(user.username)
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    assert "HttpOnly" in cookies["mbu_session"]
    assert "SameSite=Lax" in cookies["mbu_session"]
    # The device cookie goes only to the sign-in page, never cross-site
    assert "HttpOnly" in cookies["mbu_device"]
    assert "SameSite=Strict" in cookies["mbu_device"]
    assert "Path=/sign-in" in cookies["mbu_device"]


def test_production_cookies_are_secure_and_hsts_is_sent(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": "x" * 40,
            "VAPID_PRIVATE_KEY": "k",
            "VAPID_PUBLIC_KEY": "k",
            "SESSION_COOKIE_SECURE": True,
            "HSTS": True,
            "PUBLIC_BASE_URL": "https://mbu.example.nhs.uk",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}",
        }
    )
    response = app.test_client().get("/static/js/app.js", base_url="https://mbu.example.nhs.uk")
    assert "max-age" in response.headers["Strict-Transport-Security"]
    response.close()


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"VAPID_PRIVATE_KEY": None}, "VAPID"),
        ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE"),
        ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "http://mbu.example.nhs.uk"}, "PUBLIC_BASE_URL"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(missing, message):
    safe = {
        "ENV_NAME": "production",
        "SECRET_KEY": "x" * 40,
        "VAPID_PRIVATE_KEY": "k",
        "VAPID_PUBLIC_KEY": "k",
        "SESSION_COOKIE_SECURE": True,
        "PUBLIC_BASE_URL": "https://mbu.example.nhs.uk",
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
    with pytest.raises(UnsafeConfiguration, match=message):
        create_app({**safe, **missing})


def _row_counts():
    from app.models import Base

    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }


@pytest.mark.parametrize("url, endpoint", POST_ROUTES, ids=[e for _, e in POST_ROUTES])
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(app, world, url, endpoint):
    web = Browserless(signed_in_client(app, world["staff"]))
    target = url.format(**world)
    before = _row_counts()
    response = web.client.post(target, data={"display_name": "x", "discharged_on-day": "1"})
    assert response.status_code == 400
    db.session.expire_all()
    assert _row_counts() == before


def test_request_body_limit(client):
    response = client.post("/sign-in", data={"username": "x" * 200_000})
    assert response.status_code == 413
    _assert_security_headers(response)


def test_audit_events_cannot_be_changed_or_deleted(as_role, factory, unit):
    web, staff = as_role("staff")
    mother = factory.user(role="mother", unit=unit)
    web.client.get(f"/staff/people/{mother.id}")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.viewed"))
    assert event is not None and event.actor_id == staff.id
    event.detail = "changed"
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    event = db.session.scalar(select(AuditEvent))
    db.session.delete(event)
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_passwords_are_stored_as_scrypt_hashes(factory, unit):
    user = factory.user(role="mother", unit=unit)
    stored = db.session.scalar(select(User.password_hash).where(User.id == user.id))
    assert stored.startswith("scrypt:")
    assert "correct-horse" not in stored


def test_logs_carry_no_passwords_or_cookies(factory, unit, web, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    user = factory.user(role="mother", unit=unit)
    web.sign_in(user.username, "a-wrong-secret-password")
    web.sign_in(user.username)
    cookie = web.client.get_cookie("mbu_session").value
    text = caplog.text
    assert "correct-horse-battery" not in text
    assert "a-wrong-secret-password" not in text
    assert cookie not in text


def test_an_error_log_names_the_route_not_a_feed_token(app, client, monkeypatch, caplog):
    from app.services import calendar_feeds

    def broken(token):
        raise RuntimeError("feed store broken")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr(calendar_feeds, "feed_owner", broken)
    response = client.get("/timetable/feed/Zq8uT0kenSecret.ics?x=queried")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.getMessage() == "Exception on /timetable/feed/<token>.ics [GET]"
    assert "Zq8uT0kenSecret" not in caplog.text and "queried" not in caplog.text
