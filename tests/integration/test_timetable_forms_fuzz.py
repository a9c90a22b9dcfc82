"""Whatever is typed into the timetable forms, the answer is a page, never a 500."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ActivityFactory
from tests.support.forms import box_names

ANY_TEXT = st.text(max_size=120)
FIELD_VALUES = st.one_of(
    ANY_TEXT,
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "7",
            "25:00",
            "2026-02-30",
            "9999-12-31",
            "0001-01-01",
            "10:00",
            "2026-06-02",
            "2026",
            "6",
            "feb",
            "<script>",
            "=1+1",
            "9" * 24,
        ]
    ),
)
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ACTIVITY_FIELDS = [
    "title",
    "description",
    "room",
    "leader_id",
    "repeats",
    "weekdays",
    "start_time",
    "end_time",
    "capacity",
    *box_names("starts_on"),
    *box_names("ends_on"),
]


@pytest.fixture
def staff_web(app, frozen_now, as_role):
    """One signed-in staff client for all examples (signing in each time hits the limit)."""
    frozen_now(datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    return as_role("staff")


@FUZZ
@given(st.fixed_dictionaries({}, optional={f: FIELD_VALUES for f in ACTIVITY_FIELDS}))
def test_group_form_never_fails(staff_web, data):
    web, _ = staff_web
    response = web.post("/timetable/groups/new", data)
    assert response.status_code in (302, 400)


@FUZZ
@given(
    st.fixed_dictionaries(
        {},
        optional={
            f: FIELD_VALUES for f in [*box_names("new_date"), "start_time", "end_time", "reason"]
        },
    )
)
def test_move_and_cancel_forms_never_fail(staff_web, unit, data):
    web, staff = staff_web
    activity = ActivityFactory(
        unit=unit, leader=staff, starts_on=date(2026, 6, 1), ends_on=date(2026, 7, 1)
    )
    base = f"/timetable/groups/{activity.id}/2026-06-02"
    assert web.post(base + "/move", data).status_code in (302, 400)
    assert web.post(base + "/cancel", data).status_code in (302, 400)


@FUZZ
@given(
    st.fixed_dictionaries(
        {}, optional={f: FIELD_VALUES for f in ["visiting_hours", "public_info", "phone"]}
    )
)
def test_visitor_information_form_never_fails(staff_web, data):
    web, _ = staff_web
    assert web.post("/timetable/visitors", data).status_code in (302, 400)
