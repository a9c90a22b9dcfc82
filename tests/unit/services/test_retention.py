"""flask retention purge: what stays and what goes, per unit, with one audit event each."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    ActivationCode,
    AuditEvent,
    Booking,
    BookingCell,
    CalendarFeed,
    DebriefRequest,
    FeedbackKey,
    GoingHomePlan,
    HandoverNote,
    LoginFailure,
    Notification,
    NotificationPreference,
    PushSubscription,
    SignUp,
    SupervisionMeeting,
    TalkRequest,
    User,
    VoicePoint,
)
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.retention import months_before, purge_all, set_retention_months
from app.services.sign_in import username_failure_keys
from tests.factories import (
    ActivationCodeFactory,
    ActivityFactory,
    CalendarFeedFactory,
    DebriefRequestFactory,
    GoingHomePlanFactory,
    HandoverNoteFactory,
    LoginFailureFactory,
    NotificationFactory,
    NotificationPreferenceFactory,
    PushSubscriptionFactory,
    SignUpFactory,
    SupervisionMeetingFactory,
    TalkRequestFactory,
    VoicePointFactory,
)
from tests.sessions_support import booked

NOW = datetime(2027, 6, 15, 12, tzinfo=UTC)  # 12 months back: 15 June 2026


def _records_for(mother, peer):
    """Everything the app keeps about a mother: a booking, a cancelled one, a talk request,
    a handover note, an activation code, a notification, a sign-in failure, a point for the
    team's meeting and her reply to its answer, audit, and the number she is rung on."""
    mother.callback_phone = "07700 900123"
    when = datetime(2026, 1, 20, 10, tzinfo=UTC) + timedelta(days=3 * mother.id)
    booking = booked(mother, peer, when)
    booked(mother, peer, when + timedelta(days=1), status="cancelled")
    TalkRequestFactory(mother=mother, on_day=date(2026, 1, 21))
    HandoverNoteFactory(mother=mother)
    GoingHomePlanFactory(mother=mother)
    mother.discharge_feedback_asked_for = mother.discharged_on
    mother.rest_from, mother.rest_until = time(14), time(15)
    ActivationCodeFactory(user=mother, expires_at=when)
    NotificationFactory(user=mother)
    LoginFailureFactory(key=username_failure_keys(mother.username)[0])
    CalendarFeedFactory(user=mother)
    PushSubscriptionFactory(user=mother)
    NotificationPreferenceFactory(user=mother)
    group = ActivityFactory(unit=mother.unit, leader=peer)
    SignUpFactory(activity=group, on_date=date(2026, 1, 22), mother=mother, seat=1)
    point = VoicePointFactory(mother=mother, meeting_on=date(2026, 1, 22), state="raised")
    VoicePointFactory(mother=mother, meeting_on=date(2026, 1, 29), reply_to_id=point.id)
    record_audit(mother, "booking.created", booking)
    db.session.commit()


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _mine(model, column, mother) -> int:
    return _count(model, column == mother.id)


@pytest.fixture
def world(factory, unit, other_unit, frozen_now):
    frozen_now(NOW)
    other_unit.retention_months = 24
    db.session.commit()
    peer = factory.user("peer_worker", unit)
    other_peer = factory.user("peer_worker", other_unit)
    mothers = {
        # support ended 1 April 2026: more than 12 months ago, so she goes
        "ended_long_ago": factory.user(
            "mother",
            unit,
            admitted_on=date(2025, 12, 1),
            discharged_on=date(2026, 1, 10),
            support_until=date(2026, 4, 1),
        ),
        # discharged 1 March 2026 with no support-until date: that is her end, she goes
        "discharged_no_support": factory.user(
            "mother", unit, admitted_on=date(2026, 1, 1), discharged_on=date(2026, 3, 1)
        ),
        # support ended 1 July 2026: within 12 months, she stays
        "ended_recently": factory.user(
            "mother",
            unit,
            admitted_on=date(2026, 1, 1),
            discharged_on=date(2026, 5, 1),
            support_until=date(2026, 7, 1),
        ),
        # still on the unit: stays
        "on_the_unit": factory.user("mother", unit, admitted_on=date(2026, 1, 1)),
        # the other unit keeps 24 months: her support ended 1 April 2026, so she stays
        "other_unit": factory.user(
            "mother",
            other_unit,
            admitted_on=date(2025, 12, 1),
            discharged_on=date(2026, 1, 10),
            support_until=date(2026, 4, 1),
        ),
    }
    for name, mother in mothers.items():
        _records_for(mother, other_peer if name == "other_unit" else peer)
    old_sent = NotificationFactory(user=peer, sent_at=datetime(2026, 2, 1, tzinfo=UTC))
    recent_sent = NotificationFactory(user=peer, sent_at=datetime(2027, 6, 1, tzinfo=UTC))
    NotificationFactory(user=peer)  # not sent yet
    return {**mothers, "peer": peer, "old_sent": old_sent.id, "recent_sent": recent_sent.id}


