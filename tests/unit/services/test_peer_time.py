"""One answer to "is she free from A to B?": the slot list, the booking path and a
hand-over all ask ``PeerTime.busy``, so for every reason she may be busy they agree."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.services.bookings import book_session
from app.services.errors import DomainError
from app.services.slots import Busy, PeerTime, is_free, plan_day
from tests.factories import ActivityFactory
from tests.sessions_support import a_break, booked, leave, weekly

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
TUESDAY = date(2027, 3, 9)
TEN = datetime.combine(TUESDAY, time(10), LONDON).astimezone(UTC)


@pytest.fixture
def people(app, factory, unit, frozen_now):
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=180)
    weekly(peer, TUESDAY.weekday(), "09:00", "13:00", session=60)
    return {
        "mother": factory.user("mother", unit),
        "other": factory.user("mother", unit),
        "peer": peer,
    }


def on_leave(people):
    leave(people["peer"], TUESDAY)


def after_her_window(people):
    return TEN + timedelta(hours=3)  # 13:00 to 14:00, after her 09:00 to 13:00 window


def leads_a_group(people):
    ActivityFactory(
        unit=people["peer"].unit,
        leader=people["peer"],
        weekdays=str(TUESDAY.weekday()),
        start_time=time(10, 30),
        end_time=time(11),
        starts_on=TUESDAY,
        ends_on=TUESDAY,
    )


def booked_by_another(people):
    booked(people["other"], people["peer"], TEN)


def hours_used(people):
    # 180 contracted minutes: three other sessions that week leave none for a fourth
    for day in (1, 2, 3):
        booked(people["other"], people["peer"], TEN + timedelta(days=day))


@pytest.mark.parametrize(
    ("make_busy", "reason"),
    [
        (None, None),
        (on_leave, Busy.AWAY),
        (after_her_window, Busy.OUTSIDE),
        (leads_a_group, Busy.GROUP),
        (booked_by_another, Busy.TAKEN),
        (hours_used, Busy.HOURS),
    ],
)
def test_the_slot_list_the_booking_path_and_a_hand_over_agree(people, make_busy, reason):
    peer, mother = people["peer"], people["mother"]
    starts = (make_busy and make_busy(people)) or TEN
    ends = starts + timedelta(hours=1)
    time_of = PeerTime.load(peer.unit, [peer], [TUESDAY], also_held=[mother.id])

    assert time_of.busy(peer.id, starts, ends, mother.id) == reason
    assert is_free(peer, starts, ends) is (reason is None)
    free = [s.starts_at for s in plan_day(mother, [peer], TUESDAY, NOW).free]
    assert (starts in free) is (reason is None)
    if reason is None:
        assert (
            book_session(
                mother, starts, peer, link_for=lambda b: "/peer/", baby_care="with_me"
            ).peer_worker_id
            == peer.id
        )
    else:
        with pytest.raises(DomainError):
            book_session(mother, starts, peer, link_for=lambda b: "/peer/", baby_care="with_me")


def test_her_own_sessions_count_for_a_mother_but_not_for_a_hand_over(people, factory):
    """A session the mother has with someone else then: not offered to her, though the
    peer worker herself is free."""
    peer, mother = people["peer"], people["mother"]
    booked(mother, factory.user("peer_worker", peer.unit), TEN)
    time_of = PeerTime.load(peer.unit, [peer], [TUESDAY], also_held=[mother.id])
    ends = TEN + timedelta(hours=1)

    assert time_of.busy(peer.id, TEN, ends, mother.id) is Busy.TAKEN
    assert time_of.busy(peer.id, TEN, ends) is None
    assert is_free(peer, TEN, ends)


@pytest.mark.parametrize("kind", ["leave", "wellbeing", "unpaid", "pause"])
def test_every_kind_of_leave_blocks_the_whole_day(people, kind):
    peer = people["peer"]
    leave(peer, TUESDAY, kind=kind)
    time_of = PeerTime.load(peer.unit, [peer], [TUESDAY])

    assert time_of.offered(TUESDAY) == []
    assert time_of.busy(peer.id, TEN, TEN + timedelta(hours=1)) is Busy.AWAY


SPRING_FORWARD = date(2027, 3, 28)  # clocks go from 01:00 GMT to 02:00 BST
AUTUMN_BACK = date(2027, 10, 31)  # clocks go from 02:00 BST back to 01:00 GMT


@pytest.mark.parametrize("day", [date(2027, 3, 10), SPRING_FORWARD, AUTUMN_BACK])
def test_a_break_within_a_day_blocks_only_its_hours_in_local_time(people, day):
    """Her 12:00 to 13:00 break is 12:00 to 13:00 on the ward's clock, on the days the
    clocks change too: the hours either side stay bookable."""
    peer, mother = people["peer"], people["mother"]
    weekly(peer, day.weekday(), "10:00", "15:00", session=60)
    a_break(peer, day, "12:00", "13:00")

    def at(hour, minute=0):
        return datetime.combine(day, time(hour, minute), LONDON).astimezone(UTC)

    time_of = PeerTime.load(peer.unit, [peer], [day])
    offered = [s.starts_at for s in time_of.offered(day)]
    assert offered == [at(10), at(11), at(13), at(14)]
    hour = timedelta(hours=1)
    assert time_of.busy(peer.id, at(12), at(12) + hour) is Busy.AWAY
    assert time_of.busy(peer.id, at(11, 30), at(11, 30) + hour) is Busy.AWAY
    assert time_of.busy(peer.id, at(11), at(12)) is None
    assert time_of.busy(peer.id, at(13), at(14)) is None
    free = [s.starts_at for s in plan_day(mother, [peer], day, NOW).free]
    assert at(12) not in free and at(13) in free
