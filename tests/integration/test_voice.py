"""My voice through the web: a mother adds and changes her points, a peer worker marks them,
staff set the meeting time; bad input and other people's points change nothing."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, MeetingChange, VoicePoint
from app.services import meetings
from tests.factories import VoicePointFactory
from tests.support.forms import date_boxes

MARCH_16 = date(2027, 3, 16)  # the next Tuesday meeting; the clock says Wednesday 10 March


@pytest.fixture
def setup(app, factory, unit, as_role):
    staff_web, staff = as_role("staff")
    meetings.set_schedule(staff, 1, time(14), date(2027, 3, 2))
    db.session.commit()
    mother_web, amy = as_role("mother", display_name="Amy")
    peer_web, priya = as_role("peer_worker", display_name="Priya")
    return {"mother": mother_web, "amy": amy, "peer": peer_web, "staff": staff_web}


def points() -> list[VoicePoint]:
    db.session.rollback()
    return db.session.scalars(select(VoicePoint).order_by(VoicePoint.id)).all()


def add(web, text: str, travels: str = "unnamed", **extra):
    return web.post(
        "/me/voice", {"text": text, "travels": travels, **extra}, token_page="/me/voice"
    )


def test_she_adds_a_point_and_sees_it_with_the_next_meeting(setup):
    response = add(setup["mother"], "Could the night lights be dimmer?")
    assert response.status_code == 302
    (point,) = points()
    assert (point.meeting_on, point.travels, point.mother_id) == (
        MARCH_16,
        "unnamed",
        setup["amy"].id,
    )
    html = setup["mother"].client.get("/me/voice").get_data(as_text=True)
    assert "Could the night lights be dimmer?" in html
    assert "The next meeting is on Tuesday 16 March 2027 at 14:00" in html


@pytest.mark.parametrize(
    "text, travels, message",
    [
        ("x" * 501, "named", "Your point must be 500 characters or fewer"),
        (
            "Hello\x07there",
            "named",
            "Your point must only include letters, numbers and punctuation",
        ),
        ("   ", "named", "Write your point"),
        ("Hello", "everyone", "Not a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(setup, text, travels, message):
    response = add(setup["mother"], text, travels)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert points() == []


def test_she_changes_her_point_until_the_meeting_and_not_after(setup):
    point = VoicePointFactory(mother=setup["amy"], meeting_on=MARCH_16)
    last_weeks = VoicePointFactory(mother=setup["amy"], meeting_on=date(2027, 3, 9), text="Old")
    web, url = setup["mother"], f"/me/voice/{point.id}"
    assert (
        web.post(url, {"text": "New words", "travels": "named"}, token_page=url).status_code == 302
    )
    assert (points()[0].text, points()[0].travels) == ("New words", "named")
    late = f"/me/voice/{last_weeks.id}"
    assert "can no longer be changed" in web.client.get(late).get_data(as_text=True)
    response = web.post(late, {"text": "Later", "travels": "named"})
    assert response.status_code == 400
    assert "can no longer be changed" in response.get_data(as_text=True)
    web.post(late + "/withdraw")
    assert (points()[1].text, points()[1].state) == ("Old", "open")


def test_she_withdraws_her_point(setup):
    point = VoicePointFactory(mother=setup["amy"], meeting_on=MARCH_16)
    response = setup["mother"].post(f"/me/voice/{point.id}/withdraw", token_page="/me/voice")
    assert response.status_code == 302 and points()[0].state == "withdrawn"
    assert "corridor lights" not in setup["mother"].client.get("/me/voice").get_data(as_text=True)


def test_another_mothers_point_is_not_found(setup, factory, unit):
    beths = VoicePointFactory(mother=factory.user("mother", unit), meeting_on=MARCH_16)
    web = setup["mother"]
    assert web.client.get(f"/me/voice/{beths.id}").status_code == 404
    assert web.post(f"/me/voice/{beths.id}/withdraw", token_page="/me/voice").status_code == 404
    assert web.client.get(f"/me/voice?reply_to={beths.id}").status_code == 404
    assert add(web, "Me too", reply_to=str(beths.id)).status_code == 404
    assert [p.state for p in points()] == ["open"]


def test_the_peer_worker_marks_it_raised_and_she_reads_the_answer_on_her_home(setup):
    point = VoicePointFactory(
        mother=setup["amy"], meeting_on=MARCH_16, text="Can visiting start earlier?"
    )
    peer, url = setup["peer"], f"/peer/voice/{point.id}"
    empty = peer.post(url, {"outcome": "raised", "answer": ""}, token_page=url)
    assert empty.status_code == 400 and "Write the team" in empty.get_data(as_text=True)
    done = peer.post(url, {"outcome": "raised", "answer": "Yes, from 1pm."}, token_page=url)
    assert done.status_code == 302
    home = setup["mother"].client.get("/me/").get_data(as_text=True)
    assert 'You asked: "Can visiting start earlier?" The team said: "Yes, from 1pm."' in home
    assert setup["mother"].post("/me/changes/seen", token_page="/me/").status_code == 302
    assert "The team said" not in setup["mother"].client.get("/me/").get_data(as_text=True)


def test_reading_the_list_and_the_agenda_is_audited_and_names_show_only_where_she_chose(
    setup, factory, unit
):
    beth = factory.user("mother", unit, display_name="Beth")
    unnamed = VoicePointFactory(mother=setup["amy"], meeting_on=MARCH_16)
    named = VoicePointFactory(mother=beth, meeting_on=MARCH_16, travels="named")
    for page in ("/peer/voice", "/peer/voice/agenda"):
        assert setup["peer"].client.get(page).status_code == 200
    agenda = setup["peer"].client.get("/peer/voice/agenda").get_data(as_text=True)
    assert "From: Beth" in agenda and "From: A mother on the unit" in agenda
    assert "Amy" not in agenda.split("<main", 1)[1]
    read = select(func.count()).where(
        AuditEvent.action == "voice.point_viewed", AuditEvent.subject_id.in_([unnamed.id, named.id])
    )
    assert db.session.scalar(read) == 6  # both points, three pages


def test_the_peer_home_counts_the_points_for_the_next_meeting(setup):
    VoicePointFactory(mother=setup["amy"], meeting_on=MARCH_16)
    html = setup["peer"].client.get("/peer/").get_data(as_text=True)
    assert "1 point from mothers for the next meeting." in html


def test_staff_see_points_raised_with_her_name_and_never_one_just_for_peer_workers(setup):
    amy = setup["amy"]
    VoicePointFactory(mother=amy, travels="named", state="raised", answer="Yes", text="Named one",
                      answered_at=datetime(2027, 3, 9, tzinfo=UTC))  # fmt: skip
    VoicePointFactory(mother=amy, travels="peer_only", text="Only for Priya")
    VoicePointFactory(mother=amy, travels="unnamed", state="raised", text="Unnamed one")
    html = setup["staff"].client.get("/staff/voice").get_data(as_text=True)
    assert 'Amy asked: "Named one"' in html
    assert "Only for Priya" not in html and "Unnamed one" not in html
    staff_reads = select(func.count()).where(AuditEvent.action == "voice.point_viewed")
    assert db.session.scalar(staff_reads) == 1


def test_staff_set_the_meeting_time_and_move_one_date(setup):
    staff = setup["staff"]
    response = staff.post(
        "/staff/voice/schedule",
        date_boxes({"weekday": "3", "starts_at": "09:30", "starts_on": "2027-03-01"}, "starts_on"),
        token_page="/staff/voice/schedule",
    )
    assert response.status_code == 302
    url = "/staff/voice/meetings/2027-03-11"
    too_far = staff.post(
        url + "/move",
        date_boxes({"new_date": "2027-03-25", "starts_at": "10:00"}, "new_date"),
        token_page=url,
    )
    assert too_far.status_code == 400 and "within 6 days" in too_far.get_data(as_text=True)
    moved = staff.post(
        url + "/move",
        date_boxes({"new_date": "2027-03-12", "starts_at": "10:00"}, "new_date"),
        token_page=url,
    )
    assert moved.status_code == 302
    db.session.rollback()
    change = db.session.scalars(select(MeetingChange)).one()
    assert (change.status, change.new_date) == ("moved", date(2027, 3, 12))
    assert staff.client.get("/staff/voice/meetings/2027-03-10").status_code == 404  # a Wednesday
    assert staff.client.get("/staff/voice/meetings/not-a-date").status_code == 404
    assert staff.client.get("/staff/voice/meetings/9999-12-31").status_code == 404  # past any plan
