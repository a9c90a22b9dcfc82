"""One answer to "is she free from A to B?": the slot list, the booking path and a
hand-over all ask ``PeerTime.busy``, so for every reason she may be busy they agree."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.services.bookings import book_session
from app.services.errors import DomainError
from app.services.slots import Busy, PeerTime, is_free, plan_day
from tests.factories import ActivityFactory
from tests.sessions_support import booked, leave, weekly

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
            book_session(mother, starts, peer, link_for=lambda b: "/peer/").peer_worker_id
            == peer.id
        )
    else:
        with pytest.raises(DomainError):
            book_session(mother, starts, peer, link_for=lambda b: "/peer/")


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
