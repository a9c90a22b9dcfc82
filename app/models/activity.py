"""The group timetable: activities, per-date changes, sign-ups and suggestions.

An occurrence has no row of its own: it is (activity, date of the series), expanded from
the weekly pattern in the unit's time zone. Changes to one date live in
ActivityChange; sign-ups point at the series date, so they follow a moved occurrence.
"""

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import User

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Activity(Base):
    """A group on the timetable: weekly on some weekdays between two dates, or once."""

    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("capacity is null or capacity >= 1", name="capacity_positive"),
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
        CheckConstraint("end_time > start_time", name="times_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    title: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(300), default="")
    room: Mapped[str] = mapped_column(String(60))
    leader_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    # Weekdays as digits, Monday = 0: "13" is Tuesdays and Thursdays.
    weekdays: Mapped[str] = mapped_column(String(7))
    start_time: Mapped[time] = mapped_column(Time)  # local wall-clock time in the unit
    end_time: Mapped[time] = mapped_column(Time)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int | None] = mapped_column(Integer)
    visitor_friendly: Mapped[bool] = mapped_column(Boolean, default=False)
    baby_welcome: Mapped[bool] = mapped_column(Boolean, default=False)
    leader_name_public: Mapped[bool] = mapped_column(Boolean, default=False)
    # A mother supported after discharge sees and joins only these (a phone group, say).
    open_to_discharged: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    leader: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(d) for d in self.weekdays]

    @property
    def is_one_off(self) -> bool:
        return self.starts_on == self.ends_on

    def pattern_text(self) -> str:
        if self.is_one_off:
            return "Once"
        names = [WEEKDAY_NAMES[d] for d in self.weekday_numbers]
        return "Every " + " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


class ActivityChange(Base):
    """One date of a series cancelled (with a reason), moved to another time, or led by
    someone else at its usual time ("covered", while its leader is on leave)."""

    __tablename__ = "activity_change"
    __table_args__ = (
        UniqueConstraint("activity_id", "on_date", name="uq_activity_change_occurrence"),
        CheckConstraint("status in ('cancelled', 'moved', 'covered')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"))
    on_date: Mapped[date] = mapped_column(Date)  # the date in the series
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200), default="")
    new_date: Mapped[date | None] = mapped_column(Date, index=True)
    new_start_time: Mapped[time | None] = mapped_column(Time)
    new_end_time: Mapped[time | None] = mapped_column(Time)
    # "covered": the date keeps its time, led by someone else (her leave)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    leader: Mapped[User | None] = relationship(foreign_keys=[leader_id])


class SignUp(Base):
    """A mother's place at one occurrence, an offer of a freed place, or her place in line.

    The database holds capacity: a booked or offered row takes a seat number from 1 to
    the capacity, unique per occurrence, so two requests can never take the same seat.
    A waiting row takes a position in the short waiting list, unique the same way.
    """

    __tablename__ = "activity_signup"
    __table_args__ = (
        UniqueConstraint("activity_id", "on_date", "mother_id", name="uq_activity_signup_mother"),
        UniqueConstraint("activity_id", "on_date", "seat", name="uq_activity_signup_seat"),
        UniqueConstraint("activity_id", "on_date", "position", name="uq_activity_signup_position"),
        CheckConstraint("status in ('booked', 'offered', 'waiting')", name="status_known"),
        CheckConstraint("seat is null or seat >= 1", name="seat_positive"),
        CheckConstraint(
            "(status = 'waiting') = (position is not null)", name="position_when_waiting"
        ),
        Index("ix_activity_signup_occurrence", "activity_id", "on_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"))
    on_date: Mapped[date] = mapped_column(Date)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    seat: Mapped[int | None] = mapped_column(Integer)  # null when the group has no limit
    position: Mapped[int | None] = mapped_column(Integer)  # waiting list, first come first
    offer_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the push worker queued her reminder, so it is queued once only.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    mother: Mapped[User] = relationship()
    activity: Mapped[Activity] = relationship()


class ActivitySuggestion(Base):
    """A mother's idea for a group. Kept without her name: staff see the idea, not who."""

    __tablename__ = "activity_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarFeed(Base):
    """A secret link to one mother's calendar. Only a hash of the token is kept."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")
