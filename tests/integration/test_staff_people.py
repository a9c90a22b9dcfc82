"""Staff manage the people of their own unit: accounts, codes, admission and discharge."""

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivationCode, AuditEvent, Notification, SignUp, User
from app.services import clock
from tests.conftest import Browserless
from tests.factories import ActivityFactory, SignUpFactory
from tests.support.forms import date_boxes

DATES = ("admitted_on", "discharged_on", "support_until")


def _new_person(web, **fields):
    data = {
        "role": "mother",
        "display_name": "Nadia",
        "username": "nadia.k",
        "admitted_on": "2026-11-20",
        **fields,
    }
    return web.post("/staff/people/new", date_boxes(data, *DATES))


def _code_from(response) -> str:
    match = re.search(
        r'data-testid="activation-code">([A-Z0-9-]+)<', response.get_data(as_text=True)
    )
    assert match
    return match.group(1)


def test_staff_create_a_mother_with_a_one_time_code_and_qr(as_role, unit):
    web, staff = as_role("staff")
    response = _new_person(web)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "It is shown only once" in page
    assert 'src="data:image/svg+xml' in page
    code = _code_from(response)
    mother = db.session.scalar(select(User).where(User.username == "nadia.k"))
    assert mother.unit_id == unit.id and mother.role == "mother"
    assert mother.admitted_on == date(2026, 11, 20)
    assert mother.password_hash is None
    stored = db.session.scalar(select(ActivationCode.code_hash))
    assert code.replace("-", "") not in stored  # only a hash is kept


def test_the_add_person_form_reveals_each_roles_own_question(as_role):
    web, _ = as_role("staff")
    page = web.client.get("/staff/people/new").get_data(as_text=True)
    assert 'data-module="nhsuk-radios"' in page and "js/radios.js" in page
    for field, role, hint in [
        ("admitted_on", "mother", "For mothers only"),
        ("contracted_hours", "peer_worker", "For peer support workers only"),
    ]:
        radio = re.search(rf'<input[^>]*value="{role}"[^>]*>', page).group(0)
        conditional = re.search(r'data-aria-controls="([^"]+)"', radio).group(1)
        block = page.split(f'id="{conditional}"')[1].split("nhsuk-radios__item")[0]
        assert f'name="{field}' in block and hint in block  # shown without JavaScript too


def test_fields_for_another_role_are_ignored(as_role):
    web, _ = as_role("staff")
    response = _new_person(
        web, role="staff", username="sam.s", admitted_on="2026-02-31", contracted_hours="999"
    )
    assert response.status_code == 200
    sam = db.session.scalar(select(User).where(User.username == "sam.s"))
    assert (sam.admitted_on, sam.contracted_minutes) == (None, None)
    response = _new_person(web, contracted_hours="999")  # a mother: hours are not hers
    assert response.status_code == 200
    nadia = db.session.scalar(select(User).where(User.username == "nadia.k"))
    assert nadia.admitted_on == date(2026, 11, 20) and nadia.contracted_minutes is None


def test_the_code_page_has_a_print_button_and_prints_only_the_code(as_role, app):
    web, _ = as_role("staff")
    page = _new_person(web).get_data(as_text=True)
    assert re.search(r'<button class="nhsuk-button" type="button" data-print hidden>', page)
    assert "/static/js/print.js" in page and "onclick" not in page
    printed = page.split('class="app-print-area"')[1].split("<button")[0]
    assert 'data-testid="activation-code"' in printed and 'class="app-qr"' in printed
    assert "Scan this QR code" in printed
    static = Path(app.static_folder)
    css = (static / "css/app.css").read_text()
    assert re.search(r"@media print\{[^@]*\.app-no-print", css)
    script = (static / "js/print.js").read_text()
    assert "window.print()" in script and "[data-print]" in script


