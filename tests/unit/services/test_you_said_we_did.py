from datetime import date, datetime

import pytest

from app.extensions import db
from app.services.errors import DomainError
from app.services.you_said_we_did import (
    publish_response,
    published_responses,
    remove_response,
)


def test_responses_are_per_unit_newest_first(factory, unit, other_unit, frozen_now):
    staff = factory.user(role="staff", unit=unit)
    frozen_now(datetime(2027, 3, 1, 12))
    older = publish_response(staff, "unit", "Said 1", "Did 1")
    frozen_now(datetime(2027, 3, 9, 12))
    newer = publish_response(staff, "groups", "Said 2", "Did 2")
    publish_response(factory.user(role="staff", unit=other_unit), "unit", "Elsewhere", "There")
    db.session.commit()
    assert published_responses(unit.id) == [newer, older]
    assert newer.published_on == date(2027, 3, 9)
    assert newer.topic_label == "Groups and activities"


def test_an_unknown_topic_is_refused(factory, unit):
    with pytest.raises(DomainError):
        publish_response(factory.user(role="staff", unit=unit), "canteen", "a", "b")


def test_removing(factory, unit):
    staff = factory.user(role="staff", unit=unit)
    response = publish_response(staff, "unit", "Said", "Did")
    remove_response(staff, response)
    db.session.commit()
    assert published_responses(unit.id) == []
