"""The public visitors' page and calendar, as an anonymous family member."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from app.extensions import db
from tests.factories import ActivityChangeFactory, ActivityFactory, SignUpFactory

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


@pytest.fixture
def setting(app, factory, unit, frozen_now):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit, display_name="Priya Shah")
    mother = factory.user(role="mother", unit=unit, display_name="Zoe")
    open_group = ActivityFactory(
        unit=unit,
        leader=leader,
        title="Family picnic",
        weekdays="2",
        starts_on=TODAY,
        visitor_friendly=True,
        description="Bring a blanket",
    )
    private = ActivityFactory(unit=unit, leader=leader, title="Mothers' circle", starts_on=TODAY)
    day = date(2026, 6, 3)
    SignUpFactory(activity=open_group, on_date=day, mother=mother, seat=1)
    SignUpFactory(activity=private, on_date=day, mother=mother, seat=1)
    return unit, open_group


def test_anonymous_visitors_see_this_weeks_open_groups_and_no_names(client, setting):
    unit, _ = setting
    response = client.get(f"/units/{unit.slug}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Groups families can join this week" in page
    assert "Family picnic" in page and "Wednesday 3 June 2026" in page and "10:00 to 11:00" in page
    assert "Bring a blanket" in page
    assert "Mothers&#39; circle" not in page and "Mothers' circle" not in page
    for private in ("Zoe", "Priya", "Shah", "place left", "places left", "waiting"):
        assert private not in page


def test_leaders_first_name_only_when_staff_allow_it_and_she_agreed(client, setting):
    unit, open_group = setting
    open_group.leader_name_public = True
    db.session.commit()
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Priya" not in page  # staff allow it, but she has not agreed to be named in public
    open_group.leader.name_shown_to_visitors = True
    db.session.commit()
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Led by Priya" in page and "Shah" not in page


def test_cancellations_are_shown_to_visitors(client, setting):
    unit, open_group = setting
    ActivityChangeFactory(activity=open_group, on_date=date(2026, 6, 3), reason="Rain")
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Cancelled: Rain" in page and "Family picnic" in page


def test_todays_groups_come_first_and_a_day_without_any_says_so(client, setting, unit):
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert page.index("There are no groups for families today") < page.index("Wednesday 3 June")
    ActivityFactory(unit=unit, title="Baby singing", weekdays="0", visitor_friendly=True,
                    starts_on=TODAY)  # fmt: skip
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "There are no groups for families today" not in page
    assert page.index("Today, Monday 1 June 2026") < page.index("Baby singing")
    assert page.index("Baby singing") < page.index("Wednesday 3 June 2026")


def test_the_calendar_is_a_subscription_to_the_public_address(client, unit, frozen_now):
    frozen_now(NOW)
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    feed = f"localhost/units/{unit.slug}/calendar.ics"
    assert f'<a href="webcal://{feed}">Subscribe in your phone\'s calendar</a>' in page
    assert f'value="http://{feed}" aria-describedby="calendar-address-hint" readonly>' in page
    assert "download" not in page.lower()


def test_no_open_groups_this_week_says_so(client, unit, frozen_now):
    frozen_now(NOW)
    page = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "There are no groups for families this week" in page


def test_public_calendar_feed(client, setting):
    unit, open_group = setting
    ActivityChangeFactory(activity=open_group, on_date=date(2026, 6, 10), reason="Rain")
    response = client.get(f"/units/{unit.slug}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    events = {e.decoded("dtstart").date(): e for e in cal.walk("VEVENT")}
    assert str(events[date(2026, 6, 3)]["status"]) == "CONFIRMED"
    assert str(events[date(2026, 6, 10)]["status"]) == "CANCELLED"
    assert {str(e["summary"]) for e in events.values()} == {"Family picnic"}
    assert events[date(2026, 6, 3)]["dtstart"].params["TZID"] == "Europe/London"
    assert b"Zoe" not in response.data and b"Priya" not in response.data
    assert max(events) <= TODAY + timedelta(weeks=8)


def test_unknown_unit_is_not_found(client):
    assert client.get("/units/nowhere").status_code == 404
    assert client.get("/units/nowhere/calendar.ics").status_code == 404


def test_a_nul_in_a_path_is_not_found(client, unit):
    """PostgreSQL text cannot hold NUL: the path is refused before any query."""
    assert client.get(f"/units/{unit.slug}%00").status_code == 404
    assert client.get(f"/units/{unit.slug}").status_code == 200
