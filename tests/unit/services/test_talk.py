from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification
from app.services import talk
from app.services.errors import DomainError
from tests.sessions_support import leave, weekly

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday, 09:00 in London
LINK = "/peer/caseload"  # the page a notification opens


@pytest.fixture
def world(app, factory, unit, frozen_now):
    frozen_now(NOW)
    return {
        "mother": factory.user("mother", unit),
        "on_shift": factory.user("peer_worker", unit),
        "off_shift": factory.user("peer_worker", unit),
    }


def notified():
    rows = db.session.scalars(select(Notification).order_by(Notification.user_id))
    return [(n.user_id, n.kind, n.not_before) for n in rows]


def test_a_request_pings_now_only_the_peer_workers_on_shift(world):
    weekly(world["on_shift"], 1)  # Tuesday 09:00 to 12:00: on shift now
    weekly(world["off_shift"], 2)  # Wednesday: her notification waits for her shift
    talk.request_talk(world["mother"], link=LINK)
    db.session.commit()
    wednesday_nine = datetime(2027, 5, 5, 8, tzinfo=UTC)
    assert notified() == [
        (world["on_shift"].id, "talk.requested", NOW),
        (world["off_shift"].id, "talk.requested", wednesday_nine),
    ]
    assert db.session.scalar(select(AuditEvent.action)) == "talk.requested"


def test_after_her_shift_today_it_waits_for_her_next_one(world, frozen_now):
    weekly(world["on_shift"], 1)
    frozen_now(datetime(2027, 5, 4, 15, tzinfo=UTC))  # 16:00, her shift ended at 12:00
    talk.request_talk(world["mother"], link=LINK)
    assert notified() == [
        (world["on_shift"].id, "talk.requested", datetime(2027, 5, 11, 8, tzinfo=UTC))
    ]


def test_leave_and_no_availability_are_not_pinged(world):
    weekly(world["on_shift"], 1)
    leave(world["on_shift"], date(2027, 5, 4), date(2027, 5, 31))
    weekly(world["off_shift"], 3)
    talk.request_talk(world["mother"], link=LINK)
    assert [row[0] for row in notified()] == [world["off_shift"].id]


def test_with_nobody_on_shift_in_the_fortnight_everyone_is_told(world):
    talk.request_talk(world["mother"], link=LINK)
    assert [row[2] for row in notified()] == [NOW, NOW]


def test_one_open_request_a_day_and_it_can_be_answered(world):
    request = talk.request_talk(world["mother"], link=LINK)
    with pytest.raises(DomainError):
        talk.request_talk(world["mother"], link=LINK)
    talk.answer_talk(world["on_shift"], request)
    assert request.answered_by_id == world["on_shift"].id
    with pytest.raises(DomainError):
        talk.answer_talk(world["on_shift"], request)
    assert (
        talk.request_talk(world["mother"], link=LINK).id != request.id
    )  # answered, so she can ask again


def test_a_closed_account_cannot_ask(world):
    world["mother"].active = False
    with pytest.raises(DomainError):
        talk.request_talk(world["mother"], link=LINK)
