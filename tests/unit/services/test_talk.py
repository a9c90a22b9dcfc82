from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification
from app.services import talk
from app.services.errors import DomainError
from tests.sessions_support import leave, weekly

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday, 09:00 in London


@pytest.fixture
def world(app, factory, unit, frozen_now):
    frozen_now(NOW)
    with app.test_request_context():
        yield {
            "mother": factory.user("mother", unit),
            "on_shift": factory.user("peer_worker", unit),
            "off_shift": factory.user("peer_worker", unit),
        }


def test_a_request_pings_only_the_peer_workers_on_shift(world):
    weekly(world["on_shift"], 1)
    weekly(world["off_shift"], 2)
    talk.request_talk(world["mother"])
    db.session.commit()
    notes = list(db.session.scalars(select(Notification)))
    assert [(n.user_id, n.kind) for n in notes] == [(world["on_shift"].id, "talk.requested")]
    assert db.session.scalar(select(AuditEvent.action)) == "talk.requested"


def test_with_nobody_on_shift_every_peer_worker_finds_it(world):
    weekly(world["on_shift"], 1)
    leave(world["on_shift"], date(2027, 5, 4))
    talk.request_talk(world["mother"])
    assert len(list(db.session.scalars(select(Notification)))) == 2


def test_one_open_request_a_day_and_it_can_be_answered(world):
    request = talk.request_talk(world["mother"])
    with pytest.raises(DomainError):
        talk.request_talk(world["mother"])
    talk.answer_talk(world["on_shift"], request)
    assert request.answered_by_id == world["on_shift"].id
    with pytest.raises(DomainError):
        talk.answer_talk(world["on_shift"], request)
    assert talk.request_talk(world["mother"]).id != request.id  # answered, so she can ask again


def test_a_closed_account_cannot_ask(world):
    world["mother"].active = False
    with pytest.raises(DomainError):
        talk.request_talk(world["mother"])
