"""Two-step sign-in (TOTP and recovery codes) for staff and peer workers."""

import re
from datetime import datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User
from app.services import clock
from tests.conftest import Browserless


def _enrol(web) -> tuple[str, list[str]]:
    """Set up two-step sign-in through the pages; returns the secret and recovery codes."""
    page = web.post("/account/two-step/start").get_data(as_text=True)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert 'src="data:image/svg+xml' in page
    response = web.post("/account/two-step/confirm", {"code": pyotp.TOTP(secret).at(clock.now())})
    assert response.status_code == 200
    codes = re.findall(r"<li>([0-9a-f]{6}-[0-9a-f]{6})</li>", response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


def _password_step(app, user) -> Browserless:
    web = Browserless(app.test_client())
    response = web.sign_in(user.username)
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in/two-step"
    return web


def _code_step(web, code):
    return web.client.post(
        "/sign-in/two-step", data={"csrf_token": web.token("/sign-in/two-step"), "code": code}
    )


def test_enrolled_peer_worker_needs_the_code_after_her_password(app, as_role, frozen_now):
    frozen_now(datetime(2027, 1, 5, 9, 0))
    web, peer = as_role("peer_worker")
    secret, _ = _enrol(web)
    frozen_now(datetime(2027, 1, 5, 10, 0))
    second = _password_step(app, peer)
    assert second.client.get("/peer/").status_code == 302  # not signed in yet
    response = _code_step(second, "000000")
    assert "That code is not right" in response.get_data(as_text=True)
    code = pyotp.TOTP(secret).at(datetime(2027, 1, 5, 10, 0))
    response = _code_step(second, code)
    assert response.status_code == 302 and response.headers["Location"] == "/peer/"
    assert second.client.get("/peer/").status_code == 200

    # The same code cannot be used twice (replay).
    third = _password_step(app, peer)
    assert "That code was just used" in _code_step(third, code).get_data(as_text=True)


def test_a_recovery_code_works_once(app, as_role):
    web, staff = as_role("staff")
    _, codes = _enrol(web)
    second = _password_step(app, staff)
    assert _code_step(second, codes[0].upper()).status_code == 302
    again = _password_step(app, staff)
    assert "That code is not right" in _code_step(again, codes[0]).get_data(as_text=True)
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "mfa.enabled" in actions and "mfa.recovery_code_used" in actions


def test_the_pending_step_expires(app, as_role):
    web, peer = as_role("peer_worker")
    secret, _ = _enrol(web)
    second = _password_step(app, peer)
    with second.client.session_transaction() as session:
        session["pending_at"] -= 600
    response = second.client.get("/sign-in/two-step")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in"


def test_wrong_codes_are_limited(app, as_role, monkeypatch):
    web, peer = as_role("peer_worker")
    secret, _ = _enrol(web)
    second = _password_step(app, peer)
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        _code_step(second, "123456")
    response = _code_step(second, pyotp.TOTP(secret).at(clock.now()))
    assert "paused for 15 minutes" in response.get_data(as_text=True)


def test_unit_can_require_it_for_staff_roles_but_never_for_mothers(app, as_role, unit):
    staff_web, staff = as_role("staff")
    response = staff_web.post("/staff/security", {"require_staff_mfa": "yes"})
    assert response.status_code == 302
    # staff herself must now set it up before anything else
    response = staff_web.client.get("/staff/people")
    assert response.status_code == 302 and response.headers["Location"] == "/account/two-step"
    assert "asks staff and peer support workers" in staff_web.client.get(
        "/account/two-step"
    ).get_data(as_text=True)
    peer_web, _ = as_role("peer_worker")
    assert peer_web.client.get("/peer/").headers["Location"] == "/account/two-step"
    mother_web, _ = as_role("mother")
    assert mother_web.client.get("/me/").status_code == 200
    _enrol(peer_web)
    assert peer_web.client.get("/peer/").status_code == 200


def test_mothers_cannot_turn_it_on(as_role):
    web, mother = as_role("mother")
    web.post("/account/two-step/start")
    db.session.refresh(mother)
    assert mother.totp_secret is None


def test_staff_reset_it_for_someone_who_lost_her_phone(app, as_role, unit):
    peer_web, peer = as_role("peer_worker")
    _enrol(peer_web)
    staff_web, _ = as_role("staff")
    assert staff_web.post(f"/staff/people/{peer.id}/reset-two-step").status_code == 302
    db.session.refresh(peer)
    assert not peer.mfa_enabled and peer.totp_secret is None
    response = Browserless(app.test_client()).sign_in(peer.username)
    assert response.headers["Location"] == "/peer/"


def test_confirming_with_a_wrong_code_keeps_it_off(as_role):
    web, staff = as_role("staff")
    web.post("/account/two-step/start")
    response = web.post("/account/two-step/confirm", {"code": "12"})
    assert response.status_code == 400
    assert "That code is not right" in response.get_data(as_text=True)
    assert db.session.scalar(select(User.mfa_enabled_at).where(User.id == staff.id)) is None


@pytest.mark.parametrize("offset", [-30, 0, 30])
def test_codes_from_the_neighbouring_half_minutes_are_accepted(
    app, factory, unit, frozen_now, offset
):
    from app.services import mfa

    peer = factory.user(role="peer_worker", unit=unit)
    mfa.begin_enrolment(peer)
    moment = frozen_now(datetime(2027, 3, 1, 12, 0, 15))
    code = pyotp.TOTP(peer.totp_secret).at(moment + timedelta(seconds=offset))
    assert mfa.confirm_enrolment(peer, code)


def test_a_new_activation_code_does_not_skip_her_second_step(app, as_role, frozen_now):
    """Any staff member can make a code; it sets a password, and the code is still asked."""
    peer_web, peer = as_role("peer_worker")
    secret, _ = _enrol(peer_web)
    staff_web, _ = as_role("staff")
    page = staff_web.post(f"/staff/people/{peer.id}/code").get_data(as_text=True)
    code = re.search(r'data-testid="activation-code">([A-Z0-9-]+)<', page).group(1)
    phone = Browserless(app.test_client())
    new_password = "a brand new phrase"
    response = phone.client.post(
        "/activate",
        data={
            "csrf_token": phone.token("/activate"),
            "code": code,
            "password": new_password,
            "confirm": new_password,
        },
    )
    assert response.headers["Location"] == "/sign-in/two-step"
    assert phone.client.get("/peer/caseload").status_code == 302  # not signed in
    assert "enter the code from your app" in phone.client.get("/sign-in/two-step").get_data(
        as_text=True
    )
    frozen_now(clock.now() + timedelta(minutes=1))  # the enrolment's code is spent
    response = _code_step(phone, pyotp.TOTP(secret).at(clock.now()))
    assert response.headers["Location"] == "/peer/"
    assert phone.client.get("/peer/caseload").status_code == 200
    db.session.refresh(peer)
    assert peer.mfa_enabled  # a reset stays the separate, audited staff action


def test_turning_it_on_ends_her_other_sessions_but_not_this_one(app, as_role):
    web, peer = as_role("peer_worker")
    elsewhere = Browserless(app.test_client())
    elsewhere.sign_in(peer.username)
    assert elsewhere.client.get("/peer/").status_code == 200
    _enrol(web)
    assert elsewhere.client.get("/peer/").status_code == 302  # signed in with the password alone
    assert web.client.get("/peer/").status_code == 200


def test_set_up_offers_an_authenticator_link_for_the_same_phone(as_role):
    web, _ = as_role("peer_worker")
    page = web.post("/account/two-step/start").get_data(as_text=True)
    link = re.search(r'href="(otpauth://totp/[^"]+)"[^>]*>\s*Open in your authenticator app', page)
    assert link
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert f"secret={secret.replace(' ', '')}" in link.group(1)


def test_a_code_just_used_is_refused_at_sign_in_until_the_next_one(app, as_role, frozen_now):
    frozen_now(datetime(2027, 1, 5, 9, 0))
    web, peer = as_role("peer_worker")
    secret, _ = _enrol(web)
    moment = frozen_now(datetime(2027, 1, 5, 10, 0, 5))
    code = pyotp.TOTP(secret).at(moment)
    assert _code_step(_password_step(app, peer), code).status_code == 302
    again = _password_step(app, peer)
    refused = _code_step(again, code)
    assert refused.status_code == 400
    assert "That code was just used. Wait for the next one." in refused.get_data(as_text=True)
    earlier = pyotp.TOTP(secret).at(moment - timedelta(seconds=30))  # still within the window
    assert "That code was just used" in _code_step(again, earlier).get_data(as_text=True)
    frozen_now(moment + timedelta(seconds=30))
    later = pyotp.TOTP(secret).at(moment + timedelta(seconds=30))
    assert _code_step(again, later).status_code == 302


def test_a_code_just_used_is_refused_at_set_up(app, as_role, factory, unit, frozen_now):
    """She signed in with this half minute's code, staff reset her two-step sign-in and she
    sets it up again at once: the step is spent for her account."""
    moment = frozen_now(datetime(2027, 1, 5, 9, 0, 5))
    web, peer = as_role("peer_worker")
    _enrol(web)  # accepts this half minute's code
    staff_web, _ = as_role("staff")
    staff_web.post(f"/staff/people/{peer.id}/reset-two-step", token_page="/staff/")
    web = Browserless(app.test_client())
    web.sign_in(peer.username)
    page = web.post("/account/two-step/start").get_data(as_text=True)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    response = web.post("/account/two-step/confirm", {"code": pyotp.TOTP(secret).at(moment)})
    assert response.status_code == 400
    assert "That code was just used. Wait for the next one." in response.get_data(as_text=True)
    frozen_now(moment + timedelta(seconds=30))
    later = pyotp.TOTP(secret).at(moment + timedelta(seconds=30))
    assert web.post("/account/two-step/confirm", {"code": later}).status_code == 200
