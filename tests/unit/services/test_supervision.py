"""Supervision dates: when each kind falls due and overdue (on the frozen clock), what may
be recorded, who may be her line manager, and reminders queued once per due period."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification
from app.services import supervision
from app.services.errors import DomainError
from tests.factories import SupervisionMeetingFactory

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday 4 May 2027, 09:00 in London
TODAY = date(2027, 5, 4)


@pytest.fixture
def people(app, factory, unit, frozen_now):
    frozen_now(NOW - timedelta(days=200))  # her account was opened long ago
    peer = factory.user("peer_worker", unit, display_name="Priya")
    helen = factory.user("staff", unit, display_name="Helen")
    peer.line_manager_id = helen.id
    db.session.commit()
    frozen_now(NOW)
    return {"peer": peer, "helen": helen}


def status(peer, kind):
    return next(s for s in supervision.statuses_of([peer])[peer.id] if s.kind == kind)


@pytest.mark.parametrize(
    ("kind", "days_ago", "state"),
    [
        ("clinical", 27, "ok"),
        ("clinical", 28, "due"),  # 4 weeks after the last
        ("clinical", 41, "due"),
        ("clinical", 42, "overdue"),  # 6 weeks
        ("line_management", 41, "ok"),
        ("line_management", 42, "due"),  # 6 weeks
        ("line_management", 55, "due"),
        ("line_management", 56, "overdue"),  # 8 weeks
    ],
)
def test_a_meeting_falls_due_and_then_overdue_after_its_last(people, kind, days_ago, state):
    peer = people["peer"]
    SupervisionMeetingFactory(peer=peer, kind=kind, met_on=TODAY - timedelta(days=days_ago))
    SupervisionMeetingFactory(peer=peer, kind=kind, met_on=TODAY - timedelta(days=200))

    found = status(peer, kind)
    assert found.last_on == TODAY - timedelta(days=days_ago)
    assert found.state(TODAY) == state


def test_with_none_recorded_the_count_starts_when_her_account_was_opened(factory, unit):
    new = factory.user("peer_worker", unit)  # opened today, on the frozen clock
    started = new.created_at.date()

    found = status(new, "clinical")
    assert (found.last_on, found.due_on) == (None, started + timedelta(weeks=4))
    assert found.state(started) == "ok"
    assert found.state(started + timedelta(weeks=6)) == "overdue"


@pytest.mark.parametrize(
    ("kind", "met_on", "message"),
    [
        ("clinical", TODAY + timedelta(days=1), "The date must be today or earlier"),
        ("clinical", TODAY - timedelta(days=400), "The date must be within the last year"),
        ("coffee", TODAY, "Choose clinical supervision or line management"),
    ],
)
def test_a_date_in_the_future_too_long_ago_or_of_no_kind_is_refused(people, kind, met_on, message):
    with pytest.raises(DomainError, match=message):
        supervision.record_meeting(people["peer"], kind, met_on)


def test_only_open_staff_accounts_of_her_unit_may_be_her_line_manager(people, factory, unit):
    peer = people["peer"]
    elsewhere = factory.user("staff", factory.unit(slug="oak"))
    closed = factory.user("staff", unit, active=False)
    mother = factory.user("mother", unit)
    for wrong in (elsewhere, closed, mother):
        with pytest.raises(DomainError, match="Choose a member of staff from the list"):
            supervision.set_line_manager(people["helen"], peer, wrong.id)
    assert supervision.set_line_manager(people["helen"], peer, None) is None
    assert peer.line_manager_id is None


def reminders():
    rows = db.session.scalars(select(Notification).order_by(Notification.id))
    return [(n.user_id, n.kind, n.title, n.body) for n in rows]


def test_a_reminder_goes_to_her_and_her_line_manager_once_per_due_period(people, frozen_now):
    peer, helen = people["peer"], people["helen"]
    SupervisionMeetingFactory(peer=peer, kind="clinical", met_on=TODAY - timedelta(days=28))
    SupervisionMeetingFactory(peer=peer, kind="line_management", met_on=TODAY)

    assert supervision.queue_supervision_reminders(NOW) == 2
    text = ("A supervision date is due", "Open the app to see it")
    assert reminders() == [
        (peer.id, "supervision.due", *text),
        (helen.id, "supervision.due", *text),
    ]
    assert all("Priya" not in t and "Helen" not in t for row in reminders() for t in row[2:])

    frozen_now(NOW + timedelta(weeks=3))  # overdue now, but the same due period
    assert supervision.queue_supervision_reminders(NOW + timedelta(weeks=3)) == 0

    for kind in ("clinical", "line_management"):
        SupervisionMeetingFactory(peer=peer, kind=kind, met_on=TODAY + timedelta(weeks=3))
    later = NOW + timedelta(weeks=7)  # four weeks after that supervision: a new due period
    frozen_now(later)
    assert supervision.queue_supervision_reminders(later) == 2


def test_no_reminder_for_a_closed_account_nor_to_a_closed_line_manager(people):
    peer, helen = people["peer"], people["helen"]
    SupervisionMeetingFactory(peer=peer, kind="line_management", met_on=TODAY)
    helen.active = False
    assert supervision.queue_supervision_reminders(NOW) == 1  # clinical: none for 200 days
    assert [row[0] for row in reminders()] == [peer.id]
    peer.active = False
    assert supervision.queue_supervision_reminders(NOW + timedelta(weeks=10)) == 0