def test_activation_sets_her_password_and_signs_her_in(app, as_role):
    web, _ = as_role("staff")
    code = _code_from(_new_person(web))
    phone = Browserless(app.test_client())
    response = phone.client.post(
        "/activate",
        data={
            "csrf_token": phone.token("/activate"),
            "code": code.lower(),
            "password": "sunny garden teapot",
            "confirm": "sunny garden teapot",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/me/"
    # Signed in: her home shows "About peer support" first, once.
    assert phone.client.get("/me/").headers["Location"] == "/peer-support/"
    assert "Carry on" in phone.client.get("/peer-support/").get_data(as_text=True)
    # and the code is now spent
    again = Browserless(app.test_client())
    response = again.client.post(
        "/activate",
        data={
            "csrf_token": again.token("/activate"),
            "code": code,
            "password": "another lovely phrase",
            "confirm": "another lovely phrase",
        },
    )
    assert "already been used" in response.get_data(as_text=True)


def test_activation_refuses_expired_wrong_and_weak(app, as_role, frozen_now):
    web, _ = as_role("staff")
    frozen_now(datetime(2026, 11, 1, 9))
    code = _code_from(_new_person(web))
    phone = Browserless(app.test_client())

    def attempt(code, password="sunny garden teapot", confirm=None):
        return phone.client.post(
            "/activate",
            data={
                "csrf_token": phone.token("/activate"),
                "code": code,
                "password": password,
                "confirm": confirm or password,
            },
        ).get_data(as_text=True)

    assert "That code is not right" in attempt("ABCD-EFGH-JKMN")
    assert "12 character code" in attempt("ABC")
    assert "too easy to guess" in attempt(code, "password123")
    assert "8 characters or more" in attempt(code, "short")
    assert "do not match" in attempt(code, "sunny garden teapot", "sunny garden teacup")
    frozen_now(datetime(2026, 11, 8, 10))
    assert "That code has expired" in attempt(code)
    assert db.session.scalar(select(User.password_hash).where(User.username == "nadia.k")) is None


def test_a_new_code_replaces_the_old_one_and_ends_sessions_on_use(app, as_role, factory, unit):
    web, _ = as_role("staff")
    mother = factory.user(role="mother", unit=unit)
    mother_web = Browserless(app.test_client())
    mother_web.sign_in(mother.username)
    first = _code_from(web.post(f"/staff/people/{mother.id}/code"))
    second = _code_from(web.post(f"/staff/people/{mother.id}/code"))
    assert first != second
    phone = Browserless(app.test_client())
    body = {"password": "a brand new phrase", "confirm": "a brand new phrase"}
    response = phone.client.post(
        "/activate", data={"csrf_token": phone.token("/activate"), "code": first, **body}
    )
    assert "already been used" in response.get_data(as_text=True)
    response = phone.client.post(
        "/activate", data={"csrf_token": phone.token("/activate"), "code": second, **body}
    )
    assert response.status_code == 302
    assert mother_web.client.get("/me/").status_code == 302  # the old session ended


def test_new_person_form_errors_keep_input(as_role):
    web, _ = as_role("staff")
    response = _new_person(web, username="Bad Name!", display_name="Nadia\x07")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "First name must only include letters" in page
    response = _new_person(web, username="Bad Name!")
    assert "Username must be 3 to 40 lower case letters" in response.get_data(as_text=True)
    assert 'value="Bad Name!"' in response.get_data(as_text=True)
    response = _new_person(web, admitted_on="")
    assert "Enter the date of admission" in response.get_data(as_text=True)
    response = _new_person(web, admitted_on="2026-02-31")
    assert "must be a real date" in response.get_data(as_text=True)
    response = _new_person(web, role="peer_worker", contracted_hours="")
    assert "Enter her contracted hours a week" in response.get_data(as_text=True)
    response = _new_person(web, role="superuser")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "nadia.k")) == 0


def test_duplicate_username_is_refused(as_role, factory, unit):
    web, _ = as_role("staff")
    factory.user(role="mother", unit=unit, username="nadia.k")
    response = _new_person(web)
    assert "already taken" in response.get_data(as_text=True)


