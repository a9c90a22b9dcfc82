from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User
from app.services.sign_in import GENERIC_FAILURE, THROTTLED
from tests.conftest import Browserless


def test_each_role_lands_on_its_own_home(app, factory, unit, web):
    homes = {"mother": "/me/", "peer_worker": "/peer/", "staff": "/staff/"}
    for role, home in homes.items():
        user = factory.user(role=role, unit=unit)
        client = app.test_client()
        from tests.conftest import Browserless

        response = Browserless(client).sign_in(user.username)
        assert response.status_code == 302, response.get_data(as_text=True)
        assert response.headers["Location"] == home
        page = client.get(home).get_data(as_text=True)
        assert unit.name in page
        assert user.display_name in page


def test_sign_in_page_has_labelled_fields(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert '<label class="nhsuk-label nhsuk-label--s" for="username">' in page
    assert "Username" in page and "Password" in page


def test_wrong_password_is_refused_with_a_clear_message(factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    response = web.sign_in(user.username, "not-her-password")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert "Your username or password is not right" in page
    assert f'value="{user.username}"' in page  # her input is kept
    assert web.client.get("/me/").status_code == 302


def test_unknown_user_gets_the_same_message(web, unit):
    response = web.sign_in("nobody-here", "whatever-password")
    assert response.status_code == 400
    assert "Your username or password is not right" in response.get_data(as_text=True)


def test_discharged_mother_keeps_access_until_support_ends(factory, unit, web, frozen_now):
    from datetime import datetime

    mother = factory.user(
        role="mother", unit=unit, discharged_on=date(2027, 1, 10), support_until=date(2027, 3, 1)
    )
    frozen_now(datetime(2027, 2, 28, 12))
    assert web.sign_in(mother.username).status_code == 302
    web.client.post("/sign-out", data={"csrf_token": web.token("/account")})

    frozen_now(datetime(2027, 3, 2, 12))
    response = web.sign_in(mother.username)
    assert response.status_code == 400
    assert "Your support from this unit has ended" in response.get_data(as_text=True)


def test_support_ending_ends_an_open_session(factory, unit, web, frozen_now):
    from datetime import datetime

    mother = factory.user(
        role="mother", unit=unit, discharged_on=date(2027, 1, 10), support_until=date(2027, 3, 1)
    )
    frozen_now(datetime(2027, 3, 1, 9))
    web.sign_in(mother.username)
    assert web.client.get("/me/").status_code == 200
    frozen_now(datetime(2027, 3, 2, 9))
    assert web.client.get("/me/").status_code == 302


def test_closed_account_cannot_sign_in(factory, unit, web):
    user = factory.user(role="peer_worker", unit=unit, active=False)
    response = web.sign_in(user.username)
    assert response.status_code == 400
    assert "This account is closed" in response.get_data(as_text=True)


def test_sign_out_ends_the_session_even_for_a_copied_cookie(app, factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    web.sign_in(user.username)
    stolen = web.client.get_cookie("mbu_session").value
    web.client.post("/sign-out", data={"csrf_token": web.token("/account")})

    thief = app.test_client()
    thief.set_cookie("mbu_session", stolen)
    assert thief.get("/me/").status_code == 302


def test_new_session_at_sign_in(factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    web.client.get("/sign-in")
    before = web.client.get_cookie("mbu_session").value
    web.sign_in(user.username)
    after = web.client.get_cookie("mbu_session").value
    assert before != after
    with web.client.session_transaction() as session:
        assert "csrf_token" not in session  # nothing from before sign-in survives


def fresh_browser(app):
    return Browserless(app.test_client())


def test_repeated_failures_pause_signing_in_from_a_new_browser(app, factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        web.sign_in(user.username, "wrong-password-x")
    response = web.sign_in(user.username)  # right password, but too soon
    assert response.status_code == 400
    assert THROTTLED in response.get_data(as_text=True)


def test_she_is_told_how_many_tries_are_left_and_where_to_get_help(app, factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    pages = [
        web.sign_in(user.username, "wrong-password-x").get_data(as_text=True)
        for _ in range(app.config["LOGIN_FAILURE_LIMIT"])
    ]
    assert all(GENERIC_FAILURE in page for page in pages)
    assert "tries left" not in pages[-4]
    assert "You have 2 tries left before signing in is paused for 15 minutes" in pages[-3]
    assert "You have 1 try left before signing in is paused for 15 minutes" in pages[-2]
    assert "ask a member of staff for a new code" in pages[-1]


def test_guessing_from_elsewhere_never_locks_her_out_of_her_own_phone(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    her_phone = fresh_browser(app)
    assert her_phone.sign_in(user.username, address="10.0.0.5").status_code == 302
    her_phone.post("/sign-out")
    for n in range(20):  # from four addresses, far past every limit for her username
        fresh_browser(app).sign_in(user.username, f"guess-{n}", address=f"203.0.113.{n % 4}")

    stranger = fresh_browser(app).sign_in(user.username, address="198.51.100.7")
    assert THROTTLED in stranger.get_data(as_text=True)
    assert her_phone.sign_in(user.username, address="198.51.100.8").status_code == 302


def test_failures_on_her_own_phone_pause_that_phone_only(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    her_phone = fresh_browser(app)
    assert her_phone.sign_in(user.username).status_code == 302
    her_phone.post("/sign-out")
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        her_phone.sign_in(user.username, "wrong-password-x")
    assert THROTTLED in her_phone.sign_in(user.username).get_data(as_text=True)
    assert fresh_browser(app).sign_in(user.username).status_code == 302


def test_another_persons_device_cookie_does_not_vouch_for_her(app, factory, unit):
    user, other = (factory.user(role="mother", unit=unit) for _ in range(2))
    shared = fresh_browser(app)
    assert shared.sign_in(other.username).status_code == 302
    shared.post("/sign-out")
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        fresh_browser(app).sign_in(user.username, "wrong-password-x")
    assert THROTTLED in shared.sign_in(user.username).get_data(as_text=True)


def test_a_forged_device_cookie_is_ignored(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"]):
        fresh_browser(app).sign_in(user.username, "wrong-password-x")
    forger = fresh_browser(app)
    forger.client.set_cookie("mbu_device", f'[{user.id},"made-up"]', path="/sign-in")
    assert THROTTLED in forger.sign_in(user.username).get_data(as_text=True)


def test_failures_from_one_address_do_not_lock_the_user_out_elsewhere(app, factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    for _ in range(app.config["LOGIN_FAILURE_LIMIT"] - 1):
        web.sign_in(user.username, "wrong-password-x")
    response = fresh_browser(app).sign_in(user.username, address="10.9.8.7")
    assert response.status_code == 302


def test_a_wards_shared_wifi_is_not_locked_by_30_failures(app, factory, unit, web):
    mothers = [factory.user(role="mother", unit=unit) for _ in range(7)]
    for n in range(30):  # six mothers who keep mistyping, all behind one address
        web.sign_in(mothers[n % 6].username, "wrong-password-x", address="192.0.2.1")
    other = fresh_browser(app).sign_in(mothers[6].username, address="192.0.2.1")
    assert other.status_code == 302


def test_repeated_failures_are_limited_per_address(app, factory, unit, web, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_ADDRESS_FAILURE_LIMIT", 3)
    users = [factory.user(role="mother", unit=unit) for _ in range(4)]
    for user in users[:3]:
        web.sign_in(user.username, "wrong-password-x")
    response = web.sign_in(users[3].username)
    assert THROTTLED in response.get_data(as_text=True)


def test_deactivation_ends_her_sessions_at_once(app, factory, unit, as_role):
    mother_web, mother = as_role("mother")
    staff_web, _ = as_role("staff")
    assert mother_web.client.get("/me/").status_code == 200
    response = staff_web.post(f"/staff/people/{mother.id}/deactivate")
    assert response.status_code == 302
    assert mother_web.client.get("/me/").status_code == 302
    assert db.session.scalar(select(User.active).where(User.id == mother.id)) is False
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "account.deactivated" in actions


def test_idle_timeout_signs_out(app, factory, unit, web, monkeypatch):
    user = factory.user(role="mother", unit=unit)
    web.sign_in(user.username)
    with web.client.session_transaction() as session:
        session["seen"] -= int(app.config["SESSION_IDLE_TIMEOUT"].total_seconds()) + 5
    response = web.client.get("/me/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_absolute_timeout_signs_out(app, factory, unit, web):
    user = factory.user(role="mother", unit=unit)
    web.sign_in(user.username)
    with web.client.session_transaction() as session:
        session["started"] -= int(app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()) + 5
    assert web.client.get("/me/").status_code == 302


def test_overlong_and_control_character_input_is_refused(web, unit):
    token = web.token()
    response = web.client.post(
        "/sign-in", data={"csrf_token": token, "username": "a" * 500, "password": "x\x00y"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Username must be 40 characters or fewer" in page
    assert "Password must only include letters, numbers and punctuation" in page


def test_timeouts_are_configured_sensibly(app):
    assert app.config["SESSION_IDLE_TIMEOUT"] <= timedelta(hours=1)
    assert app.config["SESSION_ABSOLUTE_TIMEOUT"] <= timedelta(hours=12)


def test_each_sign_in_is_its_own_session_and_signing_out_ends_only_that_one(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    phone, tablet = fresh_browser(app), fresh_browser(app)
    for browser in (phone, tablet):
        assert browser.sign_in(user.username).status_code == 302
    copy_of_phone = cookie_jar_copy(app, phone)

    phone.post("/sign-out")
    assert copy_of_phone.get("/me/").status_code == 302, "the phone's cookie no longer works"
    assert tablet.client.get("/me/").status_code == 200, "the tablet stays signed in"


def test_an_earlier_sign_ins_cookie_stops_working_at_the_next_sign_out(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    phone = fresh_browser(app)
    phone.sign_in(user.username)
    earlier = cookie_jar_copy(app, phone)
    phone.post("/sign-out")
    phone.sign_in(user.username)
    assert earlier.get("/me/").status_code == 302
    assert phone.client.get("/me/").status_code == 200


def test_her_account_page_lists_where_she_is_signed_in(app, factory, unit, frozen_now):
    frozen_now(datetime(2027, 3, 10, 9, 14, tzinfo=UTC))
    user = factory.user(role="mother", unit=unit)
    phone, tablet = fresh_browser(app), fresh_browser(app)
    phone.sign_in(user.username)
    frozen_now(datetime(2027, 3, 10, 10, 2, tzinfo=UTC))
    tablet.sign_in(user.username)
    page = tablet.client.get("/account").get_data(as_text=True)
    assert page.count("signed in Wednesday 10 March 2027") == 2
    assert "<strong>This device:</strong> signed in Wednesday 10 March 2027 at 10:02" in page
    assert "Sign out everywhere" in page


def test_sign_out_everywhere_ends_every_session(app, factory, unit):
    user = factory.user(role="peer_worker", unit=unit)
    phone, ward_pc = fresh_browser(app), fresh_browser(app)
    for browser in (phone, ward_pc):
        browser.sign_in(user.username)
    response = phone.post("/sign-out/everywhere")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in"
    assert ward_pc.client.get("/peer/").status_code == 302
    assert phone.client.get("/peer/").status_code == 302
    assert "signed out on every device" in phone.client.get("/sign-in").get_data(as_text=True)


def test_sign_out_everywhere_needs_the_forms_token(app, factory, unit):
    user = factory.user(role="mother", unit=unit)
    phone = fresh_browser(app)
    phone.sign_in(user.username)
    assert phone.client.post("/sign-out/everywhere").status_code == 400
    assert phone.client.get("/me/").status_code == 200


def cookie_jar_copy(app, browser):
    """Another client holding the same cookies, as a copied cookie would be."""
    copy = app.test_client()
    copy.set_cookie("mbu_session", browser.client.get_cookie("mbu_session").value)
    return copy
