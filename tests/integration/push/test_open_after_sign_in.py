"""A notification's link works when she is signed out: sign-in brings her to that page,
through the code step too for staff and peer workers with two-step sign-in."""

from datetime import datetime
from urllib.parse import urlencode

import pyotp
import pytest

from app.extensions import db
from app.services import clock, mfa
from tests.conftest import csrf_token_from
from tests.factories import Factory


def test_sign_in_returns_to_the_page_a_notification_opened(client, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    response = client.get("/notifications")
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    assert sign_in_url.startswith("/sign-in?next=")

    page = client.get(sign_in_url).get_data(as_text=True)
    assert 'action="/sign-in?next=/notifications"' in page
    response = client.post(
        "/sign-in?next=%2Fnotifications",
        data={
            "csrf_token": csrf_token_from(page),
            "username": mother.username,
            "password": Factory.PASSWORD,
        },
    )
    assert response.headers["Location"] == "/notifications"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.test/",
        "//evil.test/",
        "/\\evil.test",
        "x",
        # Characters browsers drop or turn into slashes.
        "/\t/evil.test",
        "/\n/evil.test",
        "/\r/evil.test",
    ],
)
def test_sign_in_never_sends_her_to_another_site(client, factory, unit, target):
    mother = factory.user(role="mother", unit=unit)
    page = client.get("/sign-in").get_data(as_text=True)
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={
            "csrf_token": csrf_token_from(page),
            "username": mother.username,
            "password": Factory.PASSWORD,
        },
    )
    assert response.headers["Location"] == "/me/"


def _two_step_peer_worker(factory, unit):
    peer = factory.user(role="peer_worker", unit=unit)
    mfa.begin_enrolment(peer)
    mfa.confirm_enrolment(peer, pyotp.TOTP(peer.totp_secret).at(clock.now()))
    db.session.commit()
    return peer


def _sign_in_with_code(client, peer, sign_in_url, code_time):
    """Password, then the code: returns the answer to the code step."""
    page = client.get(sign_in_url).get_data(as_text=True)
    response = client.post(
        sign_in_url,
        data={
            "csrf_token": csrf_token_from(page),
            "username": peer.username,
            "password": Factory.PASSWORD,
        },
    )
    assert response.headers["Location"] == "/sign-in/two-step"
    page = client.get("/sign-in/two-step").get_data(as_text=True)
    return client.post(
        "/sign-in/two-step",
        data={
            "csrf_token": csrf_token_from(page),
            "code": pyotp.TOTP(peer.totp_secret).at(code_time),
        },
    )


def test_a_peer_worker_with_two_step_sign_in_arrives_at_the_notifications_page(
    client, factory, unit, frozen_now
):
    frozen_now(datetime(2027, 1, 5, 9, 0))
    peer = _two_step_peer_worker(factory, unit)
    frozen_now(datetime(2027, 1, 5, 10, 0))
    response = client.get("/peer/caseload")  # she taps "You have a new booking"
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    assert sign_in_url == "/sign-in?next=%2Fpeer%2Fcaseload"

    response = _sign_in_with_code(client, peer, sign_in_url, datetime(2027, 1, 5, 10, 0))
    assert response.status_code == 302
    assert response.headers["Location"] == "/peer/caseload"
    assert client.get("/peer/caseload").status_code == 200
    with client.session_transaction() as session:
        assert "pending_next" not in session


@pytest.mark.parametrize("target", ["https://evil.test/", "//evil.test/", "/\\evil.test", "/\t/x"])
def test_two_step_sign_in_ignores_an_unsafe_next_page(client, factory, unit, frozen_now, target):
    frozen_now(datetime(2027, 1, 5, 9, 0))
    peer = _two_step_peer_worker(factory, unit)
    frozen_now(datetime(2027, 1, 5, 10, 0))
    sign_in_url = "/sign-in?" + urlencode({"next": target})
    response = _sign_in_with_code(client, peer, sign_in_url, datetime(2027, 1, 5, 10, 0))
    assert response.status_code == 302
    assert response.headers["Location"] == "/peer/"


def test_an_unsafe_next_page_put_in_the_pending_session_is_still_refused(
    client, factory, unit, frozen_now
):
    """Checked again when used, not only when stored."""
    frozen_now(datetime(2027, 1, 5, 9, 0))
    peer = _two_step_peer_worker(factory, unit)
    frozen_now(datetime(2027, 1, 5, 10, 0))
    page = client.get("/sign-in").get_data(as_text=True)
    client.post(
        "/sign-in",
        data={
            "csrf_token": csrf_token_from(page),
            "username": peer.username,
            "password": Factory.PASSWORD,
        },
    )
    with client.session_transaction() as session:
        session["pending_next"] = "//evil.test/"
    page = client.get("/sign-in/two-step").get_data(as_text=True)
    response = client.post(
        "/sign-in/two-step",
        data={
            "csrf_token": csrf_token_from(page),
            "code": pyotp.TOTP(peer.totp_secret).at(datetime(2027, 1, 5, 10, 0)),
        },
    )
    assert response.headers["Location"] == "/peer/"
