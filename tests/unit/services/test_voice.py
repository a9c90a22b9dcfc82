"""My voice: who may add, change, read and mark a point, and what staff see of themes."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification
from app.services import meetings, voice
from app.services.errors import DomainError, NotFoundInUnit
from tests.factories import VoicePointFactory

MARCH_16 = date(2027, 3, 16)  # the next Tuesday meeting; the clock says Wednesday 10 March
MARCH_23 = date(2027, 3, 23)
LINK = "/me/"


@pytest.fixture
def people(factory, unit):
    staff = factory.user("staff", unit)
    meetings.set_schedule(staff, 1, time(14), date(2027, 3, 2))
    db.session.commit()
    return {
        "staff": staff,
        "peer": factory.user("peer_worker", unit),
        "amy": factory.user("mother", unit),
        "beth": factory.user("mother", unit),
    }


def test_a_point_is_for_the_next_meeting(people):
    point = voice.add_point(people["amy"], "Quieter nights, please", "unnamed")
    assert (point.meeting_on, point.state, point.travels) == (MARCH_16, "open", "unnamed")


def test_without_a_meeting_time_she_is_told_so(factory, unit):
    with pytest.raises(DomainError, match="not set up yet"):
        voice.add_point(factory.user("mother", unit), "Hello", "named")


def test_how_it_travels_must_be_one_she_was_offered(people):
    with pytest.raises(DomainError):
        voice.add_point(people["amy"], "Hello", "to_everyone")


def test_a_reply_must_answer_one_of_her_own_points(people):
    beths = VoicePointFactory(mother=people["beth"], meeting_on=MARCH_16)
    with pytest.raises(NotFoundInUnit):
        voice.add_point(people["amy"], "Me too", "named", reply_to=beths)
    mine = VoicePointFactory(mother=people["amy"], meeting_on=MARCH_16, state="raised")
    assert (
        voice.add_point(people["amy"], "Thank you", "named", reply_to=mine).reply_to_id == mine.id
    )


def test_she_may_change_or_withdraw_it_until_its_meeting(people, frozen_now):
    point = voice.add_point(people["amy"], "First words", "named")
    voice.edit_point(people["amy"], point, "Better words", "unnamed")
    assert (point.text, point.travels) == ("Better words", "unnamed")
    frozen_now(datetime(2027, 3, 16, 14, tzinfo=UTC))  # the meeting starts
    with pytest.raises(DomainError, match="can no longer be changed"):
        voice.edit_point(people["amy"], point, "Too late", "named")
    with pytest.raises(DomainError):
        voice.withdraw_point(people["amy"], point)
    assert (point.text, point.state) == ("Better words", "open")


def test_a_point_whose_meeting_was_cancelled_may_change_until_the_next_one(people, frozen_now):
    point = voice.add_point(people["amy"], "Words", "named")
    meetings.cancel_meeting(
        people["staff"], meetings.meeting_on(people["amy"].unit, MARCH_16), "Off"
    )
    frozen_now(datetime(2027, 3, 17, 10, tzinfo=UTC))
    assert voice.changeable_until(point).on_date == MARCH_23
    voice.withdraw_point(people["amy"], point)
    assert point.state == "withdrawn"


def test_nobody_else_changes_her_point(people):
    point = voice.add_point(people["amy"], "Mine", "named")
    with pytest.raises(NotFoundInUnit):
        voice.edit_point(people["beth"], point, "Hers now", "named")
    with pytest.raises(NotFoundInUnit):
        voice.withdraw_point(people["beth"], point)


def test_a_marked_point_cannot_be_changed(people):
    point = voice.add_point(people["amy"], "Words", "named")
    voice.mark_raised(people["peer"], point, "Yes", LINK)
    with pytest.raises(DomainError):
        voice.edit_point(people["amy"], point, "Again", "named")


def test_the_agenda_holds_points_to_raise_for_the_next_meeting_and_earlier(people):
    amy, beth = people["amy"], people["beth"]
    earlier = VoicePointFactory(mother=amy, meeting_on=date(2027, 3, 9))  # not marked yet
    named = VoicePointFactory(mother=beth, meeting_on=MARCH_16, travels="named")
    carried = VoicePointFactory(mother=beth, meeting_on=MARCH_16, state="carried")
    VoicePointFactory(mother=amy, meeting_on=MARCH_16, travels="peer_only")
    VoicePointFactory(mother=amy, meeting_on=MARCH_16, state="withdrawn")
    VoicePointFactory(mother=amy, meeting_on=date(2027, 3, 9), state="raised")
    VoicePointFactory(mother=amy, meeting_on=MARCH_23, state="carried")  # the one after
    meeting, points = voice.agenda(amy.unit)
    assert meeting.on_date == MARCH_16
    assert [p.id for p in points] == [earlier.id, named.id, carried.id]
    assert voice.agenda_count(amy.unit) == 3


def test_just_for_peer_workers_stays_off_the_agenda(people):
    mine = VoicePointFactory(mother=people["amy"], meeting_on=MARCH_16, travels="peer_only")
    assert voice.just_for_peer_workers(people["amy"].unit) == [mine]
    voice.mark_read(people["peer"], mine)
    assert mine.state == "read" and voice.just_for_peer_workers(people["amy"].unit) == []
    with pytest.raises(DomainError):
        voice.mark_raised(
            people["peer"], VoicePointFactory(mother=people["amy"], travels="peer_only"), "x", LINK
        )


def test_raised_with_an_answer_tells_her_there_is_one_and_nothing_more(people):
    point = voice.add_point(people["amy"], "Can my mum visit on Sunday mornings?", "named")
    voice.mark_raised(people["peer"], point, "Yes, from 10am.", LINK)
    db.session.commit()
    assert (point.state, point.answer, point.answered_by_id) == (
        "raised",
        "Yes, from 10am.",
        people["peer"].id,
    )
    sent = db.session.scalars(select(Notification)).one()
    assert (sent.user_id, sent.kind, sent.url) == (people["amy"].id, "voice.answered", LINK)
    assert (sent.title, sent.body) == ("Your point has an answer", "Open the app to read it")
    with pytest.raises(DomainError, match="already been marked"):
        voice.carry_point(people["peer"], point)


def test_carried_to_the_meeting_after_its_own(people):
    point = voice.add_point(people["amy"], "Words", "unnamed")
    later = voice.carry_point(people["peer"], point)
    assert later.on_date == MARCH_23 and (point.state, point.meeting_on) == ("carried", MARCH_23)


def test_may_read(people, factory, other_unit):
    amy, beth, peer, staff = people["amy"], people["beth"], people["peer"], people["staff"]
    elsewhere = factory.user("peer_worker", other_unit)
    for travels, state, staff_reads in [
        ("named", "raised", True),
        ("named", "open", False),
        ("unnamed", "raised", False),
        ("peer_only", "open", False),
    ]:
        point = VoicePointFactory(mother=amy, travels=travels, state=state)
        assert voice.may_read(amy, point) and voice.may_read(peer, point)
        assert not voice.may_read(beth, point) and not voice.may_read(elsewhere, point)
        assert voice.may_read(staff, point) is staff_reads, (travels, state)


def test_every_read_by_someone_else_is_audited(people):
    points = [VoicePointFactory(mother=people["amy"]) for _ in range(2)]
    voice.record_reads(people["amy"], points)  # her own: not an event
    voice.record_reads(people["peer"], points)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "voice.point_viewed"))
    assert sorted((e.actor_id, e.subject_id) for e in events) == [
        (people["peer"].id, p.id) for p in points
    ]


def test_staff_see_a_theme_only_once_5_mothers_raised_it(people, factory, unit, frozen_now):
    mothers = [factory.user("mother", unit) for _ in range(5)]
    for mother in mothers:
        VoicePointFactory(mother=mother, theme="Night feeds")
    VoicePointFactory(mother=mothers[0], theme="night feeds")  # the same mother again
    for mother in mothers[:4]:
        VoicePointFactory(mother=mother, theme="Visiting")
    VoicePointFactory(mother=mothers[4], theme="Visiting", state="withdrawn")
    VoicePointFactory(mother=mothers[4], theme="Visiting", travels="named")
    assert voice.theme_counts(unit) == [("Night feeds", 5)]
    assert voice.theme_counts(unit, smallest=1) == [("Night feeds", 5), ("Visiting", 4)]
    frozen_now(datetime(2027, 6, 10, tzinfo=UTC))  # 13 weeks on: out of the period
    assert voice.theme_counts(unit, smallest=1) == []


def test_a_theme_is_only_for_a_point_without_her_name(people):
    with pytest.raises(DomainError):
        voice.set_theme(
            people["peer"], VoicePointFactory(mother=people["amy"], travels="named"), "Food"
        )


def test_staff_read_points_raised_with_her_name(people):
    named = VoicePointFactory(mother=people["amy"], travels="named")
    VoicePointFactory(mother=people["amy"], travels="unnamed")
    VoicePointFactory(mother=people["amy"], travels="named")  # not raised yet
    voice.mark_raised(people["peer"], named, "Yes", LINK)
    voice.mark_raised(people["peer"], VoicePointFactory(mother=people["amy"]), "No", LINK)
    assert voice.raised_with_names(people["amy"].unit) == [named]
