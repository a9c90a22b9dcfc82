"""Whatever is posted to the forms of my voice, the answer is a page, never a 500, and a
refused post changes nothing. (Fixtures are made once per test, not per example.)"""

from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.extensions import db
from app.models import MeetingChange, MeetingSchedule, VoicePoint
from app.services import meetings
from tests.factories import VoicePointFactory

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
junk = st.one_of(
    st.text(max_size=600),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999",
            "named",
            "raised",
            "carried",
            "25:99",
            "2027-02-30",
            "2027-03-17",
        ]
    ),
)


def snapshot(*models):
    """Every column of every row, as read afresh."""
    db.session.rollback()
    return [
        [
            sorted((k, str(v)) for k, v in vars(row).items() if not k.startswith("_"))
            for row in db.session.scalars(select(m))
        ]
        for m in models
    ]


@pytest.fixture
def people(as_role):
    staff_web, staff = as_role("staff")
    meetings.set_schedule(staff, 1, time(14), date(2027, 3, 2))
    db.session.commit()
    mother_web, mother = as_role("mother")
    point = VoicePointFactory(mother=mother, meeting_on=date(2027, 3, 16))
    return {
        "staff": staff_web,
        "mother": mother_web,
        "peer": as_role("peer_worker")[0],
        "point": point.id,
    }


def _refused_changes_nothing(web, url, data, models, token_page):
    before = snapshot(*models)
    response = web.post(url, data, token_page=token_page)
    assert response.status_code in (302, 400, 404)
    if response.status_code != 302:
        assert snapshot(*models) == before


@FUZZ
@given(text=junk, travels=junk, reply_to=junk)
def test_her_point_forms_never_fail(people, text, travels, reply_to):
    data = {"text": text, "travels": travels, "reply_to": reply_to}
    _refused_changes_nothing(people["mother"], "/me/voice", data, [VoicePoint], "/me/voice")
    url = f"/me/voice/{people['point']}"
    _refused_changes_nothing(people["mother"], url, data, [VoicePoint], "/me/voice")


@FUZZ
@given(outcome=junk, answer=junk, theme=junk)
def test_the_peer_workers_forms_never_fail(people, outcome, answer, theme):
    url = f"/peer/voice/{people['point']}"
    data = {"outcome": outcome, "answer": answer}
    _refused_changes_nothing(people["peer"], url, data, [VoicePoint], "/peer/voice")
    _refused_changes_nothing(
        people["peer"], url + "/theme", {"theme": theme}, [VoicePoint], "/peer/voice"
    )


@FUZZ
@given(values=st.lists(junk, min_size=6, max_size=6))
def test_the_meeting_forms_never_fail(people, values):
    staff, models = people["staff"], [MeetingSchedule, MeetingChange]
    schedule = dict(zip(["weekday", "starts_at", "starts_on-day"], values[:3], strict=True))
    _refused_changes_nothing(staff, "/staff/voice/schedule", schedule, models, "/staff/voice")
    meeting = "/staff/voice/meetings/2027-03-23"
    move = dict(zip(["new_date-day", "starts_at", "reason"], values[3:], strict=True))
    _refused_changes_nothing(staff, meeting + "/move", move, models, "/staff/voice")
    _refused_changes_nothing(
        staff, meeting + "/cancel", {"reason": values[5]}, models, "/staff/voice"
    )
