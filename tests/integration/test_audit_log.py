"""The audit log reads as sentences about people, filters and pages without growing its SQL."""

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.services.audit import record_audit
from app.services.audit_log import PAGE_SIZE, PHRASES
from tests.conftest import TEST_NOW
from tests.support.forms import date_boxes
from tests.support.sql import recorded_statements


def _log(web, **query) -> str:
    response = web.client.get("/staff/audit", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_event_about_the_signed_in_person_names_her_not_a_proxy(as_role, unit):
    mother_web, amy = as_role("mother", display_name="Amy")
    mother_web.post("/timetable/calendar/new")  # her own account is the subject: current_user
    assert (
        db.session.scalar(
            select(AuditEvent.subject_type).where(AuditEvent.action == "calendar_feed.created")
        )
        == "User"
    )
    web, helen = as_role("staff", display_name="Helen")
    page = _log(web)
    assert "Amy made a calendar link for herself" in page
    assert "LocalProxy" not in page and "User " not in page


def test_events_read_as_sentences_with_names(as_role, factory, unit):
    web, helen = as_role("staff", display_name="Helen")
    amy = factory.user(role="mother", unit=unit, display_name="Amy")
    web.client.get(f"/staff/people/{amy.id}")
    priya = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    record_audit(priya, "booking.cancelled_by_peer", priya)
    record_audit(None, "retention.purged", unit, unit_id=unit.id)
    db.session.commit()
    page = _log(web)
    assert "Helen viewed Amy&#39;s record" in page
    assert "Priya cancelled a session" in page
    assert "The system removed records past their retention" in page
    assert "account.viewed" not in page.split("<h2")[1]


def test_every_action_the_app_records_has_a_phrase():
    import pathlib
    import re

    recorded = set()
    for source in pathlib.Path("app/services").rglob("*.py"):
        text = source.read_text()
        recorded |= set(re.findall(r'record_audit\(\s*[\w.]+,\s*"([a-z_.]+)"', text))
        recorded |= set(re.findall(r'action = "([a-z_.]+)"', text))
    recorded |= {"booking.happened", "booking.did_not_happen", "unit.mfa_optional"}
    assert len(recorded) > 40
    assert recorded - set(PHRASES) == set()


def _events(unit, actor, action, count, at):
    for n in range(count):
        db.session.add(
            AuditEvent(
                unit_id=unit.id, actor_id=actor.id, action=action, at=at - timedelta(minutes=n)
            )
        )
    db.session.commit()


def test_filter_by_person_action_and_dates(as_role, factory, unit):
    web, helen = as_role("staff", display_name="Helen")
    priya = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    grace = factory.user(role="peer_worker", unit=unit, display_name="Grace")
    _events(unit, priya, "talk.answered", 2, TEST_NOW - timedelta(days=3))
    _events(unit, grace, "booking.created", 1, TEST_NOW - timedelta(days=1))
    by_priya = _log(web, person=priya.id)
    assert (
        "Priya answered a request to talk" in by_priya and "Grace" not in by_priya.split("<h2")[1]
    )
    booked = _log(web, action="booking.created")
    assert "Grace booked a session" in booked and "Priya answered" not in booked
    day = (TEST_NOW - timedelta(days=3)).date().isoformat()
    on_the_day = _log(
        web, **date_boxes({"first_day": day, "last_day": day}, "first_day", "last_day")
    )
    assert "Priya answered" in on_the_day and "Grace booked" not in on_the_day
    assert "2 events" in on_the_day


def test_backwards_dates_are_refused_with_a_message(as_role):
    web, _ = as_role("staff")
    dates = date_boxes(
        {"first_day": "2027-03-05", "last_day": "2027-03-01"}, "first_day", "last_day"
    )
    response = web.client.get("/staff/audit", query_string=dates)
    assert response.status_code == 400
    assert "To must be the same as or after From" in response.get_data(as_text=True)


def test_fifty_a_page_newest_first_with_the_same_sql_on_every_page(as_role, factory, unit):
    web, helen = as_role("staff", display_name="Helen")
    priya = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    _events(unit, priya, "talk.answered", PAGE_SIZE * 2 + 5, TEST_NOW - timedelta(hours=1))
    _events(unit, priya, "booking.created", 1, TEST_NOW - timedelta(minutes=30))
    first = _log(web)
    assert first.index("Priya booked a session") < first.index("Priya answered")
    assert first.count("answered a request to talk") == PAGE_SIZE - 1
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = _log(web, page=3)
    assert last.count("answered a request to talk") == 6 and 'rel="next"' not in last

    def statements(**query):
        with recorded_statements() as seen:
            _log(web, **query)
        return len(seen)

    assert statements(page=1) == statements(page=3) == statements(page=2, person=priya.id)
