"""The mother's week: at a glance, sign up and withdraw, the waiting list, ideas, and
her calendar feed. Through the test client, as the signed-in mother."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActivitySuggestion, Notification, SignUp
from tests.factories import ActivityChangeFactory, ActivityFactory, SignUpFactory
from tests.support.sql import recorded_statements

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # Monday 09:00 in London
TODAY = date(2026, 6, 1)


@pytest.fixture
def setting(app, factory, unit, frozen_now, as_role):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    web, mother = as_role("mother")
    activity = ActivityFactory(
        unit=unit,
        leader=leader,
        title="Baby massage",
        room="Day room",
        capacity=2,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=60),
        visitor_friendly=True,
    )
    return web, mother, activity, leader


def url(activity, day, action):
    return f"/timetable/{activity.id}/{day.isoformat()}/{action}"


def test_the_week_shows_what_when_where_who_flags_and_places(setting):
    web, _, activity, _ = setting
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "Groups this week and next" in page
    this_week, next_week = page.split('<h2 class="app-week">Next week</h2>')
    assert '<h2 class="app-week">This week</h2>' in this_week
    assert "Today, Monday 1 June 2026" in this_week and "Sunday 7 June 2026" in this_week
    assert "Monday 8 June 2026" in next_week and "Sunday 14 June 2026" in next_week
    assert "Monday 15 June" not in page
    assert page.count("Baby massage") >= 14
    assert "10:00 to 11:00" in page and "Day room" in page and "Led by Priya" in page
    assert "Babies welcome" in page and "Families welcome" in page
    assert "2 places left" in page


def test_today_is_marked_in_words_and_by_a_bar_and_tomorrow_in_words(setting):
    web = setting[0]
    page = web.client.get("/timetable/").get_data(as_text=True)
    today = page[page.index('class="app-day app-day--today"') :]
    assert today.index("Today, Monday 1 June 2026") < today.index("</section>")
    assert page.count("app-day--today") == 1 and "Tomorrow, Tuesday 2 June 2026" in page


def test_a_group_open_to_all_has_no_sign_up_button(setting, unit):
    web, _, activity, leader = setting
    ActivityFactory(unit=unit, leader=leader, title="Walk", capacity=None, weekdays="0")
    activity.weekdays = "1"
    db.session.commit()
    page = web.client.get("/timetable/").get_data(as_text=True)
    today = page[page.index("Today, Monday 1 June") : page.index("Tomorrow, Tuesday")]
    assert "Walk" in today and "Open to all, no need to book" in today
    assert "Sign up" not in today and "sign-up" not in today
    assert "Sign up" in page  # Baby massage, on Tuesdays


def test_withdrawing_asks_once_whatever_she_holds(setting, factory, unit):
    web, mother, activity, _ = setting
    day = TODAY + timedelta(days=2)
    SignUpFactory(activity=activity, on_date=day, mother=mother, status="waiting", position=1)
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert f'href="{url(activity, day, "withdraw")}"' in page  # a link to ask, not a form
    confirm = web.client.get(url(activity, day, "withdraw")).get_data(as_text=True)
    assert "Yes, leave the waiting list" in confirm and 'method="post"' in confirm
    nothing = web.client.get(url(activity, TODAY + timedelta(days=3), "withdraw"))
    assert "You are not signed up" in nothing.get_data(as_text=True)


def test_times_are_local_after_the_clock_change(app, factory, unit, frozen_now, as_role):
    frozen_now(datetime(2026, 3, 30, 7, 0, tzinfo=UTC))
    leader = factory.user(role="staff", unit=unit)
    ActivityFactory(unit=unit, leader=leader, starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30))
    web, _ = as_role("mother")
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "10:00 to 11:00" in page and "09:00 to 10:00" not in page


def test_sign_up_then_withdraw(setting):
    web, mother, activity, _ = setting
    day = TODAY + timedelta(days=2)
    response = web.post(url(activity, day, "sign-up"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You have a place at Baby massage." in page and "You have a place." in page
    assert "1 place left" in page
    confirm = web.client.get(url(activity, day, "withdraw")).get_data(as_text=True)
    assert "Are you sure?" in confirm and "Yes, cancel my place" in confirm
    assert 'href="/timetable/#o-' in confirm and "No, keep my place" in confirm
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 1
    response = web.post(url(activity, day, "withdraw"), follow_redirects=True)
    assert "You are no longer signed up" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 0


def test_full_group_offers_the_waiting_list_and_a_freed_place(setting, factory, unit, app):
    web, mother, activity, _ = setting
    day = TODAY + timedelta(days=2)
    others = [factory.user(role="mother", unit=unit) for _ in range(2)]
    for seat, other in enumerate(others, start=1):
        SignUpFactory(activity=activity, on_date=day, mother=other, seat=seat)
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "Full" in page and "Join the waiting list" in page
    response = web.post(url(activity, day, "sign-up"), follow_redirects=True)
    assert "Sorry, this group is full" in response.get_data(as_text=True)
    response = web.post(url(activity, day, "wait"), follow_redirects=True)
    assert "You are on the waiting list" in response.get_data(as_text=True)
    from tests.conftest import Browserless, signed_in_client

    first = Browserless(signed_in_client(app, others[0]))
    first.post(url(activity, day, "withdraw"))
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "A place is free for you" in page and "Take the place" in page
    offer = db.session.scalar(select(Notification).where(Notification.kind == "waitlist.offered"))
    assert (offer.user_id, offer.url) == (mother.id, "/timetable/")
    web.post(url(activity, day, "sign-up"))
    row = db.session.scalar(select(SignUp).where(SignUp.mother_id == mother.id))
    assert (row.status, row.seat) == ("booked", 1)


def test_after_discharge_she_sees_and_joins_only_groups_open_to_her(setting, unit):
    web, mother, activity, leader = setting
    mother.discharged_on, mother.support_until = TODAY, TODAY + timedelta(days=60)
    ActivityFactory(
        unit=unit, leader=leader, title="Phone circle", starts_on=TODAY, open_to_discharged=True
    )
    db.session.commit()
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "Phone circle" in page and "Baby massage" not in page
    response = web.post(url(activity, TODAY + timedelta(days=2), "sign-up"), follow_redirects=True)
    assert "This group is for mothers on the unit." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 0


def test_a_cancelled_date_is_shown_as_cancelled_with_its_reason(setting):
    web, _, activity, leader = setting
    day = TODAY + timedelta(days=3)
    ActivityChangeFactory(activity=activity, on_date=day, reason="Room being painted")
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "Cancelled: Room being painted" in page
    assert page.count("Baby massage") >= 7  # not hidden
    response = web.post(url(activity, day, "sign-up"), follow_redirects=True)
    assert "cancelled on that date" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "bad",
    [
        "/timetable/{id}/2026-06-31/sign-up",
        "/timetable/{id}/not-a-date/sign-up",
        "/timetable/{id}/2030-01-01/sign-up",
        "/timetable/99999/2026-06-02/sign-up",
    ],
)
def test_bad_occurrences_are_not_found(setting, bad):
    web, _, activity, _ = setting
    assert web.post(bad.format(id=activity.id)).status_code == 404


def test_another_units_activity_is_not_found(setting, factory, other_unit):
    web, _, _, _ = setting
    theirs = ActivityFactory(unit=other_unit, leader=factory.user(role="staff", unit=other_unit))
    assert web.post(url(theirs, TODAY + timedelta(days=1), "sign-up")).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 0


def test_scripted_text_is_escaped_on_the_week(setting, factory, unit):
    web, _, _, leader = setting
    ActivityFactory(unit=unit, leader=leader, title='<script>alert("x")</script>', starts_on=TODAY)
    page = web.client.get("/timetable/").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_suggest_a_group(setting, app, factory, unit):
    web, mother, _, _ = setting
    response = web.post("/timetable/suggest", {"text": ""})
    assert response.status_code == 400 and "Write your idea" in response.get_data(as_text=True)
    response = web.post("/timetable/suggest", {"text": "x" * 301})
    assert response.status_code == 400 and "300 characters or fewer" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count()).select_from(ActivitySuggestion)) == 0
    web.post("/timetable/suggest", {"text": "<b>Sewing</b> club"})
    from tests.conftest import Browserless, signed_in_client

    for role in ("staff", "peer_worker"):
        reader = Browserless(signed_in_client(app, factory.user(role=role, unit=unit)))
        page = reader.client.get("/timetable/suggestions").get_data(as_text=True)
        assert "&lt;b&gt;Sewing&lt;/b&gt; club" in page
        assert mother.display_name not in page.split("<main")[1]


def test_calendar_link_shows_once_works_and_can_be_revoked(setting):
    web, mother, activity, _ = setting
    web.post(url(activity, TODAY + timedelta(days=1), "sign-up"))
    assert "Make my calendar link" in web.client.get("/timetable/calendar").get_data(as_text=True)
    page = web.post("/timetable/calendar/new").get_data(as_text=True)
    feed = page.split('data-testid="feed-url">')[1].split("<")[0]
    path = feed.split("localhost", 1)[1]
    response = web.client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Baby massage"]
    assert feed not in web.client.get("/timetable/calendar").get_data(as_text=True)
    web.post("/timetable/calendar/new")
    assert web.client.get(path).status_code == 404  # a new link revokes the old one
    page = web.post("/timetable/calendar/new").get_data(as_text=True)
    path = page.split('data-testid="feed-url">')[1].split("<")[0].split("localhost", 1)[1]
    web.post("/timetable/calendar/off")
    assert web.client.get(path).status_code == 404
    assert web.client.get("/timetable/feed/made-up-token.ics").status_code == 404


def count_queries():
    return recorded_statements(keep=lambda statement: not statement.startswith("BEGIN"))


def _fill(unit, leader, mothers, activities: int, days: int):
    """``activities`` daily groups over ``days`` days up to the end of this week, with
    sign-ups on every date and a cancellation on some."""
    first = TODAY + timedelta(days=6) - timedelta(days=days - 1)
    for n in range(activities):
        a = ActivityFactory(
            unit=unit,
            leader=leader,
            title=f"Group {n}",
            starts_on=first,
            ends_on=TODAY + timedelta(days=6),
            capacity=10,
        )
        for d in range(days):
            day = first + timedelta(days=d)
            for seat, m in enumerate(mothers, start=1):
                SignUpFactory(activity=a, on_date=day, mother=m, seat=seat)
            if d % 7 == 3:
                ActivityChangeFactory(activity=a, on_date=day, reason="Closed")


@pytest.mark.parametrize("role", ["mother", "staff"])
def test_timetable_query_count_does_not_grow_with_occurrences(
    app, factory, unit, frozen_now, as_role, role, monkeypatch
):
    frozen_now(NOW)
    web, user = as_role(role)
    leader = factory.user(role="peer_worker", unit=unit)
    mothers = [user] if role == "mother" else [factory.user(role="mother", unit=unit)]
    _fill(unit, leader, mothers, activities=1, days=10)  # 10 occurrences
    web.client.get("/timetable/")  # warm up: session refresh and the like
    with count_queries() as small:
        assert web.client.get("/timetable/").status_code == 200
    _fill(unit, leader, mothers, activities=10, days=49)  # 490 more: 500 in all
    with count_queries() as large:
        page = web.client.get("/timetable/").get_data(as_text=True)
    assert page.count("nhsuk-card app-entry") == 11 * 7
    assert len(large) == len(small), (small, large)
    assert len(small) <= 8


def test_a_date_moved_in_from_next_month_keeps_its_places_and_hers(setting, factory, unit):
    web, mother, activity, _ = setting
    series_date = TODAY + timedelta(days=30)  # Wednesday 1 July
    ActivityChangeFactory(
        activity=activity,
        on_date=series_date,
        status="moved",
        new_date=TODAY + timedelta(days=3),  # Thursday 4 June
        new_start_time=time(14),
        new_end_time=time(15),
    )
    SignUpFactory(activity=activity, mother=mother, on_date=series_date)
    SignUpFactory(activity=activity, on_date=series_date, mother=factory.user("mother", unit))
    page = web.client.get("/timetable/").get_data(as_text=True)
    thursday = page[page.index("Thursday 4 June 2026") :]
    thursday = thursday[: thursday.index("</section>")]
    moved = thursday[thursday.index("14:00 to 15:00") :]
    assert "You have a place." in moved and "Full" in moved