def test_discharge_asks_first_then_is_recorded(as_role, factory, unit):
    web, _ = as_role("staff")
    mother = factory.user(
        role="mother", unit=unit, admitted_on=date(2026, 10, 1), display_name="Amy"
    )
    dates = date_boxes({"discharged_on": "2026-11-20", "support_until": "2027-02-20"}, *DATES)
    asked = web.post(f"/staff/people/{mother.id}/discharge", dates)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Are you sure you want to record Amy&#39;s discharge?" in page
    assert "discharged on 20 November 2026" in page and "until 20 February 2027" in page
    assert re.search(r'<button[^>]*name="confirmed"[^>]*value="yes"', page)
    assert 'name="support_until-month" value="02"' in page  # what she typed, carried
    assert re.search(r'name="confirmed" value="no">No, go back</button>', page)
    back = web.post(f"/staff/people/{mother.id}/discharge", {**dates, "confirmed": "no"})
    assert back.status_code == 200 and 'value="2027"' in back.get_data(as_text=True)
    db.session.refresh(mother)
    assert mother.discharged_on is None  # nothing changes until she confirms
    response = web.post(f"/staff/people/{mother.id}/discharge", {**dates, "confirmed": "yes"})
    assert response.status_code == 302
    db.session.refresh(mother)
    assert mother.discharged_on == date(2026, 11, 20)
    assert mother.support_until == date(2027, 2, 20)
    assert "mother.discharged" in db.session.scalars(select(AuditEvent.action)).all()


def test_closing_an_account_offers_her_place_on_a_full_group(as_role, factory, unit):
    web, _ = as_role("staff")
    group = ActivityFactory(unit=unit, capacity=1)
    day = clock.local_today(unit) + timedelta(days=1)
    holder, waiting = (factory.user(role="mother", unit=unit) for _ in range(2))
    SignUpFactory(activity=group, on_date=day, mother=holder, seat=1)
    SignUpFactory(activity=group, on_date=day, mother=waiting, status="waiting", position=1)
    assert web.post(f"/staff/people/{holder.id}/deactivate").status_code == 302
    offer = db.session.scalar(select(SignUp))
    assert (offer.mother_id, offer.status, offer.seat) == (waiting.id, "offered", 1)
    notice = select(Notification.url).where(Notification.user_id == waiting.id)
    assert db.session.scalar(notice) == "/timetable/"
    assert (
        web.post(
            f"/staff/people/{waiting.id}/discharge",
            date_boxes(
                {
                    "discharged_on": day.isoformat(),
                    "support_until": "2027-12-01",
                    "confirmed": "yes",
                },
                *DATES,
            ),
        ).status_code
        == 302
    )
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 0


def test_discharge_dates_must_make_sense(as_role, factory, unit):
    web, _ = as_role("staff")
    mother = factory.user(role="mother", unit=unit, admitted_on=date(2026, 10, 1))
    response = web.post(
        f"/staff/people/{mother.id}/discharge",
        date_boxes({"discharged_on": "2026-11-20", "support_until": "2026-11-01"}, *DATES),
    )
    assert response.status_code == 400
    assert "Support until must be on or after the discharge date" in response.get_data(as_text=True)
    response = web.post(
        f"/staff/people/{mother.id}/discharge",
        date_boxes({"discharged_on": "2026-09-01", "support_until": "2026-12-01"}, *DATES),
    )
    assert "on or after the admission date" in response.get_data(as_text=True)
    db.session.refresh(mother)
    assert mother.discharged_on is None


def test_closing_an_account_asks_first_by_get(as_role, factory, unit):
    web, staff = as_role("staff")
    priya = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    person_page = web.client.get(f"/staff/people/{priya.id}").get_data(as_text=True)
    assert f'href="/staff/people/{priya.id}/deactivate"' in person_page
    asked = web.client.get(f"/staff/people/{priya.id}/deactivate")
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Are you sure you want to close Priya&#39;s account?" in page
    assert "signed out at once" in page and "hand to a colleague or cancel" in page
    assert f'method="post" action="/staff/people/{priya.id}/deactivate"' in page
    assert "No, go back" in page
    db.session.refresh(priya)
    assert priya.active
    own = web.client.get(f"/staff/people/{staff.id}/deactivate")
    assert own.status_code == 302  # never offered for her own account


