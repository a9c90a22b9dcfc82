"""Test data: a factory_boy factory for every model the tests build. Each row is committed;
its dates come from the app's clock (frozen in tests), never from the real day. A row
given no person or unit gets new ones, and a person made for a row is in its unit.

Passwords are hashed once per run: scrypt is slow on purpose."""

from datetime import time, timedelta
from functools import cache

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app.extensions import db
from app.models import (
    ActivationCode,
    Activity,
    ActivityChange,
    AvailabilityPause,
    AvailabilityWindow,
    Booking,
    BookingStatus,
    CalendarFeed,
    DebriefRequest,
    FeedbackResponse,
    GoingHomePlan,
    HandoverNote,
    LoginFailure,
    Notification,
    NotificationPreference,
    PushSubscription,
    Role,
    SignUp,
    SupervisionMeeting,
    TalkRequest,
    Unit,
    User,
    VoicePoint,
)
from app.services import clock
from app.services.bookings import hold_cells
from app.services.feedback import week_start
from app.services.passwords import hash_password

PASSWORD = "correct-horse-battery"


@cache
def _password_hash(password: str) -> str:
    return hash_password(password)


def _today(unit_of):
    """The date today in the row's unit, ``unit_of(row)``."""
    return factory.LazyAttribute(lambda row: clock.local_today(unit_of(row)))


def _someone(role: Role, unit: str = "..unit"):
    """A new person of ``role``, in the unit at the path ``unit`` (``..`` is the row)."""
    return factory.SubFactory(UserFactory, role=role.value, unit=factory.SelfAttribute(unit))


class _Factory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session = db.session
        sqlalchemy_session_persistence = "commit"


class UnitFactory(_Factory):
    class Meta:
        model = Unit

    slug = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    timezone = "Europe/London"
    phone = "0118 496 0000"
    visiting_hours = "Every day: 2pm to 8pm"
    public_info = "Ground floor, Elm Building"
    address = "Elm Building\nHospital Road\nReading RG1 5AN"


class _InUnit(_Factory):
    class Meta:
        abstract = True

    class Params:
        unit = factory.SubFactory(UnitFactory)

    unit_id = factory.SelfAttribute("unit.id")


class UserFactory(_InUnit):
    """A mother admitted a week ago (who has seen "About peer support" already), a peer
    worker on 18 hours a week, or staff."""

    class Meta:
        model = User

    class Params:
        password = PASSWORD

    role = Role.MOTHER.value
    display_name = factory.LazyAttributeSequence(lambda o, n: f"{o.role.title()}{n}")
    username = factory.LazyAttributeSequence(lambda o, n: f"{o.role.replace('_', '')}{n}")
    password_hash = factory.LazyAttribute(
        lambda o: _password_hash(o.password) if o.password else None
    )
    admitted_on = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.MOTHER),
        factory.LazyAttribute(lambda o: clock.local_today(o.unit) - timedelta(days=7)),
    )
    about_seen_at = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.MOTHER),
        factory.LazyFunction(clock.now),
    )
    contracted_minutes = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.PEER_WORKER), 18 * 60
    )


def _of(owner: str, id_column: str, made_by: factory.SubFactory):
    """An abstract factory for rows of one ``owner`` (a parameter, ``made_by`` when not
    given): its id in ``id_column``, and its unit."""
    return type(
        f"_Of{owner.title()}",
        (_Factory,),
        {
            "Meta": type("Meta", (), {"abstract": True}),
            "Params": type("Params", (), {owner: made_by}),
            "unit_id": factory.SelfAttribute(f"{owner}.unit_id"),
            id_column: factory.SelfAttribute(f"{owner}.id"),
        },
    )


_OfUser = _of("user", "user_id", factory.SubFactory(UserFactory))
_OfMother = _of("mother", "mother_id", factory.SubFactory(UserFactory, role=Role.MOTHER))
_OfPeer = _of("peer", "peer_worker_id", factory.SubFactory(UserFactory, role=Role.PEER_WORKER))


class ActivationCodeFactory(_OfUser):
    class Meta:
        model = ActivationCode

    code_hash = factory.Sequence(lambda n: f"code-{n}")
    expires_at = factory.LazyFunction(lambda: clock.now() + timedelta(days=7))


class LoginFailureFactory(_Factory):
    class Meta:
        model = LoginFailure

    key = factory.Sequence(lambda n: f"failure-{n}")


class ActivityFactory(_InUnit):
    """A daily group, 10:00 to 11:00 for 6, from a week ago to three months ahead."""

    class Meta:
        model = Activity

    class Params:
        leader = _someone(Role.PEER_WORKER)

    leader_id = factory.SelfAttribute("leader.id")
    title = "Baby massage"
    description = "Gentle massage for babies, with oils provided."
    room = "Day room"
    weekdays = "0123456"
    start_time = time(10)
    end_time = time(11)
    starts_on = factory.LazyAttribute(lambda o: clock.local_today(o.unit) - timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda o: clock.local_today(o.unit) + timedelta(days=90))
    capacity = 6
    visitor_friendly = False
    baby_welcome = True
    leader_name_public = False


