"""Test data for the timetable: activities and sign-ups, added straight to the database."""

from datetime import time, timedelta

from app.models import Activity, SignUp
from app.services import clock


def make_activity(session, unit, leader, **kwargs) -> Activity:
    today = clock.local_today(unit)
    values = dict(
        unit_id=unit.id,
        title="Baby massage",
        description="Gentle massage for babies, with oils provided.",
        room="Day room",
        leader_id=leader.id,
        weekdays="0123456",
        start_time=time(10, 0),
        end_time=time(11, 0),
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=90),
        capacity=6,
        visitor_friendly=False,
        baby_welcome=True,
        leader_name_public=False,
    )
    values.update(kwargs)
    activity = Activity(**values)
    session.add(activity)
    session.commit()
    return activity


def make_signup(session, activity, on_date, mother, seat=None, status="booked", position=None):
    row = SignUp(
        unit_id=activity.unit_id,
        activity_id=activity.id,
        on_date=on_date,
        mother_id=mother.id,
        status=status,
        seat=seat,
        position=position,
    )
    session.add(row)
    session.commit()
    return row
