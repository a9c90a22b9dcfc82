"""Places within capacity, the seat constraint, and the first-come waiting list."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Notification, SignUp
from app.services import signups
from app.services.activities import find_occurrence
from app.services.errors import DomainError
from tests.factories import ActivityFactory, SignUpFactory

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in London
LINK = "/timetable/"  # the page a notification opens
DAY = date(2026, 6, 3)


@pytest.fixture
def world(app, factory, unit, frozen_now):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit)
    activity = ActivityFactory(
        unit=unit, leader=leader, capacity=2, starts_on=date(2026, 5, 1), ends_on=date(2026, 8, 1)
    )
    mothers = [factory.user(role="mother", unit=unit) for _ in range(5)]
    return activity, mothers


def occurrence(mother, activity, day=DAY):
    return find_occurrence(mother, activity.id, day)


def statuses(activity, day=DAY):
    rows = db.session.scalars(
        select(SignUp).where(SignUp.activity_id == activity.id, SignUp.on_date == day)
    )
    return {r.mother_id: (r.status, r.seat, r.position) for r in rows}


def test_places_are_seats_one_to_capacity_then_full(world):
    activity, (a, b, c, *_) = world
    assert signups.sign_up(a, occurrence(a, activity), link=LINK).seat == 1
    assert signups.sign_up(b, occurrence(b, activity), link=LINK).seat == 2
    with pytest.raises(signups.GroupFull):
        signups.sign_up(c, occurrence(c, activity), link=LINK)


def test_a_freed_seat_number_is_reused(world):
    activity, (a, b, c, *_) = world
    signups.sign_up(a, occurrence(a, activity), link=LINK)
    signups.sign_up(b, occurrence(b, activity), link=LINK)
    signups.withdraw(a, occurrence(a, activity), link=LINK)
    assert signups.sign_up(c, occurrence(c, activity), link=LINK).seat == 1


def test_the_database_refuses_a_second_row_on_the_same_seat(world):
    activity, (a, b, *_) = world
    SignUpFactory(activity=activity, on_date=DAY, mother=a, seat=1)
    with pytest.raises(IntegrityError):
        SignUpFactory(activity=activity, on_date=DAY, mother=b, seat=1)
    db.session.rollback()


def test_the_database_refuses_a_seat_below_one(world):
    activity, (a, *_) = world
    with pytest.raises(IntegrityError):
        SignUpFactory(activity=activity, on_date=DAY, mother=a, seat=0)
    db.session.rollback()


def test_a_seat_taken_by_someone_else_meanwhile_makes_her_try_the_next(world, monkeypatch):
    activity, (a, b, *_) = world
    SignUpFactory(activity=activity, on_date=DAY, mother=a, seat=1)
    real_scalars = db.session.scalars
    calls = []

    def stale_first_read(statement, *args, **kwargs):
        # The first read of taken seats misses seat 1, as a concurrent request would.
        if str(statement).startswith("SELECT activity_signup.seat \n") and not calls:
            calls.append(1)
            return iter([])
        return real_scalars(statement, *args, **kwargs)

    monkeypatch.setattr(db.session, "scalars", stale_first_read)
    assert signups.sign_up(b, occurrence(b, activity), link=LINK).seat == 2


def test_she_cannot_sign_up_twice(world):
    activity, (a, *_) = world
    signups.sign_up(a, occurrence(a, activity), link=LINK)
    with pytest.raises(DomainError, match="already have a place"):
        signups.sign_up(a, occurrence(a, activity), link=LINK)


def test_no_limit_means_no_seat(world):
    activity, (a, *_) = world
    activity.capacity = None
    assert signups.sign_up(a, occurrence(a, activity), link=LINK).seat is None


def test_cancelled_or_started_groups_take_no_sign_ups(world, frozen_now):
    activity, (a, *_) = world
    from app.services.activities import cancel_occurrence

    leader = activity.leader
    cancel_occurrence(leader, occurrence(leader, activity), "Room closed", link=LINK)
    with pytest.raises(DomainError, match="cancelled"):
        signups.sign_up(a, occurrence(a, activity), link=LINK)
    frozen_now(datetime(2026, 6, 4, 9, 30, tzinfo=UTC))  # 10:30 in London, started at 10:00
    with pytest.raises(DomainError, match="already started"):
        signups.sign_up(a, occurrence(a, activity, date(2026, 6, 4)), link=LINK)


def test_waiting_list_is_first_come_first_served_and_offers_a_freed_place(world):
    activity, (a, b, c, d, e) = world
    signups.sign_up(a, occurrence(a, activity), link=LINK)
    with pytest.raises(DomainError, match="sign up instead"):
        signups.join_waiting_list(c, occurrence(c, activity), link=LINK)  # a place is still free
    signups.sign_up(b, occurrence(b, activity), link=LINK)
    with pytest.raises(DomainError, match="already have a place"):
        signups.join_waiting_list(a, occurrence(a, activity), link=LINK)
    for m in (c, d, e):
        signups.join_waiting_list(m, occurrence(m, activity), link=LINK)
    signups.withdraw(c, occurrence(c, activity), link=LINK)  # leaving the line frees no seat
    offer = signups.withdraw(a, occurrence(a, activity), link=LINK)
    assert offer.mother_id == d.id and offer.status == "offered" and offer.seat == 1
    note = db.session.scalar(select(Notification).where(Notification.user_id == d.id))
    assert note.kind == "waitlist.offered" and note.title == "A place is free for you"
    # The offered seat is held: nobody else can take it.
    with pytest.raises(signups.GroupFull):
        signups.sign_up(c, occurrence(c, activity), link=LINK)
    assert signups.sign_up(d, occurrence(d, activity), link=LINK).status == "booked"
    assert statuses(activity)[e.id] == ("waiting", None, 3)


def test_an_offer_not_taken_in_time_passes_to_the_next_in_line(world, frozen_now):
    activity, (a, b, c, d, _) = world
    for m in (a, b):
        signups.sign_up(m, occurrence(m, activity), link=LINK)
    for m in (c, d):
        signups.join_waiting_list(m, occurrence(m, activity), link=LINK)
    signups.withdraw(a, occurrence(a, activity), link=LINK)
    assert statuses(activity)[c.id][0] == "offered"
    frozen_now(NOW + signups.OFFER_HELD_FOR + timedelta(minutes=1))
    signups.release_expired_offers(occurrence(d, activity), link=LINK)
    assert c.id not in statuses(activity)
    assert statuses(activity)[d.id] == ("offered", 1, None)


def test_an_offer_never_outlasts_the_start_of_the_group(world, frozen_now):
    activity, (a, b, c, *_) = world
    frozen_now(datetime(2026, 6, 3, 7, 0, tzinfo=UTC))  # 08:00 on the day, group at 10:00
    for m in (a, b):
        signups.sign_up(m, occurrence(m, activity), link=LINK)
    signups.join_waiting_list(c, occurrence(c, activity), link=LINK)
    offer = signups.withdraw(a, occurrence(a, activity), link=LINK)
    assert offer.offer_expires_at == datetime(2026, 6, 3, 9, 0, tzinfo=UTC)


def test_the_waiting_list_is_short(world, factory, unit):
    activity, (a, *_) = world
    activity.capacity = 1
    signups.sign_up(a, occurrence(a, activity), link=LINK)
    waiting = [factory.user(role="mother", unit=unit) for _ in range(signups.WAITING_LIST_LENGTH)]
    for m in waiting:
        signups.join_waiting_list(m, occurrence(m, activity), link=LINK)
    late = factory.user(role="mother", unit=unit)
    with pytest.raises(DomainError, match="waiting list is full"):
        signups.join_waiting_list(late, occurrence(late, activity), link=LINK)


def test_held_counts_use_one_query_for_all_occurrences(world):
    activity, (a, b, c, *_) = world
    for m in (a, b):
        signups.sign_up(m, occurrence(m, activity), link=LINK)
    signups.join_waiting_list(c, occurrence(c, activity), link=LINK)
    signups.sign_up(a, occurrence(a, activity, date(2026, 6, 4)), link=LINK)
    counts = signups.held_counts(a.unit, [DAY, date(2026, 6, 4), date(2026, 6, 5)])
    assert counts[(activity.id, DAY, "held")] == 2
    assert counts[(activity.id, DAY, "waiting")] == 1
    assert counts[(activity.id, date(2026, 6, 4), "held")] == 1
    total = db.session.scalar(select(func.count()).select_from(SignUp))
    assert total == 4


def test_no_withdrawing_once_the_group_has_started(world, frozen_now):
    activity, (a, *_) = world
    signups.sign_up(a, occurrence(a, activity), link=LINK)
    frozen_now(datetime(2026, 6, 3, 9, 30, tzinfo=UTC))
    with pytest.raises(DomainError, match="already started"):
        signups.withdraw(a, occurrence(a, activity), link=LINK)


def test_after_discharge_she_joins_only_groups_open_to_her(world, unit):
    activity, (a, b, c, *_) = world
    a.discharged_on, a.support_until = date(2026, 5, 20), date(2026, 8, 1)
    for action in (signups.sign_up, signups.join_waiting_list):
        with pytest.raises(DomainError, match="This group is for mothers on the unit"):
            action(a, occurrence(a, activity), link=LINK)
    assert statuses(activity) == {}
    activity.open_to_discharged = True
    assert signups.sign_up(a, occurrence(a, activity), link=LINK).status == "booked"