_OfActivity = _of("activity", "activity_id", factory.SubFactory(ActivityFactory))


class ActivityChangeFactory(_OfActivity):
    """The first date of a group, cancelled."""

    class Meta:
        model = ActivityChange

    on_date = factory.SelfAttribute("activity.starts_on")
    status = "cancelled"


class SignUpFactory(_OfActivity):
    """A mother's place at a group today."""

    class Meta:
        model = SignUp

    class Params:
        mother = _someone(Role.MOTHER, "..activity.leader.unit")

    mother_id = factory.SelfAttribute("mother.id")
    on_date = _today(lambda o: o.mother.unit)
    status = "booked"


class AvailabilityWindowFactory(_OfPeer):
    """A peer worker's weekly hours on Mondays, 09:00 to 12:00 in one-hour sessions."""

    class Meta:
        model = AvailabilityWindow

    weekday = 0
    starts = time(9)
    ends = time(12)
    session_minutes = 60


class AvailabilityPauseFactory(_OfPeer):
    """A peer worker's day of leave, today."""

    class Meta:
        model = AvailabilityPause

    first_day = _today(lambda o: o.peer.unit)
    last_day = factory.SelfAttribute("first_day")


class SupervisionMeetingFactory(_OfPeer):
    """A peer worker's clinical supervision, today."""

    class Meta:
        model = SupervisionMeeting

    kind = "clinical"
    met_on = _today(lambda o: o.peer.unit)


class DebriefRequestFactory(_OfPeer):
    """A peer worker's open request for a debrief."""

    class Meta:
        model = DebriefRequest


class BookingFactory(_OfMother):
    """A mother's hour with a peer worker on the ward, tomorrow at this hour. A booked one
    holds its cells, as the booking service keeps them."""

    class Meta:
        model = Booking

    class Params:
        peer_worker = _someone(Role.PEER_WORKER, "..mother.unit")
        minutes = 60

    peer_worker_id = factory.SelfAttribute("peer_worker.id")
    starts_at = factory.LazyFunction(
        lambda: clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=o.minutes))
    place = "ward"
    status = BookingStatus.BOOKED.value

    @factory.post_generation
    def cells(booking, create, extracted, **kwargs):
        if create and booking.status == BookingStatus.BOOKED:
            hold_cells(booking)
            db.session.commit()


class TalkRequestFactory(_OfMother):
    class Meta:
        model = TalkRequest

    on_day = _today(lambda o: o.mother.unit)


class HandoverNoteFactory(_OfMother):
    class Meta:
        model = HandoverNote

    text = "Likes mornings"


class GoingHomePlanFactory(_OfMother):
    """Her plan, written by her."""

    class Meta:
        model = GoingHomePlan

    what_helped = "The baby massage group"
    warning_signs = "I stop sleeping when the baby sleeps"
    what_to_do = "Ask me how I am sleeping"
    updated_by_id = factory.SelfAttribute("mother_id")


class FeedbackResponseFactory(_InUnit):
    """An answer given this week."""

    class Meta:
        model = FeedbackResponse

    topic = "unit"
    week = factory.LazyAttribute(lambda o: week_start(clock.local_today(o.unit)))
    answer = "good"


class PushSubscriptionFactory(_OfUser):
    class Meta:
        model = PushSubscription

    endpoint = factory.Sequence(lambda n: f"https://fcm.googleapis.com/fcm/send/device-{n}")
    p256dh = "B" + "A" * 86  # a browser's keys, in shape only
    auth = "A" * 22
    device_label = "Android phone"


class NotificationFactory(_OfUser):
    class Meta:
        model = Notification

    kind = "booking.created"
    title = "New session"
    body = "Open the app to see it."
    url = "/"


class NotificationPreferenceFactory(_OfUser):
    class Meta:
        model = NotificationPreference


class CalendarFeedFactory(_OfUser):
    class Meta:
        model = CalendarFeed

    token_hash = factory.Sequence(lambda n: f"feed-{n}")


class VoicePointFactory(_OfMother):
    """A point for the team's meeting, raised without her name."""

    class Meta:
        model = VoicePoint

    text = "Could the night staff dim the corridor lights?"
    travels = "unnamed"
    meeting_on = _today(lambda o: o.mother.unit)


class Factory:
    """The ``factory`` fixture: ``factory.unit(...)`` and ``factory.user(role, unit, ...)``."""

    PASSWORD = PASSWORD

    @staticmethod
    def unit(**kwargs) -> Unit:
        return UnitFactory(**kwargs)

    @staticmethod
    def user(role: str | Role = Role.MOTHER, unit: Unit | None = None, **kwargs) -> User:
        if unit is not None:
            kwargs["unit"] = unit
        return UserFactory(role=Role(role).value, **kwargs)
