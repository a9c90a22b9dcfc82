"""Key pages kept per person: never another person's, never older than the data or minute."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app import page_cache
from app.extensions import db
from app.models import LoginFailure, User
from app.page_cache import UNSHOWN_TABLES, data_version
from tests.support.sql import recorded_statements

NONCE = re.compile(r'nonce="([^"]+)"')


def kept(path: str) -> int:
    return sum(1 for key in page_cache._pages if key[1] == path)


def kept_endpoints(app) -> set[str]:
    return {name for name, view in app.view_functions.items() if getattr(view, "page_kept", 0)}


# Every kept page: who asks for it, and where it is ({unit} is the unit's slug).
KEPT_PAGES = {
    "auth.sign_in": (None, "/sign-in"),
    "bookings.choose_day": ("mother", "/me/sessions/book"),
    "caseload.caseload": ("peer_worker", "/peer/caseload"),
    "feedback.give": ("mother", "/feedback/give"),
    "mother.home": ("mother", "/me/"),
    "peer.home": ("peer_worker", "/peer/"),
    "staff.people": ("staff", "/staff/people"),
    "timetable.week": ("mother", "/timetable/"),
    "visitors.unit_page": (None, "/units/{unit}"),
}


def test_the_key_pages_are_kept(app):
    assert kept_endpoints(app) == set(KEPT_PAGES)


def test_a_kept_page_is_served_again_until_the_data_changes(app, as_role):
    web, mother = as_role("mother", display_name="Ada Example")
    assert "Ada Example" in web.client.get("/me/").get_data(as_text=True)
    assert kept("/me/") == 1
    web.client.get("/me/")
    assert kept("/me/") == 1  # served again, not rendered again

    mother.display_name = "Ada Renamed"
    db.session.commit()
    assert "Ada Renamed" in web.client.get("/me/").get_data(as_text=True)


def test_a_bulk_update_also_makes_kept_pages_stale(app, as_role):
    web, mother = as_role("mother", display_name="Ada Example")
    web.client.get("/me/")
    db.session.execute(update(User).where(User.id == mother.id).values(display_name="Bea Bulk"))
    db.session.commit()
    assert "Bea Bulk" in web.client.get("/me/").get_data(as_text=True)


def test_each_person_gets_only_her_own_page(app, as_role):
    first, _ = as_role("mother", display_name="Ada Example")
    second, _ = as_role("mother", display_name="Bea Example")
    assert "Ada Example" in first.client.get("/me/").get_data(as_text=True)
    page = second.client.get("/me/").get_data(as_text=True)
    assert "Bea Example" in page
    assert "Ada Example" not in page


def test_a_new_minute_renders_the_page_again(app, as_role, frozen_now):
    web, _ = as_role("mother")
    moment = frozen_now(datetime(2027, 5, 4, 9, 0, 10, tzinfo=UTC))
    web.client.get("/me/")
    frozen_now(moment + timedelta(seconds=30))
    web.client.get("/me/")
    assert kept("/me/") == 1
    frozen_now(moment + timedelta(minutes=1))
    web.client.get("/me/")
    assert kept("/me/") == 2


def test_a_kept_page_carries_this_requests_token_and_nonce(app, client, web):
    first = client.get("/sign-in")
    second_client = app.test_client()
    second = second_client.get("/sign-in")
    assert len(page_cache._pages) == 1
    html = second.get_data(as_text=True)
    nonces = set(NONCE.findall(html))
    assert nonces and nonces.isdisjoint(NONCE.findall(first.get_data(as_text=True)))
    assert f"'nonce-{nonces.pop()}'" in second.headers["Content-Security-Policy"]
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', html).group(1)
    refused = second_client.post(
        "/sign-in", data={"csrf_token": token, "username": "nobody", "password": "wrong-one"}
    )
    # The token is good for this visitor's session: the password is what gets refused.
    assert "username or password is not right" in refused.get_data(as_text=True)


def test_a_page_with_a_message_is_not_kept(app, as_role):
    web, _ = as_role("mother")
    with web.client.session_transaction() as session:
        session["_flashes"] = [("message", "Your session is booked")]
    assert "Your session is booked" in web.client.get("/me/").get_data(as_text=True)
    assert kept("/me/") == 0


def test_writes_raise_the_version_only_when_committed(app, factory, unit):
    before = data_version()
    unit.name = "Changed then undone"
    db.session.flush()
    db.session.rollback()
    assert data_version() == before
    unit.name = "Changed"
    db.session.commit()
    assert data_version() > before


def test_writes_to_tables_no_kept_page_shows_leave_the_version(app):
    before = data_version()
    db.session.add(LoginFailure(key="x" * 64))
    db.session.commit()
    assert data_version() == before


@pytest.fixture
def statements(app):
    with recorded_statements() as seen:
        yield seen


def test_no_kept_page_reads_a_table_whose_writes_are_ignored(app, factory, unit, statements):
    """Writes to UNSHOWN_TABLES do not make kept pages stale: so no kept page may read them."""
    from tests.conftest import signed_in_client

    people = {
        role: factory.user(role=role, unit=unit) for role in ("mother", "peer_worker", "staff")
    }
    read = set()
    for role, path in KEPT_PAGES.values():
        path = path.format(unit=unit.slug)
        client = signed_in_client(app, people[role]) if role else app.test_client()
        statements.clear()
        assert client.get(path).status_code == 200
        for sql in statements:
            read |= {name.lower() for name in re.findall(r'(?:FROM|JOIN)\s+"?(\w+)', sql, re.I)}
    assert read & UNSHOWN_TABLES <= {"data_version"}
    assert {"user_account", "unit"} <= read  # the check does see the tables pages read