PER_MOTHER = [
    (Booking, Booking.mother_id, 2),
    (TalkRequest, TalkRequest.mother_id, 1),
    (HandoverNote, HandoverNote.mother_id, 1),
    (GoingHomePlan, GoingHomePlan.mother_id, 1),
    (ActivationCode, ActivationCode.user_id, 1),
    (Notification, Notification.user_id, 1),
    (BookingCell, BookingCell.user_id, 4),
    (SignUp, SignUp.mother_id, 1),
    (CalendarFeed, CalendarFeed.user_id, 1),
    (PushSubscription, PushSubscription.user_id, 1),
    (NotificationPreference, NotificationPreference.user_id, 1),
    (VoicePoint, VoicePoint.mother_id, 2),
]


def test_purge_removes_records_past_the_period_and_keeps_the_rest(world, unit, other_unit):
    results = purge_all()
    db.session.commit()

    counts = {u.id: c for u, c in results.items()}
    assert counts[unit.id]["mothers"] == 2
    assert counts[unit.id]["bookings"] == 4
    assert counts[unit.id]["notifications"] == 3  # one each, and the peer's old sent one
    assert counts[other_unit.id]["mothers"] == 0

    for name in ("ended_long_ago", "discharged_no_support"):
        mother = db.session.get(User, world[name].id)
        for model, column, _ in PER_MOTHER:
            assert _mine(model, column, mother) == 0, (name, model)
        assert mother.display_name == "Former mother"
        assert mother.username == f"removed-{mother.id}"
        assert mother.password_hash is None and not mother.active
        assert mother.admitted_on is None and mother.support_until is None
        assert mother.callback_phone is None
        assert mother.about_seen_at is None and mother.changes_seen_at is None
        assert mother.community_team_phone == ""
        assert mother.discharge_feedback_asked_for is None
        assert mother.rest_from is None and mother.rest_until is None
        assert mother.anonymised_at == NOW
    assert _count(LoginFailure) == 3  # the two purged mothers' failures are gone

    for name in ("ended_recently", "on_the_unit", "other_unit"):
        mother = world[name]
        for model, column, number in PER_MOTHER:
            assert _mine(model, column, mother) == number, (name, model)
        assert mother.anonymised_at is None and mother.display_name.startswith("Mother")
        assert mother.callback_phone == "07700 900123"

    assert db.session.get(Notification, world["old_sent"]) is None
    assert db.session.get(Notification, world["recent_sent"]) is not None
    assert (
        _count(
            Notification, Notification.sent_at.is_(None), Notification.user_id == world["peer"].id
        )
        == 1
    )

    # The audit log is kept whole: her events stay, and each unit gets one purge event.
    assert _count(AuditEvent, AuditEvent.action == "booking.created") == 5
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.purged")
    ).all()
    assert sorted(e.unit_id for e in events) == sorted([unit.id, other_unit.id])
    ours = next(e for e in events if e.unit_id == unit.id)
    assert "mothers 2" in ours.detail and "bookings 4" in ours.detail
    assert "Mother" not in ours.detail


