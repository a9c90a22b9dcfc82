"""ICS feeds parse back, carry the right time zone, escape text and mark cancellations."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from app.services import calendar_feeds, signups
from app.services.activities import cancel_occurrence, find_occurrence
from tests.factories import ActivityFactory

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
LINK = "/timetable/"  # the page a notification opens
HOSTILE = 'Yoga, stretch; relax\n<script>alert("x")</script>'


@pytest.fixture
def world(app, factory, unit, frozen_now):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit, display_name="Priya Shah")
    mother = factory.user(role="mother", unit=unit, display_name="Zoe")
    activity = ActivityFactory(
        unit=unit,
        leader=leader,
        title=HOSTILE,
        description="Mats; water, towels",
        room="Room 2, first floor",
        weekdays="1",
        starts_on=date(2026, 3, 17),
        ends_on=date(2026, 4, 14),
        visitor_friendly=True,
    )
    return activity, leader, mother


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def events(cal):
    return sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_her_feed_holds_her_places_with_alarms_in_the_unit_time_zone(world):
    activity, leader, mother = world
    for day in (date(2026, 3, 24), date(2026, 3, 31)):  # either side of the clock change
        signups.sign_up(mother, find_occurrence(mother, activity.id, day), link=LINK)
    cal = parse(calendar_feeds.mother_calendar(mother, "mbu.example"))
    found = events(cal)
    assert len(found) == 2
    for event in found:
        start = event.decoded("dtstart")
        assert start.astimezone(ZoneInfo("Europe/London")).time() == time(10, 0)
        assert event["dtstart"].params["TZID"] == "Europe/London"
        assert str(event["summary"]) == HOSTILE
        assert event.walk("VALARM")[0].decoded("trigger") == -timedelta(minutes=30)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert found[1].decoded("dtstart").astimezone(UTC).hour == 9  # BST after 29 March


def test_text_is_escaped_in_the_raw_feed(world):
    activity, _, mother = world
    signups.sign_up(mother, find_occurrence(mother, activity.id, date(2026, 3, 24)), link=LINK)
    raw = calendar_feeds.mother_calendar(mother, "mbu.example").decode()
    unfolded = raw.replace("\r\n ", "")
    assert "SUMMARY:Yoga\\, stretch\\; relax\\n<script>" in unfolded
    assert "LOCATION:Room 2\\, first floor" in unfolded


def test_a_cancelled_date_is_marked_cancelled_and_has_no_alarm(world):
    activity, leader, mother = world
    day = date(2026, 3, 24)
    signups.sign_up(mother, find_occurrence(mother, activity.id, day), link=LINK)
    cancel_occurrence(leader, find_occurrence(leader, activity.id, day), "Leader unwell", link=LINK)
    (event,) = events(parse(calendar_feeds.mother_calendar(mother, "mbu.example")))
    assert str(event["status"]) == "CANCELLED"
    assert "Leader unwell" in str(event["description"])
    assert not event.walk("VALARM")


def test_the_public_feed_has_visitor_friendly_groups_and_no_names_unless_allowed(
    world, factory, unit
):
    activity, leader, mother = world
    ActivityFactory(unit=unit, leader=leader, title="Ward round", visitor_friendly=False)
    signups.sign_up(mother, find_occurrence(mother, activity.id, date(2026, 3, 24)), link=LINK)
    raw = calendar_feeds.public_calendar(unit, "mbu.example").decode()
    found = events(parse(raw.encode()))
    assert found and {str(e["summary"]) for e in found} == {HOSTILE}
    assert "Zoe" not in raw and "Priya" not in raw and "Ward round" not in raw
    activity.leader_name_public = True
    raw = calendar_feeds.public_calendar(unit, "mbu.example").decode()
    assert "Priya" not in raw  # staff allow it, but she has not agreed to be named in public
    leader.name_shown_to_visitors = True
    raw = calendar_feeds.public_calendar(unit, "mbu.example").decode()
    assert "Led by Priya" in raw and "Shah" not in raw


def test_a_new_link_revokes_the_old_and_turning_off_revokes_all(world):
    _, _, mother = world
    first = calendar_feeds.new_feed_token(mother)
    assert calendar_feeds.feed_owner(first).id == mother.id
    second = calendar_feeds.new_feed_token(mother)
    assert calendar_feeds.feed_owner(first) is None
    assert calendar_feeds.feed_owner(second).id == mother.id
    assert calendar_feeds.revoke_feed(mother)
    assert calendar_feeds.feed_owner(second) is None
    assert not calendar_feeds.has_feed(mother)


def test_a_closed_account_feed_answers_nothing(world):
    _, _, mother = world
    token = calendar_feeds.new_feed_token(mother)
    mother.active = False
    assert calendar_feeds.feed_owner(token) is None


def test_the_feed_ends_with_her_support_after_discharge(world):
    _, _, mother = world
    token = calendar_feeds.new_feed_token(mother)
    mother.discharged_on = date(2026, 1, 1)
    mother.support_until = date(2026, 3, 21)
    assert calendar_feeds.feed_owner(token) is not None  # NOW is 20 March
    mother.support_until = date(2026, 3, 19)
    assert calendar_feeds.feed_owner(token) is None


def test_her_feed_has_her_peer_sessions_without_the_topic(world, factory, unit):
    from tests.sessions_support import booked

    _, leader, mother = world
    peer = factory.user(role="peer_worker", unit=unit, display_name="Grace Obi")
    ahead = booked(mother, peer, datetime(2026, 3, 31, 13, 0, tzinfo=UTC), topic="My sleep")
    booked(mother, peer, datetime(2026, 3, 26, 13, 0, tzinfo=UTC), status="cancelled")
    other = factory.user(role="mother", unit=unit)
    booked(other, peer, datetime(2026, 3, 30, 13, 0, tzinfo=UTC))
    raw = calendar_feeds.mother_calendar(mother, "mbu.example")
    sessions = [e for e in events(parse(raw)) if str(e["summary"]) == "One-to-one session"]
    assert [str(e["status"]) for e in sessions] == ["CANCELLED", "CONFIRMED"]
    confirmed = sessions[1]
    assert str(confirmed["uid"]) == f"session-{ahead.id}@mbu.example"
    assert confirmed.decoded("dtstart").astimezone(ZoneInfo("Europe/London")).time() == time(14, 0)
    assert str(confirmed["description"]) == "With Grace"
    assert confirmed.walk("VALARM") and not sessions[0].walk("VALARM")
    assert b"My sleep" not in raw and b"Obi" not in raw