def test_another_units_people_are_not_found(as_role, factory, other_unit):
    web, _ = as_role("staff")
    stranger = factory.user(role="mother", unit=other_unit)
    assert web.client.get(f"/staff/people/{stranger.id}").status_code == 404
    assert web.post(f"/staff/people/{stranger.id}/deactivate").status_code == 404
    assert web.post(f"/staff/people/{stranger.id}/code").status_code == 404
    db.session.refresh(stranger)
    assert stranger.active
    page = web.client.get("/staff/people").get_data(as_text=True)
    assert stranger.display_name not in page


def test_staff_cannot_close_their_own_account(as_role):
    web, staff = as_role("staff")
    response = web.post(f"/staff/people/{staff.id}/deactivate")
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.active


def test_viewing_a_person_is_audited(as_role, factory, unit):
    web, staff = as_role("staff")
    mother = factory.user(role="mother", unit=unit)
    web.client.get(f"/staff/people/{mother.id}")
    page = web.client.get("/staff/audit").get_data(as_text=True)
    assert f"{staff.display_name} viewed {mother.display_name}&#39;s record" in page


def test_code_expires_after_seven_days(app, as_role, factory, unit):
    web, _ = as_role("staff")
    mother = factory.user(role="mother", unit=unit)
    web.post(f"/staff/people/{mother.id}/code")
    code = db.session.scalar(select(ActivationCode))
    assert code.expires_at - code.created_at == timedelta(days=7)


def test_people_page_shows_current_people_and_past_ones_apart(as_role, factory, unit):
    web, _ = as_role("staff")
    factory.user(role="mother", unit=unit, display_name="Current")
    factory.user(
        role="mother",
        unit=unit,
        display_name="Supported",
        discharged_on=clock.local_today(unit) - timedelta(days=3),
        support_until=clock.local_today(unit) + timedelta(days=30),
    )
    factory.user(
        role="mother",
        unit=unit,
        display_name="Ended",
        discharged_on=date(2025, 1, 1),
        support_until=date(2025, 3, 1),
    )
    factory.user(role="peer_worker", unit=unit, display_name="Closed", active=False)
    current = web.client.get("/staff/people").get_data(as_text=True)
    assert "Current" in current and "Supported" in current
    assert "Ended" not in current and "Closed" not in current
    past = web.client.get("/staff/people?show=past").get_data(as_text=True)
    assert "Ended" in past and "Closed" in past and "Current" not in past


def _refused(response, message: str):
    """Refused on the page it came from, with the reason in the summary at the top."""
    assert response.status_code == 400
    assert "There is a problem" in response.text and message in response.text


def _audited(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_staff_change_a_peer_workers_contracted_hours(as_role, factory, unit):
    web, _ = as_role("staff")
    peer = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=18 * 60)
    url = f"/staff/people/{peer.id}"
    page = web.client.get(url).get_data(as_text=True)
    assert "Change contracted hours" in page and 'value="18"' in page
    response = web.post(f"{url}/hours", {"contracted_hours": "37.5"})
    assert response.status_code == 302 and response.headers["Location"] == url
    db.session.refresh(peer)
    assert peer.contracted_minutes == 37 * 60 + 30
    assert _audited("peer_worker.hours_changed") == 1
    page = web.client.get(url).get_data(as_text=True)
    assert "Saved. Priya is contracted for 37.5 hours a week." in page
    assert "37.5 hours a week</dd>" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "Contracted hours a week must be between 0 and 60, in whole or half hours"),
        ("60.5", "Contracted hours a week must be between 0 and 60, in whole or half hours"),
        ("37.25", "Contracted hours a week must be between 0 and 60, in whole or half hours"),
        ("lots", "Contracted hours a week must be a number, like 37.5"),
        ("sNaN", "Contracted hours a week must be a number, like 37.5"),
        ("1E+999999", "Contracted hours a week must be between 0 and 60, in whole or half hours"),
        ("", "Enter her contracted hours a week"),
    ],
)
def test_contracted_hours_that_make_no_sense_change_nothing(as_role, factory, unit, typed, message):
    web, _ = as_role("staff")
    peer = factory.user("peer_worker", unit, contracted_minutes=18 * 60)
    _refused(web.post(f"/staff/people/{peer.id}/hours", {"contracted_hours": typed}), message)
    db.session.refresh(peer)
    assert peer.contracted_minutes == 18 * 60
    assert _audited("peer_worker.hours_changed") == 0