def test_a_second_purge_finds_nothing_more(world, unit):
    purge_all()
    db.session.commit()
    again = {u.id: c for u, c in purge_all().items()}
    assert again[unit.id]["mothers"] == 0
    assert again[unit.id]["bookings"] == 0


def test_dry_run_counts_but_changes_nothing(world, unit):
    before = _count(Booking), _count(Notification), _count(AuditEvent)
    counts = {u.id: c for u, c in purge_all(dry_run=True).items()}
    db.session.rollback()
    assert counts[unit.id]["mothers"] == 2 and counts[unit.id]["bookings"] == 4
    assert (_count(Booking), _count(Notification), _count(AuditEvent)) == before
    assert world["ended_long_ago"].anonymised_at is None


def test_a_shorter_period_reaches_more_mothers(world, unit):
    unit.retention_months = 1  # cutoff 15 May 2027: the July 2026 one goes too
    db.session.commit()
    counts = {u.id: c for u, c in purge_all().items()}
    assert counts[unit.id]["mothers"] == 3


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2027, 6, 15), 12, date(2026, 6, 15)),
        (date(2027, 3, 31), 1, date(2027, 2, 28)),
        (date(2027, 1, 10), 13, date(2025, 12, 10)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_retention_period_has_bounds(factory, unit):
    staff = factory.user("staff", unit)
    with pytest.raises(DomainError):
        set_retention_months(staff, 0)
    set_retention_months(staff, 36)
    assert unit.retention_months == 36


def test_the_signing_keys_of_weeks_closed_for_answers_are_removed(factory, unit, frozen_now):
    frozen_now(NOW)  # Tuesday 15 June 2027: the week of 7 June closes on Wednesday 16th
    weeks = [date(2027, 5, 31), date(2027, 6, 7), date(2027, 6, 14)]
    db.session.add_all(
        FeedbackKey(unit_id=unit.id, topic="unit", week=week, private_key=b"k") for week in weeks
    )
    db.session.commit()
    counts = {u.id: c for u, c in purge_all().items()}
    assert counts[unit.id]["feedback keys"] == 1
    assert (
        db.session.scalars(select(FeedbackKey.week).order_by(FeedbackKey.week)).all() == weeks[1:]
    )


def test_hidden_comments_lose_their_words_once_they_can_no_longer_be_restored(unit, frozen_now):
    from app.models import FeedbackResponse
    from tests.feedback_helpers import add_responses

    frozen_now(NOW)
    today = NOW.date()
    old, recent, shown = add_responses(
        unit, "unit", date(2027, 4, 5), ["good"] * 3, ["Jo on nights", "Sam's baby", "Kind"]
    )
    old.moderation = recent.moderation = "hidden"
    old.hidden_on, recent.hidden_on = today - timedelta(days=31), today - timedelta(days=30)
    db.session.commit()
    audit_before = _count(AuditEvent)
    counts = {u.id: c for u, c in purge_all().items()}
    db.session.commit()
    assert counts[unit.id]["hidden comments"] == 1
    db.session.expire_all()
    comments = {r.id: r.comment for r in db.session.scalars(select(FeedbackResponse))}
    assert comments == {old.id: "", recent.id: "Sam's baby", shown.id: "Kind"}
    assert _count(FeedbackResponse) == 3  # the answers still count
    detail = db.session.scalars(select(AuditEvent.detail)).all()[-1]
    assert _count(AuditEvent) == audit_before + 1 and "comment" not in detail


def test_a_peer_workers_supervision_dates_and_debriefs_are_not_purged(factory, unit, frozen_now):
    """They are about her work, not a mother: kept while her account exists, closed or not."""
    frozen_now(NOW - timedelta(days=800))
    peer = factory.user("peer_worker", unit, active=False)
    SupervisionMeetingFactory(peer=peer)
    DebriefRequestFactory(peer=peer)
    db.session.commit()
    frozen_now(NOW)
    purge_all()
    for model in (SupervisionMeeting, DebriefRequest):
        assert db.session.scalar(select(func.count()).select_from(model)) == 1
