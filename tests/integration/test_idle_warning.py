"""The warning before the idle time-out on staff and peer worker pages, and its
"Stay signed in" (app/auth/routes.py keep_alive, app/security.py)."""

from datetime import timedelta

from tests.conftest import TEST_NOW

TIMED_OUT = (
    "You were signed out after 30 minutes without activity, to keep people&#39;s details safe."
)


def keep_alive(web, **kwargs):
    return web.post("/session/keep-alive", token_page="/peer/", **kwargs)


def test_stay_signed_in_renews_the_idle_clock_at_once(as_role, frozen_now):
    web, _ = as_role("peer_worker")
    frozen_now(TEST_NOW + timedelta(minutes=29))
    assert web.client.get("/peer/").status_code == 200  # her last page
    frozen_now(TEST_NOW + timedelta(minutes=29, seconds=30))  # within a minute of it
    response = keep_alive(web)
    assert response.status_code == 200
    assert response.json == {"seconds_left": 1800}
    assert response.headers["Cache-Control"] == "no-store"

    frozen_now(TEST_NOW + timedelta(minutes=59, seconds=10))  # 30 min after the page
    assert web.client.get("/peer/").status_code == 200


def test_stay_signed_in_without_the_form_token_renews_nothing(as_role, frozen_now):
    web, _ = as_role("staff")
    frozen_now(TEST_NOW + timedelta(minutes=20))
    assert web.client.post("/session/keep-alive").status_code == 400
    frozen_now(TEST_NOW + timedelta(minutes=30, seconds=10))
    assert web.client.get("/staff/").status_code == 302


def test_too_late_to_stay_the_sign_in_page_says_why(as_role, frozen_now):
    web, _ = as_role("peer_worker")
    token = web.token("/peer/")  # from the page left open
    frozen_now(TEST_NOW + timedelta(minutes=30, seconds=1))
    response = web.client.post("/session/keep-alive", data={"csrf_token": token})
    assert response.status_code == 401
    page = web.client.get("/sign-in").get_data(as_text=True)
    assert TIMED_OUT in page
    assert "Sign in to see this page" not in page


def test_staff_and_peer_pages_carry_the_warning_with_the_time_really_left(as_role, frozen_now):
    for role, home in (("staff", "/staff/"), ("peer_worker", "/peer/")):
        web, _ = as_role(role)
        frozen_now(TEST_NOW + timedelta(seconds=45))  # "seen" is not written this often
        page = web.client.get(home).get_data(as_text=True)
        assert '<dialog class="app-idle-warning"' in page
        assert 'data-seconds-left="1755"' in page
        assert '<script src="/static/js/app.js" defer></script>' in page  # runs it
        frozen_now(TEST_NOW)


def test_mothers_own_phones_get_no_warning(as_role):
    web, _ = as_role("mother")
    page = web.client.get("/me/").get_data(as_text=True)
    assert "idle-warning" not in page