def test_only_a_peer_worker_has_contracted_hours(as_role, factory, unit):
    web, _ = as_role("staff")
    mother = factory.user("mother", unit)
    assert "Change contracted hours" not in web.client.get(f"/staff/people/{mother.id}").text
    response = web.post(f"/staff/people/{mother.id}/hours", {"contracted_hours": "10"})
    _refused(response, "Only a peer support worker has contracted hours")
    db.session.refresh(mother)
    assert mother.contracted_minutes is None


def _discharged(factory, unit, **fields):
    return factory.user(
        "mother",
        unit,
        display_name="Erin",
        admitted_on=date(2027, 1, 4),
        discharged_on=date(2027, 3, 1),
        support_until=date(2027, 5, 24),
        **fields,
    )


def test_staff_change_a_discharged_mothers_support_until(as_role, factory, unit):
    web, _ = as_role("staff")
    mother = _discharged(factory, unit)
    url = f"/staff/people/{mother.id}"
    page = web.client.get(url).get_data(as_text=True)
    assert "Change support until" in page
    assert 'name="support_until-day" type="text" value="24"' in page
    response = web.post(f"{url}/support-until", date_boxes({"support_until": "2028-03-09"}, *DATES))
    assert response.status_code == 302 and response.headers["Location"] == url
    db.session.refresh(mother)
    assert mother.support_until == date(2028, 3, 9)  # a year from today, 10 March 2027
    assert _audited("mother.support_until_changed") == 1
    page = web.client.get(url).get_data(as_text=True)
    assert "Saved. Erin has support until 9 March 2028." in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2027-02-28", "Support until must be on or after the discharge date"),
        ("2028-03-10", "Support until must be no later than 9 March 2028, a year from today"),
        ("2027-02-30", "Peer support continues until must be a real date"),
        ("", "Enter the date peer support ends"),
    ],
)
def test_support_until_that_makes_no_sense_changes_nothing(as_role, factory, unit, typed, message):
    web, _ = as_role("staff")
    mother = _discharged(factory, unit)
    response = web.post(
        f"/staff/people/{mother.id}/support-until", date_boxes({"support_until": typed}, *DATES)
    )
    _refused(response, message)
    db.session.refresh(mother)
    assert mother.support_until == date(2027, 5, 24)
    assert _audited("mother.support_until_changed") == 0


def test_only_a_discharged_mother_has_a_support_until_date(as_role, factory, unit):
    web, _ = as_role("staff")
    admitted = factory.user("mother", unit, admitted_on=date(2027, 1, 4))
    peer = factory.user("peer_worker", unit)
    for person in (admitted, peer):
        assert "Change support until" not in web.client.get(f"/staff/people/{person.id}").text
        response = web.post(
            f"/staff/people/{person.id}/support-until",
            date_boxes({"support_until": "2027-06-01"}, *DATES),
        )
        _refused(response, "Only a mother who has been discharged has a support until date")
        db.session.refresh(person)
        assert person.support_until is None


def test_another_units_hours_and_support_until_are_not_found(as_role, factory, other_unit):
    web, _ = as_role("staff")
    peer = factory.user("peer_worker", other_unit, contracted_minutes=600)
    mother = _discharged(factory, other_unit)
    hours = web.post(f"/staff/people/{peer.id}/hours", {"contracted_hours": "20"})
    support = web.post(
        f"/staff/people/{mother.id}/support-until",
        date_boxes({"support_until": "2027-06-01"}, *DATES),
    )
    assert (hours.status_code, support.status_code) == (404, 404)
    db.session.refresh(peer)
    db.session.refresh(mother)
    assert (peer.contracted_minutes, mother.support_until) == (600, date(2027, 5, 24))
