"""Whatever is posted to the session forms, the answer is a page, never a 500, and a
refused post changes nothing. (Fixtures are made once per test, not per example.)"""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extensions import db
from app.models import AvailabilityPause, AvailabilityWindow, Booking
from tests.sessions_support import weekly
from tests.support.forms import box_names

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
junk = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            "any",
            "0",
            "-1",
            "2027-05-04T09:00:00+00:00",
            "25:99",
            "2027-02-30",
            "2027",
            "5",
            "feb",
        ]
    ),
)


def rows(*models):
    return sum(db.session.scalar(select(func.count()).select_from(m)) for m in models)


@pytest.fixture
def mother_web(as_role, factory, unit, frozen_now):
    frozen_now(NOW)
    weekly(factory.user("peer_worker", unit), 1, "10:00", "12:00")
    return as_role("mother", admitted_on=date(2027, 4, 1))[0]


@pytest.fixture
def peer_web(as_role, frozen_now):
    frozen_now(NOW)
    return as_role("peer_worker")[0]


@FUZZ
@given(
    starts_at=junk,
    with_whom=junk,
    topic=junk,
    baby_care=st.one_of(junk, st.sampled_from(["with_me", "nursery"])),
    day=st.sampled_from(["2027-05-04", "2027-05-03"]),
)
def test_booking_form_never_fails(mother_web, starts_at, with_whom, topic, baby_care, day):
    url = f"/me/sessions/book/{day}"
    before = rows(Booking)
    form = {"starts_at": starts_at, "with_whom": with_whom, "topic": topic, "baby_care": baby_care}
    response = mother_web.post(url, form, token_page=url)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert rows(Booking) == before


@FUZZ
@given(values=st.lists(junk, min_size=15, max_size=15))
def test_availability_forms_never_fail(peer_web, values):
    url = "/peer/availability/"
    weekly_fields = ["weekly-weekdays", "weekly-starts", "weekly-ends", "weekly-session_minutes"]
    pause_fields = ["leave-kind", *box_names("leave-first_day"), *box_names("leave-last_day")]
    extra_fields = [*box_names("extra-on_date"), "extra-starts"]
    posts = {
        "weekly": dict(zip(weekly_fields, values[:4], strict=True)),
        "pauses": dict(zip(pause_fields, values[4:11], strict=True)),
        "extra": {**dict(zip(extra_fields, values[11:], strict=True)), "extra-ends": "12:00"},
    }
    for path, data in posts.items():
        before = rows(AvailabilityWindow, AvailabilityPause)
        response = peer_web.post(url + path, data, token_page=url)
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert rows(AvailabilityWindow, AvailabilityPause) == before
